/**
 * Tampering with the audit trail directly in the database (the SQLite file, or the PostgreSQL
 * database), as someone with access to it could: the triggers refuse UPDATE and DELETE; with the triggers dropped, every kind of change
 * is reported by auditVerify at the first broken seq; a tail rewritten with fresh hashes (or cut
 * off) is caught only against a head hash kept elsewhere.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { asc } from 'drizzle-orm';
import { tablesOf } from '../../src/db/dialect.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { entryHash } from '../../src/domain/audit-chain.js';
import { rowContent } from '../../src/services/audit-trail.js';
import type { DirectDb } from '../support/direct-db.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { auditVerify, createControl, openDatabaseFile } from './helpers.js';

let server: TestServer;
let db: DirectDb;
let snapshot: Record<string, unknown>[];
/** The append-only triggers' CREATE statements (tests drop them to tamper; each test starts with them). */
let triggers: string[];

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 1; i <= 7; i++) await createControl(server, `TAMPER-${i}`);
  db = await openDatabaseFile(server);
  snapshot = await db.all('SELECT * FROM audit_log ORDER BY seq');
  triggers = (
    await db.all<{ sql: string }>(
      db.dialect === 'sqlite'
        ? `SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_log_no_update', 'audit_log_no_delete')`
        : `SELECT pg_get_triggerdef(oid) AS sql FROM pg_trigger WHERE tgname IN ('audit_log_no_update', 'audit_log_no_delete')`,
    )
  ).map((r) => r.sql);
  expect(triggers).toHaveLength(2);
});
// Every test starts from the intact trail of beforeAll, with the triggers in place, whatever ran before.
beforeEach(async () => {
  await dropTriggers();
  await restore();
  for (const sql of triggers) await db.exec(sql);
});

const dropTriggers = () =>
  db.exec(['audit_log_no_update', 'audit_log_no_delete'].map((name) => `DROP TRIGGER IF EXISTS ${name}${db.dialect === 'postgres' ? ' ON audit_log' : ''};`).join(' '));
afterAll(async () => {
  await db?.close();
  await server.close();
});

const rows = () => {
  const read = server.instance.store.read;
  const { auditLog } = tablesOf(read);
  return read.select().from(auditLog).orderBy(asc(auditLog.seq));
};
const hashOf = async (seq: number) => (await rows()).find((r) => r.seq === seq)!.hash;

/** Puts the trail back exactly as it was (needs the triggers dropped). */
async function restore(): Promise<void> {
  const columns = Object.keys(snapshot[0]!);
  await db.transaction(async () => {
    await db.exec('DELETE FROM audit_log');
    for (const row of snapshot) await db.run(`INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`, columns.map((c) => row[c]));
  });
}

async function expectBrokenAt(seq: number) {
  const result = await auditVerify(server);
  expect(result).toEqual({ intact: false, firstBrokenSeq: seq, entries: expect.any(Number), headHash: expect.any(String) });
  return result;
}

