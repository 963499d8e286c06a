/**
 * The coverage cache is exact: every write (through the API, another connection or another
 * process) is visible to the next read, and evidence expiring between two reads changes the
 * answer without any write; reads that cannot differ are served from the cache.
 */
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fromGlobalId } from '../../src/graphql/global-id.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createServices, type Services } from '../../src/services/index.js';
import { Builder, Reader, startClockedServer, type ClockedServer } from './coverage-helpers.js';

describe('on a manual clock', () => {
  let server: ClockedServer;
  let b: Builder;
  let r: Reader;
  const stats = () => server.instance.services.coverage.stats();
  beforeAll(async () => {
    server = await startClockedServer();
    b = new Builder(server);
    r = new Reader(server);
  });
  afterAll(() => server.close());

  it('every write is visible to the next read', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    const control = await b.control('IMPLEMENTED');
    expect(await r.status(req)).toBe('UNCOVERED');
    const mapping = await b.map(req, control, 'EQUAL');
    expect((await r.requirement(req)).reasons.map((x: any) => x.code)).toEqual(['EVIDENCE_MISSING']);
    const evidence = await b.evidence([control], { review: null });
    expect((await r.requirement(req)).reasons.map((x: any) => x.code)).toEqual(['EVIDENCE_PENDING_REVIEW']);
    await b.review(evidence, 'ACCEPTED');
    expect(await r.status(req)).toBe('COVERED');
    expect((await r.summary(fw)).covered).toBe(1);
    await b.remap(mapping, 'INTERSECTS_WITH');
    expect(await r.status(req)).toBe('PARTIAL');
    await b.setStatus(control, 'PLANNED');
    expect(await r.status(req)).toBe('UNCOVERED');
    await b.applicable(req, false);
    expect(await r.status(req)).toBe('NOT_APPLICABLE');
    expect((await r.summary(fw)).notApplicable).toBe(1);
  });

  it('reads without a change in between are served from the cache; a write rebuilds once', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    await r.coverage();
    const before = stats();
    for (let i = 0; i < 3; i++) {
      server.tick(1000);
      await r.coverage();
      await r.gaps({ frameworkId: fw });
    }
    const after = stats();
    expect(after.builds).toBe(before.builds);
    expect(after.misses).toBe(before.misses);
    expect(after.hits).toBeGreaterThan(before.hits);
    // The same past instant twice: one evaluation.
    const asOf = server.iso(server.now() - 10);
    await r.coverage({ asOf });
    const past = stats();
    await r.coverage({ asOf });
    expect(stats().misses).toBe(past.misses);

    await b.map(req, await b.effectiveControl());
    expect(await r.status(req)).toBe('COVERED');
    expect(stats().builds).toBe(after.builds + 1);
  });

  it('a read after a review takes its time slice over from the one before (only the reviewed item is judged again); its answers are a fresh service\'s', async () => {
    const fw = await b.framework();
    const reqs = [await b.requirement(fw), await b.requirement(fw)];
    const controls = [await b.control('IMPLEMENTED'), await b.control('IMPLEMENTED')];
    await b.map(reqs[0]!, controls[0]!, 'EQUAL');
    await b.map(reqs[1]!, controls[1]!, 'EQUAL');
    const pending = await b.evidence([controls[0]!], { review: null });
    await b.evidence([controls[1]!]);
    expect(await r.status(reqs[0]!)).toBe('UNCOVERED');
    expect(await r.status(reqs[1]!)).toBe('COVERED');
    const before = stats();
    server.tick(1000);
    await b.review(pending, 'ACCEPTED');
    expect(await r.status(reqs[0]!)).toBe('COVERED');
    expect(await r.status(reqs[1]!)).toBe('COVERED');
    const after = stats();
    expect(after.builds).toBe(before.builds + 1);
    expect(after.slicesAfterReviews).toBe(before.slicesAfterReviews + 1);
    // A service with nothing prepared, on the same database and clock, answers the same.
    const fresh = createServices(server.instance.store, () => new Date(server.now()));
    const summaries = async (services: Services) =>
      JSON.stringify((await services.coverage.evaluate(CLI_ACTOR, {}))?.frameworks.map((f) => [f.frameworkId, f.summary]));
    expect(await summaries(fresh)).toBe(await summaries(server.instance.services));
    // Another kind of write (a status) prepares the slice afresh.
    await b.setStatus(controls[1]!, 'PLANNED');
    expect(await r.status(reqs[1]!)).toBe('UNCOVERED');
    expect(stats().slicesAfterReviews).toBe(after.slicesAfterReviews);
  });

  it('a change announced by another instance is read in the background; settle() waits for that refresh', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    await r.coverage();
    const before = stats();
    await b.map(req, await b.effectiveControl());
    // What PostgreSQL's NOTIFY does (db/pg-change-listener.ts), then what shutdown does before closing the database.
    server.instance.services.coverage.changeAnnounced();
    await server.instance.services.coverage.settle();
    expect(stats().builds).toBe(before.builds + 1);
    // The next read finds the graph up to date.
    expect(await r.status(req)).toBe('COVERED');
    expect(stats().builds).toBe(before.builds + 1);
  });

  it('an instant shortly before a reload shares its epoch with "now" (one evaluation for both)', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    await b.map(req, await b.effectiveControl());
    server.tick(20_000);
    // The first read after the write reloads the graph; its instant lies before the reload.
    const earlier = await r.coverage({ asOf: server.iso(server.now() - 10_000) });
    const before = stats();
    const now = await r.coverage();
    expect(stats().misses).toBe(before.misses);
    expect(stats().builds).toBe(before.builds);
    expect(now.frameworks).toEqual(earlier.frameworks);
  });

  it('evidence expiring between two reads changes the answer without any write', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    const control = await b.control('IMPLEMENTED');
    await b.map(req, control, 'EQUAL');
    // Within a minute, so that not even the token's lastUsedAt (written at most once a minute) changes.
    const validUntil = server.now() + 30_000;
    await b.evidence([control], { validUntil });
    expect(await r.status(req)).toBe('COVERED');
    const built = stats().builds;
    server.tick(30_000 - 1);
    expect(await r.status(req)).toBe('COVERED');
    server.tick(1); // now == validUntil: no longer current
    const c = await r.requirement(req);
    expect(c.status).toBe('UNCOVERED');
    expect(c.reasons.map((x: any) => [x.code, x.controls.map((k: any) => k.control.id)])).toEqual([['EVIDENCE_EXPIRED', [control]]]);
    expect(await r.gaps({ frameworkId: fw })).toHaveLength(1);
    expect((await r.summary(fw)).uncovered).toBe(1);
    expect(stats().builds).toBe(built); // no reload: the instant moved to another epoch
  });

  it('sees writes made through another connection to the database file (as another process would)', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    const control = await b.effectiveControl();
    await b.map(req, control, 'EQUAL');
    expect(await r.status(req)).toBe('COVERED');
    const insert = `INSERT INTO control_status_changes (control_id, ai_system_id, from_status, to_status, comment, changed_at, changed_by)
      VALUES ($1, NULL, 'IMPLEMENTED', 'PLANNED', 'outside', $2, 'test')`;
    const values = [fromGlobalId(control, 'Control'), server.now()];
    if (server.databaseUrl) {
      const client = new pg.Client({ connectionString: server.databaseUrl });
      await client.connect();
      try {
        await client.query(insert, values);
      } finally {
        await client.end();
      }
    } else {
      const db = new Sqlite(join(server.dataDir, 'crosswalk.db'));
      try {
        db.pragma('busy_timeout = 5000');
        db.prepare(insert.replace(/\$\d/g, '?')).run(...values);
      } finally {
        db.close();
      }
    }
    expect(await r.status(req)).toBe('UNCOVERED');
  });

  it('a request uses one "now" for all its coverage fields', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    const d = await server.data(
      `query($fw: ID!, $req: ID!) { coverage { asOf } framework(id: $fw) { coverage { total } } requirement(id: $req) { coverage { status } } }`,
      { fw, req },
    );
    expect(d.coverage.asOf).toBe(server.iso());
    expect(d.framework.coverage.total).toBe(1);
  });
});

