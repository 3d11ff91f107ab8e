import { urlFields, urlProblem } from '../../util/url.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'url/https',
  indicator: null,
  description: 'URLs use https:// rather than plain http://.',
  defaultSeverity: 'warning',
  fixable: 'Replaces http:// with https://.',
  messages: {
    http: '"{url}" uses plain http://; write "{secure}" (check the site answers over https).',
  },
  check(context) {
    for (const field of urlFields(context.data)) {
      // A URL that is wrong in other ways is url/valid's to report, once.
      if (!/^http:\/\//i.test(field.value) || urlProblem(field.value)) continue;
      const secure = field.value.replace(/^http:/i, 'https:');
      context.report({
        path: field.path,
        messageId: 'http',
        data: { url: field.value, secure },
        fix: { description: 'replace http:// with https://', path: field.path, value: secure },
      });
    }
  },
};
