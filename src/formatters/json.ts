import type { Formatter } from './types.js';

export const formatJson: Formatter = (results) => JSON.stringify(results, null, 2) + '\n';
