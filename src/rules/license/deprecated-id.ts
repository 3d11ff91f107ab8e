import { joinPointer } from '../../core/pointer.js';
import { DEPRECATED_SUCCESSORS, successorOf } from '../../licenses/deprecated.js';
import { deprecatedLicenseIds, licenseNodes, parseSpdx } from '../../licenses/spdx.js';
import { asArray, asRecord } from '../../core/nomination.js';
import type { FileRule } from '../types.js';

/** `expression` with every occurrence of the licence `written` (e.g. "GPL-2.0+") replaced. */
function replaceLicense(expression: string, written: string, replacement: string): string {
  const escaped = written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return expression.replace(new RegExp(`(?<![A-Za-z0-9.:-])${escaped}(?![A-Za-z0-9.+-])`, 'g'), replacement);
}

export const rule: FileRule = {
  kind: 'file',
  id: 'license/deprecated-id',
  indicator: '2',
  description: 'Licences use current SPDX identifiers, not deprecated ones such as GPL-3.0 or GPL-2.0+.',
  defaultSeverity: 'warning',
  fixable: 'Replaces the deprecated identifier with its current SPDX identifier.',
  messages: {
    versioned:
      '"{written}" is a deprecated SPDX identifier; use "{replacement}", or "{orLater}" if the licence says "or any later version".',
    replaced: '"{written}" is a deprecated SPDX identifier; use "{replacement}".',
    noReplacement:
      '"{written}" is a deprecated SPDX identifier with no single replacement; pick the current identifier that matches the licence text from https://spdx.org/licenses/.',
  },
  check(context) {
    asArray(context.data.licenses).forEach((entry, index) => {
      const spdx = asRecord(entry).spdx;
      if (typeof spdx !== 'string') return;
      const parsed = parseSpdx(spdx);
      if (!parsed.ok) return;
      const path = joinPointer('/licenses', index, 'spdx');
      const seen = new Set<string>();
      for (const node of licenseNodes(parsed.tree)) {
        if (!deprecatedLicenseIds().has(node.license)) continue;
        const written = node.plus ? `${node.license}+` : node.license;
        if (seen.has(written)) continue;
        seen.add(written);
        const replacement = successorOf(node.license, node.plus);
        // A successor that carries its own exception cannot take another one.
        if (replacement === undefined || (node.exception && replacement.includes(' WITH '))) {
          context.report({ path, messageId: 'noReplacement', data: { written } });
          continue;
        }
        const orLater = DEPRECATED_SUCCESSORS[node.license]?.orLater;
        const fix = {
          description: `replace "${written}" with "${replacement}"`,
          path,
          value: replaceLicense(spdx, written, replacement),
        };
        if (orLater && !node.plus) {
          context.report({ path, messageId: 'versioned', data: { written, replacement, orLater }, fix });
        } else {
          context.report({ path, messageId: 'replaced', data: { written, replacement }, fix });
        }
      }
    });
  },
};
