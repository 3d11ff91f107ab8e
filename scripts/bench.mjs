// The performance benchmark of `dpg validate` (npm run bench; run `npm run build` first).
// Generates registries of 1,000 and 10,000 realistic nominations in a temporary folder, measures each case
// against a baseline measured in the same run, prints medians, ratios and a PASS/MISS verdict per target,
// and exits 1 when a target is missed. Options: --runs <n> (default 5), --keep (keep the temporary folder).
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseDocument } from 'yaml';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BIN = path.join(ROOT, 'bin', 'dpg.js');
const AJV = path.join(ROOT, 'node_modules', '.bin', 'ajv');
const SCHEMA = path.join(ROOT, 'schemas', 'nomination.schema.json');
const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

const args = process.argv.slice(2);
const RUNS = Number(args[args.indexOf('--runs') + 1]) || 5;
const KEEP = args.includes('--keep');

if (!existsSync(path.join(ROOT, 'dist', 'cli', 'bin.js'))) {
  console.error('bench: build first (npm run build).');
  process.exit(2);
}
const { slugify } = await import(path.join(ROOT, 'dist', 'util', 'slug.js'));

const work = mkdtempSync(path.join(tmpdir(), 'dpg-bench-'));
// dpg's caches (outside each registry's folder, as by default) go with the rest of the benchmark's files.
const caches = path.join(work, 'caches');
process.env.DPG_CACHE_DIR = caches;
const log = (line) => process.stderr.write(`bench: ${line}\n`);

// ---------------------------------------------------------------------------------------------------
// Synthetic registries: copies of the bundled nominations, each with its own name, aliases and
// repository URLs (spliced into the original text, so comments and layout stay as written).

