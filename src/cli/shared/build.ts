import { existsSync, mkdirSync, mkdtempSync, readdirSync, realpathSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SiteConfig } from '../../config/config.js';
import { BRANCH_NAME, REPOSITORY_NAME } from '../../config/schema.js';
import { UsageError } from '../../core/errors.js';
import { validateSources } from '../../lint/engine.js';
import { loadConfig, readSource } from '../../runner/files.js';
import { resolveTargets, reportResults } from './report.js';
import type { CliIO } from '../../core/io.js';
import { useColor } from '../context.js';
import { styles } from '../../formatters/stylish.js';
import type { FileResult } from '../../core/types.js';
import { showControls, showLineStart } from '../../util/visible-text.js';
import { API_ROOT } from '../../publish/api.js';
import { readChangelog, type Changelog } from '../../publish/changelog.js';
import { FEED_PATH } from '../../publish/pages.js';
import { selectRecords, type Selection } from '../../publish/select.js';
import { renderSite, type CompatFormat, type PageWeight } from '../../publish/site.js';
import { nominateSiteFiles } from '../../nominate/page.js';
import { resolveLogo, type Logo } from '../../publish/logos.js';
import type { SourceRepository } from '../../publish/pages.js';

export interface BuildFlags {
  out: string;
  compat?: CompatFormat;
  siteUrl?: string;
  force?: boolean;
  color?: boolean;
  config?: string;
}

const DEFAULT_OUT = 'site';

