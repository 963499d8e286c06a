/**
 * Failed authentication is audited without letting a flood of bad tokens become a flood of
 * writes: the first failure per address and window at once, later ones as one counted entry.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/domain/actor.js';
import { FailedAuthAudit, type FailedAuthentication } from '../../src/services/failed-auth-audit.js';
import type { MutationRunner } from '../../src/services/mutation-runner.js';
import { operationOf } from '../../src/services/operation-scope.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { ENTRY_FIELDS, post } from './helpers.js';

interface Written {
  action: string;
  requestId: string | null;
  outcome: string;
  actor: string;
  details: Record<string, unknown>;
}

function harness(maxAddresses = 1_000) {
  let now = Date.parse('2026-11-27T10:00:00Z');
  const written: Written[] = [];
  const runner = {
    auditOutsideChange: async (actor: Actor, outcome: string, _targets: string[], details: Record<string, unknown>) => {
      const op = operationOf(actor);
      written.push({ action: op.action, requestId: op.requestId, outcome, actor: actor.id, details });
    },
  } as unknown as MutationRunner;
  const audit = new FailedAuthAudit(runner, () => new Date(now), 60_000, maxAddresses);
  let n = 0;
  const fail = (address: string, reason = 'no Authorization header'): FailedAuthentication => ({
    reason,
    method: 'POST',
    path: '/graphql',
    address,
    requestId: `req-${++n}`,
  });
  return { audit, written, fail, advance: (ms: number) => (now += ms) };
}

describe('FailedAuthAudit', () => {
  it('records the first failure at once and counts the rest of the window into one entry', async () => {
    const { audit, written, fail, advance } = harness();
    await audit.record(fail('10.0.0.1'));
    expect(written).toEqual([
      { action: 'authenticate', requestId: 'req-1', outcome: 'DENIED', actor: 'anonymous', details: { reason: 'no Authorization header', method: 'POST', path: '/graphql', address: '10.0.0.1' } },
    ]);
    for (let i = 0; i < 500; i++) {
      advance(10);
      await audit.record(fail('10.0.0.1', i % 5 === 0 ? 'not a Bearer token' : 'unknown, revoked or expired token'));
    }
    expect(written).toHaveLength(1);
    await audit.flush(); // the window (60 s) has not ended: nothing yet
    expect(written).toHaveLength(1);
    advance(60_000);
    await audit.flush();
    expect(written).toHaveLength(2);
    expect(written[1]).toEqual({
      action: 'authenticate',
      requestId: 'req-501',
      outcome: 'DENIED',
      actor: 'anonymous',
      details: {
        reason: 'repeated failed authentication',
        address: '10.0.0.1',
        count: 500,
        reasons: { 'not a Bearer token': 100, 'unknown, revoked or expired token': 400 },
        from: '2026-11-27T10:00:00.010Z',
        to: '2026-11-27T10:00:05.000Z',
      },
    });
    // A new window starts with an immediate entry again.
    await audit.record(fail('10.0.0.1'));
    expect(written).toHaveLength(3);
    expect(written[2]!.details).toMatchObject({ reason: 'no Authorization header' });
  });

  it('the next failure after a window closes that window first; addresses are separate', async () => {
    const { audit, written, fail, advance } = harness();
    await audit.record(fail('10.0.0.1'));
    await audit.record(fail('10.0.0.1'));
    await audit.record(fail('10.0.0.2'));
    advance(61_000);
    await audit.record(fail('10.0.0.1'));
    expect(written.map((w) => [w.details.address, w.details.count ?? 'first'])).toEqual([
      ['10.0.0.1', 'first'],
      ['10.0.0.2', 'first'],
      ['10.0.0.1', 1],
      ['10.0.0.1', 'first'],
    ]);
    // The second address had no repeats: closing its window writes nothing.
    await audit.stop();
    expect(written).toHaveLength(4);
  });

  it('beyond maxAddresses, failures count under one bucket; stop() writes every pending count', async () => {
    const { audit, written, fail } = harness(2);
    for (const address of ['a', 'b', 'c', 'd', 'e', 'a', 'c']) await audit.record(fail(address));
    // a, b tracked; c (first of the rest) opens the "*" bucket; d, e, c count there; a repeats.
    expect(written.map((w) => w.details.address)).toEqual(['a', 'b', 'c']);
    await audit.stop();
    expect(written.slice(3).map((w) => [w.details.address, w.details.count])).toEqual([
      ['a', 1],
      ['*', 3],
    ]);
  });
});

describe('over HTTP', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server.close());

  const totalCount = async () => (await server.data(`{ auditLog(first: 1) { totalCount } }`)).auditLog.totalCount as number;

  it('a burst of bad tokens from one address adds one entry at once, and its count when the window is flushed', async () => {
    const before = await totalCount();
    for (let i = 0; i < 20; i++) {
      const answer = await post(server, i % 2 ? 'Bearer cwk_not-a-real-token' : null, '{ __typename }');
      expect(answer.status).toBe(401);
    }
    expect(await totalCount()).toBe(before + 1);
    await server.instance.services.failedAuth.flush(true);
    expect(await totalCount()).toBe(before + 2);
    const log = await server.data(`{ auditLog(first: 2, filter: { actions: ["authenticate"] }) { edges { node { ${ENTRY_FIELDS} } } } }`);
    const entries = log.auditLog.edges.map((e: { node: { after: unknown } }) => e.node.after);
    expect(entries).toContainEqual(expect.objectContaining({ reason: 'no Authorization header', method: 'POST', path: '/graphql' }));
    expect(entries).toContainEqual(
      expect.objectContaining({
        reason: 'repeated failed authentication',
        count: 19,
        reasons: { 'no Authorization header': 9, 'unknown, revoked or expired token': 10 },
      }),
    );
    expect((await server.data('{ auditVerify { intact } }')).auditVerify.intact).toBe(true);
  });
});
