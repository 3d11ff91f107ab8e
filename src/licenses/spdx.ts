import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** One licence of a parsed expression: `GPL-2.0+ WITH Classpath-exception-2.0` → { license, plus, exception }. */
export interface SpdxLicenseNode {
  license: string;
  plus?: boolean;
  exception?: string;
}

export interface SpdxConjunctionNode {
  left: SpdxNode;
  conjunction: 'and' | 'or';
  right: SpdxNode;
}

export type SpdxNode = SpdxLicenseNode | SpdxConjunctionNode;

// The lists are read on first use: a run whose files all come from the results cache never needs them.
let parser: ((source: string) => SpdxNode) | undefined;
let current: ReadonlySet<string> | undefined;
let deprecated: ReadonlySet<string> | undefined;
let list: Readonly<Record<string, { name: string; osiApproved: boolean }>> | undefined;

const parseExpression = (source: string): SpdxNode => (parser ??= require('spdx-expression-parse') as (source: string) => SpdxNode)(source);
const licenseList = () => (list ??= require('spdx-license-list') as Readonly<Record<string, { name: string; osiApproved: boolean }>>);

/** Identifiers of the SPDX licence list that are in current use. */
export function currentLicenseIds(): ReadonlySet<string> {
  return (current ??= new Set(require('spdx-license-ids/index.json') as string[]));
}

/** Identifiers SPDX still accepts but has replaced (e.g. GPL-3.0 → GPL-3.0-only). */
export function deprecatedLicenseIds(): ReadonlySet<string> {
  return (deprecated ??= new Set(require('spdx-license-ids/deprecated.json') as string[]));
}

export type ParseResult = { ok: true; tree: SpdxNode } | { ok: false; error: string };

/**
 * Longer expressions are not parsed: real ones are a few dozen characters, and the parser's work grows
 * faster than the text, so a hostile value of a megabyte would stall the run.
 */
const MAX_EXPRESSION_LENGTH = 1000;

export function parseSpdx(source: string): ParseResult {
  if (source.length > MAX_EXPRESSION_LENGTH) return { ok: false, error: `longer than ${MAX_EXPRESSION_LENGTH} characters` };
  try {
    return { ok: true, tree: parseExpression(source) };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

export function isConjunction(node: SpdxNode): node is SpdxConjunctionNode {
  return 'conjunction' in node;
}

/** The licences of an expression, left to right. */
export function licenseNodes(node: SpdxNode): SpdxLicenseNode[] {
  return isConjunction(node) ? [...licenseNodes(node.left), ...licenseNodes(node.right)] : [node];
}

/** `LicenseRef-…` and `DocumentRef-…:LicenseRef-…` name a licence outside the SPDX list. */
export function isLicenseRef(id: string): boolean {
  return /^(DocumentRef-[A-Za-z0-9.-]+:)?LicenseRef-/.test(id);
}

/** The OSI approval flag of the SPDX licence list; ids the list does not know are not approved. */
export function isOsiApproved(id: string): boolean {
  return Object.hasOwn(licenseList(), id) && licenseList()[id]!.osiApproved;
}

/** The full name the SPDX licence list gives an id ("MIT" → "MIT License"), if it lists it. */
export function licenseName(id: string): string | undefined {
  return Object.hasOwn(licenseList(), id) ? licenseList()[id]!.name : undefined;
}

function isKnownException(token: string): boolean {
  // The parser knows the SPDX exception list; asking it avoids depending on that list directly.
  return parseSpdx(`MIT WITH ${token}`).ok;
}

function isKnownLicenseToken(token: string): boolean {
  const id = token.endsWith('+') ? token.slice(0, -1) : token;
  return currentLicenseIds().has(id) || deprecatedLicenseIds().has(id) || isLicenseRef(id);
}

export interface UnknownPart {
  text: string;
  /** Whether it stands where an exception belongs (after WITH). */
  exception: boolean;
}

/**
 * The parts of an expression that are not SPDX identifiers, operators or exceptions, with
 * neighbouring unknown words kept together ("Apache 2.0 OR MIT" → "Apache 2.0"). Without any
 * operator the whole text is one intended licence name ("MIT License", "GPL v3").
 */
export function unknownParts(source: string): UnknownPart[] {
  if (source.length > MAX_EXPRESSION_LENGTH) return [{ text: source, exception: false }];
  const parts: UnknownPart[] = [];
  let current: string[] = [];
  let afterWith = false;
  let hasOperator = false;
  const flush = () => {
    if (current.length) parts.push({ text: current.join(' '), exception: afterWith });
    current = [];
  };
  for (const token of source.split(/(\s+|[()])/).filter((t) => t.trim() !== '')) {
    if (/^(and|or|with|\(|\))$/i.test(token)) {
      flush();
      hasOperator = true;
      afterWith = token.toUpperCase() === 'WITH';
    } else if (afterWith ? isKnownException(token) : isKnownLicenseToken(token)) {
      flush();
      afterWith = false;
    } else {
      current.push(token);
    }
  }
  flush();
  if (!hasOperator && parts.length) return [{ text: source.trim(), exception: false }];
  return parts;
}
