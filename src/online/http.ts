import { lookup as dnsLookup } from 'node:dns/promises';
import http, { STATUS_CODES } from 'node:http';
import https from 'node:https';
import { isIP, type LookupFunction } from 'node:net';
import { classifyAddress } from './address.js';
import type { Limiter } from './limiter.js';
import { hostMatches } from '../config/online.js';
import type { LinkOutcome } from '../rules/types.js';

/** Resolves a host name to its addresses (injectable, so tests can make a public name point anywhere). */
export type Resolver = (hostname: string) => Promise<Array<{ address: string; family: number }>>;

export const systemResolver: Resolver = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/** Names that exist for good (RFC 2606, IANA); when none resolves, DNS itself is unavailable. */
const WELL_KNOWN_HOSTS = ['example.com', 'iana.org'];

/** Asks once, on first use, whether `resolve` answers for well-known names. */
export function dnsCheck(resolve: Resolver): () => Promise<boolean> {
  let answer: Promise<boolean> | undefined;
  return () => {
    answer ??= Promise.any(
      WELL_KNOWN_HOSTS.map(async (host) => {
        if (!(await resolve(host)).length) throw new Error(`${host} has no address`);
        return true;
      }),
    ).catch(() => false);
    return answer;
  };
}

export interface HttpSettings {
  timeoutMs: number;
  retries: number;
  /** First back-off wait; doubled on each retry. */
  backoffMs: number;
  maxRedirects: number;
  /** Most bytes of a body kept when a page is read. */
  maxBodyBytes: number;
  /** Lift the private-address guard for every host. */
  allowPrivate: boolean;
  /** Hosts that may resolve to private addresses. */
  allowHosts: readonly string[];
  /** Hosts never contacted. */
  denyHosts: readonly string[];
  resolve: Resolver;
  /** Whether DNS answers at all; a host "not found" without working DNS is the network's fault, not the link's. */
  dnsWorks?(): Promise<boolean>;
  sleep(ms: number): Promise<void>;
  limiter: Limiter;
  userAgent: string;
}

export interface Fetched {
  outcome: LinkOutcome;
  status?: number;
  reason: string;
  /** The server itself said the page is gone (404, 410). */
  gone?: boolean;
  /** False when nothing was asked of the network (refused by the guard or the deny list): not worth remembering. */
  cacheable: boolean;
  /** Hosts reached on private addresses because the guard allowed them; a cached result is reused only while it still does. */
  privateHosts: string[];
  body?: Buffer;
  contentType?: string;
}

/** A request the guard stopped before any connection was made. */
class RefusedError extends Error {
  readonly code = 'EDPGREFUSED';
}

class TimeoutError extends Error {
  readonly code = 'EDPGTIMEOUT';
}

interface Answer {
  status: number;
  location?: string;
  contentType: string;
  body?: Buffer;
}

type Method = 'HEAD' | 'GET';

function refusalOf(address: string, host: string, exempt: boolean, privateHosts: Set<string>): string | undefined {
  const kind = classifyAddress(address);
  if (kind === 'public') return undefined;
  if (exempt) {
    privateHosts.add(host);
    return undefined;
  }
  const which = isIP(host.replace(/^\[(.*)\]$/, '$1')) ? `${address} is ${kind}` : `${host} is ${address}, ${kind}`;
  return `refused: private address (${which}); use --allow-private-hosts or online.allowHosts for an intranet host`;
}

