/**
 * Shared by the export tests: a non-trivial compliance graph built through the real API on a
 * manual clock (so it has a history worth exporting), and readers of the export fields.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect } from 'vitest';
import { Builder, DAY, HOUR, startClockedServer, type ClockedServer } from '../api/coverage-helpers.js';
import type { GraphQLClient } from '../support/server.js';

export { DAY, HOUR, startClockedServer, type ClockedServer };

export const ISO_CATALOG = 'test/fixtures/interop/iso-42001-ids.catalog.json';
export const FILE_BYTES = Buffer.from('Access review minutes, Q1: every account reviewed, 3 removed.\n', 'utf8');

export interface ExportGraph {
  /** Instants worth evaluating, oldest first (the last is the clock's now). */
  instants: number[];
  /** Global ids on the source instance. */
  ids: {
    frameworks: Record<'fa' | 'fb' | 'tc' | 'iso', string>;
    requirements: Record<string, string>;
    controls: Record<string, string>;
    system: string;
  };
  fileSha256: string;
}

const ERRORS = 'userErrors { field message code }';

async function mutate(client: GraphQLClient, field: string, inputType: string, input: Record<string, unknown>, select: string): Promise<any> {
  const d = await client.data(`mutation($input: ${inputType}!) { ${field}(input: $input) { ${select} ${ERRORS} } }`, { input });
  expect(d[field].userErrors, `${field} ${JSON.stringify(input)}`).toEqual([]);
  return d[field];
}

export async function importFile(client: GraphQLClient, input: Record<string, unknown>): Promise<any> {
  const d = await client.data(
    `mutation($input: CatalogImportInput!) { catalogImport(input: $input) {
      report { format applied counts { kind created updated unchanged retired } warnings { location message } rejected { location reason } }
      ${ERRORS} } }`,
    { input },
  );
  return d.catalogImport;
}

/** PUT /v1/blobs; returns the SHA-256. */
export async function upload(server: { url: string; token: string }, bytes: Buffer): Promise<string> {
  const response = await fetch(`${server.url}/v1/blobs`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream' },
    body: new Uint8Array(bytes),
  });
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { sha256: string }).sha256;
}

/**
 * Builds the graph: two frameworks with a hierarchy, a threat catalog, an imported OSCAL catalog
 * with a baseline, controls whose status changes (two changes in the same millisecond too),
 * FILE, LINK and ATTESTATION evidence (accepted, expiring, pending, for an AI system), mappings
 * revised and retired, crosswalk links created and retired, not-applicable marks set and
 * lifted, per-system overrides set and cleared, a coverage snapshot, a withdrawn requirement.
 */
