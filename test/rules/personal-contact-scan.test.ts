import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isRoleMailbox, maskAddress, maskPhone, personalContacts } from '../../src/rules/privacy/personal-contact.js';
import { withEdits } from '../support/nomination.js';
import { validateYaml } from '../support/validate.js';

// The patterns the rule used before its scanners (each address once): exact on short texts, but they backtrack without bound on long ones.
const EMAIL = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}/g;
const INTERNATIONAL_PHONE = /(?:tel:\s*|(?<![\w/.=-]))(?:\+|00)[1-9][\d\s().-]{6,22}\d/g;
const LABELLED_PHONE =
  /\b(?:phone|telephone|tel|mobile|cell|whatsapp|signal|fax)\b\.?\s*(?:number|no\.?)?\s*[:=]?\s*(\(?\d[\d\s().-]{5,20}\d)/gi;

function byPatterns(text: string): Array<{ kind: 'email' | 'phone'; masked: string }> {
  const found: Array<{ kind: 'email' | 'phone'; masked: string }> = [];
  const seen = new Set<string>();
  for (const match of text.matchAll(EMAIL)) {
    const token = text.slice(0, match.index).split(/\s/).at(-1) ?? '';
    if (token.includes('://')) continue;
    if (!isRoleMailbox(match[0]) && !seen.has(match[0])) found.push({ kind: 'email', masked: maskAddress(match[0]) });
    seen.add(match[0]);
  }
  const digits = (s: string) => s.replace(/\D/g, '').length;
  const phones = new Set<string>();
  for (const match of text.matchAll(INTERNATIONAL_PHONE)) {
    if (digits(match[0]) >= 8 && digits(match[0]) <= 15) phones.add(match[0].replace(/^tel:\s*/, ''));
  }
  for (const match of text.matchAll(LABELLED_PHONE)) {
    if (digits(match[1]!) >= 7 && digits(match[1]!) <= 15) phones.add(match[1]!);
  }
  for (const phone of phones) found.push({ kind: 'phone', masked: maskPhone(phone) });
  return found;
}

// Pieces that make contacts, near-contacts and the separators between them likely.
const PIECES = [
  'a',
  'Z',
  'j',
  '0',
  '1',
  '7',
  '00',
  '+',
  '+49',
  '.',
  '-',
  '_',
  '%',
  '@',
  ' ',
  '  ',
  '\t',
  '\n',
  '\u00a0',
  '(',
  ')',
  ':',
  '=',
  '/',
  '://',
  'tel:',
  'Tel',
  'phone',
  'PHONE',
  'telephone',
  'mobile',
  'cell',
  'WhatsApp',
  'signal',
  'fax',
  'number',
  'No',
  'no.',
  'info',
  'jane.doe',
  'example',
  'org',
  'de',
  'x1',
  'https://',
  'é',
  'ſ',
  '030 123',
  '12345',
  '678',
];
const text = fc.array(fc.constantFrom(...PIECES), { maxLength: 40 }).map((parts) => parts.join(''));

describe('privacy/personal-contact scanners', () => {
  it('find what the former patterns found, on any short text', () => {
    fc.assert(
      fc.property(text, (t) => {
        expect(personalContacts(t)).toEqual(byPatterns(t));
      }),
      { numRuns: 5000 },
    );
  });

  it.each([
    'Ask jane.doe@aam-digital.com or +254 712 345 678.',
    'Tel. no.: (030) 123 45 67; fax=030-1234568',
    'tel:   +49 30 1234 5678 and 0049 30 1234 5679',
    'See https://user:pw@example.org/x or write to a.b@c.d.example.co.uk1',
    'mobile   number   :   0722 123 456 and phone 1 2 3',
  ])('finds the same as the former patterns in %j', (t) => {
    expect(personalContacts(t)).toEqual(byPatterns(t));
    expect(personalContacts(t).length).toBeGreaterThan(0);
  });

  it.each([
    ['spaces after a label', `phone${' '.repeat(200_000)}x`],
    ['spaces between labels', 'phone number : '.repeat(15_000)],
    ['digits and separators', '+1 2-3.4(5) '.repeat(20_000)],
    ['addresses without a domain end', `${'a'.repeat(60)}@${'b.'.repeat(100_000)}1`],
    ['at signs and dots', '@.'.repeat(100_000)],
    ['many addresses in one word', 'a@b.co'.repeat(30_000)],
  ])('reads %s (200 kB) in linear time', (_name, hostile) => {
    const started = performance.now();
    personalContacts(hostile);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('privacy/personal-contact findings per text', () => {
  it('reports each contact once and at most ten per text, counting the rest in one more finding', () => {
    const addresses = Array.from({ length: 14 }, (_, i) => `person${i}@example.org`);
    const notes = [...addresses, ...addresses, 'jane@example.org jane@example.org'].join(' ');
    const findings = validateYaml(withEdits([['documentation', 'notes'], notes])).diagnostics.filter(
      (d) => d.ruleId === 'privacy/personal-contact',
    );
    expect(findings).toHaveLength(11);
    expect(findings.filter((d) => d.message.startsWith('p•••@'))).toHaveLength(10);
    expect(findings.map((d) => d.message)).toContain(
      '5 more e-mail addresses or phone numbers in this text look personal; remove them too.',
    );
  });
});
