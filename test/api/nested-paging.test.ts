/**
 * Nested connections are paged in SQL per parent: `controls(first: n) { evidence(first: k) }`
 * reads at most (k + 1) evidence rows per control (one more tells whether a next page exists),
 * in a number of statements that does not grow with the controls, and the cost estimate charges
 * k × n for it. "Rows read" is measured by running the request's statements again on their own
 * connection (SQLite: the file; PostgreSQL: the database) and counting the rows each answers.
 */
import Sqlite from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNCAPPED, startTestServer, type TestServer } from '../support/server.js';
import { compareKeys, decodeCursor } from '../../src/domain/paging.js';
import { createControl } from '../support/create-through-api.js';

let server: TestServer;
let statements: { sql: string; params: unknown[] }[] = [];
beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (sql, params) => statements.push({ sql, params }) }, maximumQueryCost: UNCAPPED });
});
afterAll(() => server.close());

const EVIDENCE_PER_CONTROL = 5;

/** `count` controls tagged `tag`; every one of EVIDENCE_PER_CONTROL evidence items is attached to all of them. */
async function addControls(tag: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 0; n < count; n++) ids.push(await createControl(server, `${tag}-${String(n).padStart(3, '0')}`));
  for (let e = 0; e < EVIDENCE_PER_CONTROL; e++) {
    const d = await server.data(
      `mutation($i: EvidenceCreateInput!) { evidenceCreate(input: $i) { evidence { id } userErrors { message } } }`,
      { i: { kind: 'LINK', title: `${tag}-e${e}`, url: 'https://example.com/e', controlIds: ids } },
    );
    if (e % 2 === 1) {
      await server.data(
        `mutation($i: EvidenceReviewInput!) { evidenceReview(input: $i) { evidence { id } userErrors { message } } }`,
        { i: { evidenceId: d.evidenceCreate.evidence.id, decision: 'ACCEPTED' } },
      );
    }
  }
  return ids;
}

const QUERY = `query($search: String!, $first: Int!, $after: String, $statuses: [EvidenceStatus!]) {
  controls(filter: { search: $search }, first: 100) { edges { node {
    refId
    evidence(first: $first, after: $after, statuses: $statuses) {
      totalCount
      pageInfo { hasNextPage endCursor }
      edges { node { title status } }
    }
  } } }
}`;

/** Runs the query; answers it with the statements it ran and the rows each of them read. */
async function run(variables: Record<string, unknown>, query = QUERY) {
  statements = [];
  const answer = await server.gql(query, variables);
  expect(answer.errors).toBeUndefined();
  const ran = statements;
  return { data: answer.data as any, statements: ran.map((s) => s.sql), rows: await rowsRead(ran) };
}

/** The rows each SELECT of `ran` answers when run again on its own connection (0 for other statements). */
async function rowsRead(ran: { sql: string; params: unknown[] }[]): Promise<number[]> {
  const isSelect = (sql: string) => sql.trimStart().toLowerCase().startsWith('select');
  if (server.databaseUrl) {
    const client = new pg.Client({ connectionString: server.databaseUrl });
    await client.connect();
    try {
      const rows: number[] = [];
      for (const s of ran) rows.push(isSelect(s.sql) ? (await client.query(s.sql, s.params)).rows.length : 0);
      return rows;
    } finally {
      await client.end();
    }
  }
  const db = new Sqlite(server.instance.store.sqliteFile!, { readonly: true });
  try {
    return ran.map((s) => (isSelect(s.sql) ? db.prepare(s.sql).all(...(s.params as never[])).length : 0));
  } finally {
    db.close();
  }
}

const evidencePages = (data: any) => data.controls.edges.map((e: any) => e.node.evidence);
/** Rows read by the statements that cut pages per parent (ranking rows of `table`). */
const pageRows = (r: { statements: string[]; rows: number[] }, table: string) =>
  r.statements.flatMap((sql, i) => (/ROW_NUMBER\(\) OVER/.test(sql) && sql.includes(`from "${table}"`) ? [r.rows[i]!] : []));
