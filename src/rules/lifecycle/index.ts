import { rule as reviewCurrent } from './review-current.js';
import { rule as reviewDateFuture } from './review-date-future.js';
import { rule as waiverValid } from './waiver-valid.js';

export const lifecycleRules = [reviewCurrent, reviewDateFuture, waiverValid];
