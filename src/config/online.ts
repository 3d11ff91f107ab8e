/** The `online:` section of dpg.config.yaml: limits and host lists of `dpg validate --online`. */
export interface OnlineSettings {
  /** Longest wait for one request (connect, headers and body), in milliseconds. */
  timeoutMs: number;
  /** How often a 5xx answer or a reset connection is retried, with exponential back-off. */
  retries: number;
  /** Requests in flight at once, over all hosts. */
  concurrency: number;
  /** Requests in flight at once to one host. */
  hostConcurrency: number;
  /** How long a definite result (reachable, broken) is reused from the cache, in milliseconds. */
  cacheTtlMs: number;
  /** Hosts that may resolve to private addresses (an intranet registry); `*.example.org` matches subdomains. */
  allowHosts: string[];
  /** Hosts never contacted; their links are reported as unverified. */
  denyHosts: string[];
}

export const DEFAULT_ONLINE_SETTINGS: OnlineSettings = {
  timeoutMs: 10_000,
  retries: 2,
  concurrency: 8,
  hostConcurrency: 2,
  cacheTtlMs: 24 * 3600_000,
  allowHosts: [],
  denyHosts: [],
};

const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3600_000, d: 86_400_000 };

/** `90s`, `30m`, `24h`, `7d`, `500ms` or `0` → milliseconds; undefined when it is none of these. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d+)(ms|s|m|h|d)?$/.exec(text.trim());
  if (!match) return undefined;
  const amount = Number(match[1]);
  if (amount !== 0 && !match[2]) return undefined;
  return amount * UNIT_MS[match[2] ?? 'ms']!;
}

const HOST_PATTERN = /^(\*\.)?[a-z0-9]([a-z0-9.-]*[a-z0-9])?$|^\[[0-9a-f:.]+\]$/i;

/** Whether `host` is one of `patterns` (exact, or a subdomain of a `*.` pattern), ignoring case. */
export function hostMatches(host: string, patterns: readonly string[]): boolean {
  // "host.example." is the same host as "host.example": a trailing dot must not slip past the deny list.
  const name = host.toLowerCase().replace(/\.$/, '');
  return patterns.some((pattern) => {
    const p = pattern.toLowerCase();
    return p.startsWith('*.') ? name.endsWith(p.slice(1)) : name === p;
  });
}

/**
 * Parses the `online:` mapping of dpg.config.yaml. Returns the settings, or a message saying what is
 * wrong (the caller turns it into a usage error).
 */
export function parseOnlineSettings(value: unknown, source: string): OnlineSettings | string {
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    return `${source}: online must be a mapping (timeoutMs, retries, concurrency, hostConcurrency, cacheTtl, allowHosts, denyHosts).`;
  const input = value as Record<string, unknown>;
  const settings: OnlineSettings = { ...DEFAULT_ONLINE_SETTINGS };
  const integer = (key: 'timeoutMs' | 'retries' | 'concurrency' | 'hostConcurrency', min: number, max: number): string | undefined => {
    const v = input[key];
    if (v === undefined) return undefined;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
      return `${source}: online.${key} must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}.`;
    settings[key] = v;
    return undefined;
  };
  const hosts = (key: 'allowHosts' | 'denyHosts'): string | undefined => {
    const v = input[key];
    if (v === undefined) return undefined;
    if (!Array.isArray(v) || !v.every((h) => typeof h === 'string' && HOST_PATTERN.test(h))) {
      return `${source}: online.${key} must be a list of host names (e.g. registry.example.org or *.example.org).`;
    }
    settings[key] = v as string[];
    return undefined;
  };
  for (const key of Object.keys(input)) {
    if (![...Object.keys(DEFAULT_ONLINE_SETTINGS).filter((k) => k !== 'cacheTtlMs'), 'cacheTtl'].includes(key)) {
      return `${source}: online has no key "${key}" (use timeoutMs, retries, concurrency, hostConcurrency, cacheTtl, allowHosts, denyHosts).`;
    }
  }
  if (input.cacheTtl !== undefined) {
    const ttl = typeof input.cacheTtl === 'string' ? parseDuration(input.cacheTtl) : input.cacheTtl === 0 ? 0 : undefined;
    if (ttl === undefined)
      return `${source}: online.cacheTtl must be a duration such as 24h, 30m or 7d, not ${JSON.stringify(input.cacheTtl)}.`;
    settings.cacheTtlMs = ttl;
  }
  return (
    integer('timeoutMs', 1, 600_000) ??
    integer('retries', 0, 10) ??
    integer('concurrency', 1, 64) ??
    integer('hostConcurrency', 1, 16) ??
    hosts('allowHosts') ??
    hosts('denyHosts') ??
    settings
  );
}
