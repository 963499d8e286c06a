/** catalogImport and baselines over HTTP: CSF 2.0 by content, SP 800-53 by an uploaded blob, roles, errors, baselineApply. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseOscalCatalog } from '../../src/domain/catalog/parse-oscal-catalog.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { CSF, read, SP800_53, SP800_53_PROFILE } from './support.js';

let server: TestServer;
/** The SP 800-53 catalog imported from the blob store (the strict import and the baselines need it). */
let sp80053: { sha256: string; result: any };
beforeAll(async () => {
  server = await startTestServer();
  // Larger than a request body may be: uploaded to the blob store, then imported by its SHA-256.
  const bytes = readFileSync(SP800_53);
  const upload = await fetch(`${server.url}/v1/blobs`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  expect(upload.status).toBeLessThan(300);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  sp80053 = { sha256, result: await importVia(server, { sha256, frameworkRefId: 'nist-sp800-53-rev5', format: 'OSCAL_CATALOG' }) };
});
afterAll(() => server.close());

const REPORT = `report { format mode dryRun applied counts { kind created updated unchanged retired } warnings { location message }
  rejected { location reason } unresolved { kind frameworkRefId ids } frameworks { refId name } baselines { id refId requirementCount } }`;
const IMPORT = `mutation($input: CatalogImportInput!) { catalogImport(input: $input) { ${REPORT} userErrors { field message code } } }`;
const importVia = async (client: { data: TestServer['data'] }, input: Record<string, unknown>) => (await client.data(IMPORT, { input })).catalogImport;
const counts = (report: { counts: { kind: string }[] }, kind: string) => report.counts.find((c) => c.kind === kind);

describe('catalogImport', () => {
  it('imports the NIST CSF 2.0 catalog into an empty instance, then finds nothing to change the second time', async () => {
    const expected = parseOscalCatalog(JSON.parse(read(CSF)), { refId: 'x', name: 'x', kind: 'STANDARD', description: '', sourceNote: '', licenseNote: '' }).entry.requirements.length;
    const first = await importVia(server, { content: read(CSF), frameworkRefId: 'nist-csf-2.0', sourceName: 'csf.json' });
    expect(first.userErrors).toEqual([]);
    expect(first.report).toMatchObject({ format: 'OSCAL_CATALOG', mode: 'MERGE', dryRun: false, applied: true, rejected: [], unresolved: [] });
    expect(counts(first.report, 'frameworks')).toMatchObject({ created: 1 });
    expect(counts(first.report, 'requirements')).toMatchObject({ created: expected });
    expect(first.report.frameworks).toEqual([{ refId: 'nist-csf-2.0', name: 'Electronic Version of NIST Cybersecurity Framework 2.0' }]);

    const subcategories = await server.data(`{ framework(refId: "nist-csf-2.0") { id sourceNote } }`);
    expect(subcategories.framework.sourceNote).toMatch(/^Imported from the OSCAL catalog "Electronic Version of NIST Cybersecurity Framework 2\.0", version .*, uuid [0-9a-f-]{36}$/);

    const second = await importVia(server, { content: read(CSF), frameworkRefId: 'nist-csf-2.0', sourceName: 'csf.json' });
    expect(second.report.counts.every((c: { created: number; updated: number; retired: number }) => c.created + c.updated + c.retired === 0)).toBe(true);
    expect(counts(second.report, 'requirements')).toMatchObject({ unchanged: expected });
  });

  it('a dry run reports and writes nothing; the audit trail records real imports with a summary', async () => {
    const auditEntries = async () =>
      (await server.data(`{ auditLog(first: 100, filter: { actions: ["catalogImport"] }) { edges { node { outcome after } } } }`)).auditLog.edges.map(
        (e: { node: unknown }) => e.node,
      );
    const before = (await auditEntries()).length;
    const csv = 'control,title,type\nAPI-1,Gateway,PREVENTIVE\n';
    const dry = await importVia(server, { content: csv, dryRun: true });
    expect(dry.report).toMatchObject({ format: 'CSV_CONTROLS', dryRun: true, applied: false });
    expect(counts(dry.report, 'controls')).toMatchObject({ created: 1 });
    expect((await server.data(`{ control(refId: "API-1") { id } }`)).control).toBeNull();

    const real = await importVia(server, { content: csv });
    expect(real.report.applied).toBe(true);
    // This test's two imports left one entry each: the dry run's, marked as such, then the real one's.
    const entries = (await auditEntries()).slice(before);
    expect(entries).toEqual([
      { outcome: 'SUCCESS', after: expect.objectContaining({ dryRun: true, format: 'CSV_CONTROLS' }) },
      { outcome: 'SUCCESS', after: expect.objectContaining({ format: 'CSV_CONTROLS', rejected: 0, counts: expect.objectContaining({ controls: { created: 1, updated: 0, unchanged: 0, retired: 0 } }) }) },
    ]);
    expect(entries[1].after.dryRun).not.toBe(true);
  });

  it('imports a file uploaded to the blob store by its SHA-256 (the SP 800-53 catalog is larger than a request body may be)', async () => {
    // The import of beforeAll.
    const { result } = sp80053;
    expect(result.userErrors).toEqual([]);
    expect(counts(result.report, 'requirements')).toMatchObject({ created: 1209 });

    const missing = await importVia(server, { sha256: '0'.repeat(64), frameworkRefId: 'x' });
    expect(missing).toMatchObject({ report: null, userErrors: [{ code: 'BLOB_NOT_FOUND', field: ['input', 'sha256'] }] });
  });

  it('refuses, with INVALID and where, what cannot be imported as a whole', async () => {
    const both = await importVia(server, { content: '{}', sha256: 'a'.repeat(64) });
    expect(both.userErrors).toEqual([{ code: 'INVALID', field: ['input', 'sha256'], message: 'give exactly one of content and sha256' }]);
    const notJson = await importVia(server, { content: '{\n  "catalog": {,\n}' });
    expect(notJson.userErrors[0]).toMatchObject({ code: 'INVALID', message: expect.stringMatching(/^line 2, column \d+: not valid JSON/) });
    const noFramework = await importVia(server, { content: read(CSF) });
    expect(noFramework.userErrors).toEqual([{ code: 'INVALID', field: ['input', 'frameworkRefId'], message: expect.stringContaining('give the refId of the framework') }]);
    const bundle = await importVia(server, { content: '{}', format: 'BUNDLE' });
    expect(bundle.userErrors).toEqual([{ code: 'INVALID', field: ['input', 'content'], message: expect.stringContaining('$.format: not a usable Crosswalk bundle') }]);
    const unknown = await importVia(server, { content: '{"hello": 1}' });
    expect(unknown.userErrors[0].message).toMatch(/^\$: cannot tell the format: a JSON document with top-level keys hello/);
  });

  it('a strict import with rejections imports nothing and still reports why', async () => {
    expect((await importVia(server, { content: 'control,title,type\nSTRICT-1,Strict,PREVENTIVE\n' })).userErrors).toEqual([]);
    const csv = 'requirement,control,relationship\nAC-1,STRICT-1,EQUAL\nAC-1,NOPE,EQUAL\n';
    const strict = await importVia(server, { content: csv, frameworkRefId: 'nist-sp800-53-rev5', strict: true });
    expect(strict.userErrors).toEqual([{ code: 'INVALID', field: ['input', 'strict'], message: expect.stringContaining('1 item(s) were rejected') }]);
    expect(strict.report).toMatchObject({ applied: false, rejected: [{ location: 'line 3', reason: 'control "NOPE" not found' }] });
    const mappings = await server.data(`{ control(refId: "STRICT-1") { requirements { totalCount } } }`);
    expect(mappings.control.requirements.totalCount).toBe(0);
  });

  it('needs CATALOG_EDIT: a VIEWER is refused, an EDITOR may', async () => {
    const viewer = await server.as('VIEWER');
    const refused = await importVia(viewer, { content: 'control,title\nV-1,x\n' });
    expect(refused).toMatchObject({ report: null, userErrors: [{ code: 'FORBIDDEN' }] });
    const editor = await server.as('EDITOR');
    const dry = await importVia(editor, { content: 'control,title\nV-1,x\n', dryRun: true });
    expect(dry.userErrors).toEqual([]);
  });
});

describe('baselines', () => {
  let baselineId: string;
  let aiSystemId: string;

  beforeAll(async () => {
    const low = await importVia(server, { content: read(SP800_53_PROFILE('LOW')), baselineRefId: '800-53-low', frameworkRefId: 'nist-sp800-53-rev5' });
    expect(low.userErrors).toEqual([]);
    baselineId = low.report.baselines[0].id;
    const system = await server.data(
      `mutation { aiSystemCreate(input: { name: "baseline-system", riskLevel: HIGH, role: PROVIDER }) { aiSystem { id } userErrors { message } } }`,
    );
    aiSystemId = system.aiSystemCreate.aiSystem.id;
  });

  it('are readable from the import report, the framework, Query.baselines, baseline(refId) and node(id)', async () => {
    const d = await server.data(
      `query($id: ID!) {
        framework(refId: "nist-sp800-53-rev5") { baselines { totalCount edges { node { refId name requirementCount } } } }
        baselines { totalCount edges { cursor node { refId } } pageInfo { hasNextPage endCursor } }
        none: baselines(first: 0) { totalCount edges { cursor } pageInfo { hasNextPage } }
        baseline(refId: "800-53-low") { id framework { refId } requirements(first: 3) { totalCount edges { node { refId } } pageInfo { hasNextPage } } }
        node(id: $id) { ... on Baseline { refId } }
      }`,
      { id: baselineId },
    );
    expect(d.framework.baselines).toEqual({
      totalCount: 1,
      edges: [{ node: { refId: '800-53-low', name: 'NIST Special Publication 800-53 Revision 5 LOW IMPACT BASELINE', requirementCount: 149 } }],
    });
    // A connection like every other list: paged with first/after.
    expect(d.baselines).toEqual({ totalCount: 1, edges: [{ cursor: expect.any(String), node: { refId: '800-53-low' } }], pageInfo: { hasNextPage: false, endCursor: d.baselines.edges[0].cursor } });
    expect(d.none).toEqual({ totalCount: 1, edges: [], pageInfo: { hasNextPage: true } });
    const rest = await server.data(`query($after: String) { baselines(after: $after) { edges { node { refId } } } }`, { after: d.baselines.pageInfo.endCursor });
    expect(rest.baselines.edges).toEqual([]);
    const badFirst = await server.gql(`{ baselines(first: 101) { totalCount } }`);
    expect(badFirst.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(d.baseline).toMatchObject({ id: baselineId, framework: { refId: 'nist-sp800-53-rev5' } });
    expect(d.baseline.requirements).toEqual({ totalCount: 149, edges: [{ node: { refId: 'AC-1' } }, { node: { refId: 'AC-2' } }, { node: { refId: 'AC-3' } }], pageInfo: { hasNextPage: true } });
    expect(d.node).toEqual({ refId: '800-53-low' });
  });

  it('baselineApply applies organisation-wide and per AI system, idempotently, and un-applies (history kept)', async () => {
    const APPLY = `mutation($input: BaselineApplyInput!) { baselineApply(input: $input) { baseline { refId
      applications(includeRetired: true) { totalCount edges { node { aiSystemId aiSystem { name } retiredAt } } } } userErrors { field code } } }`;
    const nodes = (payload: any) => payload.baseline.applications.edges.map((e: any) => e.node);
    const org = (await server.data(APPLY, { input: { baselineId, applied: true } })).baselineApply;
    expect(org.userErrors).toEqual([]);
    expect(nodes(org)).toEqual([{ aiSystemId: null, aiSystem: null, retiredAt: null }]);
    const again = (await server.data(APPLY, { input: { baselineId, applied: true } })).baselineApply;
    expect(again.baseline.applications.totalCount).toBe(1);
    const system = (await server.data(APPLY, { input: { baselineId, aiSystemId, applied: true } })).baselineApply;
    expect(nodes(system)).toEqual([
      { aiSystemId: null, aiSystem: null, retiredAt: null },
      { aiSystemId, aiSystem: { name: 'baseline-system' }, retiredAt: null },
    ]);
    const off = (await server.data(APPLY, { input: { baselineId, applied: false } })).baselineApply;
    expect(nodes(off)[0].retiredAt).not.toBeNull();
    // A connection like every other list: live ones by default, paged by creation with first/after.
    const PAGES = `query($id: ID!, $after: String) { baseline(id: $id) {
      live: applications { totalCount edges { node { aiSystem { name } } } }
      history: applications(includeRetired: true, first: 1, after: $after) { totalCount edges { cursor node { retiredAt } } pageInfo { hasNextPage } } } }`;
    const first = (await server.data(PAGES, { id: baselineId })).baseline;
    expect(first.live).toEqual({ totalCount: 1, edges: [{ node: { aiSystem: { name: 'baseline-system' } } }] });
    expect(first.history).toMatchObject({ totalCount: 2, edges: [{ node: { retiredAt: expect.any(String) } }], pageInfo: { hasNextPage: true } });
    const second = (await server.data(PAGES, { id: baselineId, after: first.history.edges[0].cursor })).baseline;
    expect(second.history).toMatchObject({ edges: [{ node: { retiredAt: null } }], pageInfo: { hasNextPage: false } });
    const garbage = (await server.data(APPLY, { input: { baselineId: 'garbage', applied: true } })).baselineApply;
    expect(garbage).toEqual({ baseline: null, userErrors: [{ field: ['input', 'baselineId'], code: 'INVALID' }] });
    const missing = (await server.data(APPLY, { input: { baselineId: Buffer.from('Baseline:999999').toString('base64url'), applied: true } })).baselineApply;
    expect(missing).toEqual({ baseline: null, userErrors: [{ field: ['input', 'baselineId'], code: 'NOT_FOUND' }] });
  });
});