export async function buildExportGraph(server: ClockedServer): Promise<ExportGraph> {
  const b = new Builder(server);
  const instants: number[] = [];
  const mark = () => instants.push(server.now());

  const fa = await b.framework('exp-fa', 'STANDARD');
  const fb = await b.framework('exp-fb', 'REGULATION');
  const tc = await b.framework('exp-tc', 'THREAT_CATALOG');
  const r: Record<string, string> = {};
  r.A1 = await b.requirement(fa, 'A1');
  r['A1.1'] = await b.requirement(fa, 'A1.1', r.A1);
  r['A1.2'] = await b.requirement(fa, 'A1.2', r.A1);
  r.A2 = await b.requirement(fa, 'A2');
  r.A3 = await b.requirement(fa, 'A3');
  r.A10 = await b.requirement(fa, 'A10');
  r.B1 = await b.requirement(fb, 'B1');
  r.B2 = await b.requirement(fb, 'B2');
  r.B3 = await b.requirement(fb, 'B3');
  server.tick(HOUR);

  const c: Record<string, string> = {};
  c.C1 = await b.control('IMPLEMENTED', { refId: 'C1', domain: 'Identity' });
  c.C2 = await b.control('IMPLEMENTED', { refId: 'C2', domain: 'Logging' });
  c.C3 = await b.control('NOT_IMPLEMENTED', { refId: 'C3' });
  c.C4 = await b.control('PLANNED', { refId: 'C4' });
  await b.evidence([c.C1]);
  await mutate(server, 'evidenceCreate', 'EvidenceCreateInput', { kind: 'LINK', title: 'IdP configuration', url: 'https://wiki.example.com/idp', controlIds: [c.C1] }, 'evidence { id }');
  const fileSha256 = await upload(server, FILE_BYTES);
  const attached = await mutate(
    server,
    'evidenceAttach',
    'EvidenceAttachInput',
    { controlIds: [c.C1, c.C2], sha256: fileSha256, filename: 'access-review-q1.txt', mediaType: 'text/plain', title: 'Access review Q1' },
    'evidence { id }',
  );
  await b.review(attached.evidence.id, 'ACCEPTED');
  server.tick(HOUR);

  const m1 = await b.map(r['A1.1'], c.C1, 'EQUAL');
  await b.map(r['A1.2'], c.C2, 'SUBSET_OF');
  const m3 = await b.map(r.A2, c.C3, 'INTERSECTS_WITH');
  const m4 = await b.map(r.A10, c.C4, 'EQUAL');
  await b.map(r.A3, c.C1, 'SUPERSET_OF');
  await b.link(r.B1, r['A1.1'], 'EQUAL');
  const l2 = await b.link(r.B2, r.A2, 'SUBSET_OF');
  const t1 = await b.threat(tc, 'T1');
  const t2 = await b.threat(tc, 'T2');
  await b.threatLink(t1, r.A2);
  await b.threatLink(t2, r['A1.1']);
  server.tick(HOUR);
  mark();

  server.tick(HOUR);
  await b.setStatus(c.C3, 'IMPLEMENTED');
  await b.evidence([c.C3], { validUntil: server.now() + 2 * HOUR });
  await b.remap(m3, 'EQUAL');
  // Two status changes in the same millisecond: the later row wins.
  await b.setStatus(c.C4, 'IN_PROGRESS');
  await b.setStatus(c.C4, 'IMPLEMENTED');
  server.tick(HOUR);
  mark();

  const system = await b.aiSystem([fa, fb], 'Support chatbot');
  await b.override(system, c.C1, 'NOT_IMPLEMENTED');
  await b.evidence([c.C4], { aiSystemId: system });
  await b.applicable(r.A3, false);
  await b.applicable(r['A1.2'], false, system);
  await mutate(server, 'coverageSnapshotRecord', 'CoverageSnapshotRecordInput', {}, 'snapshots { at }');
  server.tick(HOUR);
  mark();

  server.tick(3 * HOUR); // C3's evidence has expired
  await b.unmap(m4);
  await b.unlink(l2);
  await b.applicable(r.A3, true);
  await b.override(system, c.C1, null);
  await b.evidence([c.C2], { review: null });
  await b.withdraw(r.B3);
  await b.remap(m1, 'SUBSET_OF');
  const iso = await importFile(server, { format: 'OSCAL_CATALOG', content: readFileSync(ISO_CATALOG, 'utf8'), frameworkRefId: 'iso-42001' });
  expect(iso.userErrors).toEqual([]);
  const profile = JSON.stringify({
    profile: {
      uuid: '00000000-0000-4000-8000-000000000001',
      metadata: { title: 'ISO core', version: '1', 'oscal-version': '1.1.2' },
      imports: [{ href: '#catalog', 'include-controls': [{ 'with-ids': ['iso-iec-42001_4-1', 'iso-iec-42001_5-2'] }] }],
    },
  });
  const baseline = await importFile(server, { format: 'OSCAL_PROFILE', content: profile, frameworkRefId: 'iso-42001', baselineRefId: 'iso-core' });
  expect(baseline.userErrors).toEqual([]);
  const isoFramework = (await server.data(`{ framework(refId: "iso-42001") { id } }`)).framework.id as string;
  const baselineId = (await server.data(`{ baseline(refId: "iso-core") { id } }`)).baseline.id as string;
  await b.systemFrameworks(system, [fa, fb, isoFramework]);
  await mutate(server, 'baselineApply', 'BaselineApplyInput', { baselineId, aiSystemId: system, applied: true }, 'baseline { id }');
  const isoRequirements = (await server.data(`{ framework(refId: "iso-42001") { requirements(first: 100) { edges { node { id sourceId } } } } }`)).framework
    .requirements.edges as { node: { id: string; sourceId: string } }[];
  const iso41 = isoRequirements.find((e) => e.node.sourceId === 'iso-iec-42001_4-1')!.node.id;
  await b.map(iso41, c.C2, 'EQUAL');
  await b.map(r.A2, c.C4, 'INTERSECTS_WITH');
  await b.applicable(r.B2, false);
  server.tick(HOUR);
  mark();

  return { instants, ids: { frameworks: { fa, fb, tc, iso: isoFramework }, requirements: r, controls: c, system }, fileSha256 };
}

