import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { FileResult } from '../../src/core/types.js';
import { CLI_MODES, removeTempDirs, runCli, runInProcess, STACK_LINE, tempDir, writeTempFile } from '../support/cli.js';
import { lineOf } from '../support/nomination.js';
import { localNomination, REPOSITORY } from './nomination.js';
import { useOnlineServers } from './servers.js';

const FILE = 'nominations/example-case-manager.yaml';

const servers = useOnlineServers((github) => github.setRepositoryInfo('example-org/case-manager', { license: 'GPL-2.0' }));
afterEach(removeTempDirs);

/** Declares MIT for a repository GitHub finds GPL-2.0 in, with dead, looping, walled, rate-limited and slow links. */
function troubledNomination(): string {
  return localNomination(
    servers.web.origin,
    [['licenses', 0], { spdx: 'MIT', evidenceUrl: servers.web.url('/license-mit') }],
    [['ownership', 'evidenceUrls'], [servers.web.url('/loop')]],
    [['documentation', 'urls'], [servers.web.url('/gone-404')]],
    [['privacy', 'evidenceUrls'], [servers.web.url('/challenge')]],
    [['privacy', 'piiRequirements', 'policyUrl'], servers.web.url('/slow')],
    [['standards', 'openStandards', 0, 'evidenceUrl'], servers.web.url('/busy')],
    [['standards', 'openStandards', 1, 'evidenceUrl'], servers.web.url('/head-405')],
  );
}

const ONLINE = ['--online', '--allow-private-hosts', '--timeout', '400', '--cache-dir', '.online-cache'];

function requestCount(): number {
  return servers.web.requests.length + servers.github.requests.length;
}

function onlineFindings(stdout: string): Array<{ rule: string; line: number; severity: string }> {
  return (JSON.parse(stdout) as FileResult[])
    .flatMap((r) => r.diagnostics)
    .filter((d) => d.ruleId.startsWith('online/'))
    .map((d) => ({ rule: d.ruleId, line: d.line, severity: d.severity }));
}

describe.each(CLI_MODES)('dpg validate --online (%s)', (mode) => {
  it('reports dead links and loops at their lines, keeps walls and slow pages informational, fails on the licence GitHub detects, and answers a second run from the cache', async () => {
    const yaml = troubledNomination();
    const cwd = tempDir({ [FILE]: yaml });
    const env = { GITHUB_API_URL: servers.github.url };
    const first = await runCli(mode, ['validate', FILE, '-f', 'json', ...ONLINE], { cwd, env });
    expect(first.stderr).not.toMatch(STACK_LINE);
    expect(first.code).toBe(1);
    expect(onlineFindings(first.stdout)).toEqual([
      { rule: 'online/license-mismatch', line: lineOf(yaml, REPOSITORY), severity: 'error' },
      { rule: 'online/broken-link', line: lineOf(yaml, '/loop'), severity: 'warning' },
      { rule: 'online/broken-link', line: lineOf(yaml, '/gone-404'), severity: 'warning' },
      { rule: 'online/unverified-link', line: lineOf(yaml, '/challenge'), severity: 'info' },
      { rule: 'online/unverified-link', line: lineOf(yaml, '/slow'), severity: 'info' },
      { rule: 'online/unverified-link', line: lineOf(yaml, '/busy'), severity: 'info' },
    ]);
    const [result] = JSON.parse(first.stdout) as FileResult[];
    expect(result!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.ruleId)).toEqual(['online/license-mismatch']);
    expect(result!.diagnostics.find((d) => d.ruleId === 'online/license-mismatch')!.message).toContain(
      'GitHub detects GPL-2.0 in example-org/case-manager but the nomination declares MIT',
    );
    expect(result!.diagnostics.find((d) => d.line === lineOf(yaml, '/loop'))!.message).toContain('redirect loop');
    expect(result!.indicators).toMatchObject({ '2': 'fail', '3': 'warning', '5': 'warning' });

    const made = requestCount();
    expect(made).toBeGreaterThan(0);
    const second = await runCli(mode, ['validate', FILE, '-f', 'json', ...ONLINE], { cwd, env });
    expect(requestCount()).toBe(made);
    expect(second).toEqual(first);

    const stylish = await runCli(mode, ['validate', FILE, ...ONLINE], { cwd, env });
    expect(requestCount()).toBe(made);
    expect(stylish.stdout).toMatch(
      new RegExp(
        `^\\s+${lineOf(yaml, '/gone-404')}:\\d+\\s+warning\\s+"http://127\\.0\\.0\\.1:\\d+/gone-404" is broken \\(404 Not Found\\).*online/broken-link$`,
        'm',
      ),
    );
    expect(stylish.stdout).toMatch(
      new RegExp(`^\\s+${lineOf(yaml, REPOSITORY)}:\\d+\\s+error\\s+GitHub detects GPL-2\\.0 .*online/license-mismatch$`, 'm'),
    );
  });
});