function templateOf(file) {
  const text = readFileSync(file, 'utf8');
  const doc = parseDocument(text);
  const name = doc.get('name');
  // Offsets where a copy's tag goes: the end of the name, of each alias and of each repository URL.
  const ends = [];
  const endOf = (node) => {
    const [start, end] = node.range;
    const source = text.slice(start, end);
    return /^["']/.test(source) ? end - 1 : start + source.trimEnd().length;
  };
  ends.push({ at: endOf(doc.get('name', true)), kind: 'name' });
  for (const alias of doc.get('aliases', true)?.items ?? []) ends.push({ at: endOf(alias), kind: 'name' });
  for (const repository of doc.get('repositories', true)?.items ?? []) ends.push({ at: endOf(repository.get('url', true)), kind: 'url' });
  ends.sort((a, b) => b.at - a.at);
  return { text, name, ends };
}

function copyOf(template, index) {
  let text = template.text;
  for (const { at, kind } of template.ends) {
    text = text.slice(0, at) + (kind === 'name' ? ` N${index}` : `-n${index}`) + text.slice(at);
  }
  // Some variety in what gets reported: every 7th copy links its website over plain http.
  if (index % 7 === 3) text = text.replace(/^website: https:/m, 'website: http:');
  return { file: `${slugify(`${template.name} N${index}`)}.yaml`, text };
}

function generateRegistry(dir, count, templates) {
  const registry = path.join(dir, 'nominations');
  mkdirSync(registry, { recursive: true });
  for (let i = 0; i < count; i++) {
    const { file, text } = copyOf(templates[i % templates.length], i);
    writeFileSync(path.join(registry, file), text);
  }
  return registry;
}

// ---------------------------------------------------------------------------------------------------
// Measuring

/** Runs a command; wall time in ms and peak RSS in MB (whole process, worker threads included). */
function measure(command, commandArgs, options = {}) {
  const rssFile = path.join(work, 'rss.txt');
  const [file, argv] = TIME ? [TIME, ['-f', '%M', '-o', rssFile, command, ...commandArgs]] : [command, commandArgs];
  const started = process.hrtime.bigint();
  const result = spawnSync(file, argv, {
    cwd: options.cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, ...options.env },
  });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  const allowed = options.allowedStatus ?? [0];
  if (result.error || !allowed.includes(result.status)) {
    throw new Error(`${command} ${commandArgs.join(' ')} ended with ${result.status}: ${String(result.stderr).slice(0, 2000)}`);
  }
  const rss = TIME ? Number(readFileSync(rssFile, 'utf8').trim().split('\n').pop()) / 1024 : undefined;
  return { ms, rss };
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

/** Alternates subject and baseline `runs` times (so drift in machine load hits both) after one warm-up each. */
function compare(runs, subject, baseline) {
  subject();
  baseline();
  const s = [];
  const b = [];
  for (let i = 0; i < runs; i++) {
    s.push(subject());
    b.push(baseline());
  }
  return { subject: median(s.map((m) => m.ms)), baseline: median(b.map((m) => m.ms)), rss: Math.max(...s.map((m) => m.rss ?? 0)) };
}

const dpg = (cwd, dpgArgs, env) => () => measure(process.execPath, [BIN, ...dpgArgs], { cwd, allowedStatus: [0, 1], env });
const git = (cwd, gitArgs) => execFileSync('git', gitArgs, { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 256 * 1024 * 1024 });

// ---------------------------------------------------------------------------------------------------

const rows = [];
const row = (id, what, subjectMs, baselineWhat, baselineMs, target, extra = {}) => {
  const ratio = extra.ratio ?? subjectMs / baselineMs;
  rows.push({ id, what, subject: subjectMs, baselineWhat, baseline: baselineMs, ratio, target, unit: extra.unit ?? 'ms' });
  log(
    `${id}: ${what} ${subjectMs.toFixed(0)} ${extra.unit ?? 'ms'} vs ${baselineWhat} ${baselineMs === undefined ? '' : baselineMs.toFixed(0)} → ${ratio.toFixed(2)}`,
  );
};

try {
  log(
    `working in ${work}; ${RUNS} runs per case; ${availableParallelism()} cores (${cpus()[0]?.model ?? 'unknown CPU'}), Node ${process.version}`,
  );
  const bundled = readdirSync(path.join(ROOT, 'nominations'))
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  const templates = bundled.map((f) => templateOf(path.join(ROOT, 'nominations', f)));

  // (a) One file, in a copy of the bundled registry, as a nominator runs it (the cache warm after the first run).
  const small = path.join(work, 'bundled');
  mkdirSync(path.join(small, 'nominations'), { recursive: true });
  for (const f of bundled) writeFileSync(path.join(small, 'nominations', f), readFileSync(path.join(ROOT, 'nominations', f)));
  const one = path.join('nominations', bundled[0]);
  const a = compare(Math.max(RUNS, 11), dpg(small, ['validate', one]), () => measure(process.execPath, ['-e', '0']));
  row('a', `dpg validate ${one} (12-file registry)`, a.subject, 'node -e 0', a.baseline, 1.5);

  log('generating 1,000 and 10,000 nominations …');
  const r1k = path.join(work, 'r1k');
  const r10k = path.join(work, 'r10k');
  generateRegistry(r1k, 1_000, templates);
  const registry10k = generateRegistry(r10k, 10_000, templates);
  const files10k = readdirSync(registry10k).sort();

  // (a') The same in the 1,000-file registry: registry-wide checks need the facts of every other file.
  const one1k = path.join('nominations', readdirSync(path.join(r1k, 'nominations')).sort()[0]);
  const a1k = compare(RUNS, dpg(r1k, ['validate', one1k]), () => measure(process.execPath, ['-e', '0']));
  row("a'", `dpg validate <one file> (1,000-file registry, warm cache)`, a1k.subject, 'node -e 0', a1k.baseline, undefined);

  // (b) The whole registry, cache off, against parsing the same files with yaml alone, in one thread.
  const yamlScript = path.join(work, 'yaml-parse.mjs');
  writeFileSync(
    yamlScript,
    [
      `import { readFileSync, readdirSync } from 'node:fs';`,
      `import { parse } from ${JSON.stringify(path.join(ROOT, 'node_modules', 'yaml', 'dist', 'index.js'))};`,
      `const dir = process.argv[2];`,
      `for (const f of readdirSync(dir)) parse(readFileSync(dir + '/' + f, 'utf8'));`,
    ].join('\n'),
  );
  const bRuns = Math.max(3, Math.min(RUNS, 5));
  const b = compare(bRuns, dpg(r10k, ['validate', '--no-cache']), () => measure(process.execPath, [yamlScript, registry10k]));
  row('b', 'dpg validate, 10,000 files, no cache', b.subject, 'yaml.parse of each file, one thread', b.baseline, 1.0);

  // ... and against ajv-cli validating the same documents as JSON (the former registry's approach).
  const json10k = path.join(work, 'json10k');
  mkdirSync(json10k);
  const { parse } = await import('yaml');
  for (const f of files10k)
    writeFileSync(
      path.join(json10k, f.replace(/\.yaml$/, '.json')),
      JSON.stringify(parse(readFileSync(path.join(registry10k, f), 'utf8'))),
    );
  const ajvArgs = [
    'validate',
    '--spec=draft2020',
    '--strict=true',
    '--strict-required=false',
    '--all-errors',
    '-s',
    SCHEMA,
    '-d',
    `${json10k}/*.json`,
  ];
  const bAjv = compare(bRuns, dpg(r10k, ['validate', '--no-cache']), () => measure(AJV, ajvArgs, { allowedStatus: [0, 1] }));
  // For comparison only: ajv-cli parses no YAML, keeps no positions and runs no rules.
  row('b2', 'dpg validate, 10,000 files, no cache', bAjv.subject, 'ajv-cli on the same files as JSON', bAjv.baseline, undefined);

  // (d) A re-run over the unchanged registry (warm cache) against the run that filled it (cold).
  // Every registry's cache, the key kept: a cold run starts with none.
  const cacheDir = path.join(caches, 'registries');
  const cold = [];
  const warm = [];
  let coldRss = 0;
  for (let i = 0; i < bRuns; i++) {
    rmSync(cacheDir, { recursive: true, force: true });
    const run = dpg(r10k, ['validate'])();
    cold.push(run.ms);
    coldRss = Math.max(coldRss, run.rss ?? 0);
    warm.push(dpg(r10k, ['validate'])().ms);
  }
  // (c) Peak memory of the whole-registry runs (process and worker threads), without the cache and filling it.
  const peak = Math.max(b.rss, bAjv.rss, coldRss);
  row('c', 'peak RSS, dpg validate, 10,000 files (no cache, and filling the cache)', peak, '', undefined, 300, { ratio: peak, unit: 'MB' });
  row('d', 'dpg validate, 10,000 files, warm cache', median(warm), 'the cold run filling the cache', median(cold), 0.2);

  // (e) --changed in a 10,000-file repository with 3 changed files, against one-file validation (a).
  log('committing the 10,000 files …');
  writeFileSync(path.join(r10k, '.gitignore'), 'node_modules/\n');
  for (const argv of [
    ['init', '-q', '-b', 'main'],
    ['config', 'user.email', 'bench@example.org'],
    ['config', 'user.name', 'bench'],
    ['config', 'commit.gpgsign', 'false'],
    ['add', '-A'],
    ['commit', '-q', '-m', 'registry'],
  ])
    git(r10k, argv);
  git(r10k, ['checkout', '-q', '-b', 'change']);
  for (const f of files10k.slice(0, 3)) {
    const file = path.join(registry10k, f);
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^website: .*$/m, 'website: https://example.org/changed'));
  }
  const changed = [];
  dpg(r10k, ['validate', '--changed', '--base', 'main'])();
  for (let i = 0; i < RUNS; i++) changed.push(dpg(r10k, ['validate', '--changed', '--base', 'main'])().ms);
  row('e', 'dpg validate --changed, 3 of 10,000 files', median(changed), 'dpg validate <one file> (a)', a.subject, 2.0);
} finally {
  if (!KEEP) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}

