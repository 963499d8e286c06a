/**
 * Hostile callers after their token is revoked, and mutations that fail inside:
 * - a token revoked (or expired) while its request runs does nothing more: each remaining
 *   mutation of the request is a FORBIDDEN userError (HTTP 200) audited as DENIED, each remaining
 *   query root field a FORBIDDEN error;
 * - a mutation that fails with an internal error (a real SQL error raised by a trigger the test
 *   plants in the database file) answers INTERNAL_SERVER_ERROR with the request id, is audited
 *   as ERROR with that request id, and the audit chain still verifies; when the audit trail
 *   itself cannot take the entry, the failure is logged with the request id.
 *
 * | case                                             | role        | status | code                      |
 * |--------------------------------------------------|-------------|--------|---------------------------|
 * | tokenRevoke(self) then tokenCreate, one request  | ADMIN       | 200    | FORBIDDEN (DENIED)        |
 * | 20 aliased evidenceAttachBulk, revoked after 1st | CONTRIBUTOR | 200    | FORBIDDEN ×19 (DENIED)    |
 * | same, token expired after the 1st                | CONTRIBUTOR | 200    | FORBIDDEN ×19 (DENIED)    |
 * | query revoked after authentication               | VIEWER      | 200    | FORBIDDEN per root field  |
 * | controlCreate hitting an SQL error               | ADMIN       | 200    | INTERNAL_SERVER_ERROR     |
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { auditEntries, auditVerify, createControl, ERRORS, openDatabaseFile } from '../access/helpers.js';
import { dropPlantedTrigger, plantInsertTrigger, type PlantedTrigger } from '../support/direct-db.js';
import { put, sha256 } from '../evidence-files/helpers.js';
import { startTestServer, testBackend, type GraphQLClient, type TestServer } from '../support/server.js';
import { expectJsonWithoutLeaks, postJson } from './support.js';

let server: TestServer;
let control: string;
let fileSha: string;
beforeAll(async () => {
  server = await startTestServer();
  control = await createControl(server, 'REVOCATION-TARGET');
  const file = Buffer.from('evidence bytes for the revocation tests');
  expect((await put(server, file)).status).toBe(201);
  fileSha = sha256(file);
});
afterAll(() => server.close());

/** Triggers planted by a test, dropped after it. */
const planted: PlantedTrigger[] = [];
async function plant(trigger: PlantedTrigger): Promise<void> {
  const db = await openDatabaseFile(server);
  await plantInsertTrigger(db, trigger);
  await db.close();
  planted.push(trigger);
}
afterEach(async () => {
  const db = await openDatabaseFile(server);
  for (const { name, table } of planted.splice(0)) await dropPlantedTrigger(db, name, table);
  await db.close();
});

/** The row id of a client's token (from its ApiToken global id). */
async function tokenRowId(client: GraphQLClient): Promise<number> {
  const d = await client.data('{ viewer { token { id } } }');
  return Number(Buffer.from(d.viewer.token.id, 'base64url').toString().split(':')[1]);
}

/** Sends `query` with `client`'s token; returns the answer and its request id. */
async function send(client: GraphQLClient, query: string, variables?: Record<string, unknown>) {
  const answer = await postJson(server, { query, variables }, { token: client.token });
  return { answer, requestId: answer.headers.get('x-request-id')! };
}

const entriesOf = async (requestId: string) => (await auditEntries(server)).filter((e) => e.requestId === requestId);

