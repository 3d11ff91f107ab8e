import { docsUrl } from '../config/config.js';
import { showControls } from '../util/visible-text.js';
import type { Formatter } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, for GitHub code scanning and other SARIF viewers. */
export const formatSarif: Formatter = (results, options) => {
  const rules = options.rules.map((r) => ({
    id: r.id,
    shortDescription: { text: r.description },
    helpUri: docsUrl(r.id, options),
    defaultConfiguration: { level: LEVEL[r.defaultSeverity as keyof typeof LEVEL] ?? 'warning' },
    properties: { indicator: r.indicator },
  }));
  const index = new Map(rules.map((r, i) => [r.id, i]));
  const sarifResults = results.flatMap((result) =>
    result.diagnostics
      .filter((d) => !options.quiet || d.severity === 'error')
      .map((d) => ({
        ruleId: d.ruleId,
        ...(index.has(d.ruleId) ? { ruleIndex: index.get(d.ruleId) } : {}),
        level: LEVEL[d.severity],
        message: { text: showControls(d.message) },
        locations: [
          {
            physicalLocation: {
              artifactLocation: { uri: result.file },
              region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
            },
          },
        ],
        ...(d.waived
          ? { suppressions: [{ kind: 'inSource', justification: showControls(`${d.waived.reason} (approved by ${d.waived.approvedBy})`) }] }
          : {}),
        properties: { indicator: d.indicator, path: d.path },
      })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: { name: 'dpg', version: options.version, informationUri: options.docsBaseUrl.replace(/docs\/rules\/$/, ''), rules },
        },
        results: sarifResults,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
};
