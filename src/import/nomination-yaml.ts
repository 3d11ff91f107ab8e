import type { Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { yaml } from '../util/yaml.js';
import { indicatorTitle } from '../core/indicators.js';
import type { IndicatorId } from '../core/types.js';

/**
 * Writes a nomination as YAML the way people read it: the schema modeline first, a comment opening
 * each indicator section, short lists in flow style, long texts as folded blocks. Used by `dpg import`
 * and `dpg new`; built through the yaml Document API so quoting is always right.
 */

export const SCHEMA_REF = '../schemas/nomination.schema.json';

/** Top-level keys in the schema's order, with the indicator whose section they open. */
export const SECTIONS: ReadonlyArray<[string, IndicatorId | 'lifecycle' | null]> = [
  ['name', null],
  ['aliases', null],
  ['description', null],
  ['website', null],
  ['categories', null],
  ['repositories', null],
  ['organizations', null],
  ['sectors', null],
  ['countries', null],
  ['sdgs', '1'],
  ['licenses', '2'],
  ['ownership', '3'],
  ['platformIndependence', '4'],
  ['documentation', '5'],
  ['dataExtraction', '6'],
  ['privacy', '7'],
  ['standards', '8'],
  ['doNoHarm', '9'],
  ['attestation', null],
  ['stage', 'lifecycle'],
  ['standardVersion', null],
  ['review', null],
  ['delisting', null],
];

const SUBSECTIONS: Record<string, IndicatorId> = {
  dataPrivacySecurity: '9a',
  inappropriateContent: '9b',
  harassmentProtection: '9c',
};

export interface NominationYamlOptions {
  /** `$schema` reference of the modeline, relative to the file's folder. */
  schemaRef?: string;
  /** Comment lines after the modeline. */
  header?: string[];
  /**
   * Comment lines for a top-level key, or for a 9a/9b/9c key as `doNoHarm.<key>`: written under the
   * section's title, or alone above a key that opens no section.
   */
  notes?: Record<string, string[]>;
}

/** The top-level keys of `nomination` in the schema's order (unknown keys last, as given). */
export function orderedNomination(nomination: Record<string, unknown>): Record<string, unknown> {
  const ordered: Record<string, unknown> = {};
  for (const [key] of SECTIONS) if (nomination[key] !== undefined) ordered[key] = nomination[key];
  for (const [key, value] of Object.entries(nomination)) if (!(key in ordered) && value !== undefined) ordered[key] = value;
  return ordered;
}

function keyPair(map: YAMLMap, key: string): Pair | undefined {
  return map.items.find((p): p is Pair => yaml().isScalar(p.key) && p.key.value === key);
}

function commentAbove(pair: Pair | undefined, lines: string[], blankLineBefore: boolean): void {
  if (!pair || !yaml().isScalar(pair.key)) return;
  const key = pair.key as Scalar;
  key.commentBefore = lines.map((l) => ` ${l}`).join('\n');
  key.spaceBefore = blankLineBefore;
}

export function nominationToYaml(nomination: Record<string, unknown>, options: NominationYamlOptions = {}): string {
  const doc = new (yaml().Document)(nomination);
  doc.commentBefore = [
    ` yaml-language-server: $schema=${options.schemaRef ?? SCHEMA_REF}`,
    ...(options.header ?? []).map((l) => ` ${l}`),
  ].join('\n');
  const root = doc.contents;
  if (!yaml().isMap(root)) return doc.toString();
  const notes = options.notes ?? {};

  for (const [key, section] of SECTIONS) {
    const pair = keyPair(root, key);
    const extra = notes[key] ?? [];
    if (section === 'lifecycle') commentAbove(pair, ['Maintainers only', ...extra], true);
    else if (section) commentAbove(pair, [`Indicator ${section} — ${indicatorTitle(section)}`, ...extra], true);
    else if (extra.length) commentAbove(pair, extra, false);
  }
  const harm = keyPair(root, 'doNoHarm');
  if (harm && yaml().isMap(harm.value)) {
    for (const [key, id] of Object.entries(SUBSECTIONS)) {
      commentAbove(keyPair(harm.value, key), [`${id} — ${indicatorTitle(id)}`, ...(notes[`doNoHarm.${key}`] ?? [])], false);
    }
  }

  yaml().visit(doc, {
    Seq(_, seq: YAMLSeq) {
      const values = seq.items.map((i) => (yaml().isScalar(i) ? String(i.value) : undefined));
      if (values.length && values.every((v) => v !== undefined && v.length <= 30) && values.join(', ').length <= 60) seq.flow = true;
    },
    Scalar(key, node) {
      if (key !== 'value' || typeof node.value !== 'string') return;
      if (node.value.includes('\n')) node.type = 'BLOCK_LITERAL';
      else if (node.value.length > 90 && node.value.includes(' ')) node.type = 'BLOCK_FOLDED';
    },
  });
  // Flow sequences cannot hold block scalars.
  yaml().visit(doc, {
    Seq(_, seq: YAMLSeq) {
      if (!seq.flow) return;
      for (const item of seq.items) if (yaml().isScalar(item)) item.type = undefined;
    },
  });
  return doc.toString({ lineWidth: 100, flowCollectionPadding: false });
}
