/**
 * Ids in coverage scopes and filters: a refId or name where an id belongs is an error, not a
 * false "no gaps" (issue 10, "Why"); an id naming nothing is NOT_FOUND; the human keys
 * dashboards use first (GapFilter.frameworkRefId, CoverageScope.aiSystemName,
 * controlImpact(controlRefId:)) answer like the ids. Also: Requirement.applicable agrees with
 * Requirement.coverage (marks on ancestors, AI-system scope, asOf), and coverageSimulation refuses
 * a control that did not exist at asOf.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../src/domain/global-id.js';
import { buildSchema } from 'graphql';
import { loadTypeDefs } from '../../src/graphql/schema.js';
import { IdDeclarationError, checkIds } from '../../src/graphql/check-ids.js';
import { Builder, DAY, ERRORS, Reader, startClockedServer, type ClockedServer } from './coverage-helpers.js';

let server: ClockedServer;
let b: Builder;
let read: Reader;
const g = {} as Record<'fw' | 'parent' | 'leaf1' | 'leaf2' | 'control' | 'later' | 'system' | 'catalog' | 'threat', string>;
let beforeLater: string;

beforeAll(async () => {
  server = await startClockedServer();
  b = new Builder(server);
  read = new Reader(server);
  g.fw = await b.framework('eu-ai-act', 'REGULATION');
  g.parent = await b.requirement(g.fw, 'ART-9');
  g.leaf1 = await b.requirement(g.fw, 'ART-9.1', g.parent);
  g.leaf2 = await b.requirement(g.fw, 'ART-9.2', g.parent);
  g.control = await b.effectiveControl({ refId: 'SEC-LOG-01' });
  await b.map(g.leaf1, g.control);
  g.system = await b.aiSystem([g.fw], 'support-chatbot');
  g.catalog = await b.framework('threats', 'THREAT_CATALOG');
  g.threat = await b.threat(g.catalog);
  await b.threatLink(g.threat, g.leaf1);
  server.tick(DAY);
  beforeLater = server.iso();
  server.tick(DAY);
  g.later = await b.effectiveControl({ refId: 'SEC-NEW-02' });
  server.tick(DAY);
});
afterAll(() => server.close());

/** The single error of an answer, with its code and argument. */
async function errorOf(query: string, variables?: Record<string, unknown>) {
  const body = await server.gql(query, variables);
  expect(body.errors, JSON.stringify(body)).toHaveLength(1);
  const [error] = body.errors!;
  return { code: error!.extensions?.code, argument: (error!.extensions as any)?.argument, message: error!.message, data: body.data };
}

describe('a refId or name where an id belongs (issue 10, "Why")', () => {
  it('gaps(filter: {frameworkId: "eu-ai-act"}) is an error, not totalCount 0', async () => {
    const e = await errorOf('{ gaps(filter: { frameworkId: "eu-ai-act" }) { totalCount } }');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'filter.frameworkId', data: null });
    expect(e.message).toBe(
      'filter.frameworkId: "eu-ai-act" is not a Framework id; to select by refId use frameworkRefId, or look the id up with framework(refId:)',
    );
  });

  it('coverage(scope: {aiSystemId: "support-chatbot"}) is an error, not null', async () => {
    const e = await errorOf('{ coverage(scope: { aiSystemId: "support-chatbot" }) { asOf } }');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'scope.aiSystemId' });
    expect(e.message).toBe(
      'scope.aiSystemId: "support-chatbot" is not an AISystem id; to select by name use aiSystemName, or look the id up with aiSystem(name:)',
    );
  });

  it('controlImpact(controlId: "SEC-LOG-01") is an error, not null', async () => {
    const e = await errorOf('{ controlImpact(controlId: "SEC-LOG-01") { asOf } }');
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'controlId' });
    expect(e.message).toBe('controlId: "SEC-LOG-01" is not a Control id; to select by refId use controlRefId, or look the id up with control(refId:)');
  });

  it("another type's id is refused naming both types", async () => {
    const e = await errorOf('query($id: ID) { gaps(filter: { frameworkId: $id }) { totalCount } }', { id: g.control });
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', message: `filter.frameworkId: "${g.control}" is a Control id, not a Framework id` });
  });
});

