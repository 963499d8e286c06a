/**
 * Applied baselines decide coverage's applicable set, over HTTP: with the SP 800-53 LOW profile
 * applied to the organisation, only LOW's requirements are applicable there; applied to one AI
 * system, only that system is narrowed; retiring the application restores the full catalog, and
 * `asOf` before the application still answers the full catalog.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { read, SP800_53_PROFILE } from './support.js';

let server: TestServer;
let baselineId: string;
let aiSystemId: string;
beforeAll(async () => {
  server = await startTestServer({ seed: 'nist-sp800-53-rev5' });
  const imported = await server.data(
    `mutation($input: CatalogImportInput!) { catalogImport(input: $input) { report { baselines { id requirementCount } } userErrors { code message } } }`,
    { input: { content: read(SP800_53_PROFILE('LOW')), baselineRefId: '800-53-low' } },
  );
  expect(imported.catalogImport.userErrors).toEqual([]);
  baselineId = imported.catalogImport.report.baselines[0].id;
  const framework = await server.data(`{ framework(refId: "nist-sp800-53-rev5") { id } }`);
  const system = await server.data(
    `mutation($frameworkId: ID!) { aiSystemCreate(input: { name: "Support chatbot", riskLevel: HIGH, role: DEPLOYER, frameworkIds: [$frameworkId] }) { aiSystem { id } userErrors { code message } } }`,
    { frameworkId: framework.framework.id },
  );
  expect(system.aiSystemCreate.userErrors).toEqual([]);
  aiSystemId = system.aiSystemCreate.aiSystem.id;
});
afterAll(() => server.close());

const APPLY = `mutation($input: BaselineApplyInput!) { baselineApply(input: $input) { userErrors { code } } }`;
const apply = async (input: Record<string, unknown>) => expect((await server.data(APPLY, { input })).baselineApply.userErrors).toEqual([]);

interface Summary {
  total: number;
  notApplicable: number;
  uncovered: number;
}
async function summary(scope: { aiSystemId?: string } = {}, asOf?: string): Promise<Summary> {
  const data = await server.data(
    `query($scope: CoverageScope, $asOf: DateTime) { coverage(scope: $scope, asOf: $asOf) { frameworks { framework { refId } total notApplicable uncovered } } }`,
    { scope, asOf },
  );
  return data.coverage.frameworks.find((f: { framework: { refId: string } }) => f.framework.refId === 'nist-sp800-53-rev5');
}

/** Leaves of the 800-53 catalog that the LOW baseline keeps applicable, read over HTTP from the gaps list. */
async function applicableLeafRefIds(scope: { aiSystemId?: string } = {}): Promise<Set<string>> {
  const refIds = new Set<string>();
  let after: string | null = null;
  for (;;) {
    const data: { gaps: { edges: { node: { requirement: { refId: string } } }[]; pageInfo: { hasNextPage: boolean; endCursor: string } } } = await server.data(
      `query($filter: GapFilter, $after: String) { gaps(filter: $filter, first: 100, after: $after) { edges { node { requirement { refId } } } pageInfo { hasNextPage endCursor } } }`,
      { filter: { ...scope }, after },
    );
    for (const edge of data.gaps.edges) refIds.add(edge.node.requirement.refId);
    if (!data.gaps.pageInfo.hasNextPage) return refIds;
    after = data.gaps.pageInfo.endCursor;
  }
}

/** LOW's selection as refIds ("ac-2.1" → "AC-2(1)"), and those of it with no selected enhancement. */
function lowSelection(): { selected: Set<string>; leaves: Set<string> } {
  const profile = JSON.parse(read(SP800_53_PROFILE('LOW'))) as { profile: { imports: { 'include-controls': { 'with-ids': string[] }[] }[] } };
  const ids = profile.profile.imports.flatMap((i) => i['include-controls'].flatMap((c) => c['with-ids']));
  const refId = (id: string) => id.toUpperCase().replace(/\.(\d+)$/, '($1)');
  const leaves = ids.filter((id) => !ids.some((other) => other.startsWith(`${id}.`)));
  return { selected: new Set(ids.map(refId)), leaves: new Set(leaves.map(refId)) };
}

describe('baselines and coverage', () => {
  it('the LOW baseline applied to the organisation makes exactly its selection the applicable set, for the organisation and every AI system', async () => {
    const before = await summary();
    expect(before.notApplicable).toBe(0);
    const beforeApplying = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await apply({ baselineId, applied: true });

    const { selected, leaves } = lowSelection();
    expect(selected.size).toBe(149);
    const org = await summary();
    // Outside the baseline is outside the scope (not counted); a selected control whose
    // enhancements are not selected (AC-2) is one requirement to cover.
    expect(org).toMatchObject({ total: leaves.size, notApplicable: 0, uncovered: leaves.size });
    expect(await applicableLeafRefIds()).toEqual(leaves);
    expect(leaves.has('AC-2')).toBe(true);
    expect(leaves.has('IA-2')).toBe(false); // its selected enhancements are counted instead
    expect(leaves.has('IA-2(1)')).toBe(true);

    // An AI system inherits the organisation's selection.
    expect(await summary({ aiSystemId })).toMatchObject({ total: leaves.size });
    // Exact at past instants: before the application, the whole catalog.
    expect(await summary({}, beforeApplying)).toMatchObject({ total: before.total });

    await apply({ baselineId, applied: false });
    expect(await summary()).toMatchObject({ total: before.total, notApplicable: 0 });
  });

  it('applied to one AI system, it narrows only that system; a not-applicable mark still counts inside the baseline', async () => {
    const full = await summary();
    await apply({ baselineId, aiSystemId, applied: true });
    const { leaves } = lowSelection();
    expect(await summary()).toMatchObject({ total: full.total });
    expect(await summary({ aiSystemId })).toMatchObject({ total: leaves.size, notApplicable: 0 });
    expect(await applicableLeafRefIds({ aiSystemId })).toEqual(leaves);

    const ac2 = await server.data(`{ requirement(frameworkRefId: "nist-sp800-53-rev5", refId: "AC-2") { id } }`);
    const marked = await server.data(
      `mutation($id: ID!, $ai: ID) { applicabilitySet(input: { requirementId: $id, aiSystemId: $ai, applicable: false, justification: "Accounts are managed by the parent company" }) { userErrors { code message } } }`,
      { id: ac2.requirement.id, ai: aiSystemId },
    );
    expect(marked.applicabilitySet.userErrors).toEqual([]);
    expect(await summary({ aiSystemId })).toMatchObject({ total: leaves.size, notApplicable: 1, uncovered: leaves.size - 1 });

    await apply({ baselineId, aiSystemId, applied: false });
    expect(await summary({ aiSystemId })).toMatchObject({ total: full.total });
  });
});
