/**
 * `npm run cli -- migrate --to postgres://…` (the compiled CLI) moves a SQLite deployment built
 * through the real API into an empty PostgreSQL database, and a server started on that database
 * answers as the SQLite one did: the same coverage, gaps, lists, history before a delete, audit
 * trail (verified), the old tokens with their roles, the evidence files byte for byte; new writes
 * get new ids and reach coverage. A second migrate into the now non-empty database is refused
 * (TARGET_NOT_EMPTY); a bad --to is a usage error (exit code 2). A damaged evidence file fails the
 * migration (SOURCE_FILE_CORRUPT) leaving the target without rows or files, and once repaired
 * the same target takes the migration.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { Builder, DAY, HOUR, Reader, runCli, startClockedServer, type ClockedServer } from '../api/coverage-helpers.js';
import { attach, blobFile, createControl, EVIDENCE, get, sha256, upload } from '../evidence-files/helpers.js';
import { useCompiledApp } from '../support/compiled-app.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';

useCompiledApp();

const ERRORS = 'userErrors { field message code }';

let source: ClockedServer;
let target: TestServer;
let database: TestDatabase;
let targetDir: string;
/** Tokens of the SQLite deployment, by role (ADMIN: the environment token). */
const tokens: Record<string, string> = {};
const files: { sha: string; bytes: Buffer }[] = [];
const ids = {} as Record<'framework' | 'top' | 'child' | 'moved' | 'laterParent' | 'deletedReq' | 'deletedControl' | 'system', string>;
let beforeDelete: string;
let end: string;
let answersBefore: Record<string, unknown>;
let answersAfter: Record<string, unknown>;
let migrated: { code: number | null; stdout: string; stderr: string };

async function mutate(client: GraphQLClient, field: string, inputType: string, input: Record<string, unknown>, select = ''): Promise<any> {
  const d = await client.data(`mutation($input: ${inputType}!) { ${field}(input: $input) { ${select} ${ERRORS} } }`, { input });
  expect(d[field].userErrors, field).toEqual([]);
  return d[field];
}

/** Every page of a connection field `query` selects as `field` (variables $first, $after). */
async function allPages(client: GraphQLClient, field: string, query: string, first = 100): Promise<unknown[]> {
  const out: unknown[] = [];
  for (let after: string | null = null; ; ) {
    const d: any = await client.data(query, { first, after });
    out.push(...d[field].edges.map((e: any) => e.node));
    if (!d[field].pageInfo.hasNextPage) return out;
    after = d[field].pageInfo.endCursor;
  }
}

/** What the deployment answers, read with its ADMIN token (explicit instants: the two servers' clocks differ). */
async function answers(client: GraphQLClient): Promise<Record<string, unknown>> {
  const r = new Reader(client);
  const scope = { aiSystemId: ids.system };
  return {
    coverage: await r.coverage({ asOf: end }),
    coverageBeforeDelete: await r.coverage({ asOf: beforeDelete }),
    systemCoverage: await r.coverage({ scope, asOf: end }),
    gaps: await r.gaps({}, { asOf: end }),
    gapsBeforeDelete: await r.gaps({}, { asOf: beforeDelete }),
    threats: await r.threats({ asOf: end }),
    frameworks: await allPages(
      client,
      'frameworks',
      `query($first: Int, $after: String) { frameworks(first: $first, after: $after) { edges { node { id refId name kind } } pageInfo { hasNextPage endCursor } } }`,
    ),
    requirements: await client.data(
      `query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Requirement { refId title retiredAt parent { id } children { edges { node { id } } } } } }`,
      { ids: [ids.top, ids.child, ids.moved, ids.laterParent, ids.deletedReq] },
    ),
    controls: await allPages(
      client,
      'controls',
      `query($first: Int, $after: String) { controls(first: $first, after: $after) { edges { node { id refId implementationStatus
        statusHistory(first: 10) { edges { node { id fromStatus toStatus changedAt changedBy } } } } } pageInfo { hasNextPage endCursor } } }`,
      10,
    ),
    deletedControl: await client.data(`query($id: ID!) { node(id: $id) { id ... on Control { refId retiredAt } } }`, { id: ids.deletedControl }),
    evidence: await allPages(
      client,
      'evidence',
      `query($first: Int, $after: String) { evidence(first: $first, after: $after) { edges { node { ${EVIDENCE} } } pageInfo { hasNextPage endCursor } } }`,
      10,
    ),
    tokens: await allPages(
      client,
      'tokens',
      `query($first: Int, $after: String) { tokens(includeRevoked: true, first: $first, after: $after) { edges { node {
        id name role prefix fromEnvironment expiresAt revokedAt revokedBy scopeControls { id } } } pageInfo { hasNextPage endCursor } } }`,
    ),
    auditLog: await allPages(
      client,
      'auditLog',
      `query($first: Int, $after: String) { auditLog(first: $first, after: $after) { edges { node {
        id seq at actorId actorName actorRole action targetIds before after requestId outcome prevHash hash } } pageInfo { hasNextPage endCursor } } }`,
    ),
    auditVerify: (await client.data(`{ auditVerify { intact firstBrokenSeq entries headHash } }`)).auditVerify,
  };
}

