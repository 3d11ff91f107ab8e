import { mkdirSync, readFileSync, symlinkSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { afterAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { UsageError } from '../../src/core/errors.js';
import { summarise } from '../../src/publish/api.js';
import { renderChangelogPage } from '../../src/publish/changelog.js';
import { imageSize, LOGO_MAX_BYTES, parseLogoReference, resolveLogo } from '../../src/publish/logos.js';
import { sourceRepository } from '../../src/cli/shared/build.js';
import { contrastRatio, SDG_COLOURS, sdgTextColour } from '../../src/publish/sdgs.js';
import type { PublishedRecord, Selection } from '../../src/publish/select.js';
import { renderSite } from '../../src/publish/site.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { removeTempDirs, runInProcess, tempDir } from '../support/cli.js';
import { approved, gitInit, nomination, type Edit } from './helpers.js';

afterAll(() => removeTempDirs());

/** A 3×2 PNG: signature and IHDR are all a size needs. */
const PNG = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
  Buffer.from('IHDR'),
  Buffer.from([0, 0, 0, 3, 0, 0, 0, 2, 8, 6, 0, 0, 0]),
  Buffer.alloc(4),
]);

function dpg(name: string, ...edits: Edit[]): PublishedRecord {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-');
  return {
    slug,
    file: `nominations/${slug}.yaml`,
    data: parse(nomination(name, ...approved(), ...edits)),
    reviewDate: '2026-06-01',
    expires: '2027-06-01',
  };
}

function selection(dpgs: PublishedRecord[]): Selection {
  return { dpgs, nominees: [], excluded: [], blocking: [], conflicts: [] };
}

const NO_CHANGELOG = { available: false, reason: 'not a git repository' } as const;

describe('lists on the website', () => {
  it('keep a country whose name holds a comma as one country', () => {
    const record = dpg('Alpha', [
      ['countries', 'deployment'],
      ['Moldova, Republic of', 'Kenya'],
    ]);
    const html = renderSite({ selection: selection([record]), changelog: NO_CHANGELOG }).files.get('index.html') as string;
    expect(html).toMatch(/<dt>Countries<\/dt><dd><ul class="inline">(<li>[^<]+<\/li>)+<\/ul>/);
    expect(html).toContain('<li>Moldova, Republic of</li>');
  });

  it('name a licence once, however many parts it covers', () => {
    const licence = (covers: string) => ({
      spdx: 'MIT',
      evidenceUrl: 'https://github.com/example-org/alpha/blob/main/LICENSE',
      covers: [covers],
    });
    const record = dpg('Alpha', [['licenses'], [licence('code'), licence('content'), licence('data')]]);
    expect(summarise(record, 'dpg').licenses).toEqual(['MIT']);
    const html = renderSite({ selection: selection([record]), changelog: NO_CHANGELOG }).files.get('index.html') as string;
    expect(html).not.toMatch(/MIT · MIT|MIT, MIT/);
  });

  it('list the changelog newest first without numbers counting down', () => {
    const commit = (sha: string, date: string) => ({
      sha: sha.repeat(40),
      date,
      changes: [{ kind: 'added' as const, slug: 'alpha', name: 'Alpha' }],
    });
    const html = renderChangelogPage(
      {
        available: true,
        head: 'a'.repeat(40),
        root: 'b'.repeat(40),
        shallow: false,
        commits: [commit('b', '2026-02-01T00:00:00Z'), commit('a', '2026-01-01T00:00:00Z')],
      },
      new Map(),
      { feed: true },
    );
    expect(html).not.toMatch(/<ol\b/);
    expect(html.indexOf('2026-02-01')).toBeLessThan(html.indexOf('2026-01-01'));
  });

  it('colour SDG badges so that their text has a contrast of at least 4.5:1', () => {
    SDG_COLOURS.forEach((colour, i) => expect(contrastRatio(colour, sdgTextColour(i + 1)), `SDG ${i + 1}`).toBeGreaterThanOrEqual(4.5));
  });
});

