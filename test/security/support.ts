/**
 * Helpers for the hostile-input suite: raw HTTP requests (any method, headers and body bytes)
 * and a uniform view of both error shapes the service answers with:
 * GraphQL `{ errors: [{ extensions: { code } }] }` and plain HTTP `{ error: { code } }`.
 */
import { expect } from 'vitest';
import type { TestServer } from '../support/server.js';

export interface RawAnswer {
  status: number;
  headers: Headers;
  text: string;
  /** The parsed body; undefined when it is not JSON. */
  json: any;
}

export interface RawRequest {
  method?: string;
  path?: string;
  /** Bearer token to send; null sends no Authorization header. Defaults to the server's ADMIN token. */
  token?: string | null;
  headers?: Record<string, string>;
  body?: RequestInit['body'];
}

export async function raw(server: TestServer, request: RawRequest = {}): Promise<RawAnswer> {
  const token = request.token === undefined ? server.token : request.token;
  const response = await fetch(`${server.url}${request.path ?? '/graphql'}`, {
    method: request.method ?? 'POST',
    headers: { ...(token === null ? {} : { authorization: `Bearer ${token}` }), ...request.headers },
    body: request.body,
  });
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs a GraphQL request as JSON. */
export const postJson = (server: TestServer, payload: unknown, request: Omit<RawRequest, 'body'> = {}) =>
  raw(server, { ...request, headers: { 'content-type': 'application/json', ...request.headers }, body: JSON.stringify(payload) });

/** The first error code of either error shape. */
export function errorCode(answer: RawAnswer): string | undefined {
  return answer.json?.errors?.[0]?.extensions?.code ?? answer.json?.error?.code;
}

/** Every error code of a GraphQL answer. */
export const errorCodes = (answer: RawAnswer): string[] =>
  (answer.json?.errors ?? []).map((e: { extensions?: { code?: string } }) => e.extensions?.code);

/**
 * A clean refusal on /graphql: the status, a GraphQL-shaped body (`errors[].extensions.code`,
 * whoever refused it) with the code, and nothing that looks like a leak.
 */
export function expectRefusal(answer: RawAnswer, status: number, code: string): void {
  expect({ status: answer.status, code: answer.json?.errors?.[0]?.extensions?.code, plainError: answer.json?.error }).toEqual({ status, code, plainError: undefined });
  expectJsonWithoutLeaks(answer);
}

/** JSON (never HTML) without stack frames, SQL or internal file paths. */
export function expectJsonWithoutLeaks(answer: RawAnswer): void {
  expect(answer.headers.get('content-type')).toMatch(/^application\/(graphql-response\+)?json/);
  expect(answer.json, `not JSON: ${answer.text.slice(0, 200)}`).toBeDefined();
  expect(answer.text).not.toMatch(/<html|<!doctype/i);
  expect(answer.text).not.toMatch(/\bat [\w.<>]+ \(|node_modules|\/src\/|stacktrace/i);
  expect(answer.text).not.toMatch(/\b(select|insert|update|delete)\b[^"]*\b(from|into|set)\b/i);
  expect(answer.text).not.toMatch(/sqlite|drizzle|better-sqlite3/i);
}

/** `count` copies of `item` separated by spaces. */
export const repeat = (item: string | ((i: number) => string), count: number): string =>
  Array.from({ length: count }, (_, i) => (typeof item === 'string' ? item : item(i))).join(' ');

/** Wraps `leaf` in `levels` copies of `open … close`, e.g. nest(3, 'a {', '}', 'id'). */
export function nest(levels: number, open: string, close: string, leaf: string): string {
  return `${open.repeat(levels)} ${leaf} ${close.repeat(levels)}`;
}