describe('tampering with the audit trail', () => {
  it('has 8 intact entries to start with (the admin token and 7 controls)', async () => {
    expect(snapshot).toHaveLength(8);
    expect(await auditVerify(server)).toMatchObject({ intact: true, entries: 8 });
  });

  it('refuses UPDATE and DELETE through triggers', async () => {
    await expect(db.run(`UPDATE audit_log SET after = '{"forged":true}' WHERE seq = 3`)).rejects.toThrow(/audit_log is append-only/);
    await expect(db.run('DELETE FROM audit_log WHERE seq = 8')).rejects.toThrow(/audit_log is append-only/);
    await expect(db.run('DELETE FROM audit_log')).rejects.toThrow(/audit_log is append-only/);
    expect(await db.all('SELECT count(*) AS n FROM audit_log')).toEqual([{ n: 8 }]);
    expect((await auditVerify(server)).intact).toBe(true);
  });

  it('reports an appended forged entry (INSERT is not blocked, but the hash cannot be right)', async () => {
    const head = snapshot.at(-1)!;
    await db.run(
      `INSERT INTO audit_log (seq, at, actor_id, actor_name, actor_role, action, target_ids, before, after, request_id, outcome, prev_hash, hash)
       VALUES (9, ?, 'token:1', 'CROSSWALK_ADMIN_TOKEN', 'ADMIN', 'tokenRevoke', '[]', 'null', 'null', NULL, 'SUCCESS', ?, ?)`,
      [Date.now(), head.hash as string, 'f'.repeat(64)],
    );
    await expectBrokenAt(9);
    await dropTriggers();
    await restore();
    expect((await auditVerify(server)).intact).toBe(true);
  });

  const cases: [string, string, number][] = [
    ['a changed `after`', `UPDATE audit_log SET after = '{"refId":"FORGED"}' WHERE seq = 4`, 4],
    ['a changed actor', `UPDATE audit_log SET actor_id = 'token:99' WHERE seq = 5`, 5],
    ['a changed instant', 'UPDATE audit_log SET at = at + 1 WHERE seq = 2', 2],
    ['a changed outcome', `UPDATE audit_log SET outcome = 'DENIED' WHERE seq = 6`, 6],
    ['a deleted middle entry', 'DELETE FROM audit_log WHERE seq = 4', 4],
    ['a deleted first entry', 'DELETE FROM audit_log WHERE seq = 1', 1],
    ['a forged hash', `UPDATE audit_log SET hash = '${'a'.repeat(64)}' WHERE seq = 3`, 3],
    ['a forged link', `UPDATE audit_log SET prev_hash = '${'0'.repeat(64)}' WHERE seq = 7`, 7],
  ];

  it.each(cases)('reports %s at the first broken seq', async (_, sql, seq) => {
    await dropTriggers();
    await db.exec(sql);
    await expectBrokenAt(seq);
    await restore();
    expect((await auditVerify(server)).intact).toBe(true);
  });

  it('reports reordered entries (the contents of seq 3 and 4 swapped)', async () => {
    await dropTriggers();
    const columns = Object.keys(snapshot[0]!).filter((c) => c !== 'seq');
    const update = (row: Record<string, unknown>, seq: number) =>
      db.run(`UPDATE audit_log SET ${columns.map((c) => `${c} = ?`).join(', ')} WHERE seq = ?`, [...columns.map((c) => row[c]), seq]);
    await db.transaction(async () => {
      await update(snapshot[3]!, 3);
      await update(snapshot[2]!, 4);
    });
    await expectBrokenAt(3);
    await restore();
  });

  it('reports a rehashed forgery at the next entry, whose link no longer matches', async () => {
    await dropTriggers();
    const row = (await rows()).find((r) => r.seq === 4)!;
    const content = { ...rowContent(row), after: { refId: 'FORGED' } };
    await db.run('UPDATE audit_log SET after = ?, hash = ? WHERE seq = 4', [JSON.stringify(content.after), entryHash(row.prevHash, content)]);
    const result = await expectBrokenAt(5);
    expect(result.headHash).not.toBe(await hashOf(3));
    await restore();
  });

  it('a whole tail rewritten with fresh hashes looks intact, but no longer contains the head hash kept outside', async () => {
    await dropTriggers();
    const oldHead = await hashOf(8);
    const oldThird = await hashOf(3);
    let prev = oldThird;
    for (const row of (await rows()).filter((r) => r.seq >= 4)) {
      const content = { ...rowContent(row), after: { forged: row.seq } };
      const hash = entryHash(prev, content);
      await db.run('UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE seq = ?', [JSON.stringify(content.after), prev, hash, row.seq]);
      prev = hash;
    }
    expect(await auditVerify(server)).toMatchObject({ intact: true, entries: 8 });
    const audit = server.instance.services.audit;
    expect(await audit.verify(CLI_ACTOR, { head: oldHead })).toMatchObject({ firstBrokenSeq: null, headSeq: null });
    expect(await audit.verify(CLI_ACTOR, { head: oldThird })).toMatchObject({ firstBrokenSeq: null, headSeq: 3 });
    await restore();
    expect(await audit.verify(CLI_ACTOR, { head: oldHead })).toMatchObject({ firstBrokenSeq: null, headSeq: 8 });
  });

  it('a cut-off tail looks intact, but no longer contains the head hash kept outside', async () => {
    await dropTriggers();
    const audit = server.instance.services.audit;
    const oldHead = await hashOf(8);
    await db.exec('DELETE FROM audit_log WHERE seq >= 7');
    expect(await auditVerify(server)).toMatchObject({ intact: true, entries: 6 });
    expect(await audit.verify(CLI_ACTOR, { head: oldHead })).toMatchObject({ firstBrokenSeq: null, headSeq: null });
    await restore();
    expect(await audit.verify(CLI_ACTOR, { head: '0'.repeat(64) })).toMatchObject({ headSeq: 0 });
  });
});
