import { existsSync, mkdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { parse, YAMLParseError } from 'yaml';
import { ruleSetting, type Config } from '../config/config.js';
import { UsageError } from '../core/errors.js';
import type { CliIO } from '../core/io.js';
import { displayPath, loadConfig, readSource, registryFiles } from '../runner/files.js';
import { rule as maxGoalsRule } from '../rules/sdg/max-goals.js';
import { slugify } from '../util/slug.js';
import { draftName, draftsIn, keepDraft, offerDraft } from './drafts.js';
import { describeReadProblem, isReadProblem, readRegularFile } from '../util/regular-file.js';
import { checkAnswers, mergeFindings, type AnswerProblem } from './answers.js';
import { RuleChecker } from './checker.js';
import { createExclusive, DRAFT_MARK, renderDraft, renderNomination } from './output.js';
import { FIXED_ANSWERS, type CheckEnv, type Draft } from './questions.js';
import { dottedPointer } from './values.js';
import { SaveRequested, Wizard } from './wizard.js';

export interface NewOptions {
  /** The name given as operand or with --name. */
  name?: string;
  answers?: string;
  description?: string;
  website?: string;
  categories: string[];
  license?: string;
  licenseUrl?: string;
  repositories: string[];
  out?: string;
  dryRun?: boolean;
  config?: string;
  /** Continue from a draft: its file, or true to find the one draft in the drafts folder. */
  resume?: string | true;
  /** Whether standard input is a terminal, so questions can be asked. */
  interactive: boolean;
}

/** Exit status after Ctrl-C, as shells report an interrupted command (128 + SIGINT). */
const EXIT_CANCELLED = 130;

const MAX_ANSWERS_BYTES = 1024 * 1024;

/**
 * Where drafts are kept: the working directory, where `dpg new` was run and will be run again, and
 * which survives `npm ci` (the cache folder under node_modules does not). When that is inside the
 * registry folder, the folder of the configuration instead, so a draft is never taken for a nomination.
 */
function draftFolder(cwd: string, root: string, registryDir: string): string {
  const inside = (folder: string) => {
    const relative = path.relative(registryDir, folder);
    return !relative.startsWith('..') && !path.isAbsolute(relative);
  };
  if (!inside(cwd)) return cwd;
  return inside(root) ? path.dirname(registryDir) : root;
}

interface DraftFile {
  answers: Draft;
  answered: string[];
}

function readDraft(file: string, cwd: string): DraftFile {
  const data = readAnswers(file, cwd) as Record<string, unknown> | null;
  const answers = data?.answers;
  const answered = data?.answered;
  if (
    data?.[DRAFT_MARK] !== 1 ||
    answers === null ||
    typeof answers !== 'object' ||
    Array.isArray(answers) ||
    !Array.isArray(answered) ||
    !answered.every((key) => typeof key === 'string')
  ) {
    throw new UsageError(
      `${file} is not a draft of dpg new (it has no ${DRAFT_MARK}: 1, answered and answers); to take answers from a nomination-shaped file, use --answers.`,
    );
  }
  return { answers: answers as Draft, answered: answered as string[] };
}

/** The draft to resume: the one named, or the only one in the drafts folder. */
function findDraft(resume: string | true, folder: string, cwd: string): string {
  if (resume !== true) return path.resolve(cwd, resume);
  const found = draftsIn(folder);
  const where = displayPath(folder, cwd) || '.';
  if (!found.length) throw new UsageError(`No draft of dpg new in ${where} (.dpg-new-*.draft.yaml); name it: dpg new --resume <draft>.`);
  if (found.length > 1) {
    throw new UsageError(
      `Several drafts in ${where}; name the one to continue: ${found.map((file) => `dpg new --resume ${displayPath(file, cwd)}`).join(', ')}.`,
    );
  }
  return found[0]!;
}

function readAnswers(file: string, cwd: string): unknown {
  const absolute = path.resolve(cwd, file);
  const read = readRegularFile(absolute, MAX_ANSWERS_BYTES);
  if (isReadProblem(read)) {
    if (read.problem === 'missing') throw new UsageError(`Answers file not found: ${file}`);
    if (read.problem === 'tooLarge' && !read.atLeast)
      throw new UsageError(`${file} has ${read.size} bytes, more than the ${MAX_ANSWERS_BYTES} an answers file may have.`);
    throw new UsageError(`${file} ${describeReadProblem(read)}.`);
  }
  try {
    return parse(read.bytes.toString('utf8'), { uniqueKeys: true, maxAliasCount: 100 }) ?? {};
  } catch (err) {
    const reason = err instanceof YAMLParseError ? err.message.split('\n')[0] : String(err);
    throw new UsageError(`${file} is not valid YAML or JSON: ${reason}`);
  }
}

/** The answers given on the command line, laid over those of the answers file. */
function withFlags(answers: unknown, options: NewOptions): unknown {
  if (answers === null || typeof answers !== 'object' || Array.isArray(answers)) return answers;
  const draft = { ...(answers as Draft) };
  if (options.name !== undefined) draft.name = options.name;
  if (options.description !== undefined) draft.description = options.description;
  if (options.website !== undefined) draft.website = options.website;
  if (options.categories.length) draft.categories = options.categories;
  if (options.repositories.length) draft.repositories = options.repositories.map((url) => ({ url }));
  if (options.license !== undefined)
    draft.licenses = [{ spdx: options.license, ...(options.licenseUrl ? { evidenceUrl: options.licenseUrl } : {}) }];
  else if (options.licenseUrl !== undefined) throw new UsageError('--license-url needs --license.');
  return draft;
}

function formatProblems(problems: readonly AnswerProblem[]): string {
  return problems.map((p) => `  ${p.path}: ${p.message}`).join('\n');
}

function maxGoals(config: Config): number {
  const setting = ruleSetting(maxGoalsRule, config);
  const max = setting.options.max;
  return setting.severity === 'off' || typeof max !== 'number' ? 17 : max;
}

/** Writes a new nomination from answers given in a file, or asked in the terminal. Returns the exit status. */
export async function runNew(options: NewOptions, io: CliIO): Promise<number> {
  const { config, root } = loadConfig(io.cwd, options.config);
  const registryDir = path.resolve(root, config.registry);
  const out = options.out === undefined ? undefined : path.resolve(io.cwd, options.out);
  if (out !== undefined && !/\.ya?ml$/i.test(out) && !(existsSync(out) && statSync(out).isDirectory())) {
    throw new UsageError(`--out ${options.out} must be a .yaml file or an existing folder.`);
  }
  const outIsFolder = out !== undefined && existsSync(out) && statSync(out).isDirectory();
  const targetFor = (name: unknown): string | undefined => {
    if (out !== undefined && !outIsFolder) return out;
    const slug = typeof name === 'string' ? slugify(name) : '';
    return slug ? path.join(outIsFolder ? out! : registryDir, `${slug}.yaml`) : undefined;
  };
  const shown = (file: string) => displayPath(file, io.cwd);
  const existsMessage = (file: string) =>
    `${shown(file)} already exists; dpg new never replaces a file. Choose another name, or edit that file.`;
  if (out !== undefined && !outIsFolder && existsSync(out)) throw new UsageError(existsMessage(out));

  const env: CheckEnv = {
    nameProblem(name) {
      const target = targetFor(name);
      if (!target) return `"${name}" has no Latin letters or digits to name its file after; give the file name with --out <file>.yaml.`;
      return existsSync(target) ? existsMessage(target) : undefined;
    },
    maxGoals: maxGoals(config),
  };
  const context = registryFiles(registryDir).map((file) => readSource(file, io.cwd));
  const fileShownFor = (draft: Draft) => shown(targetFor(draft.name) ?? path.join(registryDir, 'new-nomination.yaml'));
  const checker = new RuleChecker({ config, now: io.now, context, fileFor: fileShownFor });

  let draft: Draft;
  let findings: Array<{ path: string; message: string; error: boolean }>;
  let draftToRemove: string | undefined;

  /**
   * After Ctrl-C (asking first whether to keep the answers), or when asked to save and quit: keeps
   * the answers so far in a draft, never replacing another draft without asking, and says how to go on.
   */
  const stop = async (wizard: Wizard, file: string, saveAsked: boolean): Promise<number> => {
    const answered = wizard.answered();
    let keep = saveAsked;
    let mayReplace = false;
    if (!saveAsked && answered.length) {
      mayReplace = existsSync(file);
      const exists = mayReplace ? ', replacing the draft there' : '';
      try {
        keep = await wizard.prompter.confirm({
          message: `Keep the ${answered.length} answers so far in ${shown(file)}${exists}, to continue later?`,
          default: true,
        });
      } catch {
        keep = false;
      }
    }
    if (!keep) {
      io.stderr('\ndpg new: cancelled; nothing was written.\n');
      return EXIT_CANCELLED;
    }
    let written: string;
    try {
      written = await keepDraft(file, (to) => renderDraft(wizard.draft, answered, `dpg new --resume ${shown(to)}`), {
        mayReplace: mayReplace || file === resumedFrom,
        prompts: wizard.prompter,
        shown,
      });
    } catch (err) {
      if (!isCancelled(err)) throw err;
      io.stderr('\ndpg new: cancelled; nothing was written.\n');
      return EXIT_CANCELLED;
    }
    const command = `dpg new --resume ${shown(written)}`;
    io.stderr(
      `\ndpg new: ${saveAsked ? 'stopped' : 'cancelled'}; the answers so far are in ${shown(written)}. Continue with: ${command}\n`,
    );
    return EXIT_CANCELLED;
  };
  let resumedFrom: string | undefined;
  let isCancelled: (err: unknown) => boolean = () => false;
  const render = (d: Draft) => {
    const target = targetFor(d.name)!;
    const schemaRef = path
      .relative(path.dirname(target), path.join(root, 'schemas', 'nomination.schema.json'))
      .split(path.sep)
      .join('/');
    return { target, yaml: renderNomination(d, schemaRef) };
  };

  if (options.answers !== undefined && options.resume !== undefined) throw new UsageError('Give --answers or --resume, not both.');
  if (options.answers !== undefined) {
    const given = withFlags(readAnswers(options.answers, io.cwd), options);
    const planned = targetFor((given as Draft | null)?.name);
    if (planned !== undefined && existsSync(planned)) throw new UsageError(existsMessage(planned));
    const checked = checkAnswers(given, env);
    draft = checked.draft;
    const name = targetFor(draft.name) ? shown(targetFor(draft.name)!) : undefined;
    const diagnostics = name ? checker.check(render(draft).yaml, name) : [];
    const problems = mergeFindings(
      checked.problems,
      diagnostics.map((d) => ({ path: dottedPointer(d.path), message: d.message, ruleId: d.ruleId })),
    );
    if (problems.length) {
      throw new UsageError(
        `${problems.length} answer${problems.length === 1 ? '' : 's'} in ${options.answers} need${problems.length === 1 ? 's' : ''} attention; nothing was written:\n${formatProblems(problems)}`,
      );
    }
    findings = [];
  } else {
    if (!options.interactive) {
      throw new UsageError(
        'dpg new asks its questions in a terminal, and standard input is not one; give the answers in a file instead: dpg new --answers <file.yaml> (see docs/new.md).',
      );
    }
    const drafts = draftFolder(io.cwd, root, registryDir);
    const { terminalPrompter, isPromptCancelled, BACK_TEXT, SAVE_TEXT } = await import('./prompter.js');
    isCancelled = isPromptCancelled;
    const prompter = terminalPrompter((text) => io.stdout(`${text}\n`));
    let resumed = options.resume === undefined ? undefined : findDraft(options.resume, drafts, io.cwd);
    if (resumed === undefined) {
      try {
        resumed = await offerDraft(drafts, options.name, { prompts: prompter, shown });
      } catch (err) {
        if (!isPromptCancelled(err)) throw err;
        io.stderr('\ndpg new: cancelled; nothing was written.\n');
        return EXIT_CANCELLED;
      }
    }
    resumedFrom = resumed;
    const fromDraft = resumed === undefined ? undefined : readDraft(resumed, io.cwd);
    const initial = withFlags(fromDraft?.answers ?? {}, options) as Draft;
    Object.assign(initial, FIXED_ANSWERS);
    if (initial.name !== undefined) {
      const problem = env.nameProblem(String(initial.name));
      if (problem) throw new UsageError(problem);
    }
    const wizard = new Wizard(prompter, initial, {
      env,
      inspect: (d) => checker.inspect(d),
      inspectFinal: (d) => (targetFor(d.name) ? checker.check(render(d).yaml, shown(targetFor(d.name)!)) : []),
    });
    if (fromDraft) {
      wizard.resume(fromDraft.answered);
      io.stdout(`Continuing ${shown(resumed!)}: ${fromDraft.answered.length} answers given before.\n`);
    }
    io.stdout(
      [
        'Answer the questions of the DPG Standard; each answer is checked as you go.',
        `To go back, type ${BACK_TEXT} at a question you type the answer of, or pick "← Back" in a list.`,
        `To stop and continue later, type ${SAVE_TEXT} at a question you type the answer of, or pick "⏸ Save a draft and quit" in a list;`,
        'Ctrl-C stops too, and offers to keep the answers so far in a draft.\n',
      ].join('\n'),
    );
    try {
      draft = await wizard.run();
    } catch (err) {
      const saveAsked = err instanceof SaveRequested;
      if (!saveAsked && !isPromptCancelled(err)) throw err;
      return stop(wizard, resumed ?? path.join(drafts, draftName(initial.name)), saveAsked);
    }
    const { target, yaml } = render(draft);
    findings = checker
      .check(yaml, shown(target))
      .map((d) => ({ path: dottedPointer(d.path), message: d.message, error: d.severity === 'error' }));
    if (resumed !== undefined) draftToRemove = resumed;
  }

  const { target, yaml } = render(draft);
  if (options.dryRun) {
    io.stdout(yaml);
    return 0;
  }
  try {
    mkdirSync(path.dirname(target), { recursive: true });
    createExclusive(target, yaml);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') throw new UsageError(existsMessage(target));
    throw new UsageError(`Cannot write ${shown(target)} (${code ?? String(err)}).`);
  }
  const file = shown(target);
  io.stdout(`\nWrote ${file}\n`);
  if (draftToRemove !== undefined) {
    rmSync(draftToRemove, { force: true });
    io.stdout(`Removed the draft ${shown(draftToRemove)}.\n`);
  }
  if (findings.length) {
    io.stdout(`\ndpg validate still reports:\n${formatProblems(findings)}\nFix them in the file, then:\n`);
  }
  io.stdout(
    [
      'Next steps:',
      `  1. Check it:        dpg validate ${file}`,
      '  2. Read it over in your editor; the first line gives completion and hover help (docs/format.md).',
      `  3. Open a pull request adding ${file}; the review bot comments with a checklist per indicator.`,
    ].join('\n') + '\n',
  );
  return findings.some((f) => f.error) ? 1 : 0;
}
