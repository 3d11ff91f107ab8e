import { describe, expect, it } from 'vitest';
import { lineOf, validNominationText, withEdits } from '../support/nomination.js';
import { hits, validateYaml } from '../support/validate.js';

interface Case {
  name: string;
  yaml: string;
  expected: Array<{ rule: string; line: number }>;
}

/** The valid nomination with these aliases; expected hits are given as [rule, alias index]. */
function aliasCase(name: string, aliases: string[], expected: Array<[string, number]>): Case {
  const yaml = withEdits([['aliases'], aliases]);
  const first = lineOf(yaml, 'aliases:') + 1;
  return { name, yaml, expected: expected.map(([rule, index]) => ({ rule, line: first + index })) };
}

function repositoryCase(name: string, url: string, rules: string[]): Case {
  const yaml = withEdits([['repositories', 0, 'url'], url]);
  return { name, yaml, expected: rules.map((rule) => ({ rule, line: lineOf(yaml, `url: ${url}`) })) };
}

const cases: Case[] = [
  { name: 'the canonical nomination', yaml: validNominationText(), expected: [] },
  aliasCase('distinctive aliases', ['ECM', 'Case Manager NGO', 'Aam Digital'], []),
  aliasCase('an alias equal to the name', ['Example Case Manager'], [['identity/aliases', 0]]),
  aliasCase('an alias equal to the name but for case and punctuation', ['example-case manager!'], [['identity/aliases', 0]]),
  aliasCase('a blank alias', ['ECM', '   '], [['identity/aliases', 1]]),
  aliasCase('an alias repeated in other case', ['OpenCM', 'opencm'], [['identity/aliases', 1]]),
  aliasCase('a generic alias', ['ECM', 'Platform'], [['identity/generic-alias', 1]]),
  aliasCase('a generic phrase', ['Mobile App'], [['identity/generic-alias', 0]]),
  aliasCase('an alias under three letters', ['CM'], [['identity/generic-alias', 0]]),
  aliasCase('a short alias in a script without Latin letters', ['案例'], []),
  {
    name: 'software without repositories',
    yaml: withEdits([['repositories'], undefined]),
    get expected() {
      return [{ rule: 'identity/repository-required', line: lineOf(this.yaml, 'categories:') }];
    },
  },
  {
    name: 'software with an empty repositories list',
    yaml: withEdits([['repositories'], []]),
    get expected() {
      return [{ rule: 'identity/repository-required', line: lineOf(this.yaml, 'repositories:') }];
    },
  },
  {
    name: 'an AI model without repositories',
    yaml: withEdits(
      [['repositories'], undefined],
      [['categories'], ['ai-model']],
      [['doNoHarm', 'dataPrivacySecurity', 'trainingDataPii'], false],
    ),
    get expected() {
      return [{ rule: 'identity/repository-required', line: lineOf(this.yaml, 'categories:') }];
    },
  },
  {
    name: 'content without repositories',
    yaml: withEdits([['repositories'], undefined], [['categories'], ['content']], [['licenses', 0, 'spdx'], 'CC-BY-4.0']),
    expected: [],
  },
  repositoryCase('a GitHub organisation', 'https://github.com/example-org', ['identity/repository-url']),
  repositoryCase('a GitHub organisation with a trailing slash', 'https://www.github.com/example-org/', ['identity/repository-url']),
  repositoryCase('a GitLab group', 'https://gitlab.com/example-group', ['identity/repository-url']),
  repositoryCase('the GitHub home page', 'https://github.com', ['identity/repository-url']),
  repositoryCase('a GitLab project in a subgroup', 'https://gitlab.com/group/subgroup/project', []),
  repositoryCase('a repository on another forge', 'https://codeberg.org/example-org', []),
  ...(
    [
      ['a logo file in the registry folder', 'logos/case-manager.png', []],
      ['an https logo URL', 'https://example.org/logo.svg', []],
      ['a logo path leading out of the registry', '../secrets/key.png', ['identity/logo']],
      ['an absolute logo path', '/etc/logo.png', ['identity/logo']],
      ['a logo that is not an image file', 'logos/case-manager.yaml', ['identity/logo']],
      ['a hidden logo file', 'logos/.logo.png', ['identity/logo']],
      ['a plain-http logo URL', 'http://example.org/logo.png', ['identity/logo']],
      ['a data: logo', 'data:image/png;base64,AAAA', ['identity/logo']],
    ] as Array<[string, string, string[]]>
  ).map(([name, logo, rules]): Case => {
    const yaml = withEdits([['logo'], logo]);
    return { name, yaml, expected: rules.map((rule) => ({ rule, line: lineOf(yaml, 'logo:') })) };
  }),
];

describe('identity rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it('leaves exact repeats and empty aliases to the schema', () => {
    expect(hits(validateYaml(withEdits([['aliases'], ['ECM', 'ECM', '']]))).map((h) => h.rule)).toEqual([
      'schema/invalid-value',
      'schema/invalid-value',
    ]);
  });

  it('names the account of an organisation URL and shows a repository URL', () => {
    const [diagnostic] = validateYaml(withEdits([['repositories', 0, 'url'], 'https://github.com/example-org'])).diagnostics;
    expect(diagnostic!.message).toContain('"https://github.com/example-org/<repository>"');
  });

  it('takes the list of generic aliases from the options', () => {
    const yaml = withEdits([['aliases'], ['Casebook', 'Platform']]);
    const config = { rules: { 'identity/generic-alias': { options: { genericAliases: ['casebook'] } } } };
    expect(hits(validateYaml(yaml, { config }))).toEqual([{ rule: 'identity/generic-alias', line: lineOf(yaml, 'Casebook') }]);
  });
});