describe('human keys', () => {
  it('GapFilter.frameworkRefId lists the same gaps as frameworkId', async () => {
    const byId = await read.gaps({ frameworkId: g.fw });
    expect(byId.map((x) => x.requirement.id)).toEqual([g.leaf2]);
    expect(await read.gaps({ frameworkRefId: 'eu-ai-act' })).toEqual(byId);
  });

  it('CoverageScope.aiSystemName answers like aiSystemId, in every coverage field', async () => {
    const byId = await read.coverage({ scope: { aiSystemId: g.system } });
    expect(byId.aiSystem).toEqual({ id: g.system });
    expect(await read.coverage({ scope: { aiSystemName: 'support-chatbot' } as never })).toEqual(byId);
    const nested = await server.data(
      `query($id: ID!) { requirement(id: $id) { coverage(scope: { aiSystemName: "support-chatbot" }) { status } } }`,
      { id: g.leaf1 },
    );
    expect(nested.requirement.coverage.status).toBe('COVERED');
  });

  it('controlImpact(controlRefId:) answers like controlId', async () => {
    const byId = await read.impact(g.control);
    expect(byId.stateBefore).toBe('EFFECTIVE');
    expect(byId.requirements.map((r: any) => r.requirement.id)).toContain(g.leaf1);
    const d = await server.data(`{ controlImpact(controlRefId: "SEC-LOG-01") { control { id } stateBefore requirements { requirement { id } before after } } }`);
    expect(d.controlImpact).toEqual({ control: byId.control, stateBefore: byId.stateBefore, requirements: byId.requirements.map(({ requirement, before, after }: any) => ({ requirement, before, after })) });
  });

  it('giving both an id and its key is BAD_USER_INPUT naming both', async () => {
    expect(await errorOf('query($f: ID) { gaps(filter: { frameworkId: $f, frameworkRefId: "eu-ai-act" }) { totalCount } }', { f: g.fw })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'give filter.frameworkId or filter.frameworkRefId, not both',
    });
    expect(await errorOf('query($s: ID) { coverage(scope: { aiSystemId: $s, aiSystemName: "support-chatbot" }) { asOf } }', { s: g.system })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'give scope.aiSystemId or scope.aiSystemName, not both',
    });
    expect(await errorOf('query($c: ID) { controlImpact(controlId: $c, controlRefId: "SEC-LOG-01") { asOf } }', { c: g.control })).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'give controlId or controlRefId, not both',
    });
    expect(await errorOf('{ controlImpact { asOf } }')).toMatchObject({ code: 'BAD_USER_INPUT', message: 'give controlId or controlRefId' });
  });

  it('an unknown key is NOT_FOUND', async () => {
    expect(await errorOf('{ gaps(filter: { frameworkRefId: "no-such-act" }) { totalCount } }')).toMatchObject({
      code: 'NOT_FOUND',
      argument: 'filter.frameworkRefId',
      message: 'filter.frameworkRefId: no Framework has the refId "no-such-act"',
    });
    expect(await errorOf('{ threatExposure(scope: { aiSystemName: "nobody" }) { totalCount } }')).toMatchObject({ code: 'NOT_FOUND', argument: 'scope.aiSystemName' });
    expect(await errorOf('{ controlImpact(controlRefId: "NOPE-1") { asOf } }')).toMatchObject({ code: 'NOT_FOUND', argument: 'controlRefId' });
  });

  it('coverageSnapshotRecord takes the scope by name; an unknown name is a NOT_FOUND user error on the field', async () => {
    const record = (scope: Record<string, unknown>) =>
      server.data(`mutation($input: CoverageSnapshotRecordInput!) { coverageSnapshotRecord(input: $input) { snapshots { aiSystem { id } framework { id } } ${ERRORS} } }`, {
        input: { scope },
      });
    const ok = (await record({ aiSystemName: 'support-chatbot' })).coverageSnapshotRecord;
    expect(ok).toEqual({ snapshots: [{ aiSystem: { id: g.system }, framework: { id: g.fw } }], userErrors: [] });
    expect((await record({ aiSystemName: 'nobody' })).coverageSnapshotRecord).toEqual({
      snapshots: null,
      userErrors: [{ field: ['input', 'scope', 'aiSystemName'], code: 'NOT_FOUND', message: 'input.scope.aiSystemName: no AISystem has the name "nobody"' }],
    });
    expect((await record({ aiSystemId: 'support-chatbot' })).coverageSnapshotRecord.userErrors).toEqual([
      { field: ['input', 'scope', 'aiSystemId'], code: 'INVALID', message: expect.stringContaining('to select by name use aiSystemName') },
    ]);
  });
});

