import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_CONFIG, type Config } from '../../src/config/config.js';
import { checkOnline, type OnlineRunOptions } from '../../src/online/run.js';
import { DEFAULT_ONLINE_SETTINGS } from '../../src/config/online.js';
import type { FileResult } from '../../src/core/types.js';
import { lineOf } from '../support/nomination.js';
import { TEST_NOW, validateYaml } from '../support/validate.js';
import { localNomination, REPOSITORY } from './nomination.js';
import { useOnlineServers } from './servers.js';

const servers = useOnlineServers((github) => {
  github.setRepositoryInfo('example-org/case-manager', { license: 'GPL-3.0' });
  github.setRepositoryInfo('example-org/archived', { license: 'GPL-3.0', archived: true });
  github.setRepositoryInfo('example-org/old', { license: 'GPL-3.0', pushedAt: '2020-03-01T10:00:00Z' });
  github.setRepositoryInfo('example-org/gpl2', { license: 'GPL-2.0' });
  github.setRepositoryInfo('example-org/unlicensed', { license: null });
  github.setRepositoryInfo('example-org/custom', { license: 'NOASSERTION' });
});
let cacheDirs: string[] = [];

afterEach(() => {
  for (const dir of cacheDirs) rmSync(dir, { recursive: true, force: true });
  cacheDirs = [];
});

function cacheDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'dpg-online-cache-'));
  cacheDirs.push(dir);
  return dir;
}

function runOptions(yaml: string, overrides: Partial<OnlineRunOptions> = {}): OnlineRunOptions {
  return {
    config: DEFAULT_CONFIG,
    now: TEST_NOW,
    cwd: tmpdir(),
    mode: 'online',
    settings: { ...DEFAULT_ONLINE_SETTINGS, timeoutMs: 400, retries: 1 },
    allowPrivateHosts: true,
    github: { apiUrl: servers.github.url, delayUnitMs: 1 },
    source: () => yaml,
    sleep: async () => {},
    ...overrides,
  };
}

async function checkYaml(yaml: string, overrides: Partial<OnlineRunOptions> & { config?: Config } = {}): Promise<FileResult> {
  const offline = validateYaml(yaml, { config: overrides.config ?? DEFAULT_CONFIG });
  const [result] = await checkOnline([offline], runOptions(yaml, overrides));
  return result!;
}

function onlineHits(result: FileResult): Array<{ rule: string; line: number }> {
  return result.diagnostics.filter((d) => d.ruleId.startsWith('online/')).map((d) => ({ rule: d.ruleId, line: d.line }));
}

interface Case {
  name: string;
  yaml: () => string;
  expected: (yaml: string) => Array<{ rule: string; line: number }>;
}

const repo = (name: string) => `https://github.com/example-org/${name}`;