/** Each old token's identity and role as the server sees it. */
async function viewers(server: TestServer): Promise<Record<string, unknown>> {
  const out: Record<string, unknown> = {};
  for (const [role, token] of Object.entries(tokens)) {
    out[role] = (await server.withToken(token).data(`{ viewer { actorId name role } }`)).viewer;
  }
  return out;
}

beforeAll(async () => {
  // The SQLite deployment, built through the API on a clock the test moves.
  source = await startClockedServer();
  tokens.ADMIN = source.token;
  const b = new Builder(source);
  ids.framework = await b.framework('FW-MOVE');
  ids.top = await b.requirement(ids.framework, 'R1');
  ids.child = await b.requirement(ids.framework, 'R1.1', ids.top);
  ids.moved = await b.requirement(ids.framework, 'R2');
  // A parent with a higher id than its child: the copy cannot rely on id order.
  ids.laterParent = await b.requirement(ids.framework, 'R3');
  await mutate(source, 'requirementUpdate', 'RequirementUpdateInput', { id: ids.moved, parentId: ids.laterParent }, 'requirement { id }');
  ids.deletedReq = await b.requirement(ids.framework, 'R4');
  const effective = await b.effectiveControl({ refId: 'CTL-A' });
  const planned = await b.control('PLANNED', { refId: 'CTL-B' });
  ids.deletedControl = await b.control('IMPLEMENTED', { refId: 'CTL-C' });
  await b.map(ids.child, effective);
  await b.map(ids.moved, planned, 'SUBSET_OF');
  const doomed = await b.map(ids.laterParent, ids.deletedControl);
  ids.system = await b.aiSystem([ids.framework]);
  await b.override(ids.system, planned, 'IMPLEMENTED');
  const catalog = await b.framework('THREATS', 'THREAT_CATALOG');
  await b.threatLink(await b.threat(catalog), ids.child);
  await b.applicable(ids.deletedReq, false);
  source.tick(HOUR);

  // Tokens of several roles, one scoped, one revoked.
  const viewer = await source.as('VIEWER');
  const editor = await source.as('EDITOR');
  const contributor = await source.as('CONTRIBUTOR', { controlIds: [effective] });
  tokens.VIEWER = viewer.token;
  tokens.EDITOR = editor.token;
  tokens.CONTRIBUTOR = contributor.token;
  const revoked = await mutate(source, 'tokenCreate', 'TokenCreateInput', { name: 'leaving', role: 'EDITOR' }, 'token { id }');
  await mutate(source, 'tokenRevoke', 'TokenRevokeInput', { id: revoked.token.id }, 'token { id }');

  // Evidence files: one of several chunks in the database store (1 MiB each), one small; the same file twice.
  for (const bytes of [randomBytes(2 * 1024 * 1024 + 123), Buffer.from('a short attestation\n')]) {
    files.push({ sha: await upload({ url: source.url, token: contributor.token }, bytes), bytes });
  }
  for (const [i, file] of files.entries()) {
    const r = await attach(source, { controlIds: [effective], sha256: file.sha, filename: `file-${i}.bin` });
    expect(r.userErrors).toEqual([]);
  }
  expect((await attach(contributor, { controlIds: [effective], sha256: files[1]!.sha, filename: 'again.txt' })).userErrors).toEqual([]);
  source.tick(HOUR);
  beforeDelete = source.iso();
  source.tick(HOUR);

  // Deletes retire: history keeps tombstones.
  await b.unmap(doomed);
  await mutate(source, 'controlDelete', 'ControlDeleteInput', { id: ids.deletedControl }, 'deletedId');
  await mutate(source, 'requirementDelete', 'RequirementDeleteInput', { id: ids.deletedReq }, 'deletedId');
  source.tick(DAY);
  end = source.iso();
  answersBefore = { answers: await answers(source), viewers: await viewers(source) };
  expect((answersBefore.answers as any).auditVerify.intact).toBe(true);

  // Stop the server (keeping its data directory), then migrate.
  await source.instance.stop();
  database = await createPostgresDatabase({ migrated: false });
  migrated = await runCli(source.dataDir, ['migrate', '--to', database.url]);
  targetDir = mkdtempSync(join(tmpdir(), 'crosswalk-migrated-'));
  if (migrated.code === 0) {
    target = await startTestServer({ dataDir: targetDir, adminToken: tokens.ADMIN, env: { CROSSWALK_DATABASE_URL: database.url } });
    // Read before any test writes (tests run in random order).
    answersAfter = { answers: await answers(target), viewers: await viewers(target) };
  }
}, 600_000);