/** One request, connecting only to addresses the guard checked (the lookup it uses is the guard's). */
function sendOnce(url: URL, method: Method, wantBody: boolean, settings: HttpSettings, privateHosts: Set<string>): Promise<Answer> {
  return new Promise<Answer>((resolve, reject) => {
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    if (hostMatches(url.hostname, settings.denyHosts)) {
      reject(new RefusedError(`refused: ${url.hostname} is in online.denyHosts of dpg.config.yaml`));
      return;
    }
    const exempt = settings.allowPrivate || hostMatches(url.hostname, settings.allowHosts);
    let lookup: LookupFunction | undefined;
    if (isIP(host)) {
      // An address literal is never looked up, so it is checked here.
      const refusal = refusalOf(host, url.hostname, exempt, privateHosts);
      if (refusal) {
        reject(new RefusedError(refusal));
        return;
      }
    } else {
      lookup = ((hostname: string, options: { family?: number | string; all?: boolean }, callback: (...args: unknown[]) => void) => {
        settings.resolve(hostname).then(
          (addresses) => {
            const family = options.family === 'IPv4' ? 4 : options.family === 'IPv6' ? 6 : Number(options.family) || 0;
            const candidates = addresses.filter((a) => !family || a.family === family);
            let refusal: string | undefined;
            const usable = candidates.filter((a) => {
              const reason = refusalOf(a.address, hostname, exempt, privateHosts);
              refusal ??= reason;
              return !reason;
            });
            if (!usable.length) {
              const error = refusal
                ? new RefusedError(refusal)
                : Object.assign(new Error(`getaddrinfo ENOTFOUND ${hostname}`), { code: 'ENOTFOUND' });
              callback(error, options.all ? [] : '', 4);
            } else if (options.all) {
              callback(
                null,
                usable.map((a) => ({ address: a.address, family: a.family })),
              );
            } else {
              callback(null, usable[0]!.address, usable[0]!.family);
            }
          },
          (err: unknown) => callback(err, options.all ? [] : '', 4),
        );
      }) as unknown as LookupFunction;
    }
    let settled = false;
    const finish = (error: Error | undefined, answer?: Answer) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      if (error) reject(error);
      else resolve(answer!);
    };
    const client = url.protocol === 'https:' ? https : http;
    const request = client.request({
      method,
      hostname: host,
      port: url.port || undefined,
      path: `${url.pathname}${url.search}`,
      headers: { 'user-agent': settings.userAgent, accept: 'text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.8' },
      agent: false,
      ...(lookup ? { lookup } : {}),
    });
    const timer = setTimeout(() => {
      const error = new TimeoutError(`no answer within ${settings.timeoutMs} ms`);
      finish(error);
      request.destroy(error);
    }, settings.timeoutMs);
    request.on('error', (err) => finish(err));
    request.on('response', (response) => {
      const status = response.statusCode ?? 0;
      const location = response.headers.location;
      const answer: Answer = { status, contentType: String(response.headers['content-type'] ?? ''), ...(location ? { location } : {}) };
      if (!wantBody || method === 'HEAD' || status < 200 || status >= 300) {
        // Only the status matters: stop the transfer rather than download what is not read.
        response.destroy();
        finish(undefined, answer);
        return;
      }
      const chunks: Buffer[] = [];
      let size = 0;
      const done = () => {
        response.destroy();
        finish(undefined, { ...answer, body: Buffer.concat(chunks) });
      };
      response.on('data', (chunk: Buffer) => {
        const room = settings.maxBodyBytes - size;
        chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
        size += Math.min(chunk.length, room);
        if (size >= settings.maxBodyBytes) done();
      });
      response.on('end', done);
      response.on('error', (err) => finish(err));
    });
    request.end();
  });
}

const TRANSIENT = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'EAI_AGAIN']);

function errorCode(err: unknown): string {
  return String((err as { code?: unknown } | null)?.code ?? '');
}

async function sendWithRetries(
  url: URL,
  method: Method,
  wantBody: boolean,
  settings: HttpSettings,
  privateHosts: Set<string>,
): Promise<{ answer: Answer; retried: number }> {
  for (let attempt = 0; ; attempt++) {
    const wait = () => settings.sleep(settings.backoffMs * 2 ** attempt);
    try {
      const answer = await settings.limiter.run(url.host.toLowerCase(), () => sendOnce(url, method, wantBody, settings, privateHosts));
      if (answer.status >= 500 && attempt < settings.retries) {
        await wait();
        continue;
      }
      return { answer, retried: attempt };
    } catch (err) {
      if (TRANSIENT.has(errorCode(err)) && attempt < settings.retries) {
        await wait();
        continue;
      }
      throw Object.assign(err as Error, { retried: attempt });
    }
  }
}