const evidencePageRows = (r: { statements: string[]; rows: number[] }) => pageRows(r, 'evidence_controls');

describe('Control.evidence, paged in SQL per control', () => {
  beforeAll(async () => {
    await addControls('np-small', 3);
    await addControls('np-large', 12);
  });

  it('reads at most first + 1 rows per control, in as many statements for 3 controls as for 12', async () => {
    const small = await run({ search: 'np-small', first: 1 });
    const large = await run({ search: 'np-large', first: 1 });

    for (const page of evidencePages(large.data)) {
      expect(page.edges.map((e: any) => e.node.title)).toEqual(['np-large-e0']);
      expect(page.pageInfo.hasNextPage).toBe(true);
      expect(page.totalCount).toBe(EVIDENCE_PER_CONTROL);
    }
    expect(large.statements.length).toBe(small.statements.length);
    // One statement cuts every control's page: 12 controls × (first + 1) rows, not 12 × 5.
    expect(evidencePageRows(large)).toEqual([12 * 2]);
    expect(evidencePageRows(small)).toEqual([3 * 2]);
  });

  it('continues after a cursor and filters by status, per control', async () => {
    const first = await run({ search: 'np-large', first: 2 });
    const cursor = evidencePages(first.data)[0].pageInfo.endCursor;
    const next = await run({ search: 'np-large', first: 2, after: cursor });
    for (const page of evidencePages(next.data)) {
      expect(page.edges.map((e: any) => e.node.title)).toEqual(['np-large-e2', 'np-large-e3']);
      expect(page.pageInfo.hasNextPage).toBe(true);
    }
    const last = await run({ search: 'np-large', first: 2, after: evidencePages(next.data)[0].pageInfo.endCursor });
    for (const page of evidencePages(last.data)) {
      expect(page.edges.map((e: any) => e.node.title)).toEqual(['np-large-e4']);
      expect(page.pageInfo.hasNextPage).toBe(false);
    }

    const accepted = await run({ search: 'np-large', first: 5, statuses: ['ACCEPTED'] });
    for (const page of evidencePages(accepted.data)) {
      expect(page.edges.map((e: any) => [e.node.title, e.node.status])).toEqual([
        ['np-large-e1', 'ACCEPTED'],
        ['np-large-e3', 'ACCEPTED'],
      ]);
      expect(page.totalCount).toBe(2);
      expect(page.pageInfo.hasNextPage).toBe(false);
    }
    expect(evidencePageRows(accepted)).toEqual([12 * 2]);
  });

  it('is charged first × parents by the cost estimate', async () => {
    const cost = async (inner: number) =>
      ((await server.gql(`{ controls(first: 100) { edges { node { evidence(first: ${inner}) { edges { node { id } } } } } } }`)) as any)
        .extensions.cost.requestedQueryCost as number;
    // Each evidence edge costs 3 (edges, node, id); each further item per control adds 100 × 3.
    expect((await cost(2)) - (await cost(1))).toBe(100 * 3);
    expect((await cost(11)) - (await cost(1))).toBe(100 * 3 * 10);
  });
});