describe('well-formed ids that name nothing', () => {
  const noSystem = toGlobalId('AISystem', 99999);
  const noControl = toGlobalId('Control', 99999);
  const noFramework = toGlobalId('Framework', 99999);

  it('are NOT_FOUND in every coverage scope and filter', async () => {
    const cases: [string, Record<string, unknown>, string][] = [
      ['query($s: ID) { coverage(scope: { aiSystemId: $s }) { asOf } }', { s: noSystem }, 'scope.aiSystemId'],
      ['query($s: ID) { gaps(filter: { aiSystemId: $s }) { totalCount } }', { s: noSystem }, 'filter.aiSystemId'],
      ['query($f: ID) { gaps(filter: { frameworkId: $f }) { totalCount } }', { f: noFramework }, 'filter.frameworkId'],
      ['query($c: ID) { gaps(filter: { controlId: $c }) { totalCount } }', { c: noControl }, 'filter.controlId'],
      ['query($s: ID) { threatExposure(scope: { aiSystemId: $s }) { totalCount } }', { s: noSystem }, 'scope.aiSystemId'],
      ['query($f: ID!) { coverageHistory(frameworkId: $f) { totalCount } }', { f: noFramework }, 'frameworkId'],
      ['query($c: ID) { controlImpact(controlId: $c) { asOf } }', { c: noControl }, 'controlId'],
      ['query($c: ID!) { coverageSimulation(changes: [{ controlId: $c, state: EFFECTIVE }]) { asOf } }', { c: noControl }, 'changes[0].controlId'],
      ['query($s: ID) { coverageSimulation(changes: [], scope: { aiSystemId: $s }) { asOf } }', { s: noSystem }, 'scope.aiSystemId'],
    ];
    for (const [query, variables, argument] of cases) {
      const e = await errorOf(query, variables);
      expect(e, query).toMatchObject({ code: 'NOT_FOUND', argument });
    }
    for (const [type, id] of [['Framework', g.fw], ['Requirement', g.leaf1], ['Threat', g.threat]] as const) {
      const field = type === 'Threat' ? 'exposure' : 'coverage';
      const body = await server.gql(`query($id: ID!, $s: ID) { node(id: $id) { ... on ${type} { ${field}(scope: { aiSystemId: $s }) { __typename } } } }`, { id, s: noSystem });
      expect(body.errors?.map((e) => [e.extensions?.code, (e as any).path]), type).toEqual([['NOT_FOUND', ['node', field]]]);
    }
  });

  it('node and single-object lookups answer null; a malformed id is an error; in nodes only that item fails', async () => {
    const d = await server.data(`query($c: ID!, $f: ID) { node(id: $c) { id } framework(id: $f) { id } }`, { c: noControl, f: noFramework });
    expect(d).toEqual({ node: null, framework: null });
    expect(await errorOf('{ node(id: "SEC-LOG-01") { id } }')).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'id' });
    expect(await errorOf('{ framework(id: "eu-ai-act") { id } }')).toMatchObject({
      code: 'BAD_USER_INPUT',
      message: 'id: "eu-ai-act" is not a Framework id; to select by refId use framework(refId:)',
    });
    const body = await server.gql(`query($ids: [ID!]!) { nodes(ids: $ids) { id } }`, { ids: [g.fw, 'eu-ai-act', noControl, g.control] });
    expect(body.data).toEqual({ nodes: [{ id: g.fw }, null, null, { id: g.control }] });
    expect(body.errors?.map((e) => [e.extensions?.code, (e as any).path, e.message])).toEqual([
      ['BAD_USER_INPUT', ['nodes', 1], expect.stringContaining('ids[1]: "eu-ai-act" is not a global id')],
    ]);
  });
});