describe('dpg validate --online', () => {
  it('refuses loopback addresses without --allow-private-hosts, as information only', async () => {
    servers.github.setRepositoryInfo('example-org/case-manager', { license: 'GPL-3.0' });
    const yaml = localNomination(servers.web.origin, [['documentation', 'urls'], [servers.web.url('/gone-404')]]);
    const cwd = tempDir({ [FILE]: yaml });
    const run = await runInProcess(['validate', FILE, '-f', 'json', '--online', '--no-cache'], {
      cwd,
      env: { GITHUB_API_URL: servers.github.url },
    });
    expect(run.code).toBe(0);
    const findings = (JSON.parse(run.stdout) as FileResult[])[0]!.diagnostics.filter((d) => d.ruleId.startsWith('online/'));
    expect(findings.length).toBeGreaterThan(0);
    expect(
      findings.every(
        (d) => d.ruleId === 'online/unverified-link' && d.severity === 'info' && d.message.includes('refused: private address'),
      ),
    ).toBe(true);
    expect(servers.web.requests).toEqual([]);
  });

  it('--offline replays an earlier --online run without a request', async () => {
    const cwd = tempDir({ [FILE]: troubledNomination() });
    const env = { GITHUB_API_URL: servers.github.url };
    const online = await runInProcess(['validate', FILE, ...ONLINE], { cwd, env });
    const made = requestCount();
    const offline = await runInProcess(['validate', FILE, '--offline', '--allow-private-hosts', '--cache-dir', '.online-cache'], {
      cwd,
      env,
    });
    expect(requestCount()).toBe(made);
    expect(offline).toEqual(online);
    // Answers that came through a private address stay refused once the guard is back on.
    const guarded = await runInProcess(['validate', FILE, '--offline', '--cache-dir', '.online-cache'], { cwd, env });
    expect(requestCount()).toBe(made);
    expect(guarded.stdout).not.toContain('online/broken-link');
    expect(guarded.stdout).toMatch(/"http:\/\/127\.0\.0\.1:\d+\/loop" \(refused: private address \(127\.0\.0\.1\)/);
  });

  it('works with --changed: only the changed nominations are checked online', async () => {
    servers.github.setRepositoryInfo('example-org/case-manager', { license: 'GPL-3.0' });
    const cwd = tempDir({ [FILE]: localNomination(servers.web.origin) });
    const git = (...args: string[]) => execFileSync('git', args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '--quiet', '-b', 'main');
    git('config', 'commit.gpgsign', 'false');
    git('config', 'user.name', 'Test');
    git('config', 'user.email', 'test@example.org');
    git('add', '--all');
    git('commit', '--quiet', '-m', 'registry');
    git('checkout', '--quiet', '-b', 'feature');
    const changed = localNomination(servers.web.origin, [['documentation', 'urls'], [servers.web.url('/gone-410')]]);
    writeTempFile(cwd, FILE, changed);
    git('commit', '--quiet', '-am', 'dead documentation link');
    const run = await runInProcess(['validate', '--changed', '--base', 'main', '-f', 'json', ...ONLINE], {
      cwd,
      env: { GITHUB_API_URL: servers.github.url },
    });
    expect(run.code).toBe(0);
    expect(onlineFindings(run.stdout)).toEqual([{ rule: 'online/broken-link', line: lineOf(changed, '/gone-410'), severity: 'warning' }]);
  });

  it.each([
    [['--timeout', '500'], '--timeout only applies with --online'],
    [['--allow-private-hosts'], '--allow-private-hosts only applies with --online'],
    [['--online', '--offline'], '--online and --offline exclude each other'],
    [['--offline', '--no-cache'], '--offline reads the cache'],
    [['--online', '--fix'], 'not to --fix'],
    [['--online', '--timeout', 'soon'], "option '--timeout <ms>' argument 'soon' is invalid"],
    [['--online', '--cache-ttl', 'a while'], "option '--cache-ttl <duration>' argument 'a while' is invalid"],
  ])('%j is a usage error', async (flags, message) => {
    const cwd = tempDir({ [FILE]: localNomination(servers.web.origin) });
    const run = await runInProcess(['validate', FILE, ...flags], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(requestCount()).toBe(0);
  });

  it("keeps its cache in the caches' folder of the registry, signed with the same key", async () => {
    const cwd = tempDir({ [FILE]: localNomination(servers.web.origin) });
    const cacheRoot = tempDir();
    const first = await runInProcess(['validate', FILE, '--online', '--allow-private-hosts'], {
      cwd,
      env: { DPG_CACHE_DIR: cacheRoot, GITHUB_API_URL: servers.github.url },
    });
    const [registry] = readdirSync(path.join(cacheRoot, 'registries'));
    expect(readdirSync(path.join(cacheRoot, 'registries', registry!))).toContain('online');
    expect(existsSync(path.join(cwd, 'node_modules'))).toBe(false);
    const before = requestCount();
    const second = await runInProcess(['validate', FILE, '--online', '--allow-private-hosts'], {
      cwd,
      env: { DPG_CACHE_DIR: cacheRoot, GITHUB_API_URL: servers.github.url },
    });
    expect(requestCount()).toBe(before);
    expect(second.stdout).toBe(first.stdout);
  });
});
