import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { judgeSpdx, requiredParts } from '../../src/licenses/approval.js';
import type { Category } from '../../src/core/nomination.js';

/** Records of the former registry, copied into the repository's fixtures. */
const NOMINEES = fileURLToPath(new URL('../fixtures/dpga/nominees/', import.meta.url));

/** The former registry's `type` values, as our categories. */
const CATEGORY_OF_TYPE: Record<string, Category> = {
  software: 'software',
  content: 'content',
  data: 'data',
  aimodel: 'ai-model',
  standard: 'standard',
};

/**
 * Approved DPGs whose declared licences do not meet today's policy, and why. Listed rather than
 * bent into the policy: their renewal must fix the licence declaration.
 */
const KNOWN_NONCONFORMING: Record<string, { parts: string[]; reason: string }> = {};

interface DpgaRecord {
  file: string;
  stage: string;
  types: string[];
  licenses: string[];
}

const records: DpgaRecord[] = readdirSync(NOMINEES)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => {
    const json = JSON.parse(readFileSync(join(NOMINEES, file), 'utf8')) as Record<string, unknown>;
    return {
      file,
      stage: String(json.stage ?? ''),
      types: (json.type as string[] | undefined) ?? [],
      licenses: ((json.license as Array<{ spdx?: string }> | undefined) ?? []).map((l) => String(l.spdx)),
    };
  });
const dpgs = records.filter((r) => r.stage.toLowerCase() === 'dpg');

/** Parts of the record's categories that none of its licences is approved for. */
function unapprovedParts(record: DpgaRecord): string[] {
  const categories = record.types.map((t) => CATEGORY_OF_TYPE[t]!);
  return requiredParts(categories).filter((part) => !record.licenses.some((spdx) => judgeSpdx(spdx, part)?.approved));
}

describe('licence policy on the approved DPGs of the former registry', () => {
  it('finds the records', () => {
    expect(dpgs.length).toBeGreaterThanOrEqual(20);
  });

  it('knows every type they use', () => {
    expect(dpgs.flatMap((r) => r.types).filter((t) => !(t in CATEGORY_OF_TYPE))).toEqual([]);
  });

  it('reads every licence they declare as valid SPDX', () => {
    expect(
      dpgs.flatMap((r) => r.licenses.filter((spdx) => judgeSpdx(spdx, 'code') === undefined).map((spdx) => `${r.file}: ${spdx}`)),
    ).toEqual([]);
  });

  it.each(dpgs.filter((r) => !(r.file in KNOWN_NONCONFORMING)).map((r) => [r.file, r] as const))(
    '%s is approved for its categories',
    (_file, record) => {
      expect(unapprovedParts(record)).toEqual([]);
    },
  );

  it.each(Object.entries(KNOWN_NONCONFORMING).map(([file, known]) => [file, known.reason, known.parts] as const))(
    '%s is still nonconforming: %s',
    (file, _reason, parts) => {
      const record = dpgs.find((r) => r.file === file);
      expect(record, `${file} is no longer among the DPG records; drop it from the list`).toBeDefined();
      expect(unapprovedParts(record!)).toEqual(parts);
    },
  );
});