afterAll(async () => {
  await target?.close();
  await database?.drop();
  if (source) rmSync(source.dataDir, { recursive: true, force: true });
  if (targetDir) rmSync(targetDir, { recursive: true, force: true });
});

describe('cli migrate --to postgres://…', () => {
  it('copies everything and prints a summary with the verified audit chain', () => {
    expect(migrated.stderr).toBe('');
    expect(migrated.code).toBe(0);
    const audit = (answersBefore.answers as any).auditVerify;
    expect(migrated.stdout).toMatch(/^ {2}audit_log +\d+ row\(s\)$/m);
    expect(migrated.stdout).toContain(`Copied 2 evidence file(s), ${files[0]!.bytes.length + files[1]!.bytes.length} bytes`);
    expect(migrated.stdout).toContain(`Audit trail verified on the target: ${audit.entries} entries, intact, head hash ${audit.headHash}`);
  });

  it('answers on PostgreSQL exactly as the SQLite deployment did', () => {
    expect(target.databaseUrl).toBe(database.url);
    expect(answersAfter).toEqual(answersBefore);
  });

  it('serves every evidence file with the same bytes from the database', async () => {
    for (const file of files) {
      const answer = await get({ url: target.url, token: tokens.VIEWER! }, file.sha);
      expect(answer.status).toBe(200);
      expect(answer.bytes.equals(file.bytes)).toBe(true);
    }
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    try {
      const stored = await client.query<{ sha256: string }>('SELECT sha256 FROM blob_files WHERE sha256 IS NOT NULL ORDER BY sha256');
      expect(stored.rows.map((r) => r.sha256)).toEqual(files.map((f) => f.sha).sort());
    } finally {
      await client.end();
    }
  });

  it('keeps the revoked token revoked', async () => {
    const revoked = ((answersBefore.answers as any).tokens as any[]).filter((t) => t.revokedAt !== null);
    expect(revoked.map((t) => t.name)).toEqual(['leaving']);
  });

  it('takes new writes with new ids, and coverage sees them (identities set, triggers back on)', async () => {
    const b = new Builder(target);
    const r = new Reader(target);
    const before = await r.summary(ids.framework);
    const control = await b.effectiveControl({ refId: 'CTL-NEW' });
    const existing = ((answersBefore.answers as any).controls as any[]).map((c) => c.id);
    expect(existing).not.toContain(control);
    await b.map(ids.moved, control);
    const after = await r.summary(ids.framework);
    expect(after.covered).toBe(before.covered + 1);
    const requirement = await b.requirement(ids.framework, 'R5', ids.top);
    expect(((answersBefore.answers as any).requirements.nodes as any[]).map((n) => n.id)).not.toContain(requirement);
  });

  it('refuses a target that already holds data, changing nothing', async () => {
    const again = await runCli(source.dataDir, ['migrate', '--to', database.url]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/^error: TARGET_NOT_EMPTY: the target database already holds data \(table \w+ has rows\).*create/m);
    expect((await target.data(`{ auditVerify { intact } }`)).auditVerify.intact).toBe(true);
  });

  it('refuses a role without the privileges to migrate or own the tables (TARGET_NOT_OWNED), copying nothing', async () => {
    const other = await createPostgresDatabase();
    const role = `migrator_${process.pid}`;
    const admin = new pg.Client({ connectionString: other.url });
    await admin.connect();
    try {
      await admin.query(`CREATE ROLE ${role} LOGIN PASSWORD 'not-the-owner'`);
      await admin.query(`GRANT USAGE ON SCHEMA public, drizzle TO ${role}`);
      await admin.query(`GRANT SELECT, INSERT ON ALL TABLES IN SCHEMA public, drizzle TO ${role}`);
      const url = new URL(other.url);
      url.username = role;
      url.password = 'not-the-owner';
      const refused = await runCli(source.dataDir, ['migrate', '--to', url.toString()]);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^error: TARGET_NOT_OWNED: the role in --to may not migrate the target or does not own its tables \(.*\), so nothing was copied/m);
      expect(refused.stderr).not.toContain('not-the-owner');
      expect((await admin.query<{ n: number }>('SELECT count(*)::int AS n FROM audit_log')).rows[0]!.n).toBe(0);
    } finally {
      await admin.end();
      await other.drop();
      const postgres = new URL(other.url);
      postgres.pathname = '/postgres';
      const cleanup = new pg.Client({ connectionString: postgres.toString() });
      await cleanup.connect();
      await cleanup.query(`DROP ROLE IF EXISTS ${role}`).finally(() => cleanup.end());
    }
  });

  it('treats a bad or missing --to as a usage error (exit code 2) and an unreachable one as DATABASE_UNAVAILABLE (exit code 1), without echoing it', async () => {
    const bad = await runCli(source.dataDir, ['migrate', '--to', 'mysql://user:secret@host/db']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/^error: --to must be a PostgreSQL URL/);
    expect(bad.stderr).not.toContain('secret');
    const unreachable = await runCli(source.dataDir, ['migrate', '--to', 'postgres://user:secret@127.0.0.1:1/crosswalk']);
    expect(unreachable.code).toBe(1);
    expect(unreachable.stderr).toMatch(/^error: the database cannot be reached/);
    expect(unreachable.stderr).not.toContain('secret');
    const missing = await runCli(source.dataDir, ['migrate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("required option '--to <url>'");
  });
});

describe('cli migrate with a damaged evidence file on the source', () => {
  let damaged: TestServer;
  let empty: TestDatabase;
  afterAll(async () => {
    await empty?.drop();
    if (damaged) rmSync(damaged.dataDir, { recursive: true, force: true });
  });

  /** Rows of every table but drizzle's own, and stored files, in the target. */
  async function contents(url: string): Promise<{ rows: number; files: number }> {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const tables = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public'`);
      expect(tables.rows.length).toBeGreaterThan(20);
      let rows = 0;
      for (const { name } of tables.rows) rows += (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${client.escapeIdentifier(name)}`)).rows[0]!.n;
      const files = (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM blob_files')).rows[0]!.n;
      return { rows, files };
    } finally {
      await client.end();
    }
  }

  it('fails with SOURCE_FILE_CORRUPT leaving the target empty, and succeeds once the file is repaired', async () => {
    damaged = await startTestServer();
    const control = await createControl(damaged, 'CTL-1');
    const good = Buffer.from('intact file\n');
    const bad = Buffer.from('damaged file\n');
    for (const [i, bytes] of [good, bad].entries()) {
      const sha = await upload(damaged, bytes);
      expect((await attach(damaged, { controlIds: [control], sha256: sha, filename: `f${i}.txt` })).userErrors).toEqual([]);
    }
    await damaged.instance.stop();
    const path = blobFile(damaged.dataDir, sha256(bad));
    const original = readFileSync(path);
    writeFileSync(path, Buffer.from('DAMAGED file\n'));

    empty = await createPostgresDatabase({ migrated: false });
    const failed = await runCli(damaged.dataDir, ['migrate', '--to', empty.url]);
    expect(failed.code).toBe(1);
    expect(failed.stderr).toMatch(/^error: SOURCE_FILE_CORRUPT: the evidence file [0-9a-f]{64} in .* is damaged .*nothing was committed.*blobs scan/m);
    expect(await contents(empty.url)).toEqual({ rows: 0, files: 0 });

    writeFileSync(path, original);
    const repaired = await runCli(damaged.dataDir, ['migrate', '--to', empty.url]);
    expect(repaired.stderr).toBe('');
    expect(repaired.code).toBe(0);
    expect(repaired.stdout).toContain(`Copied 2 evidence file(s), ${good.length + bad.length} bytes`);
    expect((await contents(empty.url)).files).toBe(2);
  });
});
