import type { IndicatorId } from './types.js';

export interface IndicatorInfo {
  id: IndicatorId;
  title: string;
  /** Top-level (or nested) nomination fields whose problems belong to this indicator, most specific first. */
  fields: string[];
  /** What a human reviewer must still judge once the automated checks pass. */
  reviewNote: string;
}

export const INDICATORS: readonly IndicatorInfo[] = [
  {
    id: '1',
    title: 'Relevance to the SDGs',
    fields: ['/sdgs'],
    reviewNote: 'Is the evidence for each SDG convincing and specific to its targets?',
  },
  {
    id: '2',
    title: 'Use of an approved open licence',
    fields: ['/licenses'],
    reviewNote: 'Does the licence evidence page really name the declared licence, and is everything (code, content, data) covered by it?',
  },
  {
    id: '3',
    title: 'Clear ownership',
    fields: ['/ownership', '/organizations'],
    reviewNote: 'Is the declared owner the real owner of the code, content or data, as the ownership evidence shows?',
  },
  {
    id: '4',
    title: 'Platform independence',
    fields: ['/platformIndependence'],
    reviewNote: 'Are the listed open alternatives real drop-in replacements for any closed component?',
  },
  {
    id: '5',
    title: 'Documentation',
    fields: ['/documentation'],
    reviewNote: 'Is the documentation enough for a stranger to deploy, use or reuse the solution?',
  },
  {
    id: '6',
    title: 'Mechanism for extracting data and content',
    fields: ['/dataExtraction'],
    reviewNote: 'Can non-personal data really be exported in a non-proprietary format?',
  },
  {
    id: '7',
    title: 'Adherence to privacy and applicable laws',
    fields: ['/privacy'],
    reviewNote: 'Do the privacy policy and the answers on personal data match what the solution does?',
  },
  {
    id: '8',
    title: 'Adherence to standards and best practices',
    fields: ['/standards'],
    reviewNote: 'Does the evidence show the standards and practices are actually followed?',
  },
  {
    id: '9a',
    title: 'Data privacy and security',
    fields: ['/doNoHarm/dataPrivacySecurity'],
    reviewNote: 'Are the safeguards for personal data proportionate to what is collected and shared?',
  },
  {
    id: '9b',
    title: 'Inappropriate and illegal content',
    fields: ['/doNoHarm/inappropriateContent'],
    reviewNote: 'Are the moderation policy and response time credible for the content handled?',
  },
  {
    id: '9c',
    title: 'Protection from harassment',
    fields: ['/doNoHarm/harassmentProtection'],
    reviewNote: 'Do the protections cover underage users and abuse between users?',
  },
  {
    id: '9',
    title: 'Do no harm by design',
    fields: ['/doNoHarm'],
    reviewNote: "Are the general steps to prevent harm adequate for the solution's users?",
  },
] as const;

export const INDICATOR_ORDER: readonly IndicatorId[] = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '9a', '9b', '9c'];

export function indicatorTitle(id: IndicatorId): string {
  return INDICATORS.find((i) => i.id === id)?.title ?? id;
}

/** The indicator a JSON pointer belongs to, or null for identity and lifecycle fields. */
export function indicatorForPath(pointer: string): IndicatorId | null {
  for (const info of INDICATORS) {
    if (info.fields.some((f) => pointer === f || pointer.startsWith(f + '/'))) return info.id;
  }
  return null;
}
