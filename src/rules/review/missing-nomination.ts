import type { CoreRule } from '../types.js';

/** Reported by src/review/records.ts. */
export const rule: CoreRule = {
  kind: 'core',
  id: 'review/missing-nomination',
  indicator: null,
  description:
    'A review record sits in the folder of an existing nomination: reviews/<slug>/<reviewer>.yaml, where nominations/<slug>.yaml exists.',
  defaultSeverity: 'error',
  messages: {
    missing:
      'This review is filed under "{slug}", but the registry has no nomination {slug}.yaml; move it to the folder named after the nomination\'s file (reviews/<slug>/).{suggestion}',
    notInFolder:
      "A review record lives in a nomination's folder, reviews/<slug>/<reviewer>.yaml; move this file into the folder of the nomination it reviews.",
  },
};
