import { joinPointer } from '../../core/pointer.js';
import type { FileRule } from '../types.js';

/**
 * Local parts of shared, role-based mailboxes: they reach a function of an organisation, not a person.
 * A local part counts as a role when it is one of these words, or starts with one followed by
 * `-`, `.`, `_` or `+` (privacy-team@, support.eu@).
 */
const ROLE_MAILBOXES: readonly string[] = [
  'info',
  'contact',
  'contacts',
  'hello',
  'hi',
  'team',
  'office',
  'admin',
  'administrator',
  'support',
  'help',
  'helpdesk',
  'privacy',
  'dpo',
  'dataprotection',
  'data-protection',
  'gdpr',
  'security',
  'abuse',
  'legal',
  'compliance',
  'licensing',
  'press',
  'media',
  'communications',
  'comms',
  'marketing',
  'sales',
  'partnerships',
  'partners',
  'community',
  'feedback',
  'enquiries',
  'inquiries',
  'general',
  'secretariat',
  'webmaster',
  'postmaster',
  'hostmaster',
  'noreply',
  'no-reply',
  'donotreply',
  'notifications',
  'dev',
  'developers',
  'opensource',
  'open-source',
  'git',
  'maintainers',
  'board',
  'jobs',
  'careers',
  'hr',
  'finance',
  'billing',
  'accounts',
  'membership',
  'moderation',
  'moderators',
  'conduct',
  'coc',
];

export function isRoleMailbox(address: string): boolean {
  const local = address.slice(0, address.indexOf('@')).toLowerCase();
  return ROLE_MAILBOXES.some((role) => local === role || (local.startsWith(role) && '-._+'.includes(local[role.length] || '@')));
}

function digitCount(text: string): number {
  let count = 0;
  for (let i = 0; i < text.length; i++) if (isDigit(text.charCodeAt(i))) count++;
  return count;
}

/** `j•••@example.org`: enough to find it in the file without repeating it in logs and comments. */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  return `${address[0]}•••${address.slice(at)}`;
}

export function maskPhone(number: string): string {
  let digits = '';
  for (const c of number) if (isDigit(c.charCodeAt(0))) digits += c;
  return `${number.trim().startsWith('+') ? '+' : ''}${digits.slice(0, 2)}•••${digits.slice(-2)}`;
}

/*
 * The scanners below read every text of every file, which anyone can make as long and as odd as they like, so
 * they are hand-written loops that look at each character a bounded number of times: a regular expression with
 * optional parts between runs of spaces backtracks over every way of splitting the run (cubic time).
 */

const isDigit = (c: number): boolean => c >= 48 && c <= 57;
const isAsciiLetter = (c: number): boolean => (c | 32) >= 97 && (c | 32) <= 122;
const isAlnum = (c: number): boolean => isDigit(c) || isAsciiLetter(c);
/** \w of a regular expression without the u flag. */
const isWordChar = (c: number): boolean => isAlnum(c) || c === 95;
/** What may stand in the local part of an address: letters, digits and . _ % + -. */
const isLocalChar = (c: number): boolean => isAlnum(c) || c === 46 || c === 95 || c === 37 || c === 43 || c === 45;
const isLabelChar = (c: number): boolean => isAlnum(c) || c === 45;
/** What may stand between the digits of a phone number: digits, whitespace and ( ) . - */
const isPhoneChar = (c: number): boolean => isDigit(c) || isSpace(c) || c === 40 || c === 41 || c === 46 || c === 45;

/** \s of a regular expression. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 160) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  return i;
}

function startsWithIgnoringCase(text: string, word: string, at: number): boolean {
  return text.length - at >= word.length && text.slice(at, at + word.length).toLowerCase() === word;
}

/**
 * The end of the domain of an address whose "@" is just before `from`, or -1: whole labels of letters, digits
 * and "-" each followed by a dot, then a top-level label of 2 to 24 letters (the longest such domain).
 */
