/**
 * mappingsExport over HTTP round-trips with the CSV mappings importer: export → import into an
 * instance holding the same requirements and controls but no mappings → export gives the same
 * file, byte for byte.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_MAPPING_COLUMNS } from '../../src/domain/catalog/parse-csv-mappings.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { importFile, mappingsExport } from './export-support.js';

const CONTROLS_CSV = readFileSync('test/fixtures/interop/controls.csv', 'utf8');
const MAPPINGS_CSV = readFileSync('test/fixtures/interop/mappings.csv', 'utf8');
const FRAMEWORK = 'nist-sp800-53-rev5';

let source: TestServer;
let target: TestServer;
let exported: { filename: string; mediaType: string; sha256: string; byteLength: number; content: string };

const ERRORS = 'userErrors { field message code }';
const requirementId = async (server: TestServer, refId: string) =>
  (await server.data(`query($r: String) { requirement(frameworkRefId: "${FRAMEWORK}", refId: $r) { id } }`, { r: refId })).requirement.id as string;
const controlId = async (server: TestServer, refId: string) => (await server.data(`query($r: String) { control(refId: $r) { id } }`, { r: refId })).control.id as string;

async function map(server: TestServer, requirement: string, control: string, extra: Record<string, unknown>): Promise<string> {
  const input = { requirementId: await requirementId(server, requirement), controlId: await controlId(server, control), ...extra };
  const d = await server.data(`mutation($input: MappingCreateInput!) { mappingCreate(input: $input) { mapping { id } ${ERRORS} } }`, { input });
  expect(d.mappingCreate.userErrors).toEqual([]);
  return d.mappingCreate.mapping.id;
}

beforeAll(async () => {
  [source, target] = await Promise.all([startTestServer({ seed: 'nist-sp800-53-rev5' }), startTestServer({ seed: 'nist-sp800-53-rev5' })]);
  // The source: the team's spreadsheets, then edits through the API.
  expect((await importFile(source, { content: CONTROLS_CSV })).userErrors).toEqual([]);
  const spreadsheet = await importFile(source, { content: MAPPINGS_CSV });
  expect(spreadsheet.report.counts.find((c: any) => c.kind === 'mappings').created).toBe(2);
  await map(source, 'AC-2(1)', 'IAM-01', {
    relationship: 'INTERSECTS_WITH',
    strength: 5,
    rationale: '  Automated account management: "joiners, movers, leavers",\nreviewed — quarterly (ünïcödé)  ',
  });
  await map(source, 'AC-10', 'IAM-01', { relationship: 'EQUAL' });
  const retired = await map(source, 'AU-6', 'LOG-01', { relationship: 'SUPERSET_OF' });
  const d = await source.data(`mutation($input: MappingRetireInput!) { mappingRetire(input: $input) { ${ERRORS} } }`, { input: { id: retired } });
  expect(d.mappingRetire.userErrors).toEqual([]);
  exported = await mappingsExport(source);
  // The target holds the same catalog and controls, and no mapping.
  expect((await importFile(target, { content: CONTROLS_CSV })).userErrors).toEqual([]);
}, 120_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe('mappingsExport', () => {
  it('writes the live mappings in the importer’s columns, ordered by framework, requirement and control', () => {
    expect(exported.mediaType).toBe('text/csv; charset=utf-8');
    expect(exported.filename).toBe('mappings.csv');
    const lines = exported.content.split('\n');
    expect(lines[0]).toBe(CSV_MAPPING_COLUMNS.join(','));
    expect(exported.content).toBe(
      [
        'framework,requirement,control,relationship,strength,rationale',
        'nist-sp800-53-rev5,AC-2,IAM-01,SUBSET_OF,8,"Accounts live in the IdP; joiners, movers and leavers are automated"',
        'nist-sp800-53-rev5,AC-2(1),IAM-01,INTERSECTS_WITH,5,"Automated account management: ""joiners, movers, leavers"",',
        'reviewed — quarterly (ünïcödé)"',
        'nist-sp800-53-rev5,AC-10,IAM-01,EQUAL,,',
        // The spreadsheet's CRLF inside a quoted cell is data, and kept.
        'nist-sp800-53-rev5,AU-2,LOG-01,INTERSECTS_WITH,,"Event types are defined in the logging standard,\r',
        'reviewed yearly"',
        '',
      ].join('\n'),
    );
  });

  it('export → import into an instance without mappings → export gives the same file, byte for byte', async () => {
    const result = await importFile(target, { content: exported.content });
    expect(result.userErrors).toEqual([]);
    expect(result.report.format).toBe('CSV_MAPPINGS');
    expect(result.report.rejected).toEqual([]);
    expect(result.report.counts.find((c: any) => c.kind === 'mappings').created).toBe(4);
    const again = await mappingsExport(target);
    expect(again.content).toBe(exported.content);
    expect(again.sha256).toBe(exported.sha256);
  });

  it('importing the export where it came from changes only rationales with surrounding white space (the importer trims cells)', async () => {
    const first = await importFile(source, { content: exported.content });
    expect(first.report.counts.find((c: any) => c.kind === 'mappings')).toEqual({ kind: 'mappings', created: 0, updated: 1, unchanged: 3, retired: 0 });
    const second = await importFile(source, { content: exported.content });
    expect(second.report.counts.every((c: any) => c.created === 0 && c.updated === 0 && c.retired === 0)).toBe(true);
    expect((await mappingsExport(source)).content).toBe(exported.content);
  });

  it('only the frameworks asked for; readable by every role', async () => {
    const framework = (await source.data(`{ framework(refId: "${FRAMEWORK}") { id } }`)).framework.id;
    expect((await mappingsExport(source, [framework])).content).toBe(exported.content);
    const unknown = await source.gql(`{ mappingsExport(frameworkIds: ["RnJhbWV3b3JrOjk5OQ"]) { filename } }`);
    expect(unknown.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect((await mappingsExport(await source.as('VIEWER'))).content).toBe(exported.content);
  });
});