describe('a record page', () => {
  it("sums up the indicators with a link to each one's section", () => {
    const record = {
      ...dpg('Alpha'),
      indicators: {
        1: 'pass',
        2: 'warning',
        3: 'pass',
        4: 'pass',
        5: 'pass',
        6: 'pass',
        7: 'pass',
        8: 'pass',
        9: 'pass',
        '9a': 'pass',
        '9b': 'pass',
        '9c': 'pass',
      },
    } as PublishedRecord;
    const html = renderSite({ selection: selection([record]), changelog: NO_CHANGELOG }).files.get('dpgs/alpha/index.html') as string;
    expect(html).toContain('DPG Standard: 12 of 12 indicators met');
    for (const id of ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9a', '9b', '9c']) {
      expect(html).toContain(`<a href="#indicator-${id}">`);
      expect(html).toContain(`id="indicator-${id}"`);
    }
    expect(html).toMatch(/<li class="verdict-warning"><a href="#indicator-2">.*— met, with a note/);
  });

  it.each([
    {
      name: 'the configuration',
      site: { repository: 'example-org/registry', branch: 'live' },
      env: {},
      url: 'https://github.com/example-org/registry',
      branch: 'live',
    },
    {
      name: 'GITHUB_REPOSITORY and the branch pushed',
      site: {},
      env: { GITHUB_REPOSITORY: 'other/repo', GITHUB_REF_TYPE: 'branch', GITHUB_REF_NAME: 'main' },
      url: 'https://github.com/other/repo',
      branch: 'main',
    },
    {
      name: 'the configuration before GITHUB_REPOSITORY',
      site: { repository: 'example-org/registry' },
      env: { GITHUB_REPOSITORY: 'other/repo' },
      url: 'https://github.com/example-org/registry',
      branch: 'main',
    },
  ])('links to its source file and its editor, with the repository from $name', ({ site, env, url, branch }) => {
    const changelog = {
      available: true as const,
      head: 'a'.repeat(40),
      root: 'b'.repeat(40),
      shallow: false,
      commits: [],
      registryPrefix: 'registry/nominations/',
    };
    const repository = sourceRepository(site, env, changelog, '/work/project/nominations', '/work/project')!;
    expect(repository.url).toBe(url);
    const html = renderSite({ selection: selection([dpg('Alpha')]), changelog, repository }).files.get('dpgs/alpha/index.html') as string;
    expect(html).toContain(`<a href="${url}/blob/${branch}/registry/nominations/alpha.yaml">View the source file</a>`);
    expect(html).toContain(`<a href="${url}/edit/${branch}/registry/nominations/alpha.yaml">Suggest an edit</a>`);
  });

  it('has no such links without a repository, nor with a GITHUB_REPOSITORY that is not owner/name', () => {
    expect(sourceRepository({}, {}, NO_CHANGELOG, '/p/nominations', '/p')).toBeUndefined();
    expect(sourceRepository({}, { GITHUB_REPOSITORY: 'a/b/../c' }, NO_CHANGELOG, '/p/nominations', '/p')).toBeUndefined();
    const html = renderSite({ selection: selection([dpg('Alpha')]), changelog: NO_CHANGELOG }).files.get('dpgs/alpha/index.html') as string;
    expect(html).not.toContain('Suggest an edit');
  });
});

describe('the site setting of dpg.config.yaml', () => {
  it('takes a repository and a branch', () => {
    expect(parseConfig('site:\n  repository: example-org/registry\n  branch: main\n', ALL_RULES).site).toEqual({
      repository: 'example-org/registry',
      branch: 'main',
    });
  });

  it.each(['site:\n  repository: https://github.com/a/b\n', 'site:\n  branch: "../x"\n', 'site:\n  repo: a/b\n', 'site: a/b\n'])(
    'refuses %j',
    (text) => {
      expect(() => parseConfig(text, ALL_RULES)).toThrow(UsageError);
      expect(() => parseConfig(text, ALL_RULES)).toThrow(/:\d+:\d+ {2}.*\bsite\b/);
    },
  );
});

