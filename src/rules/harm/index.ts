import { rule as aiTrainingData } from './ai-training-data.js';

export const harmRules = [aiTrainingData];
