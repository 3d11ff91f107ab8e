import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dnsCheck, fetchUrl, systemResolver, type HttpSettings, type Resolver } from '../../src/online/http.js';
import { Limiter } from '../../src/online/limiter.js';
import { WebServer } from './web-server.js';

let web: WebServer;
let waits: number[];

beforeAll(async () => {
  web = await WebServer.start();
});
afterAll(() => web.close());
beforeEach(() => {
  web.requests.length = 0;
  waits = [];
});

function settings(overrides: Partial<HttpSettings> = {}): HttpSettings {
  return {
    timeoutMs: 400,
    retries: 2,
    backoffMs: 10,
    maxRedirects: 5,
    maxBodyBytes: 2 * 1024 * 1024,
    allowPrivate: true,
    allowHosts: [],
    denyHosts: [],
    resolve: systemResolver,
    sleep: async (ms) => {
      waits.push(ms);
    },
    limiter: new Limiter(8, 2),
    userAgent: 'dpg-test',
    ...overrides,
  };
}

/** A resolver for made-up public names, all pointing at this machine (as a hostile DNS record could). */
const toLoopback: Resolver = async (hostname) => {
  if (hostname.endsWith('.example')) return [{ address: '127.0.0.1', family: 4 }];
  if (hostname === 'example.com') return [{ address: '93.184.215.14', family: 4 }];
  throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
};

interface StatusCase {
  name: string;
  path: string;
  outcome: string;
  reason: RegExp;
  requests: string[];
  waits?: number[];
}

const statusCases: StatusCase[] = [
  { name: '200 is ok after one HEAD', path: '/ok', outcome: 'ok', reason: /^200 OK$/, requests: ['HEAD /ok'] },
  {
    name: '404 is broken (HEAD, then GET to be sure)',
    path: '/gone-404',
    outcome: 'broken',
    reason: /^404 Not Found$/,
    requests: ['HEAD /gone-404', 'GET /gone-404'],
  },
  { name: '410 is broken', path: '/gone-410', outcome: 'broken', reason: /^410 Gone$/, requests: ['HEAD /gone-410', 'GET /gone-410'] },
  {
    name: 'a 403 bot challenge is unverified',
    path: '/challenge',
    outcome: 'unverified',
    reason: /^403 Forbidden: .*automated checks/,
    requests: ['HEAD /challenge', 'GET /challenge'],
  },
  {
    name: '429 is unverified, without a GET',
    path: '/busy',
    outcome: 'unverified',
    reason: /^429 Too Many Requests/,
    requests: ['HEAD /busy'],
  },
  { name: 'a redirect loop is broken', path: '/loop', outcome: 'broken', reason: /^redirect loop/, requests: ['HEAD /loop'] },
  {
    name: 'redirects are followed',
    path: '/hop-1',
    outcome: 'ok',
    reason: /^200 OK$/,
    requests: ['HEAD /hop-1', 'HEAD /hop-2', 'HEAD /ok'],
  },
  {
    name: 'a HEAD-405 server is asked again with GET',
    path: '/head-405',
    outcome: 'ok',
    reason: /^200 OK$/,
    requests: ['HEAD /head-405', 'GET /head-405'],
  },
  {
    name: 'an answer slower than the timeout is unverified',
    path: '/slow',
    outcome: 'unverified',
    reason: /^no answer within 400 ms$/,
    requests: ['HEAD /slow'],
  },
  {
    name: '5xx is retried with exponential back-off',
    path: '/flaky',
    outcome: 'ok',
    reason: /^200 OK$/,
    requests: ['HEAD /flaky', 'HEAD /flaky', 'HEAD /flaky'],
    waits: [10, 20],
  },
  {
    name: '5xx after the retries is unverified',
    path: '/down',
    outcome: 'unverified',
    reason: /^503 Service Unavailable, also after 2 retries$/,
    requests: ['HEAD /down', 'HEAD /down', 'HEAD /down'],
    waits: [10, 20],
  },
];