function domainEnd(text: string, from: number): number {
  const afterDots: number[] = [];
  let i = from;
  for (;;) {
    let j = i;
    while (j < text.length && isLabelChar(text.charCodeAt(j))) j++;
    if (j === i || text.charCodeAt(j) !== 46) break;
    i = j + 1;
    afterDots.push(i);
  }
  for (let k = afterDots.length - 1; k >= 0; k--) {
    const top = afterDots[k]!;
    let end = top;
    while (end < text.length && end - top < 24 && isAsciiLetter(text.charCodeAt(end))) end++;
    if (end - top >= 2) return end;
  }
  return -1;
}

/**
 * The e-mail addresses in a text, left to right, not overlapping: a letter or digit and up to 63 more of
 * letters, digits and . _ % + -, then "@" and a domain.
 */
function findAddresses(text: string): Array<{ start: number; end: number }> {
  const found: Array<{ start: number; end: number }> = [];
  let from = 0;
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', Math.max(at + 1, from))) {
    let start = at;
    const limit = Math.max(from, at - 64);
    while (start > limit && isLocalChar(text.charCodeAt(start - 1))) start--;
    while (start < at && !isAlnum(text.charCodeAt(start))) start++;
    if (start === at) continue;
    const end = domainEnd(text, at + 1);
    if (end === -1) continue;
    found.push({ start, end });
    from = end;
  }
  return found;
}

/**
 * The end of a phone number whose first digit is at `first`: then `min` to `max` digits, spaces and ( ) . -,
 * then a last digit (the longest such number); -1 when there is none.
 */
function numberEnd(text: string, first: number, min: number, max: number): number {
  if (!isDigit(text.charCodeAt(first))) return -1;
  let run = 0;
  while (run <= max && first + 1 + run < text.length && isPhoneChar(text.charCodeAt(first + 1 + run))) run++;
  for (let length = Math.min(max, run - 1); length >= min; length--) {
    if (isDigit(text.charCodeAt(first + 1 + length))) return first + 2 + length;
  }
  return -1;
}

/** Characters after which "+" or "00" does not start a number: it is inside a word, a path, a version or a query. */
const isNumberGlue = (c: number): boolean => isWordChar(c) || c === 47 || c === 46 || c === 61 || c === 45;

/** International numbers, left to right: "+" or "00", a digit 1-9, and 7 to 23 more of the number (or a tel: link). */
function findInternationalNumbers(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    let start = -1;
    if (text.startsWith('tel:', i)) start = skipSpaces(text, i + 4);
    else if (i === 0 || !isNumberGlue(text.charCodeAt(i - 1))) start = i;
    let digit = -1;
    if (start !== -1 && text.charCodeAt(start) === 43) digit = start + 1;
    else if (start !== -1 && text.startsWith('00', start)) digit = start + 2;
    const code = digit === -1 ? 0 : text.charCodeAt(digit);
    const end = code >= 49 && code <= 57 ? numberEnd(text, digit, 6, 22) : -1;
    if (end === -1) {
      i++;
      continue;
    }
    found.push(text.slice(start, end));
    i = end;
  }
  return found;
}

const PHONE_LABELS = new Set(['phone', 'telephone', 'tel', 'mobile', 'cell', 'whatsapp', 'signal', 'fax']);

/**
 * Numbers introduced by a word saying they are one ("phone: 0301 234 5678", "WhatsApp 0722 123 456",
 * "Tel. no. (030) 1234567"), left to right: the label as a whole word, then optionally ".", "number" or "no.",
 * ":" or "=", and the number: an optional "(", a digit, 5 to 20 more of the number, a final digit.
 */
