import { urlFields, urlProblem } from '../../util/url.js';
import type { FileRule } from '../types.js';

export const rule: FileRule = {
  kind: 'file',
  id: 'url/valid',
  indicator: null,
  description:
    'Every URL (website, url, …Url, …Urls) is an absolute http(s) URL with a public host name, no whitespace and no credentials.',
  defaultSeverity: 'error',
  messages: {
    whitespace: '"{url}" contains whitespace; write the URL without spaces (encode a space inside it as %20): "{example}".',
    notAbsolute: '"{url}" is not an absolute URL; write it with its scheme: "{example}".',
    malformed: '"{url}" is not a well-formed URL; write it as scheme, "://", host and path, e.g. "{example}".',
    scheme: '"{url}" uses {detail}, which is not a web address; give an https:// URL instead, e.g. "{example}".',
    credentials: '"{url}" contains a user name or password; never publish credentials — write "{example}".',
    host: '"{url}" has the host "{detail}", which is not reachable from the internet; give the public address, e.g. "{example}".',
  },
  check(context) {
    for (const field of urlFields(context.data)) {
      const problem = urlProblem(field.value);
      if (problem) {
        context.report({
          path: field.path,
          messageId: problem.messageId,
          data: { url: field.value, example: problem.example, detail: problem.detail },
        });
      }
    }
  },
};
