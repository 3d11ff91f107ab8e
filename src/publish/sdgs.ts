import { sdgTitle } from '../core/sdgs.js';

/** A goal as the website labels it: "SDG 3: Good health and well-being". */
export function sdgLabel(goal: number): string {
  const title = sdgTitle(goal);
  return title ? `SDG ${goal}: ${title}` : `SDG ${goal}`;
}

/** Names short enough for a badge; the full title is the badge's accessible name. */
const SDG_SHORT_NAMES: readonly string[] = [
  'No poverty',
  'Zero hunger',
  'Good health',
  'Education',
  'Gender equality',
  'Clean water',
  'Clean energy',
  'Decent work',
  'Industry',
  'Inequalities',
  'Cities',
  'Consumption',
  'Climate',
  'Life below water',
  'Life on land',
  'Peace & justice',
  'Partnerships',
];

/** The goals' colours as the United Nations publishes them (sRGB hex), SDG 1 first. */
export const SDG_COLOURS: readonly string[] = [
  '#E5243B',
  '#DDA63A',
  '#4C9F38',
  '#C5192D',
  '#FF3A21',
  '#26BDE2',
  '#FCC30B',
  '#A21942',
  '#FD6925',
  '#DD1367',
  '#FD9D24',
  '#BF8B2E',
  '#3F7E44',
  '#0A97D9',
  '#56C02B',
  '#00689D',
  '#19486A',
];

export function sdgShortName(goal: number): string {
  return SDG_SHORT_NAMES[goal - 1] ?? `Goal ${goal}`;
}

function luminance(hex: string): number {
  const channel = (i: number) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
}

/** WCAG contrast ratio of two sRGB hex colours. */
export function contrastRatio(a: string, b: string): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

const DARK_TEXT = '#1b1b1b';
const LIGHT_TEXT = '#ffffff';

/** White or near-black, whichever reads better on the goal's colour. */
export function sdgTextColour(goal: number): string {
  const colour = SDG_COLOURS[goal - 1] ?? '#4a4a4a';
  return contrastRatio(colour, LIGHT_TEXT) >= contrastRatio(colour, DARK_TEXT) ? LIGHT_TEXT : DARK_TEXT;
}

/** One class per goal (`.sdg-3`); inline styles are refused by the site's Content-Security-Policy. */
export function sdgCss(): string {
  return SDG_COLOURS.map((colour, i) => `.sdg-${i + 1}{background:${colour};color:${sdgTextColour(i + 1)}}`).join('\n');
}
