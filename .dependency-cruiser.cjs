// The layers of src/, lowest first: a module may import from its own layer or a lower one, never a higher one.
// The README's "Architecture" section draws the same order.
const LAYERS = [
  'core',
  'util',
  'licenses',
  'rules',
  'load',
  'schema',
  'config',
  'lint',
  'review',
  'runner',
  'formatters',
  'github',
  'online',
  'fix',
  'import',
  'new',
  'nominate',
  'renewals',
  'publish',
  'cli',
];

const layerPath = (name) => `^src/${name}/`;

module.exports = {
  forbidden: [
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'Modules must not import each other in a circle.',
      from: { path: '^src/' },
      to: { circular: true },
    },
    ...LAYERS.map((layer, index) => ({
      name: `layer-${layer}`,
      severity: 'error',
      comment: `src/${layer} may import only from lower layers: ${LAYERS.slice(0, index).join(', ') || 'none'}.`,
      from: { path: layerPath(layer) },
      to: { path: `^src/(${LAYERS.slice(index + 1).join('|')})/` },
    })),
    {
      name: 'no-command-imports-command',
      severity: 'error',
      comment: 'A command shares code through src/cli/shared, never by importing another command.',
      from: { path: '^src/cli/commands/([^/]+)' },
      to: { path: '^src/cli/commands/', pathNot: '^src/cli/commands/$1' },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'Every import resolves; the validators compiled from the schemas exist only after the build.',
      from: {},
      to: { couldNotResolve: true, pathNot: '-validator\\.cjs$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
