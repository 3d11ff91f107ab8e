import type { CoreRule } from '../types.js';

/** Reported by the schema stage (src/schema/validate.ts). */
export const rule: CoreRule = {
  kind: 'core',
  id: 'schema/enum',
  indicator: null,
  description: 'Values with a fixed vocabulary (categories, roles, stage, the 9a/9b ladders) must use one of its words.',
  defaultSeverity: 'error',
  messages: {
    notAllowed: '{where} is {actual}, which is not allowed.{hint}',
  },
};
