/**
 * The layers of Crosswalk, checked in CI (`npm run check:layers`).
 * HTTP → GraphQL → services → domain, with repositories (all SQL) below the services.
 * Known violations still to be removed are listed in .dependency-cruiser-known-violations.json
 * (issue "The house"); a new one fails the check.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'domain-is-pure',
      comment: 'The domain holds pure rules: it imports nothing from the database, storage, services, GraphQL, HTTP or the CLI.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { path: '^src/(db|storage|services|graphql|http|cli)/' },
    },
    {
      name: 'db-below-services',
      comment: 'The database layer (schema, repositories) never reaches up to services, GraphQL, HTTP or the CLI, nor across to storage.',
      severity: 'error',
      from: { path: '^src/db/' },
      to: { path: '^src/(storage|services|graphql|http|cli)/' },
    },
    {
      name: 'storage-below-services',
      comment: 'Storage adapters (files on disk: the evidence blob store) know only the domain: never the database, services, GraphQL, HTTP or the CLI.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/(db|services|graphql|http|cli)/' },
    },
    {
      name: 'storage-through-services',
      comment: 'GraphQL and HTTP reach stored files only through services.',
      severity: 'error',
      from: { path: '^src/(graphql|http)/' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'services-below-api',
      comment: 'Services know nothing of GraphQL, HTTP or the CLI.',
      severity: 'error',
      from: { path: '^src/services/' },
      to: { path: '^src/(graphql|http|cli)/' },
    },
    {
      name: 'graphql-through-services',
      comment: 'Resolvers and loaders get data from services (read checks included), never from repositories or the database.',
      severity: 'error',
      from: { path: '^src/graphql/' },
      to: { path: '^src/(db|http|cli)/' },
    },
    {
      name: 'http-through-services',
      comment: 'HTTP routes call services; they neither build repositories nor touch the database.',
      severity: 'error',
      from: { path: '^src/http/' },
      to: { path: '^src/(db/repositories|cli)/' },
    },
    {
      name: 'cli-through-services',
      comment: 'Operator commands go through services, never repositories.',
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/db/repositories/' },
    },
    {
      name: 'engine-through-its-index',
      comment: 'Code outside the coverage engine uses it only through src/domain/coverage/index.ts, never its modules.',
      severity: 'error',
      from: { path: '^src/(services|db|graphql|http|cli)/' },
      to: { path: '^src/domain/coverage/', pathNot: '^src/domain/coverage/index\\.ts$' },
    },
    {
      name: 'no-cycles',
      comment: 'No import cycles under src/ (type-only imports included: they couple files just the same).',
      severity: 'error',
      from: { path: '^src/' },
      to: { circular: true },
    },
    {
      name: 'tests-stay-out',
      comment: 'Production code never imports test code.',
      severity: 'error',
      from: { path: '^src/' },
      to: { path: '^test/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^src/graphql/generated/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.js', '.mjs'] },
  },
};
