import { lstatSync, readdirSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, type Config } from '../config/config.js';
import { UsageError } from '../core/errors.js';
import type { SourceFile } from '../lint/engine.js';
import { ALL_RULES } from '../rules/index.js';
import { readRegistryBytes } from '../load/read.js';
import { DEFAULT_LIMITS } from '../load/limits.js';
import { pathBelow } from '../util/paths.js';
import { describeReadProblem, entryExists, isReadProblem, readRegularFile } from '../util/regular-file.js';

export const NOMINATION_EXTENSIONS = /\.ya?ml$/i;
const require = createRequire(import.meta.url);

/** What the registry listing picks up: files ending in .yaml or .yml (lower case), at any depth. */
const YAML_FILE = /\.ya?ml$/;

/** What is at `file` without following a link: 'folder', 'file' (anything else, links included) or undefined. */
function entryType(file: string): 'folder' | 'file' | undefined {
  try {
    return lstatSync(file).isDirectory() ? 'folder' : 'file';
  } catch {
    return undefined;
  }
}

/** Forward-slash path relative to `cwd` when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
  const shown = pathBelow(file, cwd) ?? file;
  return path.sep === '/' ? shown : shown.split(path.sep).join('/');
}

/** Reads dpg.config.yaml (or the given file); defaults when there is none. */
export function loadConfig(cwd: string, explicit?: string): { config: Config; root: string } {
  const file = explicit ? path.resolve(cwd, explicit) : path.join(cwd, CONFIG_FILE);
  if (!entryExists(file)) {
    if (explicit) throw new UsageError(`Config file not found: ${explicit}`);
    return { config: DEFAULT_CONFIG, root: cwd };
  }
  const shown = displayPath(file, cwd);
  const read = readRegularFile(file, DEFAULT_LIMITS.maxFileBytes);
  // The configuration decides what passes: one that is a link, a device or huge is refused, never read.
  if (isReadProblem(read)) throw new UsageError(`${shown} ${describeReadProblem(read)}; the configuration must be a regular file.`);
  return { config: parseConfig(read.bytes.toString('utf8'), ALL_RULES, shown), root: path.dirname(file) };
}

/**
 * The files below `root`, at most `maxDepth` folders deep (1: only its own files), that `accept` takes given
 * their path relative to `root` (forward slashes) and their name; absolute and sorted. Hidden files and
 * folders are skipped. Anything that is not a folder counts as a file (a symbolic link, a pipe, a device), so
 * that reading it reports it (see readRegistryBytes); a link is never followed, and a folder whose name is
 * taken is listed as well as walked.
 */
function walkFiles(root: string, maxDepth: number, accept: (relative: string, name: string) => boolean): string[] {
  const found: string[] = [];
  // Normalised once; names below it are appended as they are (path.join per entry is slow on 10,000 files).
  const start = path.resolve(root);
  const folders: Array<[string, string, number]> = [[start, '', 1]];
  while (folders.length) {
    const [folder, relative, depth] = folders.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    const prefix = folder.endsWith(path.sep) ? folder : folder + path.sep;
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = prefix + entry.name;
      const below = relative + entry.name;
      if (entry.isDirectory() && depth < maxDepth) folders.push([full, `${below}/`, depth + 1]);
      if (accept(below, entry.name)) found.push(full);
    }
  }
  return found.sort();
}

/**
 * Whether the registry listing picks up the file at `relative` (forward slashes) below the registry
 * folder: the test registryFiles applies, for files known from git rather than from the disk.
 */
export function isListedNomination(relative: string): boolean {
  return YAML_FILE.test(relative) && !relative.split('/').some((segment) => segment.startsWith('.'));
}

/** Every nomination file under the registry folder, sorted. */
export function registryFiles(registryDir: string): string[] {
  const type = entryType(registryDir);
  // A registry folder that is a link is listed as itself, and refused when read, rather than followed.
  if (type === 'file') return lstatSync(registryDir).isSymbolicLink() ? [path.resolve(registryDir)] : [];
  return type === 'folder' ? walkFiles(registryDir, Infinity, (_, name) => YAML_FILE.test(name)) : [];
}

/**
 * The files (not folders) matching a glob such as `nominations/*.yaml`, absolute and sorted, as walkFiles
 * finds them. picomatch is loaded here, when a pattern is given, rather than at start-up.
 */
export function globFiles(pattern: string, cwd: string): string[] {
  const picomatch = require('picomatch') as typeof import('picomatch');
  const { base, glob } = picomatch.scan(pattern.split(path.sep).join('/'));
  const root = path.resolve(cwd, base);
  if (!glob) return entryType(root) === 'file' ? [root] : [];
  const isMatch = picomatch(glob, { dot: false });
  // Without `**`, a pattern of n segments matches nothing deeper than n levels below its base.
  return walkFiles(root, glob.includes('**') ? Infinity : glob.split('/').length, (relative) => isMatch(relative));
}

/** Expands the command-line operands (files, folders, globs) into existing files, sorted and unique. */
export function resolveOperands(operands: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const operand of operands) {
    const absolute = path.resolve(cwd, operand);
    // A link named on the command line is a file to refuse, never a folder or file to follow.
    const type = entryType(absolute);
    if (type === 'folder') {
      registryFiles(absolute).forEach((f) => files.add(f));
      continue;
    }
    if (type === 'file') {
      files.add(absolute);
      continue;
    }
    const matches = globFiles(operand, cwd);
    if (!matches.length) throw new UsageError(`No such file or no match: ${operand}`);
    matches.filter((m) => NOMINATION_EXTENSIONS.test(m)).forEach((f) => files.add(f));
  }
  return [...files].sort();
}

/** A registry file for the engine: its bytes, or why it was not read (see readRegistryBytes). */
export function readSource(file: string, cwd: string): SourceFile {
  return { file: displayPath(file, cwd), content: readRegistryBytes(file) };
}
