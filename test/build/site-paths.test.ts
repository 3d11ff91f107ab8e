import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { renderSite } from '../../src/publish/site.js';
import { RESERVED_SLUGS } from '../../src/util/slug.js';
import type { PublishedRecord, Selection } from '../../src/publish/select.js';
import { approved, nomination } from './helpers.js';

function dpg(file: string, slug: string, name: string): PublishedRecord {
  return { slug, file, data: parse(nomination(name, ...approved())), reviewDate: '2026-06-01', expires: '2027-06-01' };
}

function selection(dpgs: PublishedRecord[], nominees: PublishedRecord[] = []): Selection {
  return { dpgs, nominees, excluded: [], blocking: [], conflicts: [] };
}

const NO_CHANGELOG = { available: false, reason: 'not a git repository' } as const;

describe('the paths of the site', () => {
  it('are all distinct for a registry without conflicts', () => {
    const site = renderSite({
      selection: selection([dpg('nominations/alpha.yaml', 'alpha', 'Alpha')]),
      changelog: NO_CHANGELOG,
      compat: 'dpga',
    });
    expect(site.conflicts).toEqual([]);
    expect([...site.files.keys()]).toContain('api/v1/compat/dpga/nominees/alpha.json');
  });

  it('never let two records write one file: the collision names both', () => {
    const site = renderSite({
      selection: selection([dpg('nominations/a/alpha.yaml', 'alpha', 'Alpha'), dpg('nominations/b/alpha.yaml', 'alpha', 'Alpha B')]),
      changelog: NO_CHANGELOG,
    });
    expect(site.conflicts).toContain(
      'nominations/b/alpha.yaml: would be published as api/v1/dpgs/alpha.json, as is nominations/a/alpha.yaml; neither may overwrite the other.',
    );
    expect(site.files.get('api/v1/dpgs/alpha.json')).toContain('"name": "Alpha"');
  });

  it('count paths that differ only in case or normalisation as one', () => {
    const site = renderSite({
      selection: selection([dpg('nominations/alpha.yaml', 'alpha', 'Alpha'), dpg('nominations/upper.yaml', 'ALPHA', 'Upper')]),
      changelog: NO_CHANGELOG,
    });
    expect(site.conflicts[0]).toBe(
      'nominations/upper.yaml: would be published as api/v1/dpgs/ALPHA.json, as is nominations/alpha.yaml (as api/v1/dpgs/alpha.json); neither may overwrite the other.',
    );
  });

  it('never put a file where the site has a file, or outside the site', () => {
    const site = renderSite({
      selection: selection([], [dpg('nominations/x.yaml', 'index.json/x', 'X'), dpg('nominations/up.yaml', '../../../up', 'Up')]),
      changelog: NO_CHANGELOG,
    });
    expect(site.conflicts).toContain(
      'nominations/x.yaml: would be published as api/v1/nominees/index.json/x.json, which cannot exist beside api/v1/nominees/index.json (the index of nominees).',
    );
    expect(site.conflicts).toContain(
      'nominations/up.yaml: would be published as "api/v1/nominees/../../../up.json", which is not a path inside the site.',
    );
    expect([...site.files.keys()].filter((f) => f.includes('..') || f.startsWith('api/v1/nominees/index.json/'))).toEqual([]);
  });

  it.each([...RESERVED_SLUGS])('reserve "%s" for the site itself', (slug) => {
    const site = renderSite({
      selection: selection([], [dpg(`nominations/${slug}.yaml`, slug, slug)]),
      changelog: NO_CHANGELOG,
      compat: 'dpga',
    });
    expect(site.conflicts).toEqual([
      `nominations/${slug}.yaml: "${slug}" is a name the site and its API use for their own files; rename the file (and the name it is the slug of).`,
    ]);
  });

  it('reserve every folder and page name the site writes', () => {
    const site = renderSite({
      selection: selection([dpg('nominations/alpha.yaml', 'alpha', 'Alpha')]),
      changelog: NO_CHANGELOG,
      compat: 'dpga',
    });
    const own = [...site.files.keys()].filter((file) => !/\balpha\b/.test(file));
    const names = new Set(
      own
        .flatMap((file) => file.split('/'))
        .map((segment) => segment.replace(/\.[^.]*$/, ''))
        .filter((n) => /^[a-z0-9-]+$/.test(n)),
    );
    for (const name of names) expect(RESERVED_SLUGS.has(name), name).toBe(true);
  });
});