describe('fetchUrl: what an address answers', () => {
  it.each(statusCases)('$name', async ({ path, outcome, reason, requests, waits: expectedWaits }) => {
    const result = await fetchUrl(web.url(path), 'check', settings());
    expect(result.outcome).toBe(outcome);
    expect(result.reason).toMatch(reason);
    expect(web.requests).toEqual(requests);
    expect(waits).toEqual(expectedWaits ?? []);
  });

  it('stops after five redirects', async () => {
    for (let i = 0; i < 8; i++) web.routes.set(`/chain-${i}`, () => ({ status: 302, headers: { location: `/chain-${i + 1}` } }));
    const result = await fetchUrl(web.url('/chain-0'), 'check', settings());
    expect(result).toMatchObject({ outcome: 'unverified', reason: 'more than 5 redirects' });
    expect(web.count()).toBe(6);
  });

  it('reports a closed port as broken (connection refused)', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    expect(await fetchUrl(`http://127.0.0.1:${port}/`, 'check', settings())).toMatchObject({
      outcome: 'broken',
      reason: 'connection refused',
    });
  });

  it('reports a host name that does not exist as broken, unless DNS answers nothing at all', async () => {
    const working = settings({ resolve: toLoopback, dnsWorks: dnsCheck(toLoopback) });
    expect(await fetchUrl('https://no-such-host.invalid/', 'check', working)).toMatchObject({
      outcome: 'broken',
      reason: 'the host name does not exist (DNS)',
      cacheable: true,
    });
    const noDns: Resolver = async (hostname) => {
      throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
    };
    const offline = await fetchUrl('https://www.example.org/', 'check', settings({ resolve: noDns, dnsWorks: dnsCheck(noDns) }));
    expect(offline).toMatchObject({ outcome: 'unverified', cacheable: false });
    expect(offline.reason).toMatch(/^DNS lookup of www\.example\.org failed, and DNS does not answer for well-known names either/);
  });

  it('reads a page body up to the size cap', async () => {
    const full = await fetchUrl(web.url('/license-mit'), 'read', settings());
    expect(full.outcome).toBe('ok');
    expect(full.body!.toString()).toContain('Permission is hereby granted');
    const capped = await fetchUrl(web.url('/license-mit'), 'read', settings({ maxBodyBytes: 16 }));
    expect(capped.body!.length).toBe(16);
    expect(web.requests).toEqual(['GET /license-mit', 'GET /license-mit']);
  });

  it('keeps at most hostConcurrency requests in flight per host', async () => {
    let inFlight = 0;
    let most = 0;
    web.routes.set('/queued', () => {
      inFlight++;
      most = Math.max(most, inFlight);
      setTimeout(() => inFlight--, 30);
      return { status: 200, delayMs: 30 };
    });
    const limiter = new Limiter(8, 2);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) => fetchUrl(web.url(`/queued?${i}`), 'check', settings({ limiter }))),
    );
    expect(results.map((r) => r.outcome)).toEqual(Array(6).fill('ok'));
    expect(most).toBe(2);
  });
});

describe('fetchUrl: the private-address guard', () => {
  const guarded = (overrides: Partial<HttpSettings> = {}) => settings({ allowPrivate: false, resolve: toLoopback, ...overrides });

  it.each([
    ['an IPv4 loopback literal', () => web.url('/ok')],
    ['an IPv4-mapped IPv6 literal', () => `http://[::ffff:127.0.0.1]:${web.port}/ok`],
    ['a public-looking name that resolves to 127.0.0.1', () => `http://www.public.example:${web.port}/ok`],
  ])('refuses %s without sending anything', async (_name, url) => {
    const result = await fetchUrl(url(), 'check', guarded());
    expect(result).toMatchObject({ outcome: 'unverified', cacheable: false });
    expect(result.reason).toMatch(
      /^refused: private address \((127\.0\.0\.1 is|::ffff:7f00:1 is|www\.public\.example is 127\.0\.0\.1,) loopback\)/,
    );
    expect(web.requests).toEqual([]);
  });

  it('connects to the address the guard checked (a made-up name reaches the server only through the injected resolver)', async () => {
    const result = await fetchUrl(`http://intranet.example:${web.port}/ok`, 'check', guarded({ allowHosts: ['*.example'] }));
    expect(result).toMatchObject({ outcome: 'ok', privateHosts: ['intranet.example'] });
    expect(web.requests).toEqual(['HEAD /ok']);
  });

  it('checks every redirect hop again', async () => {
    web.routes.set('/to-private', () => ({ status: 302, headers: { location: `http://internal.example:${web.port}/ok` } }));
    const result = await fetchUrl(web.url('/to-private'), 'check', guarded({ allowHosts: ['127.0.0.1'] }));
    expect(result.outcome).toBe('unverified');
    expect(result.reason).toMatch(/^refused: private address \(internal\.example is 127\.0\.0\.1, loopback\)/);
    expect(web.requests).toEqual(['HEAD /to-private']);
  });

  it('never contacts a host of denyHosts', async () => {
    const result = await fetchUrl(web.url('/ok'), 'check', settings({ denyHosts: ['127.0.0.1'] }));
    expect(result).toMatchObject({ outcome: 'unverified', cacheable: false });
    expect(result.reason).toMatch(/denyHosts/);
    expect(web.requests).toEqual([]);
  });
});
