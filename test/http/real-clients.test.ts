/**
 * Standard GraphQL clients with their default configuration against a real server: urql (GET for
 * queries), graphql-request and Apollo Client (Node, no React). Each runs a query and a mutation
 * and sees, with its code, a 401, a user error in a payload and a cost refusal.
 */
import { ApolloClient, CombinedGraphQLErrors, HttpLink, InMemoryCache, gql as apolloGql } from '@apollo/client';
import { Client, cacheExchange, fetchExchange } from '@urql/core';
import { ClientError, GraphQLClient } from 'graphql-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let endpoint: string;
beforeAll(async () => {
  server = await startTestServer();
  endpoint = `${server.url}/graphql`;
});
afterAll(() => server.close());

const VIEWER = 'query Viewer { viewer { role } }';
const CREATE = `mutation Create($input: FrameworkCreateInput!) {
  frameworkCreate(input: $input) { framework { refId } userErrors { field code message } }
}`;
const input = (refId: string) => ({ input: { refId, name: `Framework ${refId}`, kind: 'STANDARD' } });
/** A valid query whose estimated cost (10^4 fields) is over the cap: refused before it runs. */
const level = (name: string, next: string) => `fragment ${name} on Query { ${Array.from({ length: 10 }, () => `...${next}`).join(' ')} }`;
const COSTLY = `query Costly { ...F4 } ${level('F4', 'F3')} ${level('F3', 'F2')} ${level('F2', 'F1')} ${level('F1', 'F0')} fragment F0 on Query { viewer { role } }`;
const BAD_TOKEN = `cwk_${'Z'.repeat(43)}`;

describe('urql (@urql/core, default exchanges: queries over GET)', () => {
  const methods: string[] = [];
  const urql = (token: string) =>
    new Client({
      url: endpoint,
      exchanges: [cacheExchange, fetchExchange],
      fetchOptions: { headers: { authorization: `Bearer ${token}` } },
      // Records the method only; the request is urql's own.
      fetch: (url, init) => {
        methods.push(init?.method ?? 'GET');
        return fetch(url, init);
      },
    });

  it('runs a query over GET (not refused as a CSRF) and a mutation over POST', async () => {
    const client = urql(server.token);
    methods.length = 0;
    const query = await client.query(VIEWER, {}).toPromise();
    // urql's document cache adds __typename to every selection.
    expect([query.error, query.data]).toEqual([undefined, { viewer: { __typename: 'Viewer', role: 'ADMIN' } }]);
    const created = await client.mutation(CREATE, input('urql-1')).toPromise();
    expect(created.data.frameworkCreate).toMatchObject({ framework: { refId: 'urql-1' }, userErrors: [] });
    expect(methods).toEqual(['GET', 'POST']);
  });

  it('sees UNAUTHENTICATED on a 401', async () => {
    const result = await urql(BAD_TOKEN).query(VIEWER, {}).toPromise();
    expect(result.error?.graphQLErrors.map((e) => e.extensions.code)).toEqual(['UNAUTHENTICATED']);
    expect(result.error?.response?.status).toBe(401);
  });

  it('sees a user error in the payload and QUERY_COST_EXCEEDED', async () => {
    const client = urql(server.token);
    await client.mutation(CREATE, input('urql-2')).toPromise();
    const duplicate = await client.mutation(CREATE, input('urql-2')).toPromise();
    expect(duplicate.data.frameworkCreate.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'refId'] })]);
    const costly = await client.query(COSTLY, {}).toPromise();
    expect(costly.error?.graphQLErrors.map((e) => e.extensions.code)).toEqual(['QUERY_COST_EXCEEDED']);
  });
});

describe('graphql-request', () => {
  const client = (token: string) => new GraphQLClient(endpoint, { headers: { authorization: `Bearer ${token}` } });
  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ClientError);
    const { response } = error as ClientError;
    return { status: response.status, codes: response.errors?.map((e) => e.extensions?.code) };
  };

  it('runs a query and a mutation', async () => {
    expect(await client(server.token).request(VIEWER)).toEqual({ viewer: { role: 'ADMIN' } });
    const created = await client(server.token).request<any>(CREATE, input('gr-1'));
    expect(created.frameworkCreate).toEqual({ framework: { refId: 'gr-1' }, userErrors: [] });
  });

  it('sees UNAUTHENTICATED on a 401, a user error and QUERY_COST_EXCEEDED', async () => {
    expect(await refusal(client(BAD_TOKEN).request(VIEWER))).toEqual({ status: 401, codes: ['UNAUTHENTICATED'] });
    await client(server.token).request<any>(CREATE, input('gr-2'));
    const duplicate = await client(server.token).request<any>(CREATE, input('gr-2'));
    expect(duplicate.frameworkCreate.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'refId'] })]);
    expect(await refusal(client(server.token).request(COSTLY))).toEqual({ status: 400, codes: ['QUERY_COST_EXCEEDED'] });
  });
});

describe('Apollo Client 4 in Node (@apollo/client, no React)', () => {
  const apollo = (token: string) =>
    new ApolloClient({ link: new HttpLink({ uri: endpoint, headers: { authorization: `Bearer ${token}` } }), cache: new InMemoryCache() });
  const codes = async (promise: Promise<unknown>) => {
    const error = await promise.then(
      () => null,
      (e: unknown) => e,
    );
    expect(CombinedGraphQLErrors.is(error), String(error)).toBe(true);
    return (error as CombinedGraphQLErrors).errors.map((e) => e.extensions?.code);
  };

  it('runs a query and a mutation', async () => {
    const client = apollo(server.token);
    const query = await client.query({ query: apolloGql(VIEWER) });
    expect(query.data).toEqual({ viewer: { __typename: 'Viewer', role: 'ADMIN' } });
    const created = await client.mutate<any>({ mutation: apolloGql(CREATE), variables: input('apollo-1') });
    expect(created.data.frameworkCreate).toMatchObject({ framework: { refId: 'apollo-1' }, userErrors: [] });
  });

  it('sees UNAUTHENTICATED on a 401, a user error and QUERY_COST_EXCEEDED', async () => {
    expect(await codes(apollo(BAD_TOKEN).query({ query: apolloGql(VIEWER) }))).toEqual(['UNAUTHENTICATED']);
    await apollo(server.token).mutate<any>({ mutation: apolloGql(CREATE), variables: input('apollo-2') });
    const duplicate = await apollo(server.token).mutate<any>({ mutation: apolloGql(CREATE), variables: input('apollo-2') });
    expect(duplicate.data.frameworkCreate.userErrors).toEqual([expect.objectContaining({ code: 'DUPLICATE', field: ['input', 'refId'] })]);
    expect(await codes(apollo(server.token).query({ query: apolloGql(COSTLY) }))).toEqual(['QUERY_COST_EXCEEDED']);
  });
});
