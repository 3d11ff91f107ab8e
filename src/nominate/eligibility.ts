import type { Category } from '../core/nomination.js';

/**
 * The DPG Standard's five-minute eligibility check, asked before the nomination itself: a nominator
 * whose solution cannot be a digital public good learns why before writing the rest.
 */

export type EligibilityAnswer = 'yes' | 'no' | 'unsure';

export interface EligibilityQuestion {
  id: string;
  /** The indicator of the Standard the question stands for. */
  indicator: string;
  message: string;
  hint: string;
  /** Why the solution cannot be a DPG when the answer is "no". */
  ineligible: string;
}

export const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  software: 'Open-source software',
  data: 'Open data',
  'ai-model': 'An open AI model',
  standard: 'An open standard',
  content: 'Open content (text, images, courses, books)',
};

export const NOT_A_CATEGORY =
  'The DPG Standard recognises only open-source software, open data, open AI models, open standards and open content; ' +
  'a service, a device, a platform that is not published openly, or an organisation cannot be nominated.';

export const ELIGIBILITY_QUESTIONS: readonly EligibilityQuestion[] = [
  {
    id: 'license',
    indicator: '2',
    message: 'Is it published under an open licence for its kind?',
    hint: 'Software: a licence approved by the Open Source Initiative (e.g. MIT, Apache-2.0, GPL). Content: Creative Commons BY, BY-SA, CC0, BY-NC or BY-NC-SA (not ND). Data: an Open Definition licence (e.g. CC-BY-4.0, ODbL-1.0).',
    ineligible:
      'Indicator 2 needs an approved open licence for the whole solution: a proprietary, "source-available" or No-Derivatives licence does not qualify. Publish it under an approved licence first.',
  },
  {
    id: 'sdgs',
    indicator: '1',
    message: 'Does it help reach at least one of the Sustainable Development Goals, and can you show how?',
    hint: "For each goal claimed, a sentence on how it serves the goal's targets, or a link to a case study or report.",
    ineligible: 'Indicator 1 needs a demonstrated contribution to at least one SDG, with evidence for each goal claimed.',
  },
  {
    id: 'ownership',
    indicator: '3',
    message: 'Is it clear who owns it (an organisation, or named people), with public proof such as a copyright notice?',
    hint: 'If the owner does not own every part, it needs the right to redistribute the rest (e.g. contributor licence agreements).',
    ineligible: 'Indicator 3 needs a clear owner with public evidence of ownership.',
  },
  {
    id: 'documentation',
    indicator: '5',
    message: 'Is it documented well enough for someone else to use or run it?',
    hint: 'Software: setup and technical docs; data: a data dictionary; content: what is needed to use it; AI: a model card.',
    ineligible: 'Indicator 5 needs public documentation that lets a stranger launch, run or use the solution.',
  },
  {
    id: 'harm',
    indicator: '7, 9',
    message: 'Does it comply with privacy and applicable laws, and take steps to prevent harm to its users?',
    hint: 'E.g. GDPR or national data-protection law, a privacy policy, protection against abuse and inappropriate content.',
    ineligible: 'Indicators 7 and 9 need compliance with privacy and applicable laws and steps to do no harm by design.',
  },
];

export interface EligibilityInput {
  categories: readonly string[];
  answers: Readonly<Record<string, EligibilityAnswer | undefined>>;
}

export interface EligibilityVerdict {
  /** Every question answered and none answered "no". */
  eligible: boolean;
  /** Why it cannot be a DPG, one reason per failed requirement. */
  reasons: string[];
  /** Questions not answered yet, by id ("categories" for the kind). */
  unanswered: string[];
  /** Answers of "not sure": the nomination may go on, and reviewers will look at these. */
  unsure: string[];
}

export function judgeEligibility(input: EligibilityInput): EligibilityVerdict {
  const reasons: string[] = [];
  const unanswered: string[] = [];
  const unsure: string[] = [];
  if (input.categories.includes('none')) reasons.push(NOT_A_CATEGORY);
  else if (!input.categories.some((c) => Object.hasOwn(CATEGORY_LABELS, c))) unanswered.push('categories');
  for (const question of ELIGIBILITY_QUESTIONS) {
    const answer = input.answers[question.id];
    if (answer === undefined) unanswered.push(question.id);
    else if (answer === 'no') reasons.push(question.ineligible);
    else if (answer === 'unsure') unsure.push(question.id);
  }
  return { eligible: !reasons.length && !unanswered.length, reasons, unanswered, unsure };
}
