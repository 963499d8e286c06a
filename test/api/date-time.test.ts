/** DateTime input: RFC 3339 with a time zone; a refusal shows a value that would be accepted. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const EXAMPLE = /DateTime must be an RFC 3339 date-time with a time zone, e\.g\. 2026-11-06T00:00:00Z .*; got "?2026-11-06"?$/;

describe('DateTime', () => {
  it.each(['2026-11-06', '2026-11-06T00:00:00', 'yesterday'])('refuses the variable %j with BAD_USER_INPUT and a valid example', async (value) => {
    const answer = await server.gql(`query($from: DateTime) { auditLog(filter: { from: $from }) { totalCount } }`, { from: value });
    expect([answer.status, answer.errors?.[0]?.extensions?.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(answer.errors?.[0]?.message).toContain(`got ${JSON.stringify(value)}`);
    expect(answer.errors?.[0]?.message).toContain('e.g. 2026-11-06T00:00:00Z');
  });

  it('refuses a literal with GRAPHQL_VALIDATION_FAILED and the same example', async () => {
    const answer = await server.gql(`{ auditLog(filter: { from: "2026-11-06" }) { totalCount } }`);
    expect([answer.status, answer.errors?.[0]?.extensions?.code]).toEqual([400, 'GRAPHQL_VALIDATION_FAILED']);
    expect(answer.errors?.[0]?.message).toMatch(EXAMPLE);
  });

  it('accepts the example and an offset, as a variable and as a literal', async () => {
    // Every entry was written after these instants, and none before the start of 2000.
    const all = (await server.data(`{ auditLog { totalCount } }`)).auditLog.totalCount;
    expect(all).toBeGreaterThan(0);
    const count = async (query: string, variables?: Record<string, unknown>) => (await server.data(query, variables)).auditLog.totalCount;
    expect(await count(`query($from: DateTime) { auditLog(filter: { from: $from }) { totalCount } }`, { from: '2000-01-01T00:00:00Z' })).toBe(all);
    expect(await count(`{ auditLog(filter: { from: "2000-01-01T09:30:00+01:00" }) { totalCount } }`)).toBe(all);
    expect(await count(`query($to: DateTime) { auditLog(filter: { to: $to }) { totalCount } }`, { to: '2000-01-01T00:00:00Z' })).toBe(0);
    expect(await count(`{ auditLog(filter: { to: "2000-01-01T09:30:00+01:00" }) { totalCount } }`)).toBe(0);
  });
});
