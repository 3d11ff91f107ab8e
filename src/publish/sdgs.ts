import { sdgTitle } from '../core/sdgs.js';

/** A goal as the website labels it: "SDG 3: Good health and well-being". */
export function sdgLabel(goal: number): string {
  const title = sdgTitle(goal);
  return title ? `SDG ${goal}: ${title}` : `SDG ${goal}`;
}
