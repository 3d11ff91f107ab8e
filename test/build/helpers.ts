import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { withEdits } from '../support/nomination.js';

export type Edit = [Array<string | number>, unknown];

/** A distinct valid nomination (own name, slug and repository), so registry-wide rules stay quiet. */
export function nomination(name: string, ...edits: Edit[]): string {
  const slug = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return withEdits([['name'], name], [['repositories', 0, 'url'], `https://github.com/example-org/${slug}`], ...edits);
}

export const approved = (date = '2026-06-01'): Edit[] => [
  [['stage'], 'dpg'],
  [['review'], { date, reviewer: 'registry-team' }],
];

/** Every file under `dir` (relative path → bytes), for comparing two builds. */
export function readTree(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (sub: string) => {
    for (const entry of readdirSync(path.join(dir, sub)).sort()) {
      const relative = sub ? `${sub}/${entry}` : entry;
      if (statSync(path.join(dir, relative)).isDirectory()) walk(relative);
      else files.set(relative, readFileSync(path.join(dir, relative)));
    }
  };
  walk('');
  return files;
}

export interface GitRepo {
  dir: string;
  git(...args: string[]): string;
  /** Commits everything with author and committer date `date` (ISO 8601). */
  commit(message: string, date: string): void;
}

/** A git repository in `dir` on branch main, unsigned commits, a fixed identity. */
export function gitInit(dir: string): GitRepo {
  const git = (...args: string[]) =>
    execFileSync('git', ['-c', 'commit.gpgsign=false', ...args], {
      cwd: dir,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Registry Team',
        GIT_AUTHOR_EMAIL: 'team@example.org',
        GIT_COMMITTER_NAME: 'Registry Team',
        GIT_COMMITTER_EMAIL: 'team@example.org',
      },
    });
  git('init', '--quiet', '-b', 'main');
  return {
    dir,
    git,
    commit: (message, date) => {
      git('add', '--all');
      execFileSync('git', ['-c', 'commit.gpgsign=false', 'commit', '--quiet', '--allow-empty', '--message', message], {
        cwd: dir,
        stdio: 'ignore',
        env: {
          ...process.env,
          GIT_AUTHOR_DATE: date,
          GIT_COMMITTER_DATE: date,
          GIT_AUTHOR_NAME: 'Registry Team',
          GIT_AUTHOR_EMAIL: 'team@example.org',
          GIT_COMMITTER_NAME: 'Registry Team',
          GIT_COMMITTER_EMAIL: 'team@example.org',
        },
      });
    },
  };
}