function statusText(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ''}`.trim();
}

function fromAnswer(answer: Answer, retried: number): Omit<Fetched, 'cacheable' | 'privateHosts'> {
  const { status } = answer;
  const text = statusText(status);
  if (status >= 200 && status < 300)
    return { outcome: 'ok', status, reason: text, contentType: answer.contentType, ...(answer.body ? { body: answer.body } : {}) };
  if (status === 404 || status === 410) return { outcome: 'broken', status, reason: text, gone: true };
  if (status === 401 || status === 403)
    return { outcome: 'unverified', status, reason: `${text}: the site asks for a login or blocks automated checks` };
  if (status === 429) return { outcome: 'unverified', status, reason: `${text}: the site limits automated checks` };
  if (status >= 500)
    return {
      outcome: 'unverified',
      status,
      reason: retried ? `${text}, also after ${retried} ${retried === 1 ? 'retry' : 'retries'}` : text,
    };
  if (status >= 300 && status < 400) return { outcome: 'unverified', status, reason: `${text} without a Location to follow` };
  return { outcome: 'unverified', status, reason: text };
}

function fromError(err: unknown): Omit<Fetched, 'cacheable' | 'privateHosts'> {
  const code = errorCode(err);
  const message = err instanceof Error ? err.message : String(err);
  if (code === 'EDPGREFUSED' || code === 'EDPGTIMEOUT') return { outcome: 'unverified', reason: message };
  if (code === 'ENOTFOUND') return { outcome: 'broken', reason: 'the host name does not exist (DNS)' };
  if (code === 'ECONNREFUSED') return { outcome: 'broken', reason: 'connection refused' };
  if (/CERT|SSL|TLS|EPROTO|SIGNATURE|ERR_OSSL/.test(code)) return { outcome: 'unverified', reason: `TLS error (${code})` };
  if (code === 'EAI_AGAIN') return { outcome: 'unverified', reason: 'DNS lookup failed (EAI_AGAIN)' };
  const retried = Number((err as { retried?: unknown }).retried) || 0;
  return {
    outcome: 'unverified',
    reason: `network error (${code || message})${retried ? `, also after ${retried} ${retried === 1 ? 'retry' : 'retries'}` : ''}`,
  };
}

/** Follows redirects (at most `maxRedirects`, each hop guarded again) and says what the address gives. */
async function follow(
  start: URL,
  method: Method,
  wantBody: boolean,
  settings: HttpSettings,
  privateHosts: Set<string>,
): Promise<Omit<Fetched, 'privateHosts'>> {
  const seen = new Set<string>([start.href]);
  let url = start;
  for (let hop = 0; ; hop++) {
    let sent: { answer: Answer; retried: number };
    try {
      sent = await sendWithRetries(url, method, wantBody, settings, privateHosts);
    } catch (err) {
      if (errorCode(err) === 'ENOTFOUND' && settings.dnsWorks && !(await settings.dnsWorks())) {
        return {
          outcome: 'unverified',
          reason: `DNS lookup of ${url.hostname} failed, and DNS does not answer for well-known names either (no network?)`,
          cacheable: false,
        };
      }
      return { ...fromError(err), cacheable: errorCode(err) !== 'EDPGREFUSED' };
    }
    const { answer, retried } = sent;
    if (answer.status >= 300 && answer.status < 400 && answer.location) {
      let next: URL;
      try {
        next = new URL(answer.location, url);
      } catch {
        return {
          outcome: 'unverified',
          status: answer.status,
          reason: `redirect to a malformed address "${answer.location}"`,
          cacheable: true,
        };
      }
      if (next.protocol !== 'http:' && next.protocol !== 'https:') {
        return { outcome: 'unverified', status: answer.status, reason: `redirect to a ${next.protocol} address`, cacheable: true };
      }
      next.hash = '';
      if (seen.has(next.href))
        return { outcome: 'broken', status: answer.status, reason: `redirect loop: ${url.href} → ${next.href}`, cacheable: true };
      if (hop >= settings.maxRedirects)
        return { outcome: 'unverified', status: answer.status, reason: `more than ${settings.maxRedirects} redirects`, cacheable: true };
      seen.add(next.href);
      url = next;
      continue;
    }
    return { ...fromAnswer(answer, retried), cacheable: true };
  }
}

/**
 * Whether a failed HEAD is worth a GET: many servers answer HEAD with 405, 501 or another 4xx, or drop
 * it. Timeouts, refusals, rate limits and server errors (already retried) would only repeat.
 */
function retryWithGet(result: Omit<Fetched, 'privateHosts'>): boolean {
  if (result.outcome === 'ok' || !result.cacheable) return false;
  if (result.status !== undefined) return (result.status >= 400 && result.status < 500 && result.status !== 429) || result.status === 501;
  return /network error/.test(result.reason);
}

/**
 * Checks or reads an http(s) address: `check` asks with HEAD and falls back to GET; `read` GETs the
 * body (capped). Never throws: every failure becomes a broken or unverified result.
 */
export async function fetchUrl(address: string, mode: 'check' | 'read', settings: HttpSettings): Promise<Fetched> {
  const privateHosts = new Set<string>();
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    return { outcome: 'unverified', reason: 'not a well-formed URL', cacheable: false, privateHosts: [] };
  }
  url.hash = '';
  let result: Omit<Fetched, 'privateHosts'>;
  if (mode === 'read') {
    result = await follow(url, 'GET', true, settings, privateHosts);
  } else {
    result = await follow(url, 'HEAD', false, settings, privateHosts);
    if (retryWithGet(result)) result = await follow(url, 'GET', false, settings, privateHosts);
  }
  return { ...result, privateHosts: [...privateHosts].sort() };
}
