/**
 * Hostile suite, per-token request rate (issue 16): every authenticated route counts the
 * requests of a token in a one-minute window and refuses the excess with 429 RATE_LIMITED,
 * `Retry-After` and the standard RateLimit headers; another token keeps its own allowance.
 *
 * | request                               | role   | expected                          |
 * |---------------------------------------|--------|-----------------------------------|
 * | { __typename } × (limit + 1)          | VIEWER | limit × 200, then 429 RATE_LIMITED |
 * | GET /v1/blobs/<sha> past the limit    | VIEWER | 429 RATE_LIMITED (HTTP error body) |
 * | { __typename } with a second token    | VIEWER | 200 (its own allowance)           |
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { expectJsonWithoutLeaks, expectRefusal, postJson, raw } from './support.js';

const LIMIT = 5;
let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ rateLimitPerMinute: LIMIT });
});
afterAll(() => server.close());

describe('per-token request rate', () => {
  it(`answers ${LIMIT} requests of a token with the RateLimit headers, then refuses with 429 RATE_LIMITED and Retry-After`, async () => {
    const viewer = await server.as('VIEWER');
    const answers = [];
    for (let i = 0; i <= LIMIT; i++) answers.push(await postJson(server, { query: '{ __typename }' }, { token: viewer.token }));
    const first = answers[0]!;
    expect(first.status).toBe(200);
    expect(first.headers.get('ratelimit-policy')).toBe(`${LIMIT};w=60`);
    expect(first.headers.get('ratelimit-limit')).toBe(String(LIMIT));
    expect(first.headers.get('ratelimit-remaining')).toBe(String(LIMIT - 1));
    expect(Number(first.headers.get('ratelimit-reset'))).toBeGreaterThan(0);
    expect(answers.slice(0, LIMIT).map((a) => a.status)).toEqual(Array(LIMIT).fill(200));

    const refused = answers[LIMIT]!;
    expectRefusal(refused, 429, 'RATE_LIMITED');
    // GraphQL-shaped on /graphql, with a retry hint in the body and the header.
    expect(refused.json).toEqual({ errors: [{ message: expect.stringMatching(/retry after \d+ seconds/), extensions: expect.objectContaining({ code: 'RATE_LIMITED' }) }] });
    const retryAfter = Number(refused.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(refused.json.errors[0].extensions.retryAfterSeconds).toBe(retryAfter);
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');

    // Plain HTTP routes share the allowance and answer with the HTTP error body.
    const blob = await raw(server, { method: 'GET', path: `/v1/blobs/${'a'.repeat(64)}`, token: viewer.token });
    expect([blob.status, blob.json.error?.code]).toEqual([429, 'RATE_LIMITED']);
    expectJsonWithoutLeaks(blob);
    expect(blob.json.error.message).toMatch(/retry after/);

    // Another token is not affected.
    const other = await server.as('VIEWER');
    expect((await postJson(server, { query: '{ __typename }' }, { token: other.token })).status).toBe(200);
  });

  it('does not count requests without a valid token (they are refused with 401 first)', async () => {
    const answer = await postJson(server, { query: '{ __typename }' }, { token: 'not-a-token' });
    expect(answer.status).toBe(401);
    expect(answer.headers.get('ratelimit-limit')).toBeNull();
  });
});
