import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
let statements: string[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (sql) => statements.push(sql) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server.close());

const ERRORS = 'userErrors { field message code }';
const EVIDENCE_FIELDS = `id kind title description url sha256 sizeBytes mediaType filename collectedAt validUntil status
  reviewedBy reviewedAt reviewComment createdAt createdBy updatedAt aiSystem { id name }
  controls { totalCount edges { node { refId } } } reviews { id status comment reviewedAt reviewedBy }`;
const CREATE = `mutation($input: EvidenceCreateInput!) {
  evidenceCreate(input: $input) { evidence { ${EVIDENCE_FIELDS} } ${ERRORS} }
}`;
const REVIEW = `mutation($input: EvidenceReviewInput!) {
  evidenceReview(input: $input) { evidence { ${EVIDENCE_FIELDS} } ${ERRORS} }
}`;

const foreignId = Buffer.from('Framework:1').toString('base64url');
const unknownControl = Buffer.from('Control:999999').toString('base64url');

async function control(refId: string): Promise<string> {
  const d = await server.data(
    `mutation($input: ControlCreateInput!) { controlCreate(input: $input) { control { id } userErrors { message } } }`,
    { input: { refId, title: `Control ${refId}`, type: 'PREVENTIVE' } },
  );
  expect(d.controlCreate.userErrors).toEqual([]);
  return d.controlCreate.control.id;
}

async function aiSystem(name: string): Promise<{ id: string; name: string }> {
  const d = await server.data(
    `mutation($name: String!) { aiSystemCreate(input: { name: $name, riskLevel: LIMITED, role: DEPLOYER }) { aiSystem { id name } userErrors { message } } }`,
    { name },
  );
  expect(d.aiSystemCreate.userErrors).toEqual([]);
  return d.aiSystemCreate.aiSystem;
}

async function create(input: Record<string, unknown>) {
  return (await server.data(CREATE, { input })).evidenceCreate;
}

async function review(evidenceId: string, decision: string, comment?: string) {
  return (await server.data(REVIEW, { input: { evidenceId, decision, comment } })).evidenceReview;
}

