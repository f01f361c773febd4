/**
 * The one-way dependency rule of DESIGN.md, enforced in CI (`npm run lint`):
 *   core ← stats, pii ← domains ← app ← api, cli;  store, jobs, llm publish interfaces app uses.
 * pii (PII detectors and placeholders) is a kernel like stats: the LLM privacy guard and the
 * domains (content lint, privacy) both use it, so it can live in neither.
 */
const domains =
  '(customers|forecast|text|content|experiments|attribution|identity|recommend|assistant|privacy|demo)';

module.exports = {
  forbidden: [
    {
      name: 'core-is-the-bottom',
      severity: 'error',
      comment: 'core/ imports nothing of ours outside core/',
      from: { path: '^src/core/' },
      to: { path: '^src/', pathNot: '^src/core/' },
    },
    {
      name: 'stats-imports-only-core',
      severity: 'error',
      from: { path: '^src/stats/' },
      to: { path: '^src/', pathNot: '^src/(core|stats)/' },
    },
    {
      name: 'pii-imports-only-core',
      severity: 'error',
      from: { path: '^src/pii/' },
      to: { path: '^src/', pathNot: '^src/(core|pii)/' },
    },
    {
      name: 'report-renderer-imports-only-core',
      severity: 'error',
      from: { path: '^src/report/' },
      to: { path: '^src/', pathNot: '^src/(core|report)/' },
    },
    {
      name: 'domains-are-pure',
      severity: 'error',
      comment: 'domain modules never import storage, LLM adapters, jobs, app or interfaces',
      from: { path: `^src/${domains}/` },
      to: { path: '^src/(store|llm|jobs|app|api|cli|web)/' },
    },
    {
      name: 'domains-do-no-io',
      severity: 'error',
      comment: 'domain modules take data in and return data out: no file, network or process I/O',
      from: { path: `^src/${domains}/`, pathNot: '\\.test\\.ts$' },
      to: {
        path: '^(node:)?(fs|fs/promises|net|http|https|child_process|worker_threads|dgram|tls)$',
        dependencyTypes: ['core'],
      },
    },
    {
      name: 'domains-use-each-other-through-index',
      severity: 'error',
      from: { path: `^src/${domains}/` },
      to: { path: `^src/${domains}/(?!index\\.ts$)`, pathNot: '^src/$1/' },
    },
    {
      name: 'adapters-below-app',
      severity: 'error',
      from: { path: '^src/(store|jobs|llm)/' },
      to: { path: `^src/(app|api|cli|web|${domains.slice(1, -1)})/` },
    },
    {
      name: 'app-below-interfaces',
      severity: 'error',
      from: { path: '^src/app/' },
      to: { path: '^src/(api|cli|web)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    exclude: { path: '(^dist/|\\.test\\.ts$|\\.contract\\.ts$)' },
  },
};