describe('Control.mappings and Requirement.mappings, paged in SQL per parent', () => {
  it('read at most first + 1 mappings per parent', async () => {
    const fw = await server.data(`mutation { frameworkCreate(input: { refId: "np-map", name: "NP map", kind: STANDARD }) { framework { id } } }`);
    const frameworkId = fw.frameworkCreate.framework.id;
    const controlIds = await addControls('np-map-c', 4);
    for (let n = 0; n < 3; n++) {
      const r = await server.data(
        `mutation($i: RequirementCreateInput!) { requirementCreate(input: $i) { requirement { id } userErrors { message } } }`,
        { i: { frameworkId, refId: `np-map-r${n}`, title: `Requirement ${n}` } },
      );
      for (const controlId of controlIds) {
        await server.data(
          `mutation($i: MappingCreateInput!) { mappingCreate(input: $i) { mapping { id } userErrors { message } } }`,
          { i: { requirementId: r.requirementCreate.requirement.id, controlId, relationship: 'SUBSET_OF' } },
        );
      }
    }
    const byControl = await run(
      { search: 'np-map-c' },
      `query($search: String!) { controls(filter: { search: $search }, first: 100) { edges { node {
        mappings(first: 1) { totalCount pageInfo { hasNextPage } edges { node { requirement { refId } } } } } } } }`,
    );
    for (const edge of byControl.data.controls.edges) {
      expect(edge.node.mappings).toEqual({ totalCount: 3, pageInfo: { hasNextPage: true }, edges: [{ node: { requirement: { refId: 'np-map-r0' } } }] });
    }
    expect(pageRows(byControl, 'mappings')).toEqual([4 * 2]);

    const byRequirement = await run(
      { search: 'np-map-r' },
      `query($search: String!) { requirements(filter: { search: $search }, first: 100) { edges { node {
        mappings(first: 2) { totalCount pageInfo { hasNextPage } edges { node { control { refId } } } } } } } }`,
    );
    for (const edge of byRequirement.data.requirements.edges) {
      expect(edge.node.mappings).toEqual({
        totalCount: 4,
        pageInfo: { hasNextPage: true },
        edges: [{ node: { control: { refId: 'np-map-c-000' } } }, { node: { control: { refId: 'np-map-c-001' } } }],
      });
    }
    expect(pageRows(byRequirement, 'mappings')).toEqual([3 * 3]);
  });
});

/**
 * The other nested connections, on one small graph whose lists differ in length per parent: each
 * is read in pages of 1 and 2, from the start and after a cursor, and every page equals the
 * matching slice of the whole list (first: 100), with its totalCount and hasNextPage; the page
 * statements read exactly min(rest, first + 1) rows per parent.
 */