describe('evidence', () => {
  it('records a LINK for several controls, pending review, and is seen from both ends', async () => {
    const b = await control('EV-LINK-B');
    const a = await control('EV-LINK-A');
    const before = Date.now();
    const { evidence, userErrors } = await create({
      kind: 'LINK',
      title: 'Access review Q1',
      description: 'Quarterly access review ticket',
      url: 'https://tickets.example.com/AR-1',
      controlIds: [b, a, b],
      validUntil: '2999-01-01T00:00:00.000Z',
    });
    expect(userErrors).toEqual([]);
    expect(evidence).toMatchObject({
      kind: 'LINK',
      title: 'Access review Q1',
      description: 'Quarterly access review ticket',
      url: 'https://tickets.example.com/AR-1',
      sha256: null,
      sizeBytes: null,
      mediaType: null,
      filename: null,
      validUntil: '2999-01-01T00:00:00.000Z',
      status: 'PENDING_REVIEW',
      reviewedBy: null,
      reviewedAt: null,
      reviewComment: null,
      createdBy: 'token:1',
      aiSystem: null,
      reviews: [],
      controls: { totalCount: 2, edges: [{ node: { refId: 'EV-LINK-A' } }, { node: { refId: 'EV-LINK-B' } }] },
    });
    expect(evidence.collectedAt).toBe(evidence.createdAt);
    expect(Date.parse(evidence.createdAt)).toBeGreaterThanOrEqual(before - 1000);

    const d = await server.data(
      `query($id: ID!, $e: ID!) { control(id: $id) { evidence { totalCount edges { node { id title } } } }
        node(id: $e) { ... on Evidence { title } } }`,
      { id: a, e: evidence.id },
    );
    expect(d.control.evidence).toEqual({ totalCount: 1, edges: [{ node: { id: evidence.id, title: 'Access review Q1' } }] });
    expect(d.node).toEqual({ title: 'Access review Q1' });
  });

  it('records an ATTESTATION without url, with an explicit collection date and an AI system', async () => {
    const c = await control('EV-ATT');
    const system = await aiSystem('ev-test-system');
    const { evidence, userErrors } = await create({
      kind: 'ATTESTATION',
      title: 'CISO statement',
      description: 'I confirm that the control operates.',
      controlIds: [c],
      collectedAt: '2025-01-01T00:00:00.000Z',
      validUntil: '2026-01-01T00:00:00.000Z',
      aiSystemId: system.id,
    });
    expect(userErrors).toEqual([]);
    expect(evidence).toMatchObject({
      kind: 'ATTESTATION',
      url: null,
      collectedAt: '2025-01-01T00:00:00.000Z',
      validUntil: '2026-01-01T00:00:00.000Z',
      aiSystem: system,
    });
  });

  it('refuses FILE, bad urls, bad control lists and bad validity with INVALID', async () => {
    const c = await control('EV-INVALID');
    const base = { kind: 'LINK', title: 'x', url: 'https://example.com/x', controlIds: [c] };
    const cases: [Record<string, unknown>, string, RegExp][] = [
      [{ kind: 'FILE' }, 'input.kind', /upload/],
      [{ url: null }, 'input.url', /needs a url/],
      [{ url: 'ftp://example.com/x' }, 'input.url', /http/],
      [{ url: '/relative/path' }, 'input.url', /http/],
      [{ url: 'javascript:alert(1)' }, 'input.url', /http/],
      [{ kind: 'ATTESTATION', url: 'not a url' }, 'input.url', /http/],
      [{ controlIds: [] }, 'input.controlIds', /1 to 100/],
      [{ controlIds: Array.from({ length: 101 }, () => c) }, 'input.controlIds', /1 to 100/],
      [{ collectedAt: '2025-06-01T00:00:00.000Z', validUntil: '2025-06-01T00:00:00.000Z' }, 'input.validUntil', /later/],
      [{ collectedAt: '2025-06-01T00:00:00.000Z', validUntil: '2025-05-01T00:00:00.000Z' }, 'input.validUntil', /later/],
      [{ title: '   ' }, 'input.title', /blank/],
      [{ collectedAt: new Date(Date.now() + 3_600_000).toISOString() }, 'input.collectedAt', /future/],
    ];
    for (const [change, field, message] of cases) {
      const r = await create({ ...base, ...change });
      expect(r.evidence, field).toBeNull();
      expect(r.userErrors, JSON.stringify(change)).toEqual([
        { field: field.split('.'), message: expect.stringMatching(message), code: 'INVALID' },
      ]);
    }
    const listed = await server.data(`query($c: ID!) { evidence(filter: { controlId: $c }) { totalCount } }`, { c });
    expect(listed.evidence.totalCount).toBe(0);
  });

  it('answers NOT_FOUND for each unknown control by its index, and for an unknown AI system; INVALID for malformed and other-type ids', async () => {
    const c = await control('EV-NF');
    const r = await create({ kind: 'ATTESTATION', title: 'x', controlIds: [c, 'garbage', foreignId, unknownControl] });
    expect(r).toEqual({
      evidence: null,
      userErrors: ['1', '2'].map((i) => ({ field: ['input', 'controlIds', i], message: expect.any(String), code: 'INVALID' })),
    });
    const unknown = await create({ kind: 'ATTESTATION', title: 'x', controlIds: [c, unknownControl, unknownControl] });
    expect(unknown.userErrors).toEqual(['1', '2'].map((i) => ({ field: ['input', 'controlIds', i], message: 'control not found', code: 'NOT_FOUND' })));
    const s = await create({ kind: 'ATTESTATION', title: 'x', controlIds: [c], aiSystemId: unknownControl });
    expect(s.userErrors).toEqual([{ field: ['input', 'aiSystemId'], message: expect.stringContaining('is a Control id, not an AISystem id'), code: 'INVALID' }]);
    const noSystem = await create({ kind: 'ATTESTATION', title: 'x', controlIds: [c], aiSystemId: Buffer.from('AISystem:999999').toString('base64url') });
    expect(noSystem.userErrors).toEqual([{ field: ['input', 'aiSystemId'], message: 'AI system not found', code: 'NOT_FOUND' }]);
  });

  it('reviews evidence, keeps every review oldest first, and allows re-review', async () => {
    const c = await control('EV-REVIEW');
    const { evidence } = await create({ kind: 'ATTESTATION', title: 'to review', controlIds: [c] });
    const first = await review(evidence.id, 'REJECTED', 'unsigned');
    expect(first.userErrors).toEqual([]);
    expect(first.evidence).toMatchObject({
      status: 'REJECTED',
      reviewComment: 'unsigned',
      reviewedBy: 'token:1',
      reviews: [{ status: 'REJECTED', comment: 'unsigned', reviewedBy: 'token:1' }],
    });
    expect(first.evidence.reviewedAt).toBe(first.evidence.reviews[0].reviewedAt);
    expect(first.evidence.updatedAt).toBe(first.evidence.reviewedAt);

    const second = await review(evidence.id, 'ACCEPTED');
    expect(second.evidence).toMatchObject({ status: 'ACCEPTED', reviewComment: '' });
    expect(second.evidence.reviews.map((r: any) => [r.status, r.comment])).toEqual([
      ['REJECTED', 'unsigned'],
      ['ACCEPTED', ''],
    ]);
    expect(second.evidence.reviews[0].id).toBe(first.evidence.reviews[0].id);
    const node = await server.data(`query($id: ID!) { node(id: $id) { ... on EvidenceReview { status comment } } }`, {
      id: second.evidence.reviews[0].id,
    });
    expect(node.node).toEqual({ status: 'REJECTED', comment: 'unsigned' });
  });

  it('answers NOT_FOUND when reviewing unknown evidence', async () => {
    const unknown = Buffer.from('Evidence:999999').toString('base64url');
    for (const id of ['garbage', foreignId, unknown]) {
      const r = await review(id, 'ACCEPTED');
      expect(r).toEqual({
        evidence: null,
        userErrors: [
          id === unknown
            ? { field: ['input', 'evidenceId'], message: 'evidence not found', code: 'NOT_FOUND' }
            : { field: ['input', 'evidenceId'], message: expect.stringContaining('Evidence id'), code: 'INVALID' },
        ],
      });
    }
  });

  it('filters and pages the evidence list, and filters Control.evidence by status', async () => {
    const c1 = await control('EV-FLT-1');
    const c2 = await control('EV-FLT-2');
    const system = await aiSystem('ev-filter-system');
    const made: Record<string, string> = {};
    const add = async (key: string, input: Record<string, unknown>) => {
      const r = await create({ title: `flt ${key}`, ...input });
      expect(r.userErrors).toEqual([]);
      made[key] = r.evidence.id;
    };
    await add('link', { kind: 'LINK', url: 'https://docs.example.com/policy', controlIds: [c1] });
    await add('att', { kind: 'ATTESTATION', controlIds: [c1, c2], aiSystemId: system.id });
    await add('soon', {
      kind: 'ATTESTATION',
      controlIds: [c2],
      collectedAt: '2024-01-01T00:00:00.000Z',
      validUntil: '2024-06-01T00:00:00.000Z',
    });
    await add('later', {
      kind: 'ATTESTATION',
      controlIds: [c2],
      collectedAt: '2024-01-01T00:00:00.000Z',
      validUntil: '2030-06-01T00:00:00.000Z',
    });
    await review(made.att!, 'ACCEPTED');
    await review(made.soon!, 'REJECTED');

    const q = `query($filter: EvidenceFilter, $first: Int, $after: String) { evidence(filter: $filter, first: $first, after: $after) {
      totalCount edges { node { id } } pageInfo { hasNextPage endCursor } } }`;
    const ids = async (filter: Record<string, unknown>) =>
      (await server.data(q, { filter: { search: 'flt ', ...filter } })).evidence.edges.map((e: any) => e.node.id);
    const all = [made.link, made.att, made.soon, made.later];
    expect(await ids({})).toEqual(all);
    expect(await ids({ statuses: ['PENDING_REVIEW'] })).toEqual([made.link, made.later]);
    expect(await ids({ statuses: ['ACCEPTED', 'REJECTED'] })).toEqual([made.att, made.soon]);
    expect(await ids({ kinds: ['LINK'] })).toEqual([made.link]);
    expect(await ids({ controlId: c1 })).toEqual([made.link, made.att]);
    expect(await ids({ controlId: c2, statuses: ['PENDING_REVIEW'] })).toEqual([made.later]);
    const garbage = await server.gql(q, { filter: { controlId: 'garbage' } });
    expect(garbage.errors?.map((e) => e.extensions?.code)).toEqual(['BAD_USER_INPUT']);
    expect(await ids({ aiSystemId: system.id })).toEqual([made.att]);
    expect(await ids({ expiringBefore: '2025-01-01T00:00:00.000Z' })).toEqual([made.soon]);
    expect(await ids({ expiringBefore: '2031-01-01T00:00:00.000Z' })).toEqual([made.soon, made.later]);
    expect(await ids({ search: 'DOCS.EXAMPLE' })).toEqual([made.link]);

    const p1 = (await server.data(q, { filter: { search: 'flt ' }, first: 3 })).evidence;
    expect(p1.totalCount).toBe(4);
    expect(p1.edges.map((e: any) => e.node.id)).toEqual(all.slice(0, 3));
    expect(p1.pageInfo.hasNextPage).toBe(true);
    const p2 = (await server.data(q, { filter: { search: 'flt ' }, first: 3, after: p1.pageInfo.endCursor })).evidence;
    expect(p2.edges.map((e: any) => e.node.id)).toEqual([made.later]);
    expect(p2.pageInfo.hasNextPage).toBe(false);

    const byControl = await server.data(
      `query($id: ID!) { control(id: $id) { all: evidence { totalCount edges { node { id } } }
        accepted: evidence(statuses: [ACCEPTED]) { totalCount edges { node { id } } }
        page: evidence(first: 1) { edges { node { id } } pageInfo { hasNextPage } } } }`,
      { id: c2 },
    );
    expect(byControl.control.all.edges.map((e: any) => e.node.id)).toEqual([made.att, made.soon, made.later]);
    expect(byControl.control.accepted).toEqual({ totalCount: 1, edges: [{ node: { id: made.att } }] });
    expect(byControl.control.page).toEqual({ edges: [{ node: { id: made.att } }], pageInfo: { hasNextPage: true } });

    for (const args of ['first: 101', 'after: "nope"']) {
      const body = await server.gql(`{ evidence(${args}) { totalCount } }`);
      expect(body.errors?.[0]?.extensions?.code, args).toBe('BAD_USER_INPUT');
    }
  });

  it('loads the edges of a page of evidence in a bounded number of statements', async () => {
    const cs = [await control('EV-NEST-1'), await control('EV-NEST-2')];
    const system = await aiSystem('ev-nest-system');
    for (let i = 0; i < 5; i++) {
      const r = await create({ kind: 'ATTESTATION', title: `nest ${i}`, controlIds: cs, aiSystemId: system.id });
      await review(r.evidence.id, 'ACCEPTED');
    }
    statements = [];
    const d = await server.data(`{ evidence(filter: { search: "nest " }, first: 50) { edges { node {
      aiSystem { name } reviews { status } controls { edges { node { refId evidence { totalCount } } } } } } } }`);
    expect(d.evidence.edges).toHaveLength(5);
    expect(d.evidence.edges[0].node.controls.edges[1].node.evidence.totalCount).toBe(5);
    // evidence page, AI systems, reviews, controls, the controls' evidence
    expect(statements.length).toBe(5);
  });
});
