/**
 * An import is one transaction: a dry run, a strict refusal and a failure half-way all leave the
 * database as it was (but for the audit entry of the attempt).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, GENAI_CATALOG, openImportEnv, PCI_MAPPING, read, type ImportEnv } from './support.js';

let env: ImportEnv;
beforeAll(async () => {
  env = await openImportEnv();
});
afterAll(() => env.dispose());

/** The message of the database's error a call failed with (drizzle's query error on PostgreSQL wraps it: its cause). */
async function failureOf(call: Promise<unknown>): Promise<string> {
  const error = await call.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(error instanceof Error)) throw new Error('the call did not fail');
  return (error.cause instanceof Error ? error.cause : error).message;
}

/** A fault injected into the database: the 300th-odd requirement of the GenAI catalog cannot be written. */
const FAULT = {
  sqlite: {
    add: `CREATE TRIGGER fail_half_way BEFORE INSERT ON requirements WHEN NEW.ref_id = 'MS-2.2-001'
          BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`,
    remove: 'DROP TRIGGER IF EXISTS fail_half_way',
    /** What the audit entry says of the driver's error. */
    error: { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_TRIGGER' },
  },
  postgres: {
    add: `CREATE FUNCTION fail_half_way() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'disk on fire'; END $$;
          CREATE TRIGGER fail_half_way BEFORE INSERT ON requirements FOR EACH ROW WHEN (NEW.ref_id = 'MS-2.2-001') EXECUTE FUNCTION fail_half_way()`,
    remove: 'DROP TRIGGER IF EXISTS fail_half_way ON requirements; DROP FUNCTION IF EXISTS fail_half_way()',
    error: { name: 'error', code: 'P0001' },
  },
};

describe('one transaction', () => {
  it('a dry run computes the whole report and writes nothing but the audit entry of the attempt', async () => {
    const before = (await env.tableCounts());
    // A refId no other test of the file imports: the dry run creates it whatever ran before.
    const dry = await env.ok({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1-dry-run', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, applied: false, frameworkIds: [], baselineIds: [] });
    expect(count(dry, 'frameworks').created).toBe(1);
    expect(count(dry, 'requirements').created).toBe(519); // 4 functions, 49 subcategories, 466 actions
    const after = (await env.tableCounts());
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);
    expect(after.audit_log).toBe(before.audit_log! + 1);
    const entry = (await env.sql.get(`SELECT outcome, after FROM audit_log ORDER BY seq DESC LIMIT 1`)) as { outcome: string; after: string };
    expect(entry.outcome).toBe('SUCCESS');
    expect(JSON.parse(entry.after)).toMatchObject({ dryRun: true, format: 'OSCAL_CATALOG', counts: { requirements: { created: 519 } } });

    // A refused dry run is recorded as REJECTED, and writes nothing else either.
    const refused = await env.run({ content: read(GENAI_CATALOG), dryRun: true });
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'frameworkRefId'] })]);
    expect(await env.scalar(`SELECT outcome FROM audit_log ORDER BY seq DESC LIMIT 1` as string) as unknown).toBe('REJECTED');
  });

  it('a failure half-way through rolls the whole import back', async () => {
    const fault = FAULT[env.sql.backend];
    await env.sql.exec(fault.add);
    try {
      const before = (await env.tableCounts());
      expect(await failureOf(env.run({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1-half-way' }))).toMatch(/disk on fire/);
      // Nothing but the ERROR audit entry of the attempt, written after the rollback.
      const after = (await env.tableCounts());
      expect({ ...after, audit_log: before.audit_log }).toEqual(before);
      expect(after.audit_log).toBe(before.audit_log! + 1);
      const entry = (await env.sql.get(`SELECT action, outcome, after FROM audit_log ORDER BY seq DESC LIMIT 1`));
      expect(entry).toEqual({ action: 'catalogImport', outcome: 'ERROR', after: JSON.stringify({ error: fault.error }) });
      // A dry run failing the same way is recorded the same way.
      expect(await failureOf(env.run({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1-half-way', dryRun: true }))).toMatch(/disk on fire/);
      expect((await env.tableCounts())).toEqual({ ...after, audit_log: after.audit_log! + 1 });
      expect((await env.sql.get(`SELECT action, outcome, after FROM audit_log ORDER BY seq DESC LIMIT 1`))).toEqual(entry);
      expect(await env.scalar(`SELECT count(*) FROM frameworks WHERE ref_id = 'nist-ai-600-1-half-way'`)).toBe(0);
    } finally {
      await env.sql.exec(fault.remove);
    }
    // Without the fault the same import goes through.
    const report = await env.ok({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1-half-way' });
    expect(count(report, 'requirements').created).toBe(519);
  });

  it('a strict import with a rejection writes nothing but the REJECTED audit entry', async () => {
    const before = (await env.tableCounts());
    const rejectedBefore = await env.scalar(`SELECT count(*) FROM audit_log WHERE action = 'catalogImport' AND outcome = 'REJECTED'`);
    const outcome = await env.run({ content: read(PCI_MAPPING), strict: true });
    expect(outcome.errors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'strict'] })]);
    expect(outcome.report).toMatchObject({ applied: false });
    expect(outcome.report!.rejected).toHaveLength(4); // both sources and both targets: no framework holds them here
    const after = (await env.tableCounts());
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);
    expect(after.audit_log).toBe(before.audit_log! + 1);
    expect(await env.scalar(`SELECT count(*) FROM audit_log WHERE action = 'catalogImport' AND outcome = 'REJECTED'`)).toBe(rejectedBefore + 1);
  });

  it('a refused document writes nothing', async () => {
    const before = (await env.tableCounts());
    // A control needs an id (a group may lack one).
    const outcome = await env.run({ content: '{"catalog": {"metadata": {}, "groups": [{"title": "no id", "controls": [{"title": "no id"}]}]}}', frameworkRefId: 'broken' });
    expect(outcome.errors).toEqual([{ code: 'INVALID', field: ['input', 'content'], message: '$.catalog.groups[0].controls[0].id: expected a non-empty string, found nothing' }]);
    expect({ ...(await env.tableCounts()), audit_log: before.audit_log }).toEqual(before);
  });
});