function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function real(file: string): string {
  try {
    return realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}

/** Refuses output folders whose replacement would destroy something that is not an earlier build. */
function checkOutputFolder(out: string, folders: { project: string[]; registry: string }, force: boolean, shown: string): void {
  const target = real(out);
  const registry = real(folders.registry);
  const overlaps =
    folders.project.map(real).some((dir) => isInside(dir, target)) || isInside(registry, target) || isInside(target, registry);
  if (overlaps) {
    throw new UsageError(
      `--out ${shown} would replace the project or its registry folder; choose a folder of its own, such as "${DEFAULT_OUT}".`,
    );
  }
  if (!existsSync(out)) return;
  if (!statSync(out).isDirectory()) throw new UsageError(`--out ${shown} exists and is not a folder.`);
  const earlierBuild = existsSync(path.join(out, API_ROOT, 'index.json'));
  if (!earlierBuild && readdirSync(out).length && !force) {
    throw new UsageError(
      `--out ${shown} is not empty and holds no earlier build of the site; choose another folder, or pass --force to replace it.`,
    );
  }
}

/** Writes the site next to the output folder, then swaps it in, so a failed write leaves the old site whole. */
function writeSite(out: string, files: ReadonlyMap<string, string | Buffer>): void {
  const parent = path.dirname(out);
  mkdirSync(parent, { recursive: true });
  const staging = mkdtempSync(path.join(parent, `.${path.basename(out)}-new-`));
  try {
    for (const [relative, content] of files) {
      const file = path.join(staging, ...relative.split('/'));
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
    if (existsSync(out)) {
      const old = mkdtempSync(path.join(parent, `.${path.basename(out)}-old-`));
      renameSync(out, path.join(old, 'site'));
      renameSync(staging, out);
      rmSync(old, { recursive: true, force: true });
    } else {
      renameSync(staging, out);
    }
  } catch (err) {
    rmSync(staging, { recursive: true, force: true });
    throw err;
  }
}

function number(n: number): string {
  return n.toLocaleString('en-US');
}

function plural(n: number, word: string, words = `${word}s`): string {
  return `${n} ${n === 1 ? word : words}`;
}

function changelogLine(changelog: Changelog): string {
  if (!changelog.available)
    return `Changelog: unavailable (${changelog.reason}); changelog/index.html says so and no Atom feed is written.`;
  const shallow = changelog.shallow ? ' (shallow clone: older history is missing; fetch with fetch-depth: 0)' : '';
  return `Changelog: ${plural(changelog.commits.length, 'commit')} changed the registry${shallow}; changelog/index.html and ${FEED_PATH}.`;
}

function weightLines(weight: PageWeight): string[] {
  const f = weight.front;
  const lines = [
    `Page weight: front page ${number(f.total)} bytes (index.html ${number(f.html)} + site.css ${number(f.css)} + site.js ${number(f.js)})`,
  ];
  if (weight.detail)
    lines.push(
      `             largest DPG page ${number(weight.detail.total)} bytes (dpgs/${weight.detail.slug}/index.html ${number(weight.detail.html)} + site.css ${number(weight.detail.css)})`,
    );
  return lines;
}

function reportLines(
  selection: Selection,
  out: string,
  fileCount: number,
  changelog: Changelog,
  weight: PageWeight,
  color: boolean,
): string[] {
  const paint = styles(color);
  const lines = [
    `${paint.ok('Published')} ${plural(selection.dpgs.length, 'digital public good')} and ${plural(selection.nominees.length, 'nominee')} under review to ${out}/ (${plural(fileCount, 'file')}).`,
  ];
  if (selection.excluded.length) {
    lines.push(paint.warning(`Excluded ${plural(selection.excluded.length, 'record')}:`));
    for (const e of selection.excluded) lines.push(showLineStart(`  ${e.file}: ${e.name}: ${e.reason}`));
  }
  lines.push(changelogLine(changelog), ...weightLines(weight));
  return lines;
}

/**
 * The repository that "View the source file" links point at: `site.repository` of the configuration, else
 * the repository a GitHub Actions run builds (GITHUB_REPOSITORY); none without either. Paths in it come
 * from git (the registry folder's place in the work tree), else from the configuration's folder.
 */
export function sourceRepository(
  site: SiteConfig,
  env: Readonly<Record<string, string | undefined>>,
  changelog: Changelog,
  registryDir: string,
  cwd: string,
): SourceRepository | undefined {
  const fromEnv = env.GITHUB_REPOSITORY !== undefined && REPOSITORY_NAME.test(env.GITHUB_REPOSITORY) ? env.GITHUB_REPOSITORY : undefined;
  const name = site.repository ?? fromEnv;
  if (!name) return undefined;
  const refBranch =
    !site.repository && env.GITHUB_REF_TYPE === 'branch' && env.GITHUB_REF_NAME && BRANCH_NAME.test(env.GITHUB_REF_NAME)
      ? env.GITHUB_REF_NAME
      : undefined;
  const branch = site.branch ?? refBranch ?? 'main';
  const server =
    env.GITHUB_SERVER_URL && /^https:\/\/[A-Za-z0-9.-]+(:\d+)?$/.test(env.GITHUB_SERVER_URL) ? env.GITHUB_SERVER_URL : 'https://github.com';
  const prefix = changelog.available && changelog.registryPrefix !== undefined ? changelog.registryPrefix : undefined;
  return {
    url: `${server}/${name}`,
    branch,
    pathOf(file) {
      const inRegistry = path.relative(registryDir, path.resolve(cwd, file)).split(path.sep).join('/');
      if (inRegistry.startsWith('../') || path.isAbsolute(inRegistry)) return undefined;
      return prefix === undefined ? undefined : `${prefix}${inRegistry}`;
    },
  };
}

/**
 * `dpg build`: validates the whole registry, stops on an approved record that fails, else writes
 * the JSON API and the website. The report goes to stdout; the reason a build stops goes to stderr.
 */
export async function runBuild(flags: BuildFlags, io: CliIO): Promise<number> {
  const started = Date.now();
  if (flags.siteUrl !== undefined && !/^https?:\/\/[^\s]+$/i.test(flags.siteUrl)) {
    throw new UsageError(`--site-url must be an http(s) address such as https://example.github.io/registry/, not "${flags.siteUrl}".`);
  }
  const siteUrl = flags.siteUrl === undefined ? undefined : flags.siteUrl.endsWith('/') ? flags.siteUrl : `${flags.siteUrl}/`;
  const { config, root } = loadConfig(io.cwd, flags.config);
  const registryDir = path.resolve(root, config.registry);
  const out = path.resolve(io.cwd, flags.out);
  checkOutputFolder(out, { project: [io.cwd, root], registry: registryDir }, Boolean(flags.force), flags.out);

  const { targets } = resolveTargets([], flags.config, io);
  const sources = targets.map((f) => readSource(f, io.cwd));
  const results = validateSources(sources, { config, now: io.now });
  const selection = selectRecords(sources, results, io.now);

  const stop = (blocking: readonly FileResult[], conflicts: readonly string[]): number => {
    if (blocking.length) reportResults(blocking, { format: 'stylish', color: flags.color }, config, io);
    for (const conflict of conflicts) io.stdout(`${showLineStart(conflict)}\n`);
    const count = blocking.length + conflicts.length;
    io.stderr(
      `dpg build: stopped: ${plural(count, 'record')} cannot be published as ${count === 1 ? 'it is' : 'they are'} ` +
        `(${showControls([...blocking.map((r) => r.file), ...conflicts.map((c) => c.split(':')[0])].join(', '))}). ` +
        'An approved record (stage: dpg) must pass validation; fix it, or set its stage back to nominee. Nothing was written.\n',
    );
    return 1;
  };
  if (selection.blocking.length || selection.conflicts.length) return stop(selection.blocking, selection.conflicts);

  const logos = new Map<string, Logo>();
  const logoProblems: string[] = [];
  for (const record of [...selection.dpgs, ...selection.nominees]) {
    const value = record.data.logo;
    if (value === undefined) continue;
    const outcome = typeof value === 'string' ? resolveLogo(value, record.slug, registryDir) : { problem: 'logo must be a text' };
    if ('logo' in outcome) logos.set(record.slug, outcome.logo);
    else logoProblems.push(`${record.file}: ${outcome.problem}.`);
  }
  if (logoProblems.length) return stop([], logoProblems);

  const changelog = await readChangelog(registryDir);
  const repository = sourceRepository(config.site, io.env, changelog, registryDir, io.cwd);
  const site = renderSite({ selection, changelog, compat: flags.compat, siteUrl, logos, ...(repository ? { repository } : {}) });
  if (site.conflicts.length) return stop([], site.conflicts);
  for (const [file, content] of nominateSiteFiles({ config, root, registryDir, files: targets, env: io.env }))
    site.files.set(file, content);
  writeSite(out, site.files);
  const lines = reportLines(
    selection,
    flags.out.replace(/[\\/]+$/, ''),
    site.files.size,
    changelog,
    site.weight,
    useColor(flags.color, io),
  );
  lines.push(`Validated ${plural(sources.length, 'nomination')} and built in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  io.stdout(lines.join('\n') + '\n');
  return 0;
}