// ---------------------------------------------------------------------------------------------------

const fmt = (ms, unit) =>
  ms === undefined ? '' : unit === 'MB' ? `${ms.toFixed(0)} MB` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
let missed = 0;
const lines = ['| case | measured | median | baseline | median | ratio | target | |', '|---|---|---:|---|---:|---:|---:|---|'];
for (const r of rows) {
  const pass = r.target === undefined ? '' : r.ratio <= r.target ? 'PASS' : 'MISS';
  if (pass === 'MISS') missed++;
  const ratio = r.unit === 'MB' ? '' : `${r.ratio.toFixed(2)}×`;
  const target = r.target === undefined ? '–' : r.unit === 'MB' ? `≤ ${r.target} MB` : `≤ ${r.target}×`;
  lines.push(
    `| ${r.id} | ${r.what} | ${fmt(r.subject, r.unit)} | ${r.baselineWhat} | ${fmt(r.baseline, r.unit)} | ${ratio} | ${target} | ${pass} |`,
  );
}
console.log(lines.join('\n'));
console.log(
  `\nMedians of ${Math.max(RUNS, 11)} runs for (a), ${Math.max(3, Math.min(RUNS, 5))} for whole-registry cases, ${RUNS} otherwise; Node ${process.version}, ${availableParallelism()} cores.`,
);
process.exitCode = missed ? 1 : 0;
