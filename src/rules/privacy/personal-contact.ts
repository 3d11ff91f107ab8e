import { joinPointer } from '../../load/positions.js';
import type { FileRule } from '../types.js';

/**
 * Local parts of shared, role-based mailboxes: they reach a function of an organisation, not a person.
 * A local part counts as a role when it is one of these words, or starts with one followed by
 * `-`, `.`, `_` or `+` (privacy-team@, support.eu@).
 */
export const ROLE_MAILBOXES: readonly string[] = [
  'info', 'contact', 'contacts', 'hello', 'hi', 'team', 'office', 'admin', 'administrator', 'support', 'help', 'helpdesk',
  'privacy', 'dpo', 'dataprotection', 'data-protection', 'gdpr', 'security', 'abuse', 'legal', 'compliance', 'licensing',
  'press', 'media', 'communications', 'comms', 'marketing', 'sales', 'partnerships', 'partners', 'community', 'feedback',
  'enquiries', 'inquiries', 'general', 'secretariat', 'webmaster', 'postmaster', 'hostmaster', 'noreply', 'no-reply',
  'donotreply', 'notifications', 'dev', 'developers', 'opensource', 'open-source', 'git', 'maintainers', 'board', 'jobs',
  'careers', 'hr', 'finance', 'billing', 'accounts', 'membership', 'moderation', 'moderators', 'conduct', 'coc',
];

const EMAIL = /[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,24}/g;
/** An international number (+ or 00 and a country code), or a tel: link. */
const INTERNATIONAL_PHONE = /(?:tel:\s*|(?<![\w/.=-]))(?:\+|00)[1-9][\d\s().-]{6,22}\d/g;
/** A number introduced by a word saying it is one: "phone: 0301 234 5678", "WhatsApp 0722 123 456". */
const LABELLED_PHONE = /\b(?:phone|telephone|tel|mobile|cell|whatsapp|signal|fax)\b\.?\s*(?:number|no\.?)?\s*[:=]?\s*(\(?\d[\d\s().-]{5,20}\d)/gi;

export function isRoleMailbox(address: string): boolean {
  const local = address.slice(0, address.indexOf('@')).toLowerCase();
  return ROLE_MAILBOXES.some((role) => local === role || (local.startsWith(role) && /[-._+]/.test(local[role.length] ?? '')));
}

function digitCount(text: string): number {
  return text.replace(/\D/g, '').length;
}

/** `j•••@example.org`: enough to find it in the file without repeating it in logs and comments. */
export function maskAddress(address: string): string {
  const at = address.indexOf('@');
  return `${address[0]}•••${address.slice(at)}`;
}

export function maskPhone(number: string): string {
  const digits = number.replace(/\D/g, '');
  return `${number.trim().startsWith('+') ? '+' : ''}${digits.slice(0, 2)}•••${digits.slice(-2)}`;
}

/** Personal e-mail addresses and phone numbers in one text, masked. */
export function personalContacts(text: string): Array<{ kind: 'email' | 'phone'; masked: string }> {
  const found: Array<{ kind: 'email' | 'phone'; masked: string }> = [];
  // Cheap pre-checks first: this runs on every string of every file, and almost none hold a contact.
  if (!/\d/.test(text) && !text.includes('@')) return found;
  for (const match of text.includes('@') ? text.matchAll(EMAIL) : []) {
    // user:password@host inside a URL is a credential, which url/valid reports; mailto: links are addresses.
    const token = text.slice(0, match.index).split(/\s/).at(-1) ?? '';
    if (token.includes('://')) continue;
    if (!isRoleMailbox(match[0])) found.push({ kind: 'email', masked: maskAddress(match[0]) });
  }
  const phones = new Set<string>();
  for (const match of /\+|00|tel:/.test(text) ? text.matchAll(INTERNATIONAL_PHONE) : []) {
    const count = digitCount(match[0]);
    if (count >= 8 && count <= 15) phones.add(match[0].replace(/^tel:\s*/, ''));
  }
  for (const match of /phone|tel|mobile|cell|whatsapp|signal|fax/i.test(text) ? text.matchAll(LABELLED_PHONE) : []) {
    const count = digitCount(match[1]!);
    if (count >= 7 && count <= 15) phones.add(match[1]!);
  }
  for (const phone of phones) found.push({ kind: 'phone', masked: maskPhone(phone) });
  return found;
}

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
  description: 'Public files hold organisations\' role addresses only: no personal e-mail addresses or phone numbers of the people involved.',
  defaultSeverity: 'warning',
  messages: {
    email: '{masked} looks like a personal e-mail address; public files name only an organisation\'s role address (info@, contact@, privacy@ …). Remove it and keep personal contacts in the private channel (see docs/review.md).',
    phone: '{masked} looks like a phone number; public files hold no phone numbers of people. Remove it and keep personal contacts in the private channel (see docs/review.md).',
  },
  check(context) {
    walk(context.data, '', (text, path) => {
      for (const contact of personalContacts(text)) {
        context.report({ path, messageId: contact.kind, data: { masked: contact.masked } });
      }
    });
  },
};