describe('database work', () => {
  let server: TestServer;
  const statements: string[] = [];
  beforeAll(async () => {
    server = await startTestServer({ store: { onQuery: (q) => statements.push(q) } });
  });
  afterAll(() => server.close());

  it('a reload reads each table in one statement; a cached read costs one version check, read with the token; a write re-reads only its rows', async () => {
    // How each backend spells a table read as columns (PostgreSQL: a binary COPY), and the list of keys a patch reads
    // (docs/postgresql.md, "Coverage reads on PostgreSQL").
    const { columns, keyList } = server.databaseUrl
      ? { columns: /^COPY \(SELECT .* TO STDOUT \(FORMAT binary\)$/s, keyList: /= ANY\('\{[0-9,]+\}'::int8\[\]\)/ }
      : { columns: /json_group_array\((?!DISTINCT)/, keyList: /json_each/ };
    const b = new Builder(server);
    const fw = await b.framework();
    for (let i = 0; i < 5; i++) await b.map(await b.requirement(fw), await b.effectiveControl());
    statements.length = 0;
    await server.data('{ coverage { totals { total } } }');
    const reload = [...statements];
    // The graph-version check the query cost and the evaluation share (CoveragePin) comes with the
    // token read (bookkeeping, not recorded: test/support/server.ts). Then in the
    // read transaction: the version, the trigger check, one SELECT per table (13 + the AI
    // systems), the baseline exclusions (and on PostgreSQL the tables' row estimates and the
    // snapshot the other connections of the read import).
    expect(reload.length).toBeLessThanOrEqual(19 + 4);
    expect(reload.filter((q) => columns.test(q))).toHaveLength(14);
    statements.length = 0;
    await server.data('{ coverage { totals { total } } }');
    // One version check, shared by the query cost and the evaluation, read with the token: no
    // statement of its own (the patch below shows that it is read).
    expect(statements).toEqual([]);

    // A new mapping: its row and its first revision are read again, nothing else.
    await b.map(await b.requirement(fw), await b.effectiveControl());
    statements.length = 0;
    await server.data('{ coverage { totals { total } } }');
    const patch = statements.filter((q) => columns.test(q));
    expect(patch.length).toBeGreaterThan(0);
    for (const q of patch) expect(q).toMatch(keyList);
    expect(patch.some((q) => /FROM evidence_reviews/.test(q))).toBe(true);
    expect(patch.some((q) => /FROM mappings/.test(q))).toBe(true);
    expect(patch.some((q) => /FROM requirement_links/.test(q))).toBe(false);
  });
});

describe('on the default clock (the system time)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());
  // The server runs in this process without an injected clock: faking Date moves its clock too,
  // so the expiry is crossed exactly, however slow the machine.
  beforeEach(() => vi.useFakeTimers({ toFake: ['Date'], now: Date.now() }));
  afterEach(() => vi.useRealTimers());

  it('evidence expires on time between two reads', async () => {
    const b = new Builder(server);
    const r = new Reader(server);
    const fw = await b.framework();
    const req = await b.requirement(fw);
    const control = await b.control('IMPLEMENTED');
    await b.map(req, control, 'EQUAL');
    const validUntil = Date.now() + 1500;
    await b.evidence([control], { validUntil });
    expect(await r.status(req)).toBe('COVERED');
    vi.setSystemTime(validUntil - 1);
    expect(await r.status(req)).toBe('COVERED');
    vi.setSystemTime(validUntil + 1);
    expect(await r.status(req)).toBe('UNCOVERED');
    expect((await r.requirement(req)).reasons[0].code).toBe('EVIDENCE_EXPIRED');
  });
});
