import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/actor.js';
import { PERMISSIONS, type Permission } from '../../src/domain/authorization.js';
import type { GraphQLClient, TestServer } from '../support/server.js';
import { startTestServer } from '../support/server.js';
import { createControl, ERRORS } from './helpers.js';

/**
 * The specification, written out: which role holds which permission. It must agree with
 * src/domain/authorization.ts, and the API must behave exactly like it.
 */
const EXPECTED: Record<Permission, readonly Role[]> = {
  READ: ['VIEWER', 'CONTRIBUTOR', 'REVIEWER', 'EDITOR', 'ADMIN'],
  EVIDENCE_CONTRIBUTE: ['CONTRIBUTOR', 'ADMIN'],
  EVIDENCE_REVIEW: ['REVIEWER', 'ADMIN'],
  CATALOG_EDIT: ['EDITOR', 'ADMIN'],
  ADMIN: ['ADMIN'],
  METRICS: ['ADMIN', 'MONITOR'],
};

/** Roles that read the graph (all but MONITOR, which may only scrape metrics). */
const READERS = ROLES.filter((role) => EXPECTED.READ.includes(role));

let server: TestServer;
const clients = {} as Record<Role, GraphQLClient>;
let controlId: string;
let evidenceId: string;

beforeAll(async () => {
  server = await startTestServer({ seed: 'crosswalk-starter' });
  for (const role of ROLES) clients[role] = role === 'ADMIN' ? server : await server.as(role);
  controlId = await createControl(server, 'ROLES-C');
  const d = await server.data(
    `mutation($c: ID!) { evidenceCreate(input: { kind: ATTESTATION, title: "to review", controlIds: [$c] }) { evidence { id } ${ERRORS} } }`,
    { c: controlId },
  );
  evidenceId = d.evidenceCreate.evidence.id;
});
afterAll(() => server.close());

interface MutationCase {
  permission: Permission;
  mutation: string;
  /** Selection of the payload's result field. */
  result: string;
  input: (role: Role) => Record<string, unknown>;
}

const MUTATIONS: Record<string, MutationCase> = {
  controlCreate: {
    permission: 'CATALOG_EDIT',
    mutation: 'controlCreate(input: $input) { control { id refId }',
    result: 'control',
    input: (role) => ({ refId: `ROLES-${role}`, title: `made by ${role}`, type: 'DETECTIVE' }),
  },
  evidenceCreate: {
    permission: 'EVIDENCE_CONTRIBUTE',
    mutation: 'evidenceCreate(input: $input) { evidence { id }',
    result: 'evidence',
    input: (role) => ({ kind: 'LINK', title: `by ${role}`, url: 'https://example.com/e', controlIds: [controlId] }),
  },
  evidenceReview: {
    permission: 'EVIDENCE_REVIEW',
    mutation: 'evidenceReview(input: $input) { evidence { id status }',
    result: 'evidence',
    input: (role) => ({ evidenceId, decision: 'ACCEPTED', comment: `reviewed by ${role}` }),
  },
  tokenCreate: {
    permission: 'ADMIN',
    mutation: 'tokenCreate(input: $input) { secret token { id }',
    result: 'token',
    input: (role) => ({ name: `made-by-${role.toLowerCase()}`, role: 'VIEWER' }),
  },
};

const INPUT_TYPES: Record<string, string> = {
  controlCreate: 'ControlCreateInput',
  evidenceCreate: 'EvidenceCreateInput',
  evidenceReview: 'EvidenceReviewInput',
  tokenCreate: 'TokenCreateInput',
};

const table = ROLES.flatMap((role) => Object.keys(MUTATIONS).map((name) => [role, name] as const));

