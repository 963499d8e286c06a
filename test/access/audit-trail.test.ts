import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { hashToken } from '../../src/domain/tokens.js';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  auditCount,
  auditEntries,
  auditVerify,
  bearer,
  createAiSystem,
  createControl,
  createToken,
  ENTRY_FIELDS,
  ERRORS,
  openDatabaseFile,
  post,
} from './helpers.js';

// Each test gets its own instance: the tests count and number the entries of one audit log, and
// some write entries after the answer (failed authentications).
let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const CONTROL_CREATE = `mutation($input: ControlCreateInput!) { controlCreate(input: $input) { control { id refId createdAt } ${ERRORS} } }`;
const last = async () => (await server.data(`{ auditLog(first: 1, after: null) { totalCount } }`)).auditLog.totalCount as number;
const entryAt = async (seq: number) => {
  const id = Buffer.from(`AuditEntry:${seq}`).toString('base64url');
  return (await server.data(`query($id: ID!) { node(id: $id) { ... on AuditEntry { ${ENTRY_FIELDS} } } }`, { id })).node;
};
const controlCount = async () => (await server.data('{ controls { totalCount } }')).controls.totalCount as number;

describe('audit trail', () => {
  it('appends one SUCCESS entry per successful mutation: action, actor, targets, request id, the result', async () => {
    const before = await last();
    const answer = await post(server, bearer(server.token), CONTROL_CREATE, { input: { refId: 'AUD-1', title: 'Audited', type: 'PREVENTIVE' } });
    const control = answer.body.data.controlCreate.control;
    expect(await last()).toBe(before + 1);
    const entry = await entryAt(before + 1);
    expect(entry).toMatchObject({
      seq: before + 1,
      action: 'controlCreate',
      outcome: 'SUCCESS',
      actorId: 'token:1',
      actorName: 'CROSSWALK_ADMIN_TOKEN',
      actorRole: 'ADMIN',
      requestId: answer.headers.get('x-request-id'),
      before: null,
      after: { refId: 'AUD-1', title: 'Audited' },
    });
    // One clock per transaction: the entry and the row it records carry the same instant.
    expect(entry.at).toBe(control.createdAt);

    // Input ids are targets: the controls and the AI system of new evidence, the control of an update.
    const other = await createControl(server, 'AUD-2');
    const system = await createAiSystem(server, 'aud-system');
    const ev = await post(server, bearer(server.token), `mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id } ${ERRORS} } }`, {
      input: { kind: 'ATTESTATION', title: 'audited evidence', controlIds: [control.id, other], aiSystemId: system },
    });
    const evEntry = await entryAt(await last());
    expect(evEntry).toMatchObject({ action: 'evidenceCreate', outcome: 'SUCCESS', requestId: ev.headers.get('x-request-id') });
    expect(evEntry.targetIds).toEqual(expect.arrayContaining([control.id, other, system]));
    await server.data(`mutation($input: ControlUpdateInput!) { controlUpdate(input: $input) { ${ERRORS} } }`, { input: { id: control.id, title: 'Renamed' } });
    const update = await entryAt(await last());
    expect(update).toMatchObject({ action: 'controlUpdate', outcome: 'SUCCESS', targetIds: [control.id], after: { title: 'Renamed' } });

    // tokenCreate names the new token and records it without its hash.
    const token = await createToken(server, { name: 'audited-token', role: 'VIEWER' });
    const tokenEntry = await entryAt(await last());
    expect(tokenEntry).toMatchObject({ action: 'tokenCreate', targetIds: [token.token.id], after: { name: 'audited-token', role: 'VIEWER' } });
    expect(tokenEntry.after).not.toHaveProperty('tokenHash');
  });

  // Known gap (reported, not fixed here): services other than TokenService never call
  // audit.target(), so a created object's own global id is not among targetIds and a
  // targetId filter misses its creation. Flip to `it` once MutationRunner/services record it.
  it('a create names the created object in targetIds', async () => {
    const id = await createControl(server, 'AUD-GAP');
    const entry = await entryAt(await last());
    expect(entry.targetIds).toContain(id);
  });

  it('a refused mutation (DUPLICATE) adds a REJECTED entry and changes nothing', async () => {
    await createControl(server, 'AUD-DUP');
    const controls = await controlCount();
    const before = await last();
    const answer = await post(server, bearer(server.token), CONTROL_CREATE, { input: { refId: 'AUD-DUP', title: 'again', type: 'PREVENTIVE' } });
    expect(answer.body.data.controlCreate.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE' })]);
    expect(await controlCount()).toBe(controls);
    expect(await last()).toBe(before + 1);
    expect(await entryAt(before + 1)).toMatchObject({
      action: 'controlCreate',
      outcome: 'REJECTED',
      actorId: 'token:1',
      requestId: answer.headers.get('x-request-id'),
      before: null,
      after: { userErrors: [{ code: 'DUPLICATE' }] },
    });
  });

  it('a mutation the role may not run adds a DENIED entry and changes nothing', async () => {
    const viewer = await server.as('VIEWER');
    const { actorId: me, name: myName } = (await viewer.data('{ viewer { actorId name } }')).viewer;
    expect(myName).toMatch(/^test-viewer(-\d+)?$/);
    const controls = await controlCount();
    const before = await last();
    const answer = await post(server, bearer(viewer.token), CONTROL_CREATE, { input: { refId: 'AUD-DENIED', title: 'no', type: 'PREVENTIVE' } });
    expect(answer.body.data.controlCreate.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN' })]);
    expect(await controlCount()).toBe(controls);
    expect(await last()).toBe(before + 1);
    expect(await entryAt(before + 1)).toMatchObject({
      action: 'controlCreate',
      outcome: 'DENIED',
      actorId: me,
      actorName: myName,
      actorRole: 'VIEWER',
      requestId: answer.headers.get('x-request-id'),
      // MutationRunner.auditOutsideChange files whatever it is given under `userErrors`.
      after: { permission: 'CATALOG_EDIT' },
    });
  });

  it('a request without a valid token adds an `authenticate` DENIED entry', async () => {
    const before = await last();
    const answer = await post(server, null, '{ frameworks { totalCount } }');
    expect(answer.status).toBe(401);
    expect(await last()).toBe(before + 1);
    expect(await entryAt(before + 1)).toMatchObject({
      action: 'authenticate',
      outcome: 'DENIED',
      actorId: 'anonymous',
      requestId: answer.headers.get('x-request-id'),
      targetIds: [],
      after: { reason: 'no Authorization header', method: 'POST' },
    });
  });

  it('writes the entry in the mutation transaction: when the entry cannot be written, the change is rolled back', async () => {
    const db = await openDatabaseFile(server);
    const quiet = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      await db.exec(
        db.dialect === 'sqlite'
          ? `CREATE TRIGGER test_audit_unavailable BEFORE INSERT ON audit_log BEGIN SELECT RAISE(ABORT, 'audit unavailable'); END;`
          : `CREATE FUNCTION test_audit_unavailable() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit unavailable'; END $$;
             CREATE TRIGGER test_audit_unavailable BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION test_audit_unavailable();`,
      );
      const controls = await controlCount();
      const body = await server.gql(CONTROL_CREATE, { input: { refId: 'AUD-ATOMIC', title: 'x', type: 'PREVENTIVE' } });
      expect(body.errors?.[0]?.extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(await controlCount()).toBe(controls);
      expect((await server.data(`{ control(refId: "AUD-ATOMIC") { id } }`)).control).toBeNull();
    } finally {
      await db.exec(
        db.dialect === 'sqlite'
          ? 'DROP TRIGGER IF EXISTS test_audit_unavailable'
          : 'DROP TRIGGER IF EXISTS test_audit_unavailable ON audit_log; DROP FUNCTION IF EXISTS test_audit_unavailable()',
      );
      await db.close();
      quiet.mockRestore();
    }
    expect((await auditVerify(server)).intact).toBe(true);
  });

  it('filters auditLog by actions, actor, target and outcomes, and pages through it', async () => {
    const c = await createControl(server, 'AUD-FILTER');
    await server.data(`mutation($input: ControlUpdateInput!) { controlUpdate(input: $input) { ${ERRORS} } }`, { input: { id: c, title: 'filtered' } });
    const editor = await server.as('EDITOR');
    const editorId = (await editor.data('{ viewer { actorId } }')).viewer.actorId;
    await editor.data(`mutation($input: ControlUpdateInput!) { controlUpdate(input: $input) { ${ERRORS} } }`, { input: { id: c, owner: 'editor' } });
    await editor.data(`mutation { tokenCreate(input: { name: "nope", role: ADMIN }) { ${ERRORS} } }`);

    const all = await auditEntries(server);
    expect(all.map((e) => e.seq)).toEqual(all.map((_, i) => i + 1));

    const updates = await auditEntries(server, { actions: ['controlUpdate'] });
    expect(updates.length).toBe(all.filter((e) => e.action === 'controlUpdate').length);
    expect(updates.every((e) => e.action === 'controlUpdate')).toBe(true);

    expect((await auditEntries(server, { actorId: editorId })).map((e) => [e.action, e.outcome])).toEqual([
      ['controlUpdate', 'SUCCESS'],
      ['tokenCreate', 'DENIED'],
    ]);
    expect((await auditEntries(server, { targetId: c })).map((e) => [e.action, e.actorId])).toEqual([
      ['controlCreate', 'token:1'],
      ['controlUpdate', 'token:1'],
      ['controlUpdate', editorId],
    ]);
    const denied = await auditEntries(server, { outcomes: ['DENIED'] });
    expect(denied.length).toBe(all.filter((e) => e.outcome === 'DENIED').length);
    expect(denied.every((e) => e.outcome === 'DENIED')).toBe(true);
    expect(await auditEntries(server, { actions: ['controlUpdate', 'tokenCreate'], actorId: editorId, outcomes: ['DENIED'] })).toHaveLength(1);
    expect(await auditCount(server, { actions: ['no-such-action'] })).toBe(0);
    const from = all.at(-2).at;
    expect((await auditEntries(server, { from })).map((e) => e.seq)).toEqual(all.filter((e) => e.at >= from).map((e) => e.seq));

    // Paging: pages of 3 in sequence order, the same totalCount on each page.
    const seen: number[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = (
        await server.data(`query($after: String) { auditLog(first: 3, after: $after) { totalCount edges { cursor node { seq } } pageInfo { hasNextPage endCursor } } }`, {
          after,
        })
      ).auditLog;
      expect(page.totalCount).toBe(all.length);
      seen.push(...page.edges.map((e: any) => e.node.seq));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(seen).toEqual(all.map((e) => e.seq));
    const bad = await server.gql('{ auditLog(first: 101) { totalCount } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('auditVerify reports an intact chain, its length and head hash', async () => {
    await createControl(server, 'AUD-CHAIN-1');
    await createControl(server, 'AUD-CHAIN-2');
    const all = await auditEntries(server);
    expect(await auditVerify(server)).toEqual({ intact: true, firstBrokenSeq: null, entries: all.length, headHash: all.at(-1).hash });
    expect(all[0].prevHash).toBe('0'.repeat(64));
    for (let i = 1; i < all.length; i++) expect(all[i].prevHash).toBe(all[i - 1].hash);
  });

  it('never records a token secret (nor its hash)', async () => {
    const secrets = [server.token];
    const created = await createToken(server, { name: 'secret-check', role: 'CONTRIBUTOR', expiresIn: '1d' });
    secrets.push(created.secret);
    const viewer = await server.as('VIEWER');
    secrets.push(viewer.token);
    await viewer.data('{ viewer { name } }');
    await viewer.data(`mutation { controlCreate(input: { refId: "X", title: "x", type: PREVENTIVE }) { ${ERRORS} } }`);
    await server.data(`mutation($id: ID!) { tokenRevoke(input: { id: $id }) { ${ERRORS} } }`, { id: created.token.id });
    expect((await post(server, bearer(created.secret), '{ viewer { name } }')).status).toBe(401);
    const guessed = `cwk_${'Z'.repeat(43)}`;
    expect((await post(server, bearer(guessed), '{ viewer { name } }')).status).toBe(401);
    secrets.push(guessed);

    const viaApi = JSON.stringify(await auditEntries(server));
    const db = await openDatabaseFile(server);
    const viaFile = JSON.stringify(await db.all('SELECT * FROM audit_log'));
    await db.close();
    expect(viaApi).toContain('secret-check');
    for (const secret of secrets) {
      for (const text of [viaApi, viaFile]) {
        expect(text).not.toContain(secret);
        expect(text).not.toContain(hashToken(secret));
      }
    }
  });
});
