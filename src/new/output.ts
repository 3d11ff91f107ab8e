import { randomBytes } from 'node:crypto';
import { existsSync, linkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDocument, stringify } from 'yaml';
import { nominationToYaml, orderedNomination } from '../import/nomination-yaml.js';
import type { Draft } from './questions.js';

/** Short help written above each section of a new nomination, for whoever edits it next. */
const SECTION_NOTES: Readonly<Record<string, string[]>> = {
  name: ['Identity: who and what the solution is. The file is named after the slug of the name.'],
  sdgs: ["Each goal needs evidenceText (how it serves the goal's targets), evidenceUrl, or both."],
  licenses: [
    'Software: OSI-approved; content: CC BY, BY-SA or CC0 (no ND); data: an Open Definition licence.',
    'evidenceUrl is a public page that names the licence, such as the LICENSE file.',
  ],
  ownership: ['The owner is the organisation listed above with the role "owner".'],
  platformIndependence: ['hasClosedComponents: true calls for openAlternatives.'],
  documentation: ['Enough for a stranger to launch and run it (data: data dictionary; AI: model card).'],
  dataExtraction: ['handlesNonPii: true calls for the export mechanism.'],
  privacy: ['When personal data is handled (9a below), evidenceUrls and the 2025 piiRequirements are needed.'],
  standards: ['At least one open standard or best practice, each with evidenceUrl or evidenceText.'],
  doNoHarm: ['The 9a and 9b ladders: none, collected, stored, distributed; anything but none calls for details.'],
  'doNoHarm.harassmentProtection': ['userInteraction: true calls for protectionMeasures and underageSafety.'],
  attestation: ['Who answered indicators 7 to 9: name and title only, never contact details.'],
  stage: ['Maintainers change the stage and add the review when they decide.'],
};

/**
 * The same text with every plain string that a YAML 1.1 reader takes for something else quoted:
 * `yes`, `no`, `on`, `off`, `y`, `n` (and `NO`, Norway's code) are booleans there, `1:20` a number,
 * `2024-01-01` a date. YAML 1.2 has none of these, so the yaml library writes them plain unless told
 * to stay readable by 1.1 too (its `compat` schema). Comments and layout are kept.
 */
export function quoteForYaml11(text: string): string {
  return parseDocument(text, { compat: 'yaml-1.1' }).toString({ lineWidth: 100, flowCollectionPadding: false });
}

/** The nomination as the text of its file. */
export function renderNomination(draft: Draft, schemaRef: string): string {
  return quoteForYaml11(
    nominationToYaml(orderedNomination(draft), {
      schemaRef,
      header: ['Written with `dpg new`. Check it with `dpg validate`; every key has hover help in editors.'],
      notes: SECTION_NOTES as Record<string, string[]>,
    }),
  );
}

/** Marks a draft file of `dpg new`, and its format's version. */
export const DRAFT_MARK = 'dpgNewDraft';

/** The answers so far, and which questions they answer, as a draft file to resume from. */
export function renderDraft(answers: Draft, answered: readonly string[], resumeCommand: string): string {
  const header = [
    `# Unfinished answers of \`dpg new\`; not a nomination. Continue with: ${resumeCommand}`,
    '# `answered` lists the questions answered so far (left empty included), as JSON pointers.',
  ].join('\n');
  return `${header}\n${quoteForYaml11(stringify({ [DRAFT_MARK]: 1, answered, answers: orderedNomination(answers) }, { lineWidth: 100 }))}`;
}

/**
 * Creates `target` with `content` in one step, failing with EEXIST when it exists — also when it
 * appeared after the caller looked. Written through a temporary file so no reader sees half a file.
 */
export function createExclusive(target: string, content: string): void {
  const temporary = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  writeFileSync(temporary, content, { flag: 'wx' });
  try {
    linkSync(temporary, target);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    // Some file systems have no hard links; an exclusive create is the next best thing.
    if (code === 'EPERM' || code === 'ENOTSUP' || code === 'EXDEV') writeFileSync(target, content, { flag: 'wx' });
    else throw err;
  } finally {
    if (existsSync(temporary)) unlinkSync(temporary);
  }
}
