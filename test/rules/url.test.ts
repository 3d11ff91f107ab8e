import { describe, expect, it } from 'vitest';
import { lineOf, validNominationText, withEdits } from '../support/nomination.js';
import { hits, validateYaml } from '../support/validate.js';

interface Case {
  name: string;
  yaml: string;
  expected: Array<{ rule: string; line: number }>;
}

function at(yaml: string, needle: string, rule: string): Case['expected'][number] {
  return { rule, line: lineOf(yaml, needle) };
}

function urlCase(name: string, path: Array<string | number>, value: string, needle: string, rules: string[]): Case {
  const yaml = withEdits([path, value]);
  return { name, yaml, expected: rules.map((rule) => at(yaml, needle, rule)) };
}

const cases: Case[] = [
  { name: 'the canonical nomination', yaml: validNominationText(), expected: [] },
  urlCase('a URL with a path, query and fragment', ['website'], 'https://example.org/a/b?c=d#e', 'website: https://example.org/a/b', []),
  urlCase('an IPv4 host', ['website'], 'https://203.0.113.7/app', 'website: https://203', []),
  urlCase('http:// on the website', ['website'], 'http://example.org', 'website: http://example.org', ['url/https']),
  urlCase('HTTP:// in capitals', ['website'], 'HTTP://EXAMPLE.ORG/', 'website: HTTP://', ['url/https']),
  urlCase('no scheme', ['website'], 'www.example.org', 'website: www.example.org', ['url/valid']),
  urlCase('a scheme-relative URL', ['website'], '//example.org', 'website: //example.org', ['url/valid']),
  urlCase('ftp://', ['website'], 'ftp://example.org/file', 'website: ftp://', ['url/valid']),
  urlCase('mailto:', ['website'], 'mailto:team@example.org', 'website: mailto:', ['url/valid']),
  urlCase('a single slash after the scheme', ['website'], 'https:/example.org', 'website: https:/example.org', ['url/valid']),
  urlCase('a space inside', ['website'], 'https://example.org/my page', 'website: https://example.org/my page', ['url/valid']),
  urlCase('credentials', ['website'], 'https://user:secret@example.org/', 'website: https://user:secret', ['url/valid']),
  urlCase('localhost', ['website'], 'http://localhost:8080/', 'website: http://localhost', ['url/valid']),
  urlCase('a host without a dot', ['website'], 'https://intranet/app', 'website: https://intranet', ['url/valid']),
  urlCase('a repository url', ['repositories', 0, 'url'], 'github.com/example-org/case-manager', 'url: github.com', ['url/valid']),
  urlCase('an organisation website', ['organizations', 0, 'website'], 'http://aam-digital.com', 'website: http://aam-digital.com', [
    'url/https',
  ]),
  urlCase('an evidenceUrl', ['licenses', 0, 'evidenceUrl'], 'example.org/LICENSE', 'evidenceUrl: example.org', ['url/valid']),
  urlCase('a nested policyUrl', ['privacy', 'piiRequirements', 'policyUrl'], 'http://example.org/privacy', 'policyUrl: http://', [
    'url/https',
  ]),
  urlCase('an item of evidenceUrls', ['ownership', 'evidenceUrls', 0], 'about-us', 'evidenceUrls: [ about-us ]', ['url/valid']),
  urlCase('an item of documentation urls', ['documentation', 'urls', 0], 'http://docs.example.org', 'urls: [ http://docs', ['url/https']),
];

describe('url rules', () => {
  it.each(cases)('$name', ({ yaml, expected }) => {
    expect(hits(validateYaml(yaml))).toEqual(expected);
  });

  it('says what is wrong and shows how to write the URL', () => {
    const messageOf = (value: string): string => validateYaml(withEdits([['website'], value])).diagnostics[0]!.message;
    expect(messageOf('www.example.org')).toContain('"https://www.example.org"');
    expect(messageOf('https://user:secret@example.org/x')).toContain('"https://example.org/x"');
    expect(messageOf(' https://example.org/my page ')).toContain('"https://example.org/my%20page"');
    expect(messageOf('git://github.com/x/y')).toContain('"https://github.com/x/y"');
    expect(messageOf('http://localhost:3000')).toContain('host "localhost"');
  });

  it('fixes http:// to https:// at the value', () => {
    const [diagnostic] = validateYaml(withEdits([['documentation', 'urls', 0], 'http://docs.example.org/a?b=c'])).diagnostics;
    expect(diagnostic).toMatchObject({
      ruleId: 'url/https',
      severity: 'warning',
      path: '/documentation/urls/0',
      fix: { path: '/documentation/urls/0', value: 'https://docs.example.org/a?b=c' },
    });
  });

  it('leaves values of the wrong type to the schema', () => {
    const result = validateYaml(withEdits([['website'], 42]));
    expect(hits(result).map((h) => h.rule)).toEqual(['schema/type']);
  });
});
