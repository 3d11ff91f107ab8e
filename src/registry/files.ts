import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, UsageError, type Config } from '../config.js';
import type { SourceFile } from '../engine/engine.js';
import { ALL_RULES } from '../rules/index.js';

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
  // The common case, a normalised path below the working directory, without path.relative (called per file).
  const prefix = cwd.endsWith(path.sep) ? cwd : cwd + path.sep;
  if (file.startsWith(prefix) && file.length > prefix.length && !file.endsWith(path.sep) && !file.includes(`${path.sep}.`) && path.isAbsolute(file) && !file.includes(path.sep + path.sep)) {
    const relative = file.slice(prefix.length);
    return path.sep === '/' ? relative : relative.split(path.sep).join('/');
  }
  const relative = path.relative(cwd, file);
  const shown = relative && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : file;
  return shown.split(path.sep).join('/');
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

/** Every nomination file under the registry folder, sorted. */
export function registryFiles(registryDir: string): string[] {
  if (!existsSync(registryDir)) return [];
  const found: string[] = [];
  // Normalised once; the names below it are appended as they are (path.join per entry is slow on 10,000 files).
  const folders = [path.resolve(registryDir)];
  // Hidden files and folders are skipped; a symbolic link counts as a file when it leads to one (never as a folder).
  while (folders.length) {
    const folder = folders.pop()!;
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
      if (entry.isDirectory()) folders.push(full);
      else if (YAML_FILE.test(entry.name) && (entry.isFile() || (entry.isSymbolicLink() && isFile(full)))) found.push(full);
    }
  }
  return found.sort();
}

/**
 * The files (not folders) matching a glob such as `nominations/*.yaml`, absolute and sorted; hidden files
 * and folders are skipped, and a symbolic link to a folder is not followed. picomatch is loaded here, when
 * a pattern is given, rather than at start-up.
 */
export function globFiles(pattern: string, cwd: string): string[] {
  const picomatch = require('picomatch') as typeof import('picomatch');
  const { base, glob } = picomatch.scan(pattern.split(path.sep).join('/'));
  const root = path.resolve(cwd, base);
  if (!glob) return isFile(root) ? [root] : [];
  const isMatch = picomatch(glob, { dot: false });
  // Without `**`, a pattern of n segments matches nothing deeper than n levels below its base.
  const maxDepth = glob.includes('**') ? Infinity : glob.split('/').length;
  const found: string[] = [];
  const folders: Array<[string, number]> = [[root, 1]];
  while (folders.length) {
    const [folder, depth] = folders.pop()!;
    let entries: Dirent[];
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const entry of entries) {
      if (entry.name.startsWith('.')) continue;
      const full = path.join(folder, entry.name);
      if (entry.isDirectory()) {
        if (depth < maxDepth) folders.push([full, depth + 1]);
      } else if ((entry.isFile() || (entry.isSymbolicLink() && isFile(full))) && isMatch(path.relative(root, full).split(path.sep).join('/'))) {
        found.push(full);
      }
    }
  }
  return found.sort();
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
