import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/config.js';
import { UsageError } from '../../src/core/errors.js';
import { DEFAULT_ONLINE_SETTINGS, hostMatches, parseDuration } from '../../src/config/online.js';
import { ALL_RULES } from '../../src/rules/index.js';

describe('online settings in dpg.config.yaml', () => {
  it('defaults when absent', () => {
    expect(parseConfig('registry: nominations\n', ALL_RULES).online).toEqual(DEFAULT_ONLINE_SETTINGS);
  });

  it('reads every key', () => {
    const config = parseConfig(
      [
        'online:',
        '  timeoutMs: 5000',
        '  retries: 0',
        '  concurrency: 4',
        '  hostConcurrency: 1',
        '  cacheTtl: 30m',
        '  allowHosts: [registry.intranet.example, "*.corp.example"]',
        '  denyHosts: [tracker.example]',
      ].join('\n'),
      ALL_RULES,
    );
    expect(config.online).toEqual({
      timeoutMs: 5000,
      retries: 0,
      concurrency: 4,
      hostConcurrency: 1,
      cacheTtlMs: 1_800_000,
      allowHosts: ['registry.intranet.example', '*.corp.example'],
      denyHosts: ['tracker.example'],
    });
  });

  it.each([
    ['online: yes', /online must be a mapping/],
    ['online: { timeout: 5 }', /online has no key "timeout"/],
    ['online: { timeoutMs: 0 }', /online.timeoutMs must be a whole number from 1/],
    ['online: { retries: 1.5 }', /online.retries must be a whole number/],
    ['online: { cacheTtl: soon }', /online.cacheTtl must be a duration/],
    ['online: { allowHosts: "a.example" }', /online.allowHosts must be a list of host names/],
    ['online: { denyHosts: ["http://a.example/"] }', /online.denyHosts must be a list of host names/],
  ])('rejects %s', (yaml, message) => {
    expect(() => parseConfig(yaml, ALL_RULES)).toThrow(UsageError);
    expect(() => parseConfig(yaml, ALL_RULES)).toThrow(message);
  });

  it.each([
    ['24h', 86_400_000],
    ['30m', 1_800_000],
    ['90s', 90_000],
    ['7d', 604_800_000],
    ['500ms', 500],
    ['0', 0],
    ['24', undefined],
    ['h', undefined],
    ['-1h', undefined],
  ] as const)('parseDuration(%s) is %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });
});

describe('hostMatches', () => {
  it.each([
    ['tracker.example', ['tracker.example'], true],
    ['TRACKER.example.', ['tracker.example'], true],
    ['a.tracker.example.', ['*.tracker.example'], true],
    ['a.tracker.example', ['*.tracker.example'], true],
    ['nottracker.example', ['*.tracker.example'], false],
    ['tracker.example.org', ['tracker.example'], false],
  ])('%s against %j: %s', (host, patterns, expected) => {
    expect(hostMatches(host, patterns)).toBe(expected);
  });
});
