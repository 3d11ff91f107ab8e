import type { FileResult } from '../types.js';

export interface RuleDocsInfo {
  id: string;
  description: string;
  defaultSeverity: string;
  indicator: string | null;
}

export interface FormatterOptions {
  /** Use ANSI colours (terminal formatter only). */
  color: boolean;
  /** Base URL of the rule docs; a rule's page is `<docsBaseUrl><id>.md`. */
  docsBaseUrl: string;
  /** Metadata of every rule, for formats that describe the rules they mention (SARIF). */
  rules: readonly RuleDocsInfo[];
  /** The tool version, for formats that record it. */
  version: string;
  /** Show errors only. */
  quiet?: boolean;
}

export type Formatter = (results: readonly FileResult[], options: FormatterOptions) => string;
