/** Short titles of the 17 Sustainable Development Goals, in order: SDG 1 is the first. */
export const SDG_TITLES: readonly string[] = [
  'No poverty',
  'Zero hunger',
  'Good health and well-being',
  'Quality education',
  'Gender equality',
  'Clean water and sanitation',
  'Affordable and clean energy',
  'Decent work and economic growth',
  'Industry, innovation and infrastructure',
  'Reduced inequalities',
  'Sustainable cities and communities',
  'Responsible consumption and production',
  'Climate action',
  'Life below water',
  'Life on land',
  'Peace, justice and strong institutions',
  'Partnerships for the goals',
];

/** The short title of goal `goal` (1–17), if there is one. */
export function sdgTitle(goal: number): string | undefined {
  return Number.isInteger(goal) && goal >= 1 ? SDG_TITLES[goal - 1] : undefined;
}
