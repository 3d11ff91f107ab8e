import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, UsageError, type Config } from '../config.js';
import type { SourceFile } from '../engine/engine.js';
import { ALL_RULES } from '../rules/index.js';
import { pathBelow } from '../util/paths.js';

export const NOMINATION_EXTENSIONS = /\.ya?ml$/i;
const require = createRequire(import.meta.url);

/** What the registry listing picks up: files ending in .yaml or .yml (lower case), at any depth. */
const YAML_FILE = /\.ya?ml$/;

function isFile(file: string): boolean {
  try {
    return statSync(file).isFile();
  } catch {
    return false;
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
  if (!existsSync(file)) {
    if (explicit) throw new UsageError(`Config file not found: ${explicit}`);
    return { config: DEFAULT_CONFIG, root: cwd };
  }
  return { config: parseConfig(readFileSync(file, 'utf8'), ALL_RULES, displayPath(file, cwd)), root: path.dirname(file) };
}

/**
 * The files below `root`, at most `maxDepth` folders deep (1: only its own files), that `accept` takes given
 * their path relative to `root` (forward slashes) and their name; absolute and sorted. Hidden files and
 * folders are skipped; a symbolic link counts as a file when it leads to one, and is never followed as a folder.
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
      if (entry.isDirectory()) {
        if (depth < maxDepth) folders.push([full, `${below}/`, depth + 1]);
      } else if (accept(below, entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(full)))) {
        found.push(full);
      }
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
  return existsSync(registryDir) ? walkFiles(registryDir, Infinity, (_, name) => YAML_FILE.test(name)) : [];
}

/**
 * The files (not folders) matching a glob such as `nominations/*.yaml`, absolute and sorted, as walkFiles
 * finds them. picomatch is loaded here, when a pattern is given, rather than at start-up.
 */
export function globFiles(pattern: string, cwd: string): string[] {
  const picomatch = require('picomatch') as typeof import('picomatch');
  const { base, glob } = picomatch.scan(pattern.split(path.sep).join('/'));
  const root = path.resolve(cwd, base);
  if (!glob) return isFile(root) ? [root] : [];
  const isMatch = picomatch(glob, { dot: false });
  // Without `**`, a pattern of n segments matches nothing deeper than n levels below its base.
  return walkFiles(root, glob.includes('**') ? Infinity : glob.split('/').length, (relative) => isMatch(relative));
}

/** Expands the command-line operands (files, folders, globs) into existing files, sorted and unique. */
export function resolveOperands(operands: readonly string[], cwd: string): string[] {
  const files = new Set<string>();
  for (const operand of operands) {
    const absolute = path.resolve(cwd, operand);
    if (existsSync(absolute)) {
      if (statSync(absolute).isDirectory()) registryFiles(absolute).forEach((f) => files.add(f));
      else files.add(absolute);
      continue;
    }
    const matches = globFiles(operand, cwd);
    if (!matches.length) throw new UsageError(`No such file or no match: ${operand}`);
    matches.filter((m) => NOMINATION_EXTENSIONS.test(m)).forEach((f) => files.add(f));
  }
  return [...files].sort();
}

export function readSource(file: string, cwd: string): SourceFile {
  return { file: displayPath(file, cwd), content: readFileSync(file) };
}
