import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { DEFAULT_CONFIG } from '../../src/config/config.js';
import { validateSources } from '../../src/lint/engine.js';
import { REPO_ROOT, removeTempDirs, tempDir } from '../support/cli.js';
import { TEST_NOW } from '../support/validate.js';

/**
 * The interactive wizard in a real pseudo-terminal: `dpg new` runs in a detached tmux session, the
 * test types like a person (text, Enter, arrows, space) and reads the screen.
 */

const SOCKET = `dpg-new-${process.pid}-${Date.now()}`;
const SESSION = 'wizard';
const CANCELLED = 'cancelled';
const BIN = path.join(REPO_ROOT, 'bin', 'dpg.js');
const BUILT_ENTRY = path.join(REPO_ROOT, 'dist', 'cli', 'bin.js');

function tmux(...args: string[]): string {
  return execFileSync('tmux', ['-L', SOCKET, '-f', '/dev/null', ...args], { encoding: 'utf8' });
}

let session = SESSION;

function screen(): string[] {
  return tmux('capture-pane', '-p', '-J', '-t', session).split('\n');
}

/** The question being asked: the last line starting with "?" (answered ones start with ✔). */
function activePrompt(lines: string[]): string {
  return [...lines].reverse().find((line) => line.startsWith('? ')) ?? '';
}

