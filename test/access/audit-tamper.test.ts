/**
 * Tampering with the audit trail directly in SQLite, as someone with access to the database file
 * could: the triggers refuse UPDATE and DELETE; with the triggers dropped, every kind of change
 * is reported by auditVerify at the first broken seq; a tail rewritten with fresh hashes (or cut
 * off) is caught only against a head hash kept elsewhere.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type Sqlite from 'better-sqlite3';
import { asc } from 'drizzle-orm';
import { auditLog } from '../../src/db/schema/index.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { entryHash } from '../../src/domain/audit-chain.js';
import { rowContent } from '../../src/services/audit-trail.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { auditVerify, createControl, openDatabaseFile } from './helpers.js';

let server: TestServer;
let db: Sqlite.Database;
let snapshot: Record<string, unknown>[];
/** The append-only triggers' CREATE statements (tests drop them to tamper; each test starts with them). */
let triggers: string[];

beforeAll(async () => {
  server = await startTestServer();
  for (let i = 1; i <= 7; i++) await createControl(server, `TAMPER-${i}`);
  db = openDatabaseFile(server);
  snapshot = db.prepare('SELECT * FROM audit_log ORDER BY seq').all() as Record<string, unknown>[];
  triggers = db.prepare(`SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('audit_log_no_update', 'audit_log_no_delete')`).pluck().all() as string[];
  expect(triggers).toHaveLength(2);
});
// Every test starts from the intact trail of beforeAll, with the triggers in place, whatever ran before.
beforeEach(() => {
  dropTriggers();
  restore();
  for (const sql of triggers) db.exec(sql);
});

const dropTriggers = () => db.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete;');
afterAll(async () => {
  db?.close();
  await server.close();
});

const rows = () => server.instance.store.read.select().from(auditLog).orderBy(asc(auditLog.seq)).all();
const hashOf = (seq: number) => rows().find((r) => r.seq === seq)!.hash;

/** Puts the trail back exactly as it was (needs the triggers dropped). */
function restore(): void {
  const columns = Object.keys(snapshot[0]!);
  const insert = db.prepare(`INSERT INTO audit_log (${columns.join(', ')}) VALUES (${columns.map((c) => `@${c}`).join(', ')})`);
  db.transaction(() => {
    db.exec('DELETE FROM audit_log');
    for (const row of snapshot) insert.run(row);
  })();
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
    expect(() => db.prepare(`UPDATE audit_log SET after = '{"forged":true}' WHERE seq = 3`).run()).toThrow(/audit_log is append-only/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 8').run()).toThrow(/audit_log is append-only/);
    expect(() => db.prepare('DELETE FROM audit_log').run()).toThrow(/audit_log is append-only/);
    expect(db.prepare('SELECT count(*) AS n FROM audit_log').get()).toEqual({ n: 8 });
    expect((await auditVerify(server)).intact).toBe(true);
  });

  it('reports an appended forged entry (INSERT is not blocked, but the hash cannot be right)', async () => {
    const head = snapshot.at(-1)!;
    db.prepare(
      `INSERT INTO audit_log (seq, at, actor_id, actor_name, actor_role, action, target_ids, before, after, request_id, outcome, prev_hash, hash)
       VALUES (9, ?, 'token:1', 'CROSSWALK_ADMIN_TOKEN', 'ADMIN', 'tokenRevoke', '[]', 'null', 'null', NULL, 'SUCCESS', ?, ?)`,
    ).run(Date.now(), head.hash as string, 'f'.repeat(64));
    await expectBrokenAt(9);
    dropTriggers();
    restore();
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
    dropTriggers();
    db.exec(sql);
    await expectBrokenAt(seq);
    restore();
    expect((await auditVerify(server)).intact).toBe(true);
  });

  it('reports reordered entries (the contents of seq 3 and 4 swapped)', async () => {
    dropTriggers();
    const columns = Object.keys(snapshot[0]!).filter((c) => c !== 'seq');
    const update = db.prepare(`UPDATE audit_log SET ${columns.map((c) => `${c} = @${c}`).join(', ')} WHERE seq = @seq`);
    db.transaction(() => {
      update.run({ ...snapshot[3], seq: 3 });
      update.run({ ...snapshot[2], seq: 4 });
    })();
    await expectBrokenAt(3);
    restore();
  });

  it('reports a rehashed forgery at the next entry, whose link no longer matches', async () => {
    dropTriggers();
    const row = rows().find((r) => r.seq === 4)!;
    const content = { ...rowContent(row), after: { refId: 'FORGED' } };
    db.prepare('UPDATE audit_log SET after = ?, hash = ? WHERE seq = 4').run(JSON.stringify(content.after), entryHash(row.prevHash, content));
    const result = await expectBrokenAt(5);
    expect(result.headHash).not.toBe(hashOf(3));
    restore();
  });

  it('a whole tail rewritten with fresh hashes looks intact, but no longer contains the head hash kept outside', async () => {
    dropTriggers();
    const oldHead = hashOf(8);
    const oldThird = hashOf(3);
    let prev = oldThird;
    const update = db.prepare('UPDATE audit_log SET after = ?, prev_hash = ?, hash = ? WHERE seq = ?');
    for (const row of rows().filter((r) => r.seq >= 4)) {
      const content = { ...rowContent(row), after: { forged: row.seq } };
      const hash = entryHash(prev, content);
      update.run(JSON.stringify(content.after), prev, hash, row.seq);
      prev = hash;
    }
    expect(await auditVerify(server)).toMatchObject({ intact: true, entries: 8 });
    const audit = server.instance.services.audit;
    expect(await audit.verify(CLI_ACTOR, { head: oldHead })).toMatchObject({ firstBrokenSeq: null, headSeq: null });
    expect(await audit.verify(CLI_ACTOR, { head: oldThird })).toMatchObject({ firstBrokenSeq: null, headSeq: 3 });
    restore();
    expect(await audit.verify(CLI_ACTOR, { head: oldHead })).toMatchObject({ firstBrokenSeq: null, headSeq: 8 });
  });

  it('a cut-off tail looks intact, but no longer contains the head hash kept outside', async () => {
    dropTriggers();
    const audit = server.instance.services.audit;
    const oldHead = hashOf(8);
    db.exec('DELETE FROM audit_log WHERE seq >= 7');
    expect(await auditVerify(server)).toMatchObject({ intact: true, entries: 6 });
    expect(await audit.verify(CLI_ACTOR, { head: oldHead })).toMatchObject({ firstBrokenSeq: null, headSeq: null });
    restore();
    expect(await audit.verify(CLI_ACTOR, { head: '0'.repeat(64) })).toMatchObject({ headSeq: 0 });
  });
});
