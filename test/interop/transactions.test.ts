/**
 * An import is one transaction: a dry run, a strict refusal and a failure half-way all leave the
 * database as it was (but for the audit entry of the attempt).
 */
import Sqlite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, GENAI_CATALOG, openImportEnv, PCI_MAPPING, read, type ImportEnv } from './support.js';

let env: ImportEnv;
beforeAll(() => {
  env = openImportEnv();
});
afterAll(() => env.dispose());

const dbFile = () => (env.db as unknown as { name: string }).name;

describe('one transaction', () => {
  it('a dry run computes the whole report and writes nothing but the audit entry of the attempt', async () => {
    const before = env.tableCounts();
    // A refId no other test of the file imports: the dry run creates it whatever ran before.
    const dry = await env.ok({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1-dry-run', dryRun: true });
    expect(dry).toMatchObject({ dryRun: true, applied: false, frameworkIds: [], baselineIds: [] });
    expect(count(dry, 'frameworks').created).toBe(1);
    expect(count(dry, 'requirements').created).toBe(519); // 4 functions, 49 subcategories, 466 actions
    const after = env.tableCounts();
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);
    expect(after.audit_log).toBe(before.audit_log! + 1);
    const entry = env.db.prepare(`SELECT outcome, after FROM audit_log ORDER BY seq DESC LIMIT 1`).get() as { outcome: string; after: string };
    expect(entry.outcome).toBe('SUCCESS');
    expect(JSON.parse(entry.after)).toMatchObject({ dryRun: true, format: 'OSCAL_CATALOG', counts: { requirements: { created: 519 } } });

    // A refused dry run is recorded as REJECTED, and writes nothing else either.
    const refused = await env.run({ content: read(GENAI_CATALOG), dryRun: true });
    expect(refused.errors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'frameworkRefId'] })]);
    expect(env.scalar(`SELECT outcome FROM audit_log ORDER BY seq DESC LIMIT 1` as string) as unknown).toBe('REJECTED');
  });

  it('a failure half-way through rolls the whole import back', async () => {
    const writer = new Sqlite(dbFile());
    try {
      // The 300th-odd requirement of the catalog cannot be written.
      writer.exec(`CREATE TRIGGER fail_half_way BEFORE INSERT ON requirements WHEN NEW.ref_id = 'MS-2.2-001'
                   BEGIN SELECT RAISE(ABORT, 'disk on fire'); END`);
      const before = env.tableCounts();
      await expect(env.run({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1-half-way' })).rejects.toThrow(/disk on fire/);
      // Nothing but the ERROR audit entry of the attempt, written after the rollback.
      const after = env.tableCounts();
      expect({ ...after, audit_log: before.audit_log }).toEqual(before);
      expect(after.audit_log).toBe(before.audit_log! + 1);
      const entry = env.db.prepare(`SELECT action, outcome, after FROM audit_log ORDER BY seq DESC LIMIT 1`).get();
      expect(entry).toEqual({ action: 'catalogImport', outcome: 'ERROR', after: JSON.stringify({ error: { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_TRIGGER' } }) });
      // A dry run failing the same way is recorded the same way.
      await expect(env.run({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1-half-way', dryRun: true })).rejects.toThrow(/disk on fire/);
      expect(env.tableCounts()).toEqual({ ...after, audit_log: after.audit_log! + 1 });
      expect(env.db.prepare(`SELECT action, outcome, after FROM audit_log ORDER BY seq DESC LIMIT 1`).get()).toEqual(entry);
      expect(env.scalar(`SELECT count(*) FROM frameworks WHERE ref_id = 'nist-ai-600-1-half-way'`)).toBe(0);
    } finally {
      writer.exec('DROP TRIGGER IF EXISTS fail_half_way');
      writer.close();
    }
    // Without the fault the same import goes through.
    const report = await env.ok({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1-half-way' });
    expect(count(report, 'requirements').created).toBe(519);
  });

  it('a strict import with a rejection writes nothing but the REJECTED audit entry', async () => {
    const before = env.tableCounts();
    const rejectedBefore = env.scalar(`SELECT count(*) FROM audit_log WHERE action = 'catalogImport' AND outcome = 'REJECTED'`);
    const outcome = await env.run({ content: read(PCI_MAPPING), strict: true });
    expect(outcome.errors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'strict'] })]);
    expect(outcome.report).toMatchObject({ applied: false });
    expect(outcome.report!.rejected).toHaveLength(4); // both sources and both targets: no framework holds them here
    const after = env.tableCounts();
    expect({ ...after, audit_log: before.audit_log }).toEqual(before);
    expect(after.audit_log).toBe(before.audit_log! + 1);
    expect(env.scalar(`SELECT count(*) FROM audit_log WHERE action = 'catalogImport' AND outcome = 'REJECTED'`)).toBe(rejectedBefore + 1);
  });

  it('a refused document writes nothing', async () => {
    const before = env.tableCounts();
    // A control needs an id (a group may lack one).
    const outcome = await env.run({ content: '{"catalog": {"metadata": {}, "groups": [{"title": "no id", "controls": [{"title": "no id"}]}]}}', frameworkRefId: 'broken' });
    expect(outcome.errors).toEqual([{ code: 'INVALID', field: ['input', 'content'], message: '$.catalog.groups[0].controls[0].id: expected a non-empty string, found nothing' }]);
    expect({ ...env.tableCounts(), audit_log: before.audit_log }).toEqual(before);
  });
});