describe('roles', () => {
  it('the written-out table agrees with src/domain/authorization.ts', () => {
    expect(PERMISSIONS).toEqual(EXPECTED);
  });

  it.each(table)('%s → %s is allowed exactly when the role holds the permission', async (role, name) => {
    const c = MUTATIONS[name]!;
    const allowed = EXPECTED[c.permission].includes(role);
    const d = await clients[role].data(`mutation($input: ${INPUT_TYPES[name]}!) { ${c.mutation} ${ERRORS} } }`, { input: c.input(role) });
    const payload = d[name];
    if (allowed) {
      expect(payload.userErrors).toEqual([]);
      expect(payload[c.result]).not.toBeNull();
    } else {
      expect(payload).toMatchObject({ [c.result]: null, userErrors: [{ code: 'FORBIDDEN', field: null, message: expect.stringContaining(c.permission) }] });
      if (name === 'tokenCreate') expect(payload.secret).toBeNull();
    }
    if (name === 'controlCreate') {
      // A refused mutation changes nothing.
      const after = await server.data(`query($r: String!) { control(refId: $r) { id } }`, { r: `ROLES-${role}` });
      expect(after.control === null).toBe(!allowed);
    }
  });

  it.each(ROLES)('%s may read tokens, auditLog and auditVerify only as ADMIN (top-level FORBIDDEN otherwise)', async (role) => {
    for (const query of ['{ tokens { totalCount } }', '{ auditLog { totalCount } }', '{ auditVerify { intact } }']) {
      const body = await clients[role].gql(query);
      if (EXPECTED.ADMIN.includes(role)) {
        expect(body.errors).toBeUndefined();
        expect(body.data).toBeTruthy();
      } else {
        expect(body.data ?? null).toBeNull();
        expect(body.errors).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]);
      }
    }
  });

  it.each(READERS)('%s reads the whole graph (frameworks, requirements, controls, evidence …) like an ADMIN', async (role) => {
    const query = `query($c: ID!) {
      viewer { role }
      frameworks(first: 100) { totalCount edges { node { refId } } }
      framework(refId: "ai-governance-baseline") { refId requirements(first: 5) { totalCount } }
      requirements(first: 5) { totalCount edges { node { refId } } }
      requirementLinks(first: 5) { totalCount }
      controls(first: 5) { totalCount edges { node { refId } } }
      controlDomains
      evidence(first: 5) { totalCount edges { node { id title } } }
      aiSystems { totalCount }
      threats(first: 5) { totalCount }
      node(id: $c) { id ... on Control { refId } }
    }`;
    const mine = await clients[role].data(query, { c: controlId });
    const admins = await server.data(query, { c: controlId });
    expect(mine.viewer.role).toBe(role);
    expect({ ...mine, viewer: null }).toEqual({ ...admins, viewer: null });
    expect(mine.frameworks.totalCount).toBeGreaterThan(0);
    expect(mine.controls.totalCount).toBeGreaterThan(0);
    expect(mine.node).toEqual({ id: controlId, refId: 'ROLES-C' });
  });

  it('MONITOR is refused by every root field it asks for (FORBIDDEN, needs READ), viewer included', async () => {
    const queries = ['{ viewer { role } }', '{ frameworks { totalCount } }', '{ coverage { totals { total } } }', `{ node(id: "${controlId}") { id } }`, '{ tokens { totalCount } }'];
    for (const query of queries) {
      const body = await clients.MONITOR.gql(query);
      // Nullable fields answer null beside the error; a non-null one nulls the whole data.
      expect(Object.values(body.data ?? {}).every((v) => v === null)).toBe(true);
      expect(body.errors).toEqual([expect.objectContaining({ message: expect.stringMatching(/^not allowed \(needs (READ|ADMIN)\)$/), extensions: { code: 'FORBIDDEN' } })]);
    }
  });

  it('node(id) of an ApiToken or an AuditEntry is null for everyone but ADMINs, like an unknown id', async () => {
    const tokenId = (await server.data('{ tokens(first: 1) { edges { node { id } } } }')).tokens.edges[0].node.id;
    const entryId = (await server.data('{ auditLog(first: 1) { edges { node { id } } } }')).auditLog.edges[0].node.id;
    const unknownToken = Buffer.from('ApiToken:999999').toString('base64url');
    const query = `query($t: ID!, $a: ID!, $u: ID!) {
      token: node(id: $t) { id ... on ApiToken { name } }
      entry: node(id: $a) { id ... on AuditEntry { seq } }
      unknown: node(id: $u) { id }
      nodes(ids: [$t, $a]) { id }
    }`;
    const variables = { t: tokenId, a: entryId, u: unknownToken };
    for (const role of READERS) {
      const body = await clients[role].gql(query, variables);
      expect(body.errors).toBeUndefined();
      if (role === 'ADMIN') {
        expect(body.data).toEqual({ token: { id: tokenId, name: 'CROSSWALK_ADMIN_TOKEN' }, entry: { id: entryId, seq: 1 }, unknown: null, nodes: [{ id: tokenId }, { id: entryId }] });
      } else {
        expect(body.data).toEqual({ token: null, entry: null, unknown: null, nodes: [null, null] });
      }
    }
  });
});
