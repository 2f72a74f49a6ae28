// The import rules of the house (DESIGN.md "Rules of the house", docs/architecture.md), checked
// by `npm test` (step "deps"). Type-only imports count: a type cycle is still a cycle.
const DOMAINS = 'auth|cases|center|clients|consents|geo|services|setup|staff|system|timeline';
const FOUNDATION = 'api|audit|calendar|crypto|db|session|sync|text|uz';
// In sync/, only the outbox and the batch protocol are foundation; sealing and uploading use the
// center's signing key and the clients' PINFLs, as a domain does.
const SYNC_SERVICE = '^src/core/sync/(?!outbox|protocol/)';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import cycle anywhere, type-only imports included.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'core-knows-no-screen',
      severity: 'error',
      comment: 'src/core imports nothing from src/ui, src/host or electron/.',
      from: { path: '^src/core/' },
      to: { path: '^(src/ui|src/host|electron)/' },
    },
    {
      name: 'ui-takes-types-and-pure-modules',
      severity: 'error',
      comment: 'src/ui imports from src/core only types, *.schema and *.policy modules, the error type and the typed client.',
      from: { path: '^src/ui/' },
      to: {
        path: '^src/core/',
        pathNot: ['\\.(schema|policy)\\.ts$', '^src/core/api/errors\\.ts$', '^src/core/client\\.ts$'],
        dependencyTypesNot: ['type-only'],
      },
    },
    {
      name: 'ui-not-to-host',
      severity: 'error',
      from: { path: '^src/ui/' },
      to: { path: '^(src/host|electron)/' },
    },
    {
      name: 'foundation-below-domains',
      severity: 'error',
      comment:
        'The foundation (api, db, crypto, audit, sync, ...) never imports a domain. Two registrations are the exception: the timeline source contract, and the `Database` type that lists the domains\' table types (type-only).',
      from: { path: `^src/core/(${FOUNDATION})/`, pathNot: ['\\.test\\.ts$|test-support\\.ts$|\\.fixture\\.ts$', '^src/core/db/database\\.ts$', SYNC_SERVICE] },
      to: { path: `^src/core/(${DOMAINS})/`, pathNot: '^src/core/timeline/timeline-source\\.ts$' },
    },
    {
      name: 'database-type-lists-tables-only',
      severity: 'error',
      comment: 'db/database.ts may name the domains\' table types, and nothing else of theirs.',
      from: { path: '^src/core/db/database\\.ts$' },
      to: { path: `^src/core/(${DOMAINS})/`, pathNot: '\\.table\\.ts$' },
    },
    {
      name: 'database-type-is-type-only',
      severity: 'error',
      from: { path: '^src/core/db/database\\.ts$' },
      to: { path: `^src/core/(${DOMAINS})/`, dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'only-the-root-composes',
      severity: 'error',
      comment: 'Domain manifests are folded in src/core/app.ts only; nothing below it imports it (but the typed client and tests).',
      from: { path: '^src/core/', pathNot: ['^src/core/app\\.ts$', '^src/core/client\\.ts$', '\\.test\\.ts$', 'test-support\\.ts$', '\\.fixture\\.ts$', '^src/core/testing/'] },
      to: { path: ['\\.module\\.ts$', '^src/core/app\\.ts$'] },
    },
    {
      name: 'no-deep-import-into-a-domain',
      severity: 'error',
      comment: "One domain uses another's exported functions (repository, service, guards, policy, schema, table, outbox), never its API methods or test support.",
      from: { path: `^src/core/(${DOMAINS})/`, pathNot: '\\.test\\.ts$|test-support\\.ts$' },
      to: { path: `^src/core/(${DOMAINS})/[^/]+\\.(api|test-support)\\.ts$`, pathNot: '^src/core/$1/' },
    },
    {
      name: 'test-center-only-in-tests',
      severity: 'error',
      comment: 'The test center (src/core/testing) is for tests, fixtures and benchmarks; the application never imports it.',
      from: { pathNot: ['\\.test\\.ts$', '\\.fixture\\.ts$', 'test-support\\.ts$', '^src/core/testing/', '^tests/', '^bench/'] },
      to: { path: '^src/core/testing/' },
    },
    {
      name: 'migration-tests-are-untyped',
      severity: 'error',
      comment: "A migration test writes the columns its migration knew, through migrations/test-support.ts (raw SQL), never today's Database types: history does not change when they do.",
      from: { path: '^migrations/.*\\.test\\.ts$' },
      to: { path: ['^src/core/db/database\\.ts$', '\\.table\\.ts$'] },
    },
    {
      name: 'protocol-stands-alone',
      severity: 'error',
      comment: 'The batch protocol (src/core/sync/protocol) is shared with the registry: it imports only the crypto primitives and itself.',
      from: { path: '^src/core/sync/protocol/' },
      to: { path: '^src/', pathNot: ['^src/core/sync/protocol/', '^src/core/crypto/primitives\\.ts$'] },
    },
    {
      name: 'registry-takes-only-the-protocol',
      severity: 'error',
      comment: "The reference registry imports nothing of the center's core but the shared protocol and the crypto primitives (its tests may drive a center).",
      from: { path: '^src/registry/', pathNot: '\\.test\\.ts$|\\.fixture\\.ts$' },
      // The small-cell suppression and its table of counts are the one exception: pure modules (rule
      // 'suppression-stands-alone'), so the national export hides cells exactly as a center's export does, from one copy.
      to: { path: '^src/(core|ui|host)/', pathNot: ['^src/core/sync/protocol/', '^src/core/crypto/primitives\\.ts$', '^src/core/reports/(suppression|count-table)\\.ts$'] },
    },
    {
      name: 'suppression-stands-alone',
      severity: 'error',
      comment: 'The small-cell suppression and its table of counts (src/core/reports/suppression.ts, count-table.ts) are shared with the registry: they import nothing but each other.',
      from: { path: '^src/core/reports/(suppression|count-table)\\.ts$' },
      to: { path: '^src/', pathNot: '^src/core/reports/(suppression|count-table)\\.ts$' },
    },
    {
      name: 'nothing-imports-the-registry',
      severity: 'error',
      comment: 'The center does not depend on the registry (tests and benchmarks that run both may).',
      from: { path: '^(src/core|src/ui|src/host|electron)/', pathNot: '\\.test\\.ts$|\\.fixture\\.ts$' },
      to: { path: '^src/registry/' },
    },
    {
      name: 'tests-are-not-imported',
      severity: 'error',
      from: { pathNot: '\\.test\\.ts$|^tests/' },
      to: { path: '\\.test\\.ts$' },
    },
  ],
  options: {
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['node_modules', '\\.vite', '^out/', '^dist/'] },
    includeOnly: '^(src|electron|migrations|tests|bench|scripts)/',
  },
};
