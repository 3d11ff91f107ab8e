import type { FileResult, Severity } from '../core/types.js';

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
  /** Where the files are on the web, for links to their lines (Markdown). */
  source?: SourceLinks;
  /** Changes besides the files' results (a deletion, a file outside the registry), for formats that list them. */
  notes?: readonly ChangeNote[];
}

export interface SourceLinks {
  /** Web URL of the repository (`https://github.com/owner/name`). */
  repositoryUrl?: string;
  /** The commit the results describe; lines link to it. */
  commitSha?: string;
}

/** A change the pull request makes besides the validated nominations (a deletion, a file outside the registry). */
export interface ChangeNote {
  file: string;
  severity: Severity;
  message: string;
}

export type Formatter = (results: readonly FileResult[], options: FormatterOptions) => string;
