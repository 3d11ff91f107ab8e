import { describe, expect, it } from 'vitest';
import { isRoleMailbox, personalContacts } from '../../src/rules/privacy/personal-contact.js';
import { lineOf, withEdits } from '../support/nomination.js';
import { hits, validateYaml } from '../support/validate.js';

interface Case {
  name: string;
  yaml: string;
  expected: Array<{ rule: string; line: number }>;
}

const at = (needle: string) => (yaml: string) => [{ rule: 'privacy/personal-contact', line: lineOf(yaml, needle) }];
function row(name: string, yaml: string, expected: (yaml: string) => Case['expected'] = () => []): Case {
  return { name, yaml, expected: expected(yaml) };
}

const cases: Case[] = [
  row('the valid nomination has no personal contacts', withEdits()),
  row(
    'a role address is fine',
    withEdits([['documentation', 'notes'], 'Questions: info@aam-digital.com or privacy-team@aam-digital.com.']),
  ),
  row(
    'a personal address in the documentation notes',
    withEdits([['documentation', 'notes'], 'Ask jane.doe@aam-digital.com for access.']),
    at('Ask jane'),
  ),
  row(
    'a personal mailto link',
    withEdits([['privacy', 'adherenceSteps'], ['Data requests go to mailto:max.mustermann@example.org']]),
    at('mailto:'),
  ),
  row('an international phone number', withEdits([['documentation', 'notes'], 'Call +49 30 1234 5678 for a demo.']), at('Call +49')),
  row('a labelled national phone number', withEdits([['documentation', 'notes'], 'Phone: 030 123 45 67 (office hours).']), at('Phone:')),
  row(
    'dates, years and version numbers are not phone numbers',
    withEdits([['documentation', 'notes'], 'Release 2.14.3 of 2026-10-05, deployed in 2024 in 1200 clinics.']),
  ),
  row(
    'an e-mail address in the attestation title',
    withEdits([['attestation'], { name: 'Jane Doe', title: 'CTO (jane@aam-digital.com)' }]),
    at('title:'),
  ),
];

describe('privacy/personal-contact', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml)).filter((h) => h.rule === 'privacy/personal-contact')).toEqual(expected);
  });

  it('masks what it reports, so logs and comments do not repeat it', () => {
    const result = validateYaml(withEdits([['documentation', 'notes'], 'Ask jane.doe@aam-digital.com or +254 712 345 678.']));
    expect(
      result.diagnostics
        .filter((d) => d.ruleId === 'privacy/personal-contact')
        .map((d) => d.message.split(' ')[0])
        .sort(),
    ).toEqual(['+25•••78', 'j•••@aam-digital.com']);
    expect(JSON.stringify(result)).not.toContain('jane.doe');
  });

  it.each([
    ['info@example.org', true],
    ['Privacy@example.org', true],
    ['dpo@example.org', true],
    ['support.eu@example.org', true],
    ['team+dpg@example.org', true],
    ['jane.doe@example.org', false],
    ['information.officer@example.org', false],
    ['infodesk-jane@example.org', false],
  ])('%s is a role mailbox: %s', (address, role) => {
    expect(isRoleMailbox(address)).toBe(role);
  });

  it('finds nothing in URLs without contacts, and leaves credentials in URLs to url/valid', () => {
    expect(personalContacts('https://github.com/example-org/case-manager?tab=readme-ov-file&page=00491234567')).toEqual([]);
    expect(personalContacts('https://user:secret@example.org/x')).toEqual([]);
  });
});