describe('logos', () => {
  it.each([
    ['logos/alpha.png', 'file'],
    ['logos/alpha.SVG', 'file'],
    ['https://example.org/logo.png', 'url'],
    ['http://example.org/logo.png', 'invalid'],
    ['https://user:secret@example.org/logo.png', 'invalid'],
    ['javascript:alert(1)', 'invalid'],
    ['../logo.png', 'invalid'],
    ['logos/../../logo.png', 'invalid'],
    ['/etc/logo.png', 'invalid'],
    ['C:/logo.png', 'invalid'],
    ['logos\\alpha.png', 'invalid'],
    ['logos/alpha.exe', 'invalid'],
  ])('%j is a %s', (value, kind) => {
    expect(parseLogoReference(value).kind).toBe(kind);
  });

  it.each([
    [
      'a plain SVG with a viewBox',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 20"><rect width="40" height="20" fill="#0a4fb0"/></svg>',
      { width: 40, height: 20 },
    ],
    ['an SVG with a script', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"><script>alert(1)</script></svg>', undefined],
    ['an SVG with an event handler', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2" onload="alert(1)"></svg>', undefined],
    [
      'an SVG with an external link',
      '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 4 2"><image href="https://evil.example/x.png"/></svg>',
      undefined,
    ],
    ['an SVG with an entity', '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "y">]><svg viewBox="0 0 4 2"></svg>', undefined],
    ['HTML named .svg', '<html><body>hello</body></html>', undefined],
  ])('sizes or refuses %s', (_name, text, size) => {
    expect(imageSize(Buffer.from(text), 'svg')).toEqual(size);
  });

  it("reads a PNG's size from its header, and refuses a file that is not what its name says", () => {
    expect(imageSize(PNG, 'png')).toEqual({ width: 3, height: 2 });
    expect(imageSize(Buffer.from('GIF89a'), 'png')).toBeUndefined();
  });

  it('publishes a local file under a content hash, fitted into the box, and refuses links, escapes and huge files', () => {
    const dir = tempDir({
      'outside.png': PNG,
      'nominations/logos/alpha.png': PNG,
      'nominations/logos/big.png': Buffer.concat([PNG, Buffer.alloc(LOGO_MAX_BYTES)]),
    });
    const registry = path.join(dir, 'nominations');
    symlinkSync(path.join(dir, 'outside.png'), path.join(registry, 'logos/linked.png'));
    symlinkSync(dir, path.join(registry, 'up'));
    const local = resolveLogo('logos/alpha.png', 'alpha', registry);
    expect(local).toMatchObject({ logo: { kind: 'file', width: 56, height: 37 } });
    expect('logo' in local && local.logo.kind === 'file' && local.logo.path).toMatch(/^assets\/logos\/alpha-[0-9a-f]{12}\.png$/);
    expect(resolveLogo('https://example.org/logo.png', 'alpha', registry)).toEqual({
      logo: { kind: 'url', url: 'https://example.org/logo.png', origin: 'https://example.org' },
    });
    expect(resolveLogo('logos/linked.png', 'alpha', registry)).toEqual({
      problem: 'logo "logos/linked.png" is a symbolic link, which dpg never follows',
    });
    expect(resolveLogo('up/outside.png', 'alpha', registry)).toMatchObject({ problem: expect.stringContaining('symbolic link') });
    expect(resolveLogo('../outside.png', 'alpha', registry)).toMatchObject({
      problem: expect.stringContaining('leads out of the registry folder'),
    });
    expect(resolveLogo('logos/big.png', 'alpha', registry)).toMatchObject({ problem: expect.stringContaining('above the limit') });
    expect(resolveLogo('logos/missing.png', 'alpha', registry)).toMatchObject({ problem: expect.stringContaining('does not exist') });
  });
});

describe('dpg build with logos', () => {
  it('copies a local logo, shows a URL logo lazily with its origin allowed for images only, and a monogram otherwise', async () => {
    const dir = tempDir({
      'nominations/alpha.yaml': nomination('Alpha', ...approved(), [['logo'], 'logos/alpha.png']),
      'nominations/beta.yaml': nomination('Beta', ...approved(), [['logo'], 'https://cdn.example.org/beta.svg']),
      'nominations/gamma-delta.yaml': nomination('Gamma Delta', ...approved()),
      'nominations/logos/alpha.png': PNG,
      'dpg.config.yaml': 'site:\n  repository: example-org/registry\n',
    });
    const repo = gitInit(dir);
    repo.commit('Add the registry', '2026-06-02T10:00:00Z');
    const run = await runInProcess(['build', '--out', 'site'], { cwd: dir });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const index = readFileSync(path.join(dir, 'site/index.html'), 'utf8');
    const [, logoPath] =
      /<img class="logo" src="(assets\/logos\/alpha-[0-9a-f]{12}\.png)" width="56" height="37" alt="">/.exec(index) ?? [];
    expect(logoPath).toBeDefined();
    expect(readFileSync(path.join(dir, 'site', logoPath!)).equals(PNG)).toBe(true);
    expect(index).toContain(
      '<img src="https://cdn.example.org/beta.svg" width="56" height="56" alt="" loading="lazy" referrerpolicy="no-referrer">',
    );
    expect(index).toContain("img-src 'self' https://cdn.example.org;");
    expect(index).toMatch(/<span class="logo monogram mono-\d" aria-hidden="true">GD<\/span>/);
    const alpha = readFileSync(path.join(dir, 'site/dpgs/alpha/index.html'), 'utf8');
    expect(alpha).toContain("img-src 'self';");
    expect(alpha).toContain('<a href="https://github.com/example-org/registry/edit/main/nominations/alpha.yaml">Suggest an edit</a>');
  });

  it('stops, naming the file, when a local logo is a link', async () => {
    const dir = tempDir({ 'nominations/alpha.yaml': nomination('Alpha', ...approved(), [['logo'], 'logos/alpha.png']), 'secret.png': PNG });
    mkdirSync(path.join(dir, 'nominations/logos'));
    symlinkSync(path.join(dir, 'secret.png'), path.join(dir, 'nominations/logos/alpha.png'));
    const run = await runInProcess(['build', '--out', 'site'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nominations/alpha.yaml: logo "logos/alpha.png" is a symbolic link, which dpg never follows.');
    expect(() => readFileSync(path.join(dir, 'site/index.html'))).toThrow();
  });
});
