import { joinPointer } from '../../core/pointer.js';
import { asArray, asRecord, asString } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

/** Forges whose first path segment is a user or organisation and whose second is a repository. */
const FORGES = new Set(['github.com', 'gitlab.com']);

export const rule: FileRule = {
  kind: 'file',
  id: 'identity/repository-url',
  indicator: null,
  description: 'Repository URLs on GitHub and GitLab point at a repository, not at an organisation or user.',
  defaultSeverity: 'warning',
  messages: {
    organisation:
      '"{url}" is the page of the account "{owner}", not of a repository; give the repository\'s own URL, e.g. "https://{host}/{owner}/<repository>" (list each repository separately).',
    forge:
      '"{url}" is the home page of {host}, not a repository; give the repository\'s own URL, e.g. "https://{host}/<owner>/<repository>".',
  },
  check(context) {
    asArray(context.data.repositories).forEach((entry, index) => {
      const url = asString(asRecord(entry).url);
      if (!url) return;
      let parsed: URL;
      try {
        parsed = new URL(url);
      } catch {
        return; // url/valid reports it
      }
      const host = parsed.hostname.toLowerCase().replace(/^www\./, '');
      if (!FORGES.has(host)) return;
      const segments = parsed.pathname.split('/').filter(Boolean);
      const path = joinPointer('/repositories', index, 'url');
      if (segments.length === 0) context.report({ path, messageId: 'forge', data: { url, host } });
      else if (segments.length === 1) context.report({ path, messageId: 'organisation', data: { url, host, owner: segments[0]! } });
    });
  },
};
