import { showControls } from '../util/visible-text.js';
import { ruleDocsUrl } from './docs.js';
import type { Formatter } from './types.js';

/** Text for an XML attribute or element; control characters (not allowed in XML 1.0) are shown as escapes first. */
function xml(text: string): string {
  return showControls(text)
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

/**
 * JUnit XML, as CI systems other than GitHub show test reports (GitLab, Jenkins, Azure): one test suite per
 * file, one failing test case per error or warning, and one passing case for a file without any.
 */
export const formatJunit: Formatter = (results, options) => {
  const out = ['<?xml version="1.0" encoding="utf-8"?>', '<testsuites>'];
  for (const result of results) {
    const shown = result.diagnostics.filter((d) => d.severity === 'error' || (d.severity === 'warning' && !options.quiet));
    const file = xml(result.file);
    out.push(`  <testsuite package="dpg" time="0" tests="${shown.length || 1}" errors="0" failures="${shown.length}" name="${file}">`);
    if (!shown.length) out.push(`    <testcase time="0" name="dpg" classname="${file}" />`);
    for (const d of shown) {
      const docs = ruleDocsUrl(d.ruleId, options);
      const detail = `line ${d.line}, col ${d.column}, ${d.severity === 'error' ? 'Error' : 'Warning'} - ${d.message} (${d.ruleId})${docs ? ` ${docs}` : ''}`;
      out.push(
        `    <testcase time="0" name="${xml(d.ruleId)}" classname="${file}">`,
        `      <failure type="${d.severity}" message="${xml(d.message)}">${xml(detail)}</failure>`,
        '    </testcase>',
      );
    }
    out.push('  </testsuite>');
  }
  out.push('</testsuites>');
  return out.join('\n') + '\n';
};