const cases: Case[] = [
  {
    name: 'a nomination whose links, repository and licence all check out',
    yaml: () => localNomination(servers.web.origin),
    expected: () => [],
  },
  {
    name: 'a dead documentation link is broken at its line',
    yaml: () => localNomination(servers.web.origin, [['documentation', 'urls'], [servers.web.url('/gone-404')]]),
    expected: (y) => [{ rule: 'online/broken-link', line: lineOf(y, '/gone-404') }],
  },
  {
    name: 'a redirect loop is broken',
    yaml: () => localNomination(servers.web.origin, [['ownership', 'evidenceUrls'], [servers.web.url('/loop')]]),
    expected: (y) => [{ rule: 'online/broken-link', line: lineOf(y, '/loop') }],
  },
  {
    name: 'bot walls, rate limits and slow pages are unverified',
    yaml: () =>
      localNomination(
        servers.web.origin,
        [['privacy', 'evidenceUrls'], [servers.web.url('/challenge')]],
        [['standards', 'openStandards', 0, 'evidenceUrl'], servers.web.url('/busy')],
        [['privacy', 'piiRequirements', 'policyUrl'], servers.web.url('/slow')],
      ),
    expected: (y) => [
      { rule: 'online/unverified-link', line: lineOf(y, '/challenge') },
      { rule: 'online/unverified-link', line: lineOf(y, '/slow') },
      { rule: 'online/unverified-link', line: lineOf(y, '/busy') },
    ],
  },
  {
    name: 'a server that only answers GET is fine',
    yaml: () => localNomination(servers.web.origin, [['website'], servers.web.url('/head-405')]),
    expected: () => [],
  },
  {
    name: 'a GitHub repository that does not exist is missing',
    yaml: () => localNomination(servers.web.origin, [['repositories', 0, 'url'], repo('ghost')]),
    expected: (y) => [{ rule: 'online/repository-missing', line: lineOf(y, 'example-org/ghost') }],
  },
  {
    name: 'an archived repository',
    yaml: () => localNomination(servers.web.origin, [['repositories', 0, 'url'], repo('archived')]),
    expected: (y) => [{ rule: 'online/repository-archived', line: lineOf(y, 'example-org/archived') }],
  },
  {
    name: 'a repository without a push for over two years',
    yaml: () => localNomination(servers.web.origin, [['repositories', 0, 'url'], `${repo('old')}.git`]),
    expected: (y) => [{ rule: 'online/repository-stale', line: lineOf(y, 'example-org/old') }],
  },
  {
    name: 'GitHub detects another licence than the declared one',
    yaml: () => localNomination(servers.web.origin, [['repositories', 0, 'url'], repo('gpl2')]),
    expected: (y) => [{ rule: 'online/license-mismatch', line: lineOf(y, 'example-org/gpl2') }],
  },
  {
    name: 'GitHub detects the declared licence under its short id',
    yaml: () =>
      localNomination(
        servers.web.origin,
        [['repositories', 0, 'url'], repo('gpl2')],
        [['licenses', 0, 'spdx'], 'GPL-2.0-or-later'],
        [['licenses', 0, 'evidenceUrl'], servers.web.url('/license-gpl')],
      ),
    // The page names GPL version 3, not 2.
    expected: (y) => [{ rule: 'online/license-evidence-mismatch', line: lineOf(y, '/license-gpl') }],
  },
  {
    name: 'no licence detected, or one GitHub cannot name, is unverified',
    yaml: () => localNomination(servers.web.origin, [['repositories'], [{ url: repo('unlicensed') }, { url: repo('custom') }]]),
    expected: (y) => [
      { rule: 'online/license-unverified', line: lineOf(y, 'example-org/unlicensed') },
      { rule: 'online/license-unverified', line: lineOf(y, 'example-org/custom') },
    ],
  },
  {
    name: 'a licence page that does not name the licence',
    yaml: () => localNomination(servers.web.origin, [['licenses', 0, 'evidenceUrl'], servers.web.url('/license-none')]),
    expected: (y) => [{ rule: 'online/license-evidence-mismatch', line: lineOf(y, '/license-none') }],
  },
  {
    name: 'a dead licence page is a broken link, not a licence mismatch',
    yaml: () => localNomination(servers.web.origin, [['licenses', 0, 'evidenceUrl'], servers.web.url('/gone-410')]),
    expected: (y) => [{ rule: 'online/broken-link', line: lineOf(y, '/gone-410') }],
  },
  {
    name: 'repositories on other hosts: gone is missing, a loop is broken, a wall is unverified',
    yaml: () =>
      localNomination(servers.web.origin, [
        ['repositories'],
        [
          { url: servers.web.url('/gone-404') },
          { url: servers.web.url('/loop') },
          { url: servers.web.url('/challenge') },
          { url: servers.web.url('/ok') },
        ],
      ]),
    expected: (y) => [
      { rule: 'online/repository-missing', line: lineOf(y, '/gone-404') },
      { rule: 'online/broken-link', line: lineOf(y, '/loop') },
      { rule: 'online/unverified-link', line: lineOf(y, '/challenge') },
    ],
  },
];

describe('online rules', () => {
  it.each(cases)('$name', async ({ yaml, expected }) => {
    const text = yaml();
    expect(onlineHits(await checkYaml(text))).toEqual(expected(text));
  });

  it('settles severities like every rule: errors, warnings, information; waivers and config apply', async () => {
    const text = localNomination(
      servers.web.origin,
      [['repositories', 0, 'url'], repo('gpl2')],
      [['documentation', 'urls'], [servers.web.url('/gone-404')]],
      [['privacy', 'evidenceUrls'], [servers.web.url('/challenge')]],
    );
    const result = await checkYaml(text);
    const severities = Object.fromEntries(
      result.diagnostics.filter((d) => d.ruleId.startsWith('online/')).map((d) => [d.ruleId, d.severity]),
    );
    expect(severities).toEqual({ 'online/license-mismatch': 'error', 'online/broken-link': 'warning', 'online/unverified-link': 'info' });
    expect(result.indicators['2']).toBe('fail');
    expect(result.indicators['5']).toBe('warning');
    expect(result.errorCount).toBe(1);
    expect(result.diagnostics.find((d) => d.ruleId === 'online/license-mismatch')!.message).toBe(
      "GitHub detects GPL-2.0 in example-org/gpl2 but the nomination declares GPL-3.0-only; declare the licence the repository is under, or correct the repository's licence file.",
    );

    const waived = await checkYaml(
      text.replace(
        'stage: nominee',
        'stage: nominee\nwaivers:\n  - rule: online/license-mismatch\n    reason: The repository is being relicensed.\n    approvedBy: A Reviewer',
      ),
      {
        config: {
          ...DEFAULT_CONFIG,
          rules: { 'online/broken-link': { severity: 'error' }, 'online/unverified-link': { severity: 'off' } },
        },
      },
    );
    expect(waived.diagnostics.filter((d) => d.ruleId.startsWith('online/')).map((d) => [d.ruleId, d.severity, Boolean(d.waived)])).toEqual([
      ['online/license-mismatch', 'info', true],
      ['online/broken-link', 'error', false],
    ]);
  });

  it('refuses loopback addresses unless private hosts are allowed, and never fails a nomination for it', async () => {
    const text = localNomination(servers.web.origin, [['documentation', 'urls'], [servers.web.url('/gone-404')]]);
    const result = await checkYaml(text, { allowPrivateHosts: false });
    const online = result.diagnostics.filter((d) => d.ruleId.startsWith('online/'));
    expect(new Set(online.map((d) => `${d.ruleId} ${d.severity}`))).toEqual(new Set(['online/unverified-link info']));
    expect(online.every((d) => /refused: private address \(127\.0\.0\.1 is loopback\)/.test(d.message))).toBe(true);
    expect(servers.web.requests).toEqual([]);
  });

  it('asks each URL once per run, even when several fields and files share it', async () => {
    const text = localNomination(servers.web.origin);
    const offline = validateYaml(text);
    await checkOnline([offline, { ...offline, file: 'nominations/copy.yaml' }], runOptions(text));
    // The licence page is read once (GET); every other field is /ok, asked once (HEAD).
    expect([...servers.web.requests].sort()).toEqual(['GET /license-gpl', 'HEAD /ok']);
    expect(servers.github.requests.map((r) => `${r.method} ${r.path}`)).toEqual(['GET /repos/example-org/case-manager']);
  });

  it('waits for a short GitHub rate limit, and leaves the repository unverified when the reset is far away', async () => {
    servers.github.rateLimitNext(1);
    expect(onlineHits(await checkYaml(localNomination(servers.web.origin)))).toEqual([]);
    expect(servers.github.requests.map((r) => r.status)).toEqual([403, 200]);

    servers.github.rateLimitNext(3600);
    const text = localNomination(servers.web.origin);
    const result = await checkYaml(text);
    expect(onlineHits(result)).toEqual([{ rule: 'online/unverified-link', line: lineOf(text, REPOSITORY) }]);
    expect(result.diagnostics.find((d) => d.ruleId === 'online/unverified-link')!.message).toMatch(/rate limit is used up until \d{4}-/);
  });
});

