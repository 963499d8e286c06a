/**
 * Exact invalidation of the coverage cache through the change log of migration 0007: only writes
 * to what the engine reads make it re-read anything, by whomever they are made (the API, another
 * connection, raw SQL); after such a write only the changed rows are read again, and the patched
 * graph answers exactly what a full read would.
 */
import { join } from 'node:path';
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COVERAGE_CHANGE_TABLES } from '../../src/db/repositories/coverage-repository.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { fromGlobalId } from '../../src/graphql/global-id.js';
import { CoverageService } from '../../src/services/coverage-service.js';
import type { MutationRunner } from '../../src/services/mutation-runner.js';
import { Builder, DAY, Reader, startClockedServer, uniq, type ClockedServer } from './coverage-helpers.js';

let server: ClockedServer;
let b: Builder;
let r: Reader;
const stats = () => server.instance.services.coverage.stats();
/** One statement with `$1`-style parameters; its rows (none for a write). */
type Query = (sql: string, ...params: unknown[]) => Promise<any[]>;
const onPostgres = () => server.databaseUrl !== null;
/** Runs raw SQL on a second connection to the server's database (SQLite file or PostgreSQL), as another process would. */
async function outside<T>(fn: (query: Query) => Promise<T>): Promise<T> {
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      return await fn(async (sql, ...params) => (await client.query(sql, params)).rows);
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(join(server.dataDir, 'crosswalk.db'));
  try {
    db.pragma('busy_timeout = 5000');
    return await fn(async (sql, ...params) => {
      const statement = db.prepare(sql.replace(/\$\d+/g, '?'));
      if (statement.reader) return statement.all(...params);
      statement.run(...params);
      return [];
    });
  } finally {
    db.close();
  }
}
const rowId = (gid: string, type: Parameters<typeof fromGlobalId>[1]) => fromGlobalId(gid, type);

beforeAll(async () => {
  server = await startClockedServer();
  b = new Builder(server);
  r = new Reader(server);
});
afterAll(() => server.close());

