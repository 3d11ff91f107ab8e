import { asArray, asRecord, asString } from '../../core/nomination.js';
import { joinPointer } from '../../core/pointer.js';
import { didYouMean } from '../../util/suggest.js';
import { UNWAIVABLE, type FileRule } from '../types.js';

function isWaivable(ruleId: string): boolean {
  return !UNWAIVABLE.test(ruleId);
}

export const rule: FileRule = {
  kind: 'file',
  id: 'lifecycle/waiver-valid',
  indicator: null,
  description: 'Each waiver names a rule that exists and can be waived.',
  defaultSeverity: 'error',
  messages: {
    unknown: 'No rule is called "{rule}", so this waiver waives nothing.{suggestion} Run `dpg rules` to list the rule ids.',
    unwaivable:
      'Rule {rule} cannot be waived: yaml/, schema/ and internal/ findings mean the file cannot be read or checked reliably, so it can never be published. Fix the problem and remove this waiver.',
  },
  check(context) {
    const ids = context.ruleIds;
    asArray(context.data.waivers).forEach((entry, index) => {
      const ruleId = asString(asRecord(entry).rule);
      if (ruleId === undefined) return;
      const path = joinPointer('/waivers', index, 'rule');
      if (!isWaivable(ruleId)) {
        context.report({ path, messageId: 'unwaivable', data: { rule: ruleId } });
      } else if (!ids.includes(ruleId)) {
        context.report({ path, messageId: 'unknown', data: { rule: ruleId, suggestion: didYouMean(ruleId, ids.filter(isWaivable)) } });
      }
    });
  },
};
