import { summarise } from '../../src/lint/engine.js';
import type { Diagnostic, FileResult, IndicatorId } from '../../src/core/types.js';

export const HEAD_SHA = '3f2a9c41d0b8e7a6c5d4e3f2a1b0c9d8e7f6a5b4';
export const NEXT_SHA = '9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d';

export function diagnostic(overrides: Partial<Diagnostic> & Pick<Diagnostic, 'ruleId' | 'message' | 'line'>): Diagnostic {
  return {
    indicator: null,
    severity: 'error',
    path: '',
    column: 3,
    endLine: overrides.line,
    endColumn: 20,
    ...overrides,
  };
}

/** A file result whose indicator statuses follow its diagnostics, as the engine computes them. */
export function fileResult(file: string, diagnostics: Diagnostic[], notes: Array<[IndicatorId, string]> = []): FileResult {
  return { ...summarise(file, diagnostics, true), reviewNotes: notes.map(([indicator, note]) => ({ indicator, note })) };
}

/** A nomination whose licence is not approved (indicator 2 fails) and whose docs link is weak (a warning on 5). */
export function failingResults(
  message = 'The licence "CC-BY-ND-4.0" is a No-Derivatives licence; content must use CC BY, CC BY-SA, CC0, CC BY-NC or CC BY-NC-SA.',
): FileResult[] {
  return [
    fileResult(
      'nominations/open-atlas.yaml',
      [
        diagnostic({ ruleId: 'license/approved-for-category', indicator: '2', message, line: 14, path: '/licenses/0/spdx' }),
        diagnostic({
          ruleId: 'url/https',
          indicator: '5',
          severity: 'warning',
          message: 'Use https:// for http://docs.example.org.',
          line: 31,
          path: '/documentation/0/url',
        }),
      ],
      [['1', 'Is the evidence for each SDG convincing and specific to its targets?']],
    ),
  ];
}

export function passingResults(): FileResult[] {
  return [fileResult('nominations/open-atlas.yaml', [], [['1', 'Is the evidence for each SDG convincing and specific to its targets?']])];
}