describe('a token revoked while its request runs', () => {
  it('an ADMIN token that revokes itself cannot create a token in the same operation (DENIED, no secret)', async () => {
    const admin = await server.as('ADMIN');
    const self = Buffer.from(`ApiToken:${await tokenRowId(admin)}`).toString('base64url');
    const { answer, requestId } = await send(
      admin,
      `mutation($self: ID!) {
        revoke: tokenRevoke(input: { id: $self }) { token { revokedAt } ${ERRORS} }
        create: tokenCreate(input: { name: "minted-after-revocation", role: ADMIN }) { secret token { id } ${ERRORS} }
      }`,
      { self },
    );
    expect(answer.status).toBe(200);
    expect(answer.json.data.revoke).toEqual({ token: { revokedAt: expect.any(String) }, userErrors: [] });
    expect(answer.json.data.create).toEqual({
      secret: null,
      token: null,
      userErrors: [{ field: null, code: 'FORBIDDEN', message: expect.stringMatching(/token of this request was revoked/) }],
    });
    expect((await entriesOf(requestId)).map((e) => [e.action, e.outcome])).toEqual([
      ['tokenRevoke', 'SUCCESS'],
      ['tokenCreate', 'DENIED'],
    ]);
    const tokens = await server.data('{ tokens(includeRevoked: true, first: 100) { edges { node { name } } } }');
    expect(tokens.tokens.edges.map((e: { node: { name: string } }) => e.node.name)).not.toContain('minted-after-revocation');
    // And the next request is not authenticated at all.
    expect((await send(admin, '{ viewer { role } }')).answer.status).toBe(401);
  });

  const ALIASES = 20;
  const attachAll = (tag: string) =>
    `mutation($c: ID!, $sha: String!) {\n${Array.from(
      { length: ALIASES },
      (_, i) =>
        `a${i}: evidenceAttachBulk(input: { items: [{ controlIds: [$c], sha256: $sha, filename: "${tag}-${i}.txt", idempotencyKey: "${tag}-${i}" }] }) { createdCount userErrors { code message } }`,
    ).join('\n')}\n}`;

  it.each([
    ['revoked', 'revoked_at = 1, revoked_by = \'token:1\''],
    ['expired', 'expires_at = 1'],
  ])('a CONTRIBUTOR token %s after the first of 20 aliased evidenceAttachBulk calls finishes none of the others', async (how, change) => {
    const contributor = await server.as('CONTRIBUTOR');
    const id = await tokenRowId(contributor);
    // Another writer (an admin, the CLI) revokes the token in the same instant the first call
    // writes its evidence, so the change is committed before the second call starts.
    await plant({
      name: `revoke_contributor_${id}`,
      timing: 'AFTER',
      table: 'evidence',
      when: `NEW.created_by = 'token:${id}'`,
      action: { sql: `UPDATE api_tokens SET ${change} WHERE id = ${id}` },
    });
    const { answer, requestId } = await send(contributor, attachAll(`bulk-${how}`), { c: control, sha: fileSha });
    expect(answer.status).toBe(200);
    const results = Object.values(answer.json.data as Record<string, { createdCount: number | null; userErrors: { code: string; message: string }[] }>);
    expect(results[0]).toEqual({ createdCount: 1, userErrors: [] });
    for (const later of results.slice(1)) {
      expect(later).toEqual({ createdCount: null, userErrors: [{ code: 'FORBIDDEN', message: expect.stringContaining(`was ${how}`) }] });
    }
    const outcomes = (await entriesOf(requestId)).map((e) => e.outcome);
    expect(outcomes).toEqual(['SUCCESS', ...Array(ALIASES - 1).fill('DENIED')]);
    const created = await server.data(`{ evidence(filter: { search: "bulk-${how}-" }) { totalCount } }`);
    expect(created.evidence.totalCount).toBe(1);
  });

  // A query re-checks its token before its root fields (test/access/root-field-rules.test.ts drives
  // the guard with a token revoked after authentication): no write happens between a query's
  // authentication and its root fields (lastUsedAt is recorded in the background), so there is no
  // deterministic point over HTTP to revoke it in between.

  it('a live token is not affected: every aliased call of a CONTRIBUTOR succeeds', async () => {
    const contributor = await server.as('CONTRIBUTOR');
    const { answer } = await send(contributor, attachAll('bulk-live'), { c: control, sha: fileSha });
    expect(Object.values(answer.json.data).every((r: any) => r.createdCount === 1)).toBe(true);
  });
});

describe('a mutation failing with an internal error', () => {
  it('answers INTERNAL_SERVER_ERROR with the request id, audits ERROR with it, and the chain still verifies', async () => {
    await plant({ name: 'fail_control_insert', timing: 'BEFORE', table: 'controls', when: `NEW.ref_id = 'FAULT-1'`, action: { raise: 'injected fault' } });
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    try {
      const { answer, requestId } = await send(server, `mutation { controlCreate(input: { refId: "FAULT-1", title: "x", type: PREVENTIVE }) { control { id } ${ERRORS} } }`);
      expect(answer.status).toBe(200);
      expect(answer.json.errors).toEqual([
        { message: `Internal server error (request id ${requestId})`, path: ['controlCreate'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } },
      ]);
      expectJsonWithoutLeaks(answer);
      const [entry, ...more] = await entriesOf(requestId);
      expect(more).toEqual([]);
      expect(entry).toMatchObject({
        action: 'controlCreate',
        outcome: 'ERROR',
        requestId,
        actorRole: 'ADMIN',
        before: null,
        // The driver's error class and code (docs/postgresql.md, Differences): never its message.
        after: { error: testBackend() === 'postgres' ? { name: 'error', code: 'P0001' } : { name: 'SqliteError', code: 'SQLITE_CONSTRAINT_TRIGGER' } },
      });
      expect(JSON.stringify(entry)).not.toMatch(/injected fault|insert into/i);
      expect((await auditEntries(server, { outcomes: ['ERROR'] })).map((e) => e.requestId)).toContain(requestId);
    } finally {
      vi.restoreAllMocks();
    }
    expect(await auditVerify(server)).toMatchObject({ intact: true, firstBrokenSeq: null });
    expect((await server.data('{ controls(filter: { search: "FAULT-1" }) { totalCount } }')).controls.totalCount).toBe(0);
  });

  it('logs the failure with the request id when the audit trail cannot take the entry either', async () => {
    await plant({ name: 'fail_audit_insert', timing: 'BEFORE', table: 'audit_log', when: `NEW.action = 'controlCreate'`, action: { raise: 'audit trail unavailable' } });
    const logged: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void logged.push(args));
    let requestId: string;
    try {
      // The SUCCESS entry fails inside the transaction (rolled back), then the ERROR entry fails too.
      const sent = await send(server, `mutation { controlCreate(input: { refId: "FAULT-2", title: "x", type: PREVENTIVE }) { control { id } ${ERRORS} } }`);
      requestId = sent.requestId;
      expect(sent.answer.json.errors[0].extensions).toEqual({ code: 'INTERNAL_SERVER_ERROR', requestId });
    } finally {
      vi.restoreAllMocks();
    }
    const lines = logged.filter(([prefix]) => prefix === `[request ${requestId}]`);
    expect(lines.some((line) => /controlCreate by token:\d+ failed with an internal error and its audit entry \(outcome ERROR\) could not be written/.test(String(line[1])))).toBe(true);
    expect(await entriesOf(requestId)).toEqual([]);
    expect(await auditVerify(server)).toMatchObject({ intact: true, firstBrokenSeq: null });
    expect((await server.data('{ controls(filter: { search: "FAULT-2" }) { totalCount } }')).controls.totalCount).toBe(0);
  });
});