describe('the other nested connections, paged in SQL per parent', () => {
  const id: Record<string, string> = {};
  /** Runs a mutation and returns its payload, failing on user errors. */
  const must = async (mutation: string, input: Record<string, unknown>) => {
    const d = await server.data(mutation, { i: input });
    const payload = Object.values(d)[0] as { userErrors: unknown[] };
    expect(payload.userErrors).toEqual([]);
    return payload as any;
  };
  const requirement = async (frameworkId: string, refId: string, extra: Record<string, unknown> = {}) =>
    (id[refId] = (
      await must(`mutation($i: RequirementCreateInput!) { requirementCreate(input: $i) { requirement { id } userErrors { message } } }`, {
        frameworkId, refId, title: refId, ...extra,
      })
    ).requirement.id);
  const threat = async (frameworkId: string, refId: string, parentId?: string) =>
    (id[refId] = (
      await must(`mutation($i: ThreatCreateInput!) { threatCreate(input: $i) { threat { id } userErrors { message } } }`, { frameworkId, refId, name: refId, parentId })
    ).threat.id);
  const framework = async (refId: string, kind: string) =>
    (await must(`mutation($i: FrameworkCreateInput!) { frameworkCreate(input: $i) { framework { id } userErrors { message } } }`, { refId, name: refId, kind })).framework.id as string;

  beforeAll(async () => {
    const f1 = await framework('np-x-f1', 'STANDARD');
    const f2 = await framework('np-x-f2', 'STANDARD');
    const catalog = await framework('np-x-tc', 'THREAT_CATALOG');
    const f3 = await framework('np-x-f3', 'STANDARD');
    for (let s = 0; s < 3; s++) {
      const system = await must(`mutation($i: AISystemCreateInput!) { aiSystemCreate(input: $i) { aiSystem { id } userErrors { message } } }`, {
        name: `np-x-s${s}`, riskLevel: 'HIGH', role: 'DEPLOYER', frameworkIds: [f1, f2, f3].slice(0, s + 1),
      });
      id[`np-x-s${s}`] = system.aiSystem.id;
    }
    for (let i = 0; i < 3; i++) {
      await requirement(f1, `np-x-p${i}`);
      // Children in reverse sortOrder of creation: the list order is not the id order.
      for (let j = 0; j < i + 2; j++) await requirement(f1, `np-x-c${i}${j}`, { parentId: id[`np-x-p${i}`], sortOrder: 10 - j });
    }
    for (let j = 0; j < 4; j++) await requirement(f2, `np-x-t${j}`);
    for (let i = 0; i < 3; i++) {
      for (let j = 0; j <= i + 1; j++) {
        await must(`mutation($i: RequirementLinkCreateInput!) { requirementLinkCreate(input: $i) { requirementLink { id } userErrors { message } } }`, {
          sourceRequirementId: id[`np-x-p${i}`], targetRequirementId: id[`np-x-t${j}`], relationship: 'SUBSET_OF',
        });
      }
      // i retired marks and one live one.
      for (let n = 0; n <= 2 * i; n++) {
        await must(`mutation($i: ApplicabilitySetInput!) { applicabilitySet(input: $i) { userErrors { message } } }`, {
          requirementId: id[`np-x-p${i}`], applicable: n % 2 === 1, justification: `np-x ${n}`,
        });
      }
    }
    for (let i = 0; i < 3; i++) {
      await threat(catalog, `np-x-h${i}`);
      for (let j = 0; j < i + 2; j++) await threat(catalog, `np-x-g${i}${j}`, id[`np-x-h${i}`]);
      for (let j = 0; j <= i; j++) {
        await must(`mutation($i: ThreatRequirementLinkInput!) { threatRequirementLink(input: $i) { userErrors { message } } }`, {
          threatId: id[`np-x-h${i}`], requirementId: id[`np-x-p${j}`],
        });
      }
    }
    const controls: string[] = [];
    for (let k = 0; k < 3; k++) {
      const control = await createControl(server, `np-x-k${k}`);
      controls.push(control);
      for (const r of [...Array.from({ length: k + 2 }, (_, j) => `np-x-t${j}`), 'np-x-p0']) {
        await must(`mutation($i: MappingCreateInput!) { mappingCreate(input: $i) { mapping { id } userErrors { message } } }`, {
          requirementId: id[r], controlId: control, relationship: 'SUBSET_OF',
        });
      }
    }
    // Status history: control k has its first row and k + 1 own changes; AI system s overrides controls 0..s twice each.
    const STATUSES = ['PLANNED', 'IN_PROGRESS', 'IMPLEMENTED'];
    for (let k = 0; k < 3; k++) {
      for (let n = 0; n <= k; n++) {
        await must(`mutation($i: ControlStatusSetInput!) { controlStatusSet(input: $i) { userErrors { message } } }`, { controlId: controls[k], status: STATUSES[n] });
      }
    }
    for (let s = 0; s < 3; s++) {
      for (let k = 0; k <= s; k++) {
        for (const status of ['PLANNED', 'IMPLEMENTED']) {
          await must(`mutation($i: AISystemControlStatusSetInput!) { aiSystemControlStatusSet(input: $i) { userErrors { message } } }`, {
            aiSystemId: id[`np-x-s${s}`], controlId: controls[k], status,
          });
        }
      }
    }
    for (let m = 0; m < 4; m++) {
      await must(`mutation($i: EvidenceCreateInput!) { evidenceCreate(input: $i) { evidence { id } userErrors { message } } }`, {
        kind: 'LINK', title: `np-x-e${m}`, url: 'https://example.com/e', controlIds: controls.slice(0, Math.min(m, 2) + 1),
      });
    }
  });

  /** A nested connection: the root list of its parents, the field with its other arguments, the table its pages rank. */
  interface Nested {
    root: string;
    search: string;
    field: string;
    args?: string;
    table: string;
  }
  const NESTED: Nested[] = [
    { root: 'requirements', search: 'np-x-p', field: 'children', table: 'requirements' },
    { root: 'requirements', search: 'np-x-p', field: 'links', args: 'direction: OUTGOING', table: 'requirement_links' },
    { root: 'requirements', search: 'np-x-t', field: 'links', table: 'requirement_links' },
    { root: 'requirements', search: 'np-x-p', field: 'notApplicable', args: 'includeRetired: true', table: 'not_applicable_marks' },
    { root: 'requirements', search: 'np-x-p', field: 'threats', table: 'threat_requirements' },
    { root: 'threats', search: 'np-x-h', field: 'children', table: 'threats' },
    { root: 'threats', search: 'np-x-h', field: 'requirements', table: 'threat_requirements' },
    { root: 'evidence', search: 'np-x-e', field: 'controls', table: 'evidence_controls' },
    { root: 'controls', search: 'np-x-k', field: 'requirements', table: 'mappings' },
    { root: 'aiSystems', search: 'np-x-s', field: 'frameworks', table: 'ai_system_frameworks' },
    { root: 'aiSystems', search: 'np-x-s', field: 'controlStatusHistory', table: 'control_status_changes' },
    { root: 'controls', search: 'np-x-k', field: 'statusHistory', table: 'control_status_changes' },
    { root: 'frameworks', search: 'np-x-f', field: 'aiSystems', table: 'ai_system_frameworks' },
  ];

  const queryOf = (n: Nested) => `query($search: String!, $first: Int!, $after: String) {
    ${n.root}(filter: { search: $search }, first: 100) { edges { node {
      ${n.field}(first: $first, after: $after${n.args ? `, ${n.args}` : ''}) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id } } }
    } } } }`;
  const listsOf = (n: Nested, data: any) => data[n.root].edges.map((e: any) => e.node[n.field]);
  /** Rows read by the statements that rank `table`'s rows per parent. */
  const rankedRows = (r: { statements: string[]; rows: number[] }, table: string) =>
    r.statements.flatMap((sql, i) => (/ROW_NUMBER\(\) OVER/.test(sql) && sql.toLowerCase().includes(`from "${table}"`) ? [r.rows[i]!] : []));
  const after = (cursor: string, other: string) => compareKeys(decodeCursor(other), decodeCursor(cursor)) > 0;

  const cases = NESTED.map((n) => ({ ...n, name: `${n.root} { ${n.field}${n.args ? `(${n.args})` : ''} }` }));
  it.each(cases)('$name: pages equal the slices of the whole list, reading at most first + 1 rows per parent', async (n) => {
    const whole = listsOf(n, (await run({ search: n.search, first: 100 }, queryOf(n))).data);
    expect(whole.length).toBeGreaterThanOrEqual(3);
    // The lists differ in length per parent, and some are longer than a page of 2.
    expect(new Set(whole.map((l: any) => l.totalCount)).size).toBeGreaterThan(1);
    expect(Math.max(...whole.map((l: any) => l.totalCount))).toBeGreaterThan(2);
    for (const list of whole) expect(list.edges).toHaveLength(list.totalCount);

    for (const first of [1, 2]) {
      const start = await run({ search: n.search, first }, queryOf(n));
      const longest = listsOf(n, start.data).reduce((a: any, b: any) => (b.totalCount > a.totalCount ? b : a));
      for (const cursor of [null, longest.pageInfo.endCursor as string]) {
        const r = cursor === null ? start : await run({ search: n.search, first, after: cursor }, queryOf(n));
        const rest = whole.map((list: any) => (cursor === null ? list.edges : list.edges.filter((e: any) => after(cursor, e.cursor))));
        listsOf(n, r.data).forEach((page: any, p: number) => {
          expect(page.edges).toEqual(rest[p].slice(0, first));
          expect(page.pageInfo.hasNextPage).toBe(rest[p].length > first);
          expect(page.totalCount).toBe(whole[p].totalCount);
        });
        expect(rankedRows(r, n.table)).toEqual([rest.reduce((sum: number, edges: unknown[]) => sum + Math.min(edges.length, first + 1), 0)]);
      }
    }
  });
});