function findLabelledNumbers(text: string): string[] {
  const found: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (!isWordChar(text.charCodeAt(i)) || (i > 0 && isWordChar(text.charCodeAt(i - 1)))) {
      i++;
      continue;
    }
    let wordEnd = i;
    while (wordEnd < text.length && isWordChar(text.charCodeAt(wordEnd))) wordEnd++;
    if (!PHONE_LABELS.has(text.slice(i, wordEnd).toLowerCase())) {
      i = wordEnd;
      continue;
    }
    let j = wordEnd;
    if (text.charCodeAt(j) === 46) j++;
    j = skipSpaces(text, j);
    if (startsWithIgnoringCase(text, 'number', j)) j += 6;
    else if (startsWithIgnoringCase(text, 'no', j)) j += text.charCodeAt(j + 2) === 46 ? 3 : 2;
    j = skipSpaces(text, j);
    if (text.charCodeAt(j) === 58 || text.charCodeAt(j) === 61) j++;
    j = skipSpaces(text, j);
    const open = text.charCodeAt(j) === 40 ? j + 1 : j;
    const end = numberEnd(text, open, 5, 20);
    if (end === -1) {
      i = wordEnd;
      continue;
    }
    found.push(text.slice(j, end));
    i = end;
  }
  return found;
}

/** Personal e-mail addresses and phone numbers in one text, each once, masked. */
export function personalContacts(text: string): Array<{ kind: 'email' | 'phone'; masked: string }> {
  const found: Array<{ kind: 'email' | 'phone'; masked: string }> = [];
  // user:password@host inside a URL is a credential, which url/valid reports; mailto: links are addresses. So an
  // address whose word (since the last whitespace) holds "://" before it is skipped.
  const addresses = new Set<string>();
  let scanned = 0;
  let lastSpace = -1;
  let lastScheme = -1;
  for (const { start, end } of findAddresses(text)) {
    for (; scanned < start; scanned++) {
      if (isSpace(text.charCodeAt(scanned))) lastSpace = scanned;
      else if (scanned >= 2 && text.startsWith('://', scanned - 2)) lastScheme = scanned - 2;
    }
    if (lastScheme > lastSpace) continue;
    const address = text.slice(start, end);
    if (!isRoleMailbox(address) && !addresses.has(address)) found.push({ kind: 'email', masked: maskAddress(address) });
    addresses.add(address);
  }
  const phones = new Set<string>();
  for (const number of findInternationalNumbers(text)) {
    const count = digitCount(number);
    if (count >= 8 && count <= 15) phones.add(number);
  }
  for (const number of findLabelledNumbers(text)) {
    const count = digitCount(number);
    if (count >= 7 && count <= 15) phones.add(number);
  }
  for (const phone of phones) found.push({ kind: 'phone', masked: maskPhone(phone) });
  return found;
}

/** Contacts reported one by one in a text; the rest are counted in one more finding. */
const MAX_REPORTED_PER_TEXT = 10;

function walk(value: unknown, pointer: string, visit: (text: string, pointer: string) => void, depth = 0): void {
  if (depth > 64) return;
  if (typeof value === 'string') visit(value, pointer);
  else if (Array.isArray(value)) value.forEach((item, i) => walk(item, joinPointer(pointer, i), visit, depth + 1));
  else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) walk(item, joinPointer(pointer, key), visit, depth + 1);
  }
}

export const rule: FileRule = {
  kind: 'file',
  id: 'privacy/personal-contact',
  indicator: null,
  description:
    "Public files hold organisations' role addresses only: no personal e-mail addresses or phone numbers of the people involved.",
  defaultSeverity: 'warning',
  messages: {
    email:
      "{masked} looks like a personal e-mail address; public files name only an organisation's role address (info@, contact@, privacy@ …). Remove it and keep personal contacts in the private channel (see docs/review.md).",
    phone:
      '{masked} looks like a phone number; public files hold no phone numbers of people. Remove it and keep personal contacts in the private channel (see docs/review.md).',
    more: '{count} more e-mail addresses or phone numbers in this text look personal; remove them too.',
  },
  check(context) {
    walk(context.data, '', (text, path) => {
      // A bounded number per text: a value made of thousands of addresses needs one look, not thousands of findings.
      const contacts = personalContacts(text);
      for (const contact of contacts.slice(0, MAX_REPORTED_PER_TEXT)) {
        context.report({ path, messageId: contact.kind, data: { masked: contact.masked } });
      }
      if (contacts.length > MAX_REPORTED_PER_TEXT) {
        context.report({ path, messageId: 'more', data: { count: contacts.length - MAX_REPORTED_PER_TEXT } });
      }
    });
  },
};