describe('the online cache', () => {
  const text = () =>
    localNomination(
      servers.web.origin,
      [['repositories', 0, 'url'], repo('gpl2')],
      [
        ['documentation', 'urls'],
        [servers.web.url('/gone-404'), servers.web.url('/loop')],
      ],
      [
        ['privacy', 'evidenceUrls'],
        [servers.web.url('/challenge'), servers.web.url('/slow')],
      ],
    );
  const requests = () => servers.web.requests.length + servers.github.requests.length;

  it('answers a second run without a single request, with the same findings', async () => {
    const yaml = text();
    const dir = cacheDir();
    const first = await checkYaml(yaml, { cacheDir: dir });
    const made = requests();
    expect(made).toBeGreaterThan(0);
    const second = await checkYaml(yaml, { cacheDir: dir });
    expect(requests()).toBe(made);
    expect(second).toEqual(first);
  });

  it('--offline replays the cache, and reports what it does not hold as unverified', async () => {
    const yaml = text();
    const dir = cacheDir();
    const empty = await checkYaml(yaml, { cacheDir: dir, mode: 'offline' });
    expect(requests()).toBe(0);
    expect(new Set(onlineHits(empty).map((h) => h.rule))).toEqual(new Set(['online/unverified-link']));
    expect(
      empty.diagnostics.filter((d) => d.ruleId === 'online/unverified-link').every((d) => d.message.includes('not in the cache')),
    ).toBe(true);

    const online = await checkYaml(yaml, { cacheDir: dir });
    const made = requests();
    // Offline replays whatever age the entries have.
    const replayed = await checkYaml(yaml, { cacheDir: dir, mode: 'offline', clock: () => Date.now() + 365 * 86_400_000 });
    expect(requests()).toBe(made);
    expect(replayed).toEqual(online);
  });

  it('asks again once results are older than the TTL; unverified results expire after an hour', async () => {
    const yaml = text();
    const dir = cacheDir();
    await checkYaml(yaml, { cacheDir: dir });
    servers.web.requests.length = 0;
    servers.github.clearLog();
    await checkYaml(yaml, { cacheDir: dir, clock: () => Date.now() + 2 * 3600_000 });
    // Only the unverified ones (bot wall, timeout) were asked again.
    expect([...new Set(servers.web.requests)].sort()).toEqual(['GET /challenge', 'HEAD /challenge', 'HEAD /slow']);
    expect(servers.github.requests).toEqual([]);
    servers.web.requests.length = 0;
    await checkYaml(yaml, { cacheDir: dir, clock: () => Date.now() + 25 * 3600_000 });
    expect(servers.web.requests.length).toBeGreaterThan(3);
    expect(servers.github.requests.length).toBe(1);
  });

  it('does not reuse a result reached through a private address once the guard is back on', async () => {
    const yaml = localNomination(servers.web.origin);
    const dir = cacheDir();
    await checkYaml(yaml, { cacheDir: dir });
    servers.web.requests.length = 0;
    const guarded = await checkYaml(yaml, { cacheDir: dir, allowPrivateHosts: false });
    expect(servers.web.requests).toEqual([]);
    expect(onlineHits(guarded).every((h) => h.rule === 'online/unverified-link')).toBe(true);
    expect(guarded.diagnostics.some((d) => d.message.includes('refused: private address'))).toBe(true);
  });
});
