/**
 * Text from nominations reaches terminals, CI logs, pull-request comments and web pages. Some characters
 * are not shown there but act: C0 and C1 controls (escape sequences that recolour, hide or rewrite the
 * screen, hyperlinks, clipboard writes, carriage returns, backspaces, line breaks) and the bidirectional
 * marks, embeddings, overrides and isolates that reorder what a reader sees. These functions turn each
 * of them into a visible escape such as `\u001b`, so the text reads exactly as it is stored.
 */

const ACTING = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;
const ACTING_ALL = new RegExp(ACTING.source, 'g');
// Tabs and line feeds lay out multi-line text (a diff, a web page) and cannot hide anything there.
const ACTING_IN_LINES = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

function visible(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}

/** One line of text with every control and bidirectional character shown as an escape (`\u001b`); line breaks too. */
export function showControls(text: string): string {
  const value = String(text);
  return ACTING.test(value) ? value.replace(ACTING_ALL, visible) : value;
}

/** Like showControls, but keeps line feeds and tabs: for text shown as several lines. */
export function showControlsInLines(text: string): string {
  return String(text).replace(ACTING_IN_LINES, visible);
}

// The runner trims every kind of white space before looking for `::`.
const COMMAND_START = /^([^\S\n]*):(?=:)/;
const COMMAND_STARTS = new RegExp(COMMAND_START.source, 'gm');

/**
 * Text that begins a line of output in a CI log. GitHub's runner reads a line starting with `::`, after
 * any spaces, as a workflow command (`::error::…`, `::add-mask::…`), so a value there must not start so.
 */
export function showLineStart(text: string): string {
  return showControls(text).replace(COMMAND_START, '$1\\u003a');
}

/** Text of several lines for a CI log (a diff): showControlsInLines, and no line starts a workflow command. */
export function showLogLines(text: string): string {
  return showControlsInLines(text).replace(COMMAND_STARTS, '$1\\u003a');
}

/**
 * Data of a GitHub workflow command (after `::`). @actions/core escapes `%`, CR and LF as `%25`, `%0D`
 * and `%0A`; here CR and LF, like every control, are already shown as escapes, so the data stays one
 * line of the log whatever the runner decodes.
 */
export function workflowCommandData(text: string): string {
  return showControls(text).replace(/%/g, '%25');
}

/** A property of a GitHub workflow command (`file=…,title=…`): data, plus `:` and `,` escaped as @actions/core does. */
export function workflowCommandProperty(text: string): string {
  return workflowCommandData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