describe('the change log', () => {
  it('has insert, update and delete triggers on every table the engine reads', async () => {
    const triggers = onPostgres() ? `SELECT tgname AS name FROM pg_trigger WHERE NOT tgisinternal` : `SELECT name FROM sqlite_master WHERE type = 'trigger'`;
    const names = new Set((await outside((q) => q(triggers))).map((t: { name: string }) => t.name));
    for (const table of COVERAGE_CHANGE_TABLES) {
      for (const op of ['insert', 'update', 'delete']) expect(names, `${table} ${op}`).toContain(`coverage_changes_${table}_${op}`);
    }
  });

  it('writes that change nothing the engine reads do not make the cache re-read anything', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    const control = await b.effectiveControl();
    await b.map(req, control);
    expect(await r.status(req)).toBe('COVERED');
    const before = stats();
    // Titles, token use, audit rows, evidence review columns on the evidence row: no graph change.
    await server.data(`mutation($input: RequirementUpdateInput!) { requirementUpdate(input: $input) { userErrors { message } } }`, {
      input: { id: req, title: 'a new title' },
    });
    await outside(async (q) => {
      await q(`UPDATE api_tokens SET last_used_at = $1`, server.now());
      await q(`UPDATE evidence SET review_comment = 'seen' WHERE id = (SELECT max(id) FROM evidence)`);
      await q(`UPDATE controls SET title = 'renamed' WHERE id = $1`, rowId(control, 'Control'));
    });
    expect(await r.status(req)).toBe('COVERED');
    await r.coverage();
    const after = stats();
    expect(after.builds).toBe(before.builds);
    expect(after.version).toBe(before.version);
    expect(after.hits).toBeGreaterThan(before.hits);
  });

  it('logs an update of any column of a framework (coverage answers carry framework rows), and names the new values at once', async () => {
    const fw = await b.framework();
    const id = rowId(fw, 'Framework');
    const columns: { name: string; type: string }[] = await outside((q) =>
      q(
        onPostgres()
          ? `SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'frameworks'`
          : `SELECT name, type FROM pragma_table_info('frameworks')`,
      ),
    );
    expect(columns.length).toBeGreaterThanOrEqual(10);
    for (const { name, type } of columns) {
      if (name === 'id') continue;
      const logged = await outside(async (q) => {
        const [{ s: before }] = await q(`SELECT coalesce(max(seq), 0) AS s FROM coverage_changes`);
        const value = name === 'kind' ? "'REGULATION'" : /INT/i.test(type) ? `coalesce(${name}, 0) + 1` : `coalesce(${name}, '') || '-changed'`;
        await q(`UPDATE frameworks SET ${name} = ${value} WHERE id = $1`, id);
        return (await q(`SELECT table_name AS t, row_key AS k FROM coverage_changes WHERE seq > $1`, before)).map((row: { t: string; k: number }) => ({ t: row.t, k: Number(row.k) }));
      });
      expect(logged, name).toEqual([{ t: 'frameworks', k: id }]);
    }
    // Live at the clock's "now" again (created_at was moved after it and retired_at set above).
    await outside((q) => q(`UPDATE frameworks SET retired_at = NULL, created_at = created_at - 1 WHERE id = $1`, id));
    const named = async () =>
      ((await server.data(`{ coverage { frameworks { framework { id name description } } } }`)).coverage.frameworks as { framework: { id: string; name: string; description: string } }[]).find(
        (f) => f.framework.id === fw,
      )!.framework;
    expect((await named()).name).toMatch(/-changed$/);
    // A rename changes no column the engine reads: nothing is prepared again.
    const builds = stats().builds;
    await server.data(`mutation($input: FrameworkUpdateInput!) { frameworkUpdate(input: $input) { userErrors { message } } }`, {
      input: { id: fw, name: 'Renamed through the API', description: 'and described' },
    });
    expect(await named()).toEqual({ id: fw, name: 'Renamed through the API', description: 'and described' });
    expect(stats().builds).toBe(builds);
  });

  it('sees raw SQL writes to graph tables by another connection, re-reading only the changed rows', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    const control = await b.control('IMPLEMENTED');
    const mapping = await b.map(req, control, 'EQUAL');
    const evidence = await b.evidence([control], { review: null });
    expect((await r.requirement(req)).reasons.map((x: any) => x.code)).toEqual(['EVIDENCE_PENDING_REVIEW']);
    const before = stats();

    await outside((q) =>
      q(`INSERT INTO evidence_reviews (evidence_id, status, comment, reviewed_at, reviewed_by) VALUES ($1, 'ACCEPTED', '', $2, 'sql')`, rowId(evidence, 'Evidence'), server.now()),
    );
    expect(await r.status(req)).toBe('COVERED');
    expect(stats()).toMatchObject({ builds: before.builds + 1, patches: before.patches + 1 });

    server.tick(10);
    await outside((q) => q(`UPDATE evidence SET valid_until = $1 WHERE id = $2`, server.now() - 1, rowId(evidence, 'Evidence')));
    expect((await r.requirement(req)).reasons.map((x: any) => x.code)).toEqual(['EVIDENCE_EXPIRED']);

    await outside((q) => q(`UPDATE evidence SET valid_until = NULL WHERE id = $1`, rowId(evidence, 'Evidence')));
    expect(await r.status(req)).toBe('COVERED');

    await outside((q) => q(`DELETE FROM evidence_controls WHERE evidence_id = $1`, rowId(evidence, 'Evidence')));
    expect((await r.requirement(req)).reasons.map((x: any) => x.code)).toEqual(['EVIDENCE_MISSING']);

    await outside((q) => q(`INSERT INTO evidence_controls (evidence_id, control_id) VALUES ($1, $2)`, rowId(evidence, 'Evidence'), rowId(control, 'Control')));
    expect(await r.status(req)).toBe('COVERED');

    await outside((q) => q(`UPDATE mapping_revisions SET relationship = 'INTERSECTS_WITH' WHERE mapping_id = $1`, rowId(mapping, 'Mapping')));
    expect(await r.status(req)).toBe('PARTIAL');

    await outside((q) => q(`UPDATE requirements SET withdrawn = TRUE WHERE id = $1`, rowId(req, 'Requirement')));
    expect(await r.summary(fw)).toMatchObject({ total: 0 });

    const after = stats();
    expect(after.patches - before.patches).toBe(after.builds - before.builds);
  });

  it('reads everything again when the log no longer reaches back to the held revision', async () => {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    expect(await r.status(req)).toBe('UNCOVERED');
    const before = stats();
    // More entries than the log keeps: the prune trigger drops the oldest ones.
    await outside((q) =>
      q(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 52000)
         INSERT INTO coverage_changes (table_name, row_key) SELECT 'requirements', 0 FROM n`),
    );
    const [{ n: kept }] = await outside((q) => q(`SELECT count(*) AS n FROM coverage_changes`));
    expect(Number(kept)).toBeLessThanOrEqual(51_000);
    await b.map(req, await b.effectiveControl());
    expect(await r.status(req)).toBe('COVERED');
    expect(stats()).toMatchObject({ builds: before.builds + 1, patches: before.patches });
  });

  it('a patched graph answers exactly what a full read of the same data answers', async () => {
    const fw = await b.framework();
    const other = await b.framework();
    const catalog = await b.framework(uniq('threats'), 'THREAT_CATALOG');
    const parent = await b.requirement(fw);
    const leaves = [await b.requirement(fw, undefined, parent), await b.requirement(fw, undefined, parent), await b.requirement(fw)];
    const otherLeaves = [await b.requirement(other), await b.requirement(other)];
    const controls = [await b.effectiveControl(), await b.control('IMPLEMENTED'), await b.control('PLANNED')];
    const system = await b.aiSystem([fw]);
    await r.coverage(); // hold a prepared graph, then patch it step by step
    const patchesBefore = stats().patches;

    const m0 = await b.map(leaves[0]!, controls[0]!, 'EQUAL');
    await r.coverage();
    await b.map(parent, controls[1]!, 'SUBSET_OF');
    await r.coverage();
    const e1 = await b.evidence([controls[1]!], { validUntil: server.now() + 2 * DAY, review: null });
    await r.coverage();
    await b.review(e1, 'ACCEPTED');
    await b.link(otherLeaves[0]!, leaves[0]!, 'EQUAL');
    await r.coverage();
    await b.link(otherLeaves[1]!, leaves[2]!, 'INTERSECTS_WITH');
    await b.map(leaves[2]!, controls[2]!, 'EQUAL');
    await r.coverage();
    await b.applicable(leaves[1]!, false, system);
    await b.override(system, controls[0]!, 'NOT_IMPLEMENTED');
    await r.coverage();
    await b.systemFrameworks(system, [fw, other]);
    const threat = await b.threat(catalog);
    await b.threatLink(threat, leaves[0]!);
    await r.coverage();
    await b.remap(m0, 'SUPERSET_OF');
    await b.withdraw(leaves[2]!);
    await b.evidence([controls[2]!], { aiSystemId: system });
    await r.coverage();
    expect(stats().patches).toBeGreaterThan(patchesBefore + 5);

    const patched = server.instance.services.coverage;
    const fresh = new CoverageService(server.instance.store, undefined as unknown as MutationRunner, () => new Date(server.now()));
    const systemId = rowId(system, 'AISystem');
    for (const aiSystemId of [null, systemId]) {
      for (const viaCrosswalks of [true, false]) {
        for (const at of [server.now(), server.now() + 3 * DAY, server.now() - DAY]) {
          const options = { aiSystemId, viaCrosswalks, at };
          const a = (await patched.evaluate(CLI_ACTOR, options))!;
          const f = (await fresh.evaluate(CLI_ACTOR, options))!;
          expect(a.frameworks).toEqual(f.frameworks);
          expect(a.threats).toEqual(f.threats);
          expect(a.result.requirementIds()).toEqual(f.result.requirementIds());
          for (const id of f.result.requirementIds()) expect(a.requirement(id)).toEqual(f.requirement(id));
        }
      }
    }
    expect(fresh.stats()).toMatchObject({ builds: 1, patches: 0 });
  });

  /** A requirement whose only control's evidence awaits review (UNCOVERED, read once), and the change-log trigger of new reviews. */
  async function unreviewedEvidence() {
    const fw = await b.framework();
    const req = await b.requirement(fw);
    const control = await b.control('IMPLEMENTED');
    await b.map(req, control);
    const evidence = await b.evidence([control], { review: null });
    expect(await r.status(req)).toBe('UNCOVERED');
    return { req, evidence, trigger: 'coverage_changes_evidence_reviews_insert' };
  }

  it('notices a change-log trigger switched off and on again between two reads, and the write made meanwhile', async () => {
    const { req, evidence, trigger } = await unreviewedEvidence();
    // PostgreSQL: ALTER TABLE … DISABLE TRIGGER and ENABLE (as a bulk load may do); SQLite has no
    // such switch: the trigger is dropped and created again with the same SQL.
    const review = (status: string, at: number) => (q: Query) =>
      q(`INSERT INTO evidence_reviews (evidence_id, status, comment, reviewed_at, reviewed_by) VALUES ($1, $2, '', $3, 'sql')`, rowId(evidence, 'Evidence'), status, at);
    const sqliteSql: string | undefined = await outside(async (q) => (onPostgres() ? undefined : (await q(`SELECT sql FROM sqlite_master WHERE name = $1`, trigger))[0].sql));
    const off = (q: Query) => q(onPostgres() ? `ALTER TABLE evidence_reviews DISABLE TRIGGER ${trigger}` : `DROP TRIGGER ${trigger}`);
    const on = (q: Query) => q(onPostgres() ? `ALTER TABLE evidence_reviews ENABLE TRIGGER ${trigger}` : sqliteSql!);

    // Off and on again between two reads, with a review meanwhile: the change log has no entry
    // for it, only the schema's version tells.
    await outside(async (q) => {
      await off(q);
      await review('ACCEPTED', server.now() - 2_000)(q);
      await on(q);
    });
    expect(await r.status(req)).toBe('COVERED');

    // Off during reads: not tracked, so every commit counts.
    await outside(off);
    try {
      expect(await r.status(req)).toBe('COVERED');
      await outside(review('REJECTED', server.now() - 1_000));
      expect(await r.status(req)).toBe('UNCOVERED');
    } finally {
      await outside(on);
    }
    expect(await r.status(req)).toBe('UNCOVERED');
  });

  it('falls back to reloading on any commit when a trigger is missing', async () => {
    const { req, evidence, trigger } = await unreviewedEvidence();
    const sql: string = await outside(async (q) => {
      const [row] = onPostgres()
        ? await q(`SELECT pg_get_triggerdef(oid) AS sql FROM pg_trigger WHERE tgname = $1`, trigger)
        : await q(`SELECT sql FROM sqlite_master WHERE name = $1`, trigger);
      await q(`DROP TRIGGER ${trigger}${onPostgres() ? ' ON evidence_reviews' : ''}`);
      return row.sql;
    });
    try {
      expect(await r.status(req)).toBe('UNCOVERED');
      await outside((q) =>
        q(`INSERT INTO evidence_reviews (evidence_id, status, comment, reviewed_at, reviewed_by) VALUES ($1, 'ACCEPTED', '', $2, 'sql')`, rowId(evidence, 'Evidence'), server.now()),
      );
      expect(await r.status(req)).toBe('COVERED');
    } finally {
      await outside((q) => q(sql));
    }
    const before = stats();
    await r.coverage();
    expect(stats().patches).toBe(before.patches); // the schema changed: everything read again
  });
});