describe('Requirement.applicable agrees with Requirement.coverage', () => {
  const APPLICABLE = `query($id: ID!, $s: ID, $asOf: DateTime) { requirement(id: $id) {
    applicable(aiSystemId: $s, asOf: $asOf) coverage(scope: { aiSystemId: $s }, asOf: $asOf) { status } } }`;
  const both = async (id: string, s?: string, asOf?: string) => {
    const d = (await server.data(APPLICABLE, { id, s, asOf })).requirement;
    return { applicable: d.applicable, status: d.coverage?.status };
  };

  it('counts a mark on an ancestor, in the organisation and in an AI system scope, and at past instants', async () => {
    const fw = await b.framework(undefined, 'REGULATION');
    const top = await b.requirement(fw);
    const mid = await b.requirement(fw, undefined, top);
    const leaf = await b.requirement(fw, undefined, mid);
    const system = await b.aiSystem([fw]);
    server.tick();
    const unmarked = server.iso();
    server.tick();
    await b.applicable(top, false, system);
    server.tick();
    const markedForSystem = server.iso();
    server.tick();
    await b.applicable(mid, false);
    server.tick();

    // Now: the organisation-wide mark on `mid` covers the leaf in every scope.
    for (const s of [undefined, system]) {
      expect(await both(leaf, s)).toEqual({ applicable: false, status: 'NOT_APPLICABLE' });
      expect(await both(mid, s)).toEqual({ applicable: false, status: 'NOT_APPLICABLE' });
    }
    expect(await both(top)).toEqual({ applicable: true, status: 'NOT_APPLICABLE' }); // only its leaves are marked
    expect(await both(top, system)).toEqual({ applicable: false, status: 'NOT_APPLICABLE' });

    // Before the organisation-wide mark: only the system's mark on `top` counts, and only there.
    expect(await both(leaf, undefined, markedForSystem)).toEqual({ applicable: true, status: 'UNCOVERED' });
    expect(await both(leaf, system, markedForSystem)).toEqual({ applicable: false, status: 'NOT_APPLICABLE' });
    // Before any mark.
    expect(await both(leaf, system, unmarked)).toEqual({ applicable: true, status: 'UNCOVERED' });

    // A leaf's applicable is false exactly when its status is NOT_APPLICABLE.
    for (const asOf of [unmarked, markedForSystem, undefined]) {
      for (const s of [undefined, system]) {
        const x = await both(leaf, s, asOf);
        expect(x.applicable).toBe(x.status !== 'NOT_APPLICABLE');
      }
    }
  });

  it('is null for a withdrawn requirement (not evaluated, like its coverage)', async () => {
    const fw = await b.framework();
    const r = await b.requirement(fw);
    await b.withdraw(r);
    expect(await both(r)).toEqual({ applicable: null, status: undefined });
  });
});

describe('coverageSimulation', () => {
  const SIMULATE = `query($changes: [ControlStateChangeInput!]!, $asOf: DateTime) {
    coverageSimulation(changes: $changes, asOf: $asOf) { controls { control { id } before after } } }`;

  it('refuses a control that did not exist at asOf, naming it', async () => {
    const e = await errorOf(SIMULATE, {
      changes: [{ controlId: g.control, state: 'NOT_IMPLEMENTED' }, { controlId: g.later, state: 'EFFECTIVE' }],
      asOf: beforeLater,
    });
    expect(e).toMatchObject({ code: 'BAD_USER_INPUT', argument: 'changes[1].controlId' });
    expect(e.message).toBe(`changes[1].controlId: control "SEC-NEW-02" did not exist at ${beforeLater}, so it has no state to assume`);
  });

  it('simulates it once it exists', async () => {
    const d = await server.data(SIMULATE, { changes: [{ controlId: g.later, state: 'NOT_IMPLEMENTED' }] });
    expect(d.coverageSimulation.controls).toEqual([{ control: { id: g.later }, before: 'EFFECTIVE', after: 'NOT_IMPLEMENTED' }]);
  });
});

describe('declarations', () => {
  it('a schema with an ID argument that declares no type does not build', () => {
    const schema = buildSchema(`${loadTypeDefs()}\nextend type Query { extra(thingId: ID): Boolean }`);
    expect(() => checkIds(schema, [])).toThrow(IdDeclarationError);
    expect(() => checkIds(schema, [])).toThrow(/Query\.extra\.thingId/);
  });
});
