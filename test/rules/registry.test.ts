import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { validateSources, type SourceFile } from '../../src/lint/engine.js';
import { lineOf, validNominationText, withEdits } from '../support/nomination.js';
import { hits, TEST_NOW, validateYaml } from '../support/validate.js';

interface Case {
  name: string;
  yaml: string;
  file?: string;
  context?: SourceFile[];
  expected: Array<{ rule: string; line: number }>;
}

const OWN_FILE = 'nominations/example-case-manager.yaml';

/** Another, unrelated solution of the registry, with edits of its own. */
function otherNomination(...edits: Array<[Array<string | number>, unknown]>): string {
  return withEdits(
    [['name'], 'Field Survey Kit'],
    [['repositories', 0, 'url'], 'https://github.com/survey-org/field-survey-kit'],
    ...edits,
  );
}

function other(file: string, ...edits: Array<[Array<string | number>, unknown]>): SourceFile {
  return { file, content: otherNomination(...edits) };
}

const valid = validNominationText();
const withAlias = withEdits([['aliases'], ['ECM', 'Survey Kit']]);
const withRepositoryUrl = withEdits([['repositories', 0, 'url'], 'https://github.com/example-org/case-manager']);

const cases: Case[] = [
  { name: 'the canonical nomination in its own file', yaml: valid, expected: [] },
  {
    name: 'a file named after another name',
    yaml: valid,
    file: 'nominations/case-manager.yaml',
    expected: [{ rule: 'registry/filename-slug', line: lineOf(valid, 'name:') }],
  },
  {
    name: 'a .yml file',
    yaml: valid,
    file: 'nominations/example-case-manager.yml',
    expected: [{ rule: 'registry/filename-slug', line: lineOf(valid, 'name:') }],
  },
  {
    name: 'a file named in capitals',
    yaml: valid,
    file: 'nominations/Example-Case-Manager.yaml',
    expected: [{ rule: 'registry/filename-slug', line: lineOf(valid, 'name:') }],
  },
  {
    name: 'a name with accents and symbols',
    yaml: withEdits([['name'], 'Sauvé & Santé — 2.0']),
    file: 'nominations/sauve-sante-2-0.yaml',
    expected: [],
  },
  {
    name: 'a name without Latin letters gives no slug',
    yaml: withEdits([['name'], '病例管理']),
    file: 'nominations/case-manager.yaml',
    expected: [{ rule: 'registry/filename-slug', line: lineOf(valid, 'name:') }],
  },
  {
    name: 'a name whose slug the site uses for itself',
    yaml: withEdits([['name'], 'Index']),
    file: 'nominations/index.yaml',
    expected: [{ rule: 'registry/filename-slug', line: lineOf(valid, 'name:') }],
  },
  { name: 'an unrelated registry', yaml: valid, context: [other('nominations/field-survey-kit.yaml')], expected: [] },
  {
    name: 'a copy under another file name',
    yaml: valid,
    context: [{ file: 'nominations/ecm.yaml', content: valid }],
    expected: [
      { rule: 'registry/duplicate', line: lineOf(valid, 'name:') },
      { rule: 'registry/duplicate', line: lineOf(valid, 'url: https://github.com') },
    ],
  },
  {
    name: 'the same name written differently',
    yaml: valid,
    context: [other('nominations/example-case-manager-2.yaml', [['name'], 'example case-manager'])],
    expected: [{ rule: 'registry/duplicate', line: lineOf(valid, 'name:') }],
  },
  {
    name: "an alias equal to another's name",
    yaml: withAlias,
    context: [other('nominations/survey-kit.yaml', [['name'], 'Survey Kit'])],
    expected: [{ rule: 'registry/duplicate', line: lineOf(withAlias, '- Survey Kit') }],
  },
  {
    name: "an alias equal to another's alias",
    yaml: withAlias,
    context: [other('nominations/field-survey-kit.yaml', [['aliases'], ['survey kit']])],
    expected: [{ rule: 'registry/duplicate', line: lineOf(withAlias, '- Survey Kit') }],
  },
  {
    name: "a name equal to another's alias",
    yaml: valid,
    context: [other('nominations/field-survey-kit.yaml', [['aliases'], ['Example Case Manager']])],
    expected: [{ rule: 'registry/duplicate', line: lineOf(valid, 'name:') }],
  },
  {
    name: 'a repository written differently',
    yaml: withRepositoryUrl,
    context: [
      other('nominations/field-survey-kit.yaml', [
        ['repositories', 0, 'url'],
        'http://www.GitHub.com/Example-Org/case-manager.git/?tab=readme#top',
      ]),
    ],
    expected: [{ rule: 'registry/duplicate', line: lineOf(withRepositoryUrl, 'url: https://github.com') }],
  },
  {
    name: 'another repository of the same organisation',
    yaml: valid,
    context: [
      other('nominations/field-survey-kit.yaml', [['repositories', 0, 'url'], 'https://github.com/example-org/case-manager-mobile']),
    ],
    expected: [],
  },
];

describe('registry rules', () => {
  it.each(cases)('$name', ({ yaml, file, context, expected }) => {
    expect(hits(validateYaml(yaml, { file: file ?? OWN_FILE, context }))).toEqual(expected);
  });

  it('gives the expected file name and how to rename', () => {
    const [diagnostic] = validateYaml(valid, { file: 'nominations/case-manager.yaml' }).diagnostics;
    expect(diagnostic!.message).toContain('"example-case-manager.yaml"');
    expect(diagnostic!.message).toContain('git mv nominations/case-manager.yaml nominations/example-case-manager.yaml');
  });

  it('names the other file in every duplicate', () => {
    const result = validateYaml(valid, { file: OWN_FILE, context: [{ file: 'nominations/other.yaml', content: valid }] });
    expect(result.diagnostics.map((d) => d.message)).toEqual([
      expect.stringMatching(/^Name "Example Case Manager" is also the name of nominations\/other\.yaml;/),
      expect.stringMatching(/^Repository https:\/\/github\.com\/example-org\/case-manager is also listed by nominations\/other\.yaml;/),
    ]);
  });

  it('reports a duplicate on every target involved, and on no context file', () => {
    const copy = { file: 'nominations/ecm.yaml', content: valid };
    const results = validateSources([{ file: OWN_FILE, content: valid }, copy], {
      config: DEFAULT_CONFIG,
      now: TEST_NOW,
      context: [other('nominations/field-survey-kit.yaml', [['aliases'], ['Example Case Manager']])],
    });
    expect(results.map((r) => r.file)).toEqual([OWN_FILE, 'nominations/ecm.yaml']);
    const [own, duplicate] = results;
    expect(hits(own!).filter((h) => h.rule === 'registry/duplicate')).toHaveLength(2);
    expect(own!.diagnostics[0]!.message).toContain('nominations/ecm.yaml, nominations/field-survey-kit.yaml');
    expect(hits(duplicate!)).toEqual([
      { rule: 'registry/duplicate', line: lineOf(valid, 'name:') },
      { rule: 'registry/filename-slug', line: lineOf(valid, 'name:') },
      { rule: 'registry/duplicate', line: lineOf(valid, 'url: https://github.com') },
    ]);
  });
});
