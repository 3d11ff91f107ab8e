import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { globSync } from 'tinyglobby';
import { CONFIG_FILE, DEFAULT_CONFIG, parseConfig, UsageError, type Config } from '../config.js';
import type { SourceFile } from '../engine/engine.js';
import { ALL_RULES } from '../rules/index.js';

export const NOMINATION_EXTENSIONS = /\.ya?ml$/i;

/** Forward-slash path relative to `cwd` when inside it, else absolute. */
export function displayPath(file: string, cwd: string): string {
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
  return globSync(['**/*.yaml', '**/*.yml'], { cwd: registryDir, absolute: true, dot: false }).sort();
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
    const matches = globSync(operand, { cwd, absolute: true });
    if (!matches.length) throw new UsageError(`No such file or no match: ${operand}`);
    matches.filter((m) => NOMINATION_EXTENSIONS.test(m)).forEach((f) => files.add(f));
  }
  return [...files].sort();
}

export function readSource(file: string, cwd: string): SourceFile {
  return { file: displayPath(file, cwd), content: readFileSync(file) };
}
