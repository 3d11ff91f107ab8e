import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyChange, uuidV5 } from '../../src/publish/changelog.js';
import { removeTempDirs, runInProcess, tempDir, writeTempFile } from '../support/cli.js';
import { approved, gitInit, nomination, type GitRepo } from './helpers.js';

afterAll(removeTempDirs);

/**
 * A registry with three commits on main: Alpha (nominee) and Beta (DPG) added; Alpha approved and Beta
 * updated; Beta delisted with a reason. A file outside the registry and a draft in a hidden folder change
 * too and must not show.
 */
let repo: GitRepo;
let report: string;
const read = (file: string) => readFileSync(path.join(repo.dir, 'out', file), 'utf8');

beforeAll(async () => {
  repo = gitInit(tempDir());
  writeTempFile(repo.dir, 'nominations/alpha.yaml', nomination('Alpha'));
  writeTempFile(repo.dir, 'nominations/beta.yaml', nomination('Beta', ...approved('2026-01-05')));
  writeTempFile(repo.dir, 'README.md', '# registry\n');
  repo.commit('Add Alpha and Beta', '2026-01-10T09:00:00+02:00');
  writeTempFile(repo.dir, 'nominations/alpha.yaml', nomination('Alpha', ...approved('2026-02-10')));
  writeTempFile(
    repo.dir,
    'nominations/beta.yaml',
    nomination('Beta', ...approved('2026-01-05'), [['description'], 'A changed description.']),
  );
  repo.commit('Approve Alpha; describe Beta better', '2026-02-11T10:30:00Z');
  writeTempFile(repo.dir, 'README.md', '# registry, read me\n');
  // A draft in a hidden folder is not a nomination: the registry listing skips it, so the changelog does too.
  writeTempFile(repo.dir, 'nominations/.drafts/gamma.yaml', nomination('Gamma'));
  repo.commit('Docs and a draft only', '2026-02-20T08:00:00Z');
  writeTempFile(
    repo.dir,
    'nominations/beta.yaml',
    nomination(
      'Beta',
      ...approved('2026-01-05'),
      [['stage'], 'delisted'],
      [['delisting'], { date: '2026-03-12', reason: 'Relicensed under <b>proprietary</b> terms & conditions.' }],
    ),
  );
  repo.commit('Delist Beta', '2026-03-12T15:45:00Z');
  const run = await runInProcess(['build', '--out', 'out', '--site-url', 'https://example.github.io/registry'], { cwd: repo.dir });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  report = run.stdout;
});

describe('the changelog from git history', () => {
  it('counts the commits that changed the registry in the report', () => {
    expect(report).toContain('Changelog: 3 commits changed the registry; changelog/index.html and changelog.atom.');
  });

  it('lists additions, the approval, the update and the delisting with its reason, newest first, dated by commit', () => {
    const page = read('changelog/index.html');
    const items = [...page.matchAll(/<time datetime="([^"]+)">[^<]+<\/time><\/h2>\s*<ul>(.*?)<\/ul>/g)].map((m) => [
      m[1],
      m[2]!.replace(/<[^>]+>/g, '|'),
    ]);
    expect(items).toEqual([
      ['2026-03-12T15:45:00Z', '|Delisted Beta: Relicensed under &lt;b&gt;proprietary&lt;/b&gt; terms &amp; conditions.|'],
      ['2026-02-11T10:30:00Z', '|Approved |Alpha| as a digital public good||Updated Beta|'],
      ['2026-01-10T07:00:00Z', '|Added |Alpha| (nominee)||Added Beta as a digital public good|'],
    ]);
    // Alpha is published, so its name links to its page; Beta is not.
    expect(page).toContain('<a href="../dpgs/alpha/index.html">Alpha</a>');
    expect(page).not.toContain('<b>proprietary</b>');
  });

  it('writes a valid Atom feed: feed id, updated = newest commit, entries with id, title, updated and link', () => {
    const feed = read('changelog.atom');
    expect(feed).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom">/);
    expect(feed).toContain('<id>https://example.github.io/registry/changelog.atom</id>');
    expect(feed).toContain('<link rel="self" type="application/atom+xml" href="https://example.github.io/registry/changelog.atom"/>');
    expect(feed.match(/^ {2}<updated>(.*)<\/updated>$/m)![1]).toBe('2026-03-12T15:45:00Z');
    const entries = [...feed.matchAll(/<entry>([\s\S]*?)<\/entry>/g)].map((m) => m[1]!);
    expect(entries).toHaveLength(3);
    for (const entry of entries) {
      expect(entry).toMatch(/<id>urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}<\/id>/);
      expect(entry).toMatch(/<title>[^<]+<\/title>/);
      expect(entry).toMatch(/<updated>\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z<\/updated>/);
      expect(entry).toMatch(
        /<link rel="alternate" type="text\/html" href="https:\/\/example\.github\.io\/registry\/changelog\/index\.html#commit-[0-9a-f]{12}"\/>/,
      );
    }
    expect(entries[0]).toContain('<title>Delisted Beta: Relicensed under &lt;b&gt;proprietary&lt;/b&gt; terms &amp; conditions.</title>');
    // Content is HTML escaped once more inside the XML.
    expect(entries[0]).toContain('&lt;li&gt;Delisted Beta: Relicensed under &amp;lt;b&amp;gt;proprietary');
  });

  it('shows the build commit in the footer and builds the same bytes again', async () => {
    const head = repo.git('rev-parse', 'HEAD').trim();
    expect(read('index.html')).toContain(`built from commit <code>${head.slice(0, 12)}</code>`);
    const before = read('changelog.atom');
    expect(
      (await runInProcess(['build', '--out', 'out', '--site-url', 'https://example.github.io/registry/'], { cwd: repo.dir })).code,
    ).toBe(0);
    expect(read('changelog.atom')).toBe(before);
  });
});

describe('classifyChange', () => {
  const nominee = { name: 'X', stage: 'nominee' };
  const dpg = { name: 'X', stage: 'dpg' };
  it.each([
    { name: 'a new file', before: undefined, after: nominee, expected: { kind: 'added', stage: 'nominee' } },
    { name: 'a deleted file', before: dpg, after: undefined, expected: { kind: 'removed', stage: 'dpg' } },
    { name: 'nominee to dpg', before: nominee, after: dpg, expected: { kind: 'approved' } },
    { name: 'an edit of a dpg', before: dpg, after: { ...dpg, description: 'new' }, expected: { kind: 'updated' } },
    { name: 'dpg to expired', before: dpg, after: { name: 'X', stage: 'expired' }, expected: { kind: 'expired' } },
    {
      name: 'dpg to delisted',
      before: dpg,
      after: { name: 'X', stage: 'delisted', delisting: { reason: 'why' } },
      expected: { kind: 'delisted', reason: 'why' },
    },
    {
      name: 'an edit of a delisted record',
      before: { name: 'X', stage: 'delisted' },
      after: { name: 'Y', stage: 'delisted' },
      expected: { kind: 'updated', name: 'Y' },
    },
  ])('$name', ({ before, after, expected }) => {
    expect(classifyChange('nominations/x.yaml', before, after)).toMatchObject({ slug: 'x', ...expected });
  });

  it('derives stable version 5 UUIDs', () => {
    // The value Python's uuid.uuid5(uuid.NAMESPACE_URL, 'https://example.org/') gives.
    expect(uuidV5('https://example.org/')).toBe('urn:uuid:527dda32-a0de-5105-a042-cb475b5f7d11');
  });
});
