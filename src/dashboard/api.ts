/**
 * The dashboard's only way to the data: the public GraphQL API at this origin's /graphql, with the
 * VIEWER token as a bearer token. The token lives in sessionStorage only (gone when the tab
 * closes) and is sent nowhere else: requests go to a relative URL, without cookies or referrer,
 * and the page's CSP allows no other destination.
 */
const STORAGE_KEY = 'crosswalk.dashboardToken';
const ENDPOINT = '/graphql';

/** A refusal or error from the API, with its code (`UNAUTHENTICATED`, `FORBIDDEN`, …) when it gave one. */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly status: number,
  ) {
    super(message);
  }
  /** The token itself was refused (unknown, revoked or expired). */
  get tokenRefused(): boolean {
    return this.status === 401 || this.code === 'UNAUTHENTICATED';
  }
}

export function storedToken(): string | null {
  try {
    return window.sessionStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string): void {
  try {
    window.sessionStorage.setItem(STORAGE_KEY, token);
  } catch {
    // Storage disabled: the token then lasts as long as the page.
  }
}

export function forgetToken(): void {
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // nothing stored
  }
}

interface GraphQLAnswer<T> {
  data?: T | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** Runs one operation; rejects with an ApiError when the answer carries errors or no data. */
export async function graphql<T>(token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(ENDPOINT, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        accept: 'application/graphql-response+json, application/json',
        authorization: `Bearer ${token}`,
      },
      body: JSON.stringify({ query, variables }),
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError('the Crosswalk server cannot be reached; check that it is running and reload the page', undefined, 0);
  }
  let body: GraphQLAnswer<T>;
  try {
    body = (await response.json()) as GraphQLAnswer<T>;
  } catch {
    throw new ApiError(`the server answered HTTP ${response.status} without a GraphQL body`, undefined, response.status);
  }
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code, response.status);
  if (!body.data) throw new ApiError(`the server answered HTTP ${response.status} without data`, undefined, response.status);
  return body.data;
}

/** Every node of a connection, page by page (`after` is the only variable this adds). */
export async function allPages<T, N>(
  token: string,
  query: string,
  variables: Record<string, unknown>,
  connection: (data: T) => { edges: { node: N }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } },
  maxPages = 10,
): Promise<{ nodes: N[]; complete: boolean }> {
  const nodes: N[] = [];
  let after: string | null = null;
  for (let page = 0; page < maxPages; page++) {
    const found = connection(await graphql<T>(token, query, { ...variables, after }));
    nodes.push(...found.edges.map((edge) => edge.node));
    if (!found.pageInfo.hasNextPage || !found.pageInfo.endCursor) return { nodes, complete: true };
    after = found.pageInfo.endCursor;
  }
  return { nodes, complete: false };
}