/**
 * For a test file: a clocked server holding the export graph, started and built before its tests
 * and closed after them (the hooks are registered by this call). Read `server` and `graph` in the
 * tests, once the hooks have run.
 */
export function useExportGraph(): { readonly server: ClockedServer; readonly graph: ExportGraph } {
  let server: ClockedServer | undefined;
  let graph: ExportGraph | undefined;
  beforeAll(async () => {
    server = await startClockedServer();
    graph = await buildExportGraph(server);
  }, 120_000);
  afterAll(() => server?.close());
  return {
    get server() {
      return server!;
    },
    get graph() {
      return graph!;
    },
  };
}

/** Global id of an AI system by name. */
export async function aiSystemId(client: GraphQLClient, name: string): Promise<string> {
  const d = await client.data(`query($s: String) { aiSystems(filter: { search: $s }, first: 10) { edges { node { id name } } } }`, { s: name });
  const node = d.aiSystems.edges.map((e: any) => e.node).find((n: any) => n.name === name);
  if (!node) throw new Error(`no AI system ${name}`);
  return node.id;
}

export const DOCUMENT = 'filename mediaType sha256 byteLength content';

export interface ExportArgs {
  aiSystemId?: string | null;
  asOf?: number;
  viaCrosswalks?: boolean;
  frameworkIds?: string[];
}

const vars = (a: ExportArgs) => ({
  scope: a.aiSystemId ? { aiSystemId: a.aiSystemId } : undefined,
  asOf: a.asOf === undefined ? undefined : new Date(a.asOf).toISOString(),
  via: a.viaCrosswalks ?? true,
  frameworkIds: a.frameworkIds,
});

/** The coverageReport document (null for an unknown AI system). */
export async function coverageReport(client: GraphQLClient, args: ExportArgs, format: 'CSV' | 'JSON'): Promise<any> {
  const d = await client.data(
    `query($scope: CoverageScope, $asOf: DateTime, $via: Boolean, $frameworkIds: [ID!], $format: ExportFormat) {
      coverageReport(scope: $scope, asOf: $asOf, viaCrosswalks: $via, frameworkIds: $frameworkIds, format: $format) { ${DOCUMENT} } }`,
    { ...vars(args), format },
  );
  return d.coverageReport;
}

/** The coverage report as JSON, parsed. */
export async function coverageJson(client: GraphQLClient, args: ExportArgs): Promise<any> {
  const doc = await coverageReport(client, args, 'JSON');
  return doc && JSON.parse(doc.content);
}

export async function assessmentResults(client: GraphQLClient, args: ExportArgs): Promise<any> {
  const d = await client.data(
    `query($scope: CoverageScope, $asOf: DateTime, $via: Boolean, $frameworkIds: [ID!]) {
      assessmentResults(scope: $scope, asOf: $asOf, viaCrosswalks: $via, frameworkIds: $frameworkIds) { ${DOCUMENT} } }`,
    vars(args),
  );
  return d.assessmentResults;
}

export async function bundleExport(client: GraphQLClient): Promise<any> {
  return (await client.data(`{ bundleExport { ${DOCUMENT} } }`)).bundleExport;
}

export async function mappingsExport(client: GraphQLClient, frameworkIds?: string[]): Promise<any> {
  return (await client.data(`query($f: [ID!]) { mappingsExport(frameworkIds: $f) { ${DOCUMENT} } }`, { f: frameworkIds })).mappingsExport;
}