async function waitFor(what: string, test: (lines: string[]) => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const lines = screen();
    if (test(lines)) return;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}. Screen:\n${lines.join('\n')}`);
    await new Promise((resolve) => setTimeout(resolve, 40));
  }
}

const prompt = (text: string) => waitFor(`the question "${text}"`, (lines) => activePrompt(lines).includes(text));
const shown = (text: string) => waitFor(`"${text}" on screen`, (lines) => lines.some((line) => line.includes(text)));

function type(text: string): void {
  tmux('send-keys', '-t', session, '-l', text);
}

function keys(...names: string[]): void {
  tmux('send-keys', '-t', session, ...names);
}

function startWith(name: string, cwd: string, args: string): void {
  tmux(
    'new-session',
    '-d',
    '-s',
    name,
    '-x',
    '200',
    '-y',
    '50',
    '-c',
    cwd,
    `env NO_COLOR=1 '${process.execPath}' '${BIN}' ${args}; echo "EXIT=$?"; sleep 600`,
  );
  session = name;
}

function start(name: string, cwd: string): void {
  startWith(name, cwd, 'new');
}

/** Waits for a question, types the answer and presses Enter. */
async function answer(question: string, text = ''): Promise<void> {
  await prompt(question);
  if (text) type(text);
  keys('Enter');
}

describe('dpg new in a terminal', () => {
  let dir: string;

  beforeAll(() => {
    const version = spawnSync('tmux', ['-V'], { encoding: 'utf8' });
    if (version.error || version.status !== 0) {
      throw new Error(
        'tmux is needed for the terminal test of dpg new; install it (apt-get install tmux, brew install tmux). CI installs it.',
      );
    }
    if (!existsSync(BUILT_ENTRY)) throw new Error(`${BUILT_ENTRY} is missing; run \`npm run build\` first (npm test does).`);
    dir = tempDir();
  });

  afterAll(() => {
    const socketPath = spawnSync('tmux', ['-L', SOCKET, 'display-message', '-p', '#{socket_path}'], { encoding: 'utf8' }).stdout.trim();
    spawnSync('tmux', ['-L', SOCKET, 'kill-server']);
    if (socketPath) rmSync(socketPath, { force: true });
    removeTempDirs();
  });

  it('asks the questions, checks the answers as they are typed, and writes a valid nomination', async () => {
    start(SESSION, dir);
    await answer('What is the name of the solution', 'Pty Case Tool');
    await answer('Other names it is known by');
    await answer('Describe Pty Case Tool', 'A case management tool for social workers in district offices.');

    // A plain http:// website is refused with the rule's hint; erase it and type the https URL.
    await answer('Its public website', 'http://ptycase.example.org');
    await shown('write "https://ptycase.example.org"');
    keys(...Array<string>(30).fill('BSpace'));
    type('https://ptycase.example.org');
    keys('Enter');
    await answer('Its logo, for the published website');

    await prompt('What kind of digital public good is it?');
    keys('Space'); // software, the first choice
    keys('Enter');
    await answer('The URL of a source repository', 'https://github.com/pty-case/pty-case-tool');
    await answer('A short label for this repository');
    await answer('(leave empty when done)');

    await answer('The name of an organisation', 'Pty Case Foundation');
    await answer('The website of Pty Case Foundation');
    await prompt('What does Pty Case Foundation do');
    keys('Space'); // owner
    keys('Enter');
    await answer('In which country is Pty Case Foundation registered?', 'Kenia');
    await shown('did you mean "Kenya"?');
    keys(...Array<string>(10).fill('BSpace'));
    type('Kenya');
    keys('Enter');
    await answer('(leave empty when done)');

    await answer('Which sectors does it serve?', 'Social protection');
    await answer('In which countries is it developed?', 'Kenya');
    // Back to the sectors, which offers the earlier answer; the countries stay answered.
    await answer('In which countries is it deployed or used?', '<');
    await prompt('In which countries is it developed?');
    keys('Enter');
    await answer('In which countries is it deployed or used?', 'Kenya, Uganda');

    await prompt('Which Sustainable Development Goals');
    keys('Down');
    keys('Down');
    keys('Space'); // 3. Good health and well-being
    keys('Enter');
    await answer('SDG 3 (Good health and well-being): a public page');
    // Placeholder evidence is refused as it is typed, with the message of dpg validate.
    await answer('SDG 3: how does the solution contribute', 'yes');
    await shown('SDG 3 has only placeholder evidence ("yes")');
    keys(...Array<string>(5).fill('BSpace'));
    type("Case workers follow up every child's vaccinations and clinic visits.");
    keys('Enter');

    await answer('Its SPDX licence identifier', 'Apache-2.0');
    await answer('A public page that names Apache-2.0', 'https://github.com/pty-case/pty-case-tool/blob/main/LICENSE');
    await answer('(leave empty when done)');

    await answer('Who owns the solution?'); // an organisation
    await answer('Links to the copyright notice', 'https://ptycase.example.org/legal');
    await answer('Does the owner own all the code'); // yes
    await answer('Its core dependencies', 'Python, Django, PostgreSQL');
    await answer('Does any mandatory closed-source component'); // no
    await answer('Links to the documentation', 'https://docs.ptycase.example.org');
    await answer('Anything reviewers should know');
    await answer('Does the solution collect, use or generate non-personal data'); // yes
    await answer('How can that data and content be exported', 'Every table can be downloaded as CSV.');
    await answer('Which open formats are offered?', 'CSV');
    await answer('How far does the solution handle personal data'); // none
    await answer('Which privacy, domestic and international laws', 'GDPR');
    await answer('Links to the privacy policy');
    await answer('Steps taken to comply');
    await answer('Name an open standard', 'OpenAPI 3.1');
    await answer('Evidence that "OpenAPI 3.1" is followed', 'https://docs.ptycase.example.org/api');
    await answer('How is "OpenAPI 3.1" followed?');
    await answer('(leave empty when done)');
    await answer('Name a best practice');
    await answer('Which steps are taken to anticipate', 'Staff are trained, and access to cases is logged.');
    await answer('9b — How far does the solution handle content'); // none
    await answer('9c — Does the solution let users'); // no
    await answer('Who answered indicators 7 to 9?');

    await shown('EXIT=');
    const output = screen().join('\n');
    expect(output).toContain('Wrote nominations/pty-case-tool.yaml');
    expect(output).toContain('EXIT=0');
    // The questions that follow up on answers given "no"/"none" were never asked.
    expect(output).not.toContain('right to redistribute');
    expect(output).not.toContain('2025 privacy question');

    expect(readdirSync(path.join(dir, 'nominations'))).toEqual(['pty-case-tool.yaml']);
    const text = readFileSync(path.join(dir, 'nominations', 'pty-case-tool.yaml'), 'utf8');
    expect(text.split('\n')[0]).toBe('# yaml-language-server: $schema=../schemas/nomination.schema.json');
    const [result] = validateSources([{ file: 'nominations/pty-case-tool.yaml', content: text }], {
      config: DEFAULT_CONFIG,
      now: TEST_NOW,
    });
    expect(result!.diagnostics.map((d) => `${d.line} ${d.ruleId} ${d.message}`)).toEqual([]);
    expect(text).toContain('organizations:\n  - name: Pty Case Foundation\n    roles: [owner]\n    country: Kenya');
    expect(text).toContain('sdgs:\n  - goal: 3');
  }, 20_000);

  it('cancels on Ctrl-C without a stack trace; declining the draft writes nothing', async () => {
    const empty = tempDir();
    start(CANCELLED, empty);
    await answer('What is the name of the solution', 'Half Done');
    await prompt('Other names it is known by');
    keys('C-c');
    await answer('Keep the 1 answers so far in .dpg-new-half-done.draft.yaml', 'n');
    await shown('EXIT=');
    const output = screen().join('\n');
    expect(output).toContain('dpg new: cancelled; nothing was written.');
    expect(output).toContain('EXIT=130');
    expect(output).not.toMatch(/^\s+at\s/m);
    expect(readdirSync(empty)).toEqual([]);
  }, 10_000);

  it('keeps the answers in a draft on Ctrl-C, and --resume goes on from the next question', async () => {
    const folder = tempDir();
    start('draft', folder);
    await answer('What is the name of the solution', 'Norway Tool');
    await answer('Other names it is known by', 'Off');
    await prompt('Describe Norway Tool');
    keys('C-c');
    await answer('Keep the 2 answers so far in .dpg-new-norway-tool.draft.yaml'); // yes
    await shown('EXIT=');
    expect(screen().join('\n')).toContain('Continue with: dpg new --resume .dpg-new-norway-tool.draft.yaml');
    expect(screen().join('\n')).toContain('EXIT=130');
    const draft = readFileSync(path.join(folder, '.dpg-new-norway-tool.draft.yaml'), 'utf8');
    expect(parse(draft, { version: '1.1' })).toMatchObject({
      answered: ['/name', '/aliases'],
      answers: { name: 'Norway Tool', aliases: ['Off'] },
    });
    expect(existsSync(path.join(folder, 'nominations'))).toBe(false);

    startWith('resumed', folder, 'new --resume');
    await prompt('Describe Norway Tool');
    expect(screen().join('\n')).toContain('Continuing .dpg-new-norway-tool.draft.yaml: 2 answers given before.');
    expect(screen().join('\n')).not.toContain('What is the name');
    keys('C-c');
    await answer('Keep the 2 answers so far in .dpg-new-norway-tool.draft.yaml, replacing the draft there', 'n');
    await shown('EXIT=');
    expect(screen().join('\n')).toContain('EXIT=130');
  }, 15_000);

  it('saves a draft when asked to, offers it at the next start, and goes back from where it resumed', async () => {
    const folder = tempDir();
    const draftFile = path.join(folder, '.dpg-new-save-quit-tool.draft.yaml');
    start('save', folder);
    await answer('What is the name of the solution', 'Save Quit Tool');
    await answer('Other names it is known by');
    await answer('Describe Save Quit Tool', '!save');
    await shown('EXIT=');
    expect(screen().join('\n')).toContain(
      'dpg new: stopped; the answers so far are in .dpg-new-save-quit-tool.draft.yaml. Continue with: dpg new --resume .dpg-new-save-quit-tool.draft.yaml',
    );
    expect(screen().join('\n')).toContain('EXIT=130');
    expect(parse(readFileSync(draftFile, 'utf8'), { version: '1.1' })).toMatchObject({
      answered: ['/name', '/aliases'],
      answers: { name: 'Save Quit Tool' },
    });

    startWith('offered', folder, 'new');
    await answer('Continue from .dpg-new-save-quit-tool.draft.yaml'); // yes
    await prompt('Describe Save Quit Tool');
    expect(screen().join('\n')).not.toContain('What is the name');
    await answer('Describe Save Quit Tool', '<');
    await answer('Other names it is known by', 'Off, 12:30');
    await answer('Describe Save Quit Tool', 'A tool that saves.');
    await prompt('Its public website');
    type('!save');
    keys('Enter');
    await shown('EXIT=');
    // The draft being continued is replaced without a question, and no second draft is made.
    expect(screen().join('\n')).toContain('EXIT=130');
    expect(readdirSync(folder)).toEqual(['.dpg-new-save-quit-tool.draft.yaml']);
    const text = readFileSync(draftFile, 'utf8');
    expect(text).toContain('- "Off"');
    expect(text).toContain('- "12:30"');
    expect(parse(text, { version: '1.1' })).toMatchObject({
      answered: ['/name', '/aliases', '/description'],
      answers: { name: 'Save Quit Tool', aliases: ['Off', '12:30'], description: 'A tool that saves.' },
    });
  }, 20_000);
});
