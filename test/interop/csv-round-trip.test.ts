/**
 * CSV completeness over real HTTP: controls, mappings and crosswalk links exported as CSV from
 * one instance and imported into an empty one (holding the same built-in catalogs) give the same
 * frameworks, controls, mappings and links — each export again byte for byte — with cells a
 * spreadsheet would evaluate neutralised on the way out and restored on the way in. Evidence
 * metadata is exported as CSV too (export only).
 */
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CSV_LINK_COLUMNS } from '../../src/domain/catalog/parse-csv-links.js';
import { CSV_CONTROL_COLUMNS } from '../../src/domain/catalog/parse-csv-controls.js';
import { CSV_EVIDENCE_COLUMNS } from '../../src/domain/export/evidence-csv.js';
import { startTestServer, type GraphQLClient, type TestServer } from '../support/server.js';
import { importFile } from './export-support.js';

const SEED = 'nist-ai-rmf-1.0,eu-ai-act';
const ERRORS = 'userErrors { field message code }';
const DOC = 'filename mediaType sha256 byteLength content';
/** The OWASP example, and other cells a spreadsheet would read as formulas. */
const PAYLOAD = "@SUM(1+1)*cmd|' /C calc'!A0";

const CONTROLS = [
  'control,title,description,domain,type,status,owner',
  'IAM-01,Single sign-on,"=HYPERLINK(""http://evil.example"",""click"")",Identity,PREVENTIVE,IMPLEMENTED,it-sec',
  'LOG-01,Central logging,"- kept a year',
  '- tamper-evident",Monitoring,DETECTIVE,IN_PROGRESS,',
  'GOV-01,+Governance board,,Governance,CORRECTIVE,PLANNED,@ciso',
  '',
].join('\n');

let source: TestServer;
let target: TestServer;

async function mutate(client: GraphQLClient, field: string, inputType: string, input: Record<string, unknown>, select = ''): Promise<any> {
  const d = await client.data(`mutation($input: ${inputType}!) { ${field}(input: $input) { ${select} ${ERRORS} } }`, { input });
  expect(d[field].userErrors, field).toEqual([]);
  return d[field];
}
const requirementId = async (server: TestServer, framework: string, refId: string) =>
  (await server.data(`query($f: String, $r: String) { requirement(frameworkRefId: $f, refId: $r) { id } }`, { f: framework, r: refId })).requirement.id as string;
const controlId = async (server: TestServer, refId: string) => (await server.data(`query($r: String) { control(refId: $r) { id } }`, { r: refId })).control.id as string;
/** The first `n` leaf-level requirements of the EU AI Act catalog, by refId. */
async function euRequirements(server: TestServer, n: number): Promise<string[]> {
  const framework = (await server.data(`{ framework(refId: "eu-ai-act") { id } }`)).framework.id;
  const d = await server.data(`query($f: ID) { requirements(filter: { frameworkId: $f }, first: 100) { edges { node { refId children(first: 1) { totalCount } } } } }`, { f: framework });
  return d.requirements.edges.filter((e: any) => e.node.children.totalCount === 0).slice(0, n).map((e: any) => e.node.refId);
}
const exportsOf = async (server: TestServer) => {
  const d = await server.data(`{ controlsExport { ${DOC} } mappingsExport { ${DOC} } linksExport { ${DOC} } }`);
  return { controls: d.controlsExport, mappings: d.mappingsExport, links: d.linksExport };
};
const frameworksOf = async (server: TestServer) =>
  (await server.data(`{ frameworks(first: 100) { edges { node { refId name version requirements(first: 0) { totalCount } } } } }`)).frameworks.edges;
/** Every cell of a CSV file as written (no formula restoring). */
const rawCells = (csv: string): string[] => (parse(csv, { relax_column_count: true }) as string[][]).flat();

let exported: Awaited<ReturnType<typeof exportsOf>>;
let eu: string[];

beforeAll(async () => {
  [source, target] = await Promise.all([startTestServer({ seed: SEED }), startTestServer({ seed: SEED })]);
  expect((await importFile(source, { content: CONTROLS })).userErrors).toEqual([]);
  eu = await euRequirements(source, 2);
  await mutate(source, 'mappingCreate', 'MappingCreateInput', {
    requirementId: await requirementId(source, 'nist-ai-rmf-1.0', 'GOVERN 1.1'),
    controlId: await controlId(source, 'IAM-01'),
    relationship: 'INTERSECTS_WITH',
    strength: 6,
    rationale: PAYLOAD,
  });
  await mutate(source, 'mappingCreate', 'MappingCreateInput', {
    requirementId: await requirementId(source, 'eu-ai-act', eu[0]!),
    controlId: await controlId(source, 'LOG-01'),
    relationship: 'SUBSET_OF',
  });
  await mutate(source, 'requirementLinkCreate', 'RequirementLinkCreateInput', {
    sourceRequirementId: await requirementId(source, 'nist-ai-rmf-1.0', 'GOVERN 1.1'),
    targetRequirementId: await requirementId(source, 'eu-ai-act', eu[0]!),
    relationship: 'SUPERSET_OF',
    strength: 7,
    rationale: '=1+2, "quoted", and a line\nbreak',
    provenance: '-hand-made',
  });
  await mutate(source, 'requirementLinkCreate', 'RequirementLinkCreateInput', {
    sourceRequirementId: await requirementId(source, 'eu-ai-act', eu[1]!),
    targetRequirementId: await requirementId(source, 'nist-ai-rmf-1.0', 'MAP 1.1'),
    relationship: 'EQUAL',
  });
  exported = await exportsOf(source);
}, 180_000);
afterAll(async () => {
  await source?.close();
  await target?.close();
});

describe('CSV exports', () => {
  it('controls and links are written in their importers’ columns, in natural-key order', () => {
    expect(exported.controls.filename).toBe('controls.csv');
    expect(exported.controls.content.split('\n')[0]).toBe(CSV_CONTROL_COLUMNS.join(','));
    expect((parse(exported.controls.content, { columns: true }) as { control: string }[]).map((r) => r.control)).toEqual(['GOV-01', 'IAM-01', 'LOG-01']);
    expect(exported.links.filename).toBe('links.csv');
    expect(exported.links.mediaType).toBe('text/csv; charset=utf-8');
    const links = parse(exported.links.content, { columns: true }) as Record<string, string>[];
    expect(Object.keys(links[0]!)).toEqual([...CSV_LINK_COLUMNS]);
    expect(links.map((l) => [l.source_framework, l.source_requirement, l.target_framework, l.target_requirement, l.relationship, l.strength])).toEqual([
      ['eu-ai-act', eu[1], 'nist-ai-rmf-1.0', 'MAP 1.1', 'EQUAL', ''],
      ['nist-ai-rmf-1.0', 'GOVERN 1.1', 'eu-ai-act', eu[0], 'SUPERSET_OF', '7'],
    ]);
  });

  it('no exported cell starts with a character a spreadsheet evaluates; such cells get a leading quote', () => {
    for (const doc of Object.values(exported)) {
      for (const cell of rawCells(doc.content)) expect(cell, doc.filename).not.toMatch(/^[=+\-@\t\r]/);
    }
    expect(rawCells(exported.mappings.content)).toContain(`'${PAYLOAD}`);
    expect(rawCells(exported.controls.content)).toEqual(expect.arrayContaining(['\'=HYPERLINK("http://evil.example","click")', "'+Governance board", "'@ciso", "'- kept a year\n- tamper-evident"]));
    expect(rawCells(exported.links.content)).toEqual(expect.arrayContaining(["'=1+2, \"quoted\", and a line\nbreak", "'-hand-made"]));
  });
});

describe('export → import into an empty instance → the same graph, by CSV alone', () => {
  const imported: Record<string, any> = {};
  let again: Awaited<ReturnType<typeof exportsOf>>;
  beforeAll(async () => {
    // Controls first (mappings name them), then mappings and links.
    for (const [name, doc] of [['controls', exported.controls], ['mappings', exported.mappings], ['links', exported.links]] as const) {
      imported[name] = await importFile(target, { content: doc.content });
    }
    again = await exportsOf(target);
  }, 120_000);

  it('controls, mappings and links import in their detected formats without a rejection', () => {
    for (const [kind, format, n] of [['controls', 'CSV_CONTROLS', 3], ['mappings', 'CSV_MAPPINGS', 2], ['links', 'CSV_LINKS', 2]] as const) {
      const result = imported[kind];
      expect(result.userErrors, kind).toEqual([]);
      expect(result.report.format).toBe(format);
      expect(result.report.rejected).toEqual([]);
      expect(result.report.counts.find((c: { kind: string }) => c.kind === kind).created, kind).toBe(n);
    }
  });

  it('the same frameworks, and every export the same, byte for byte', async () => {
    expect(await frameworksOf(target)).toEqual(await frameworksOf(source));
    expect(again.controls.content).toBe(exported.controls.content);
    expect(again.mappings.content).toBe(exported.mappings.content);
    expect(again.links.content).toBe(exported.links.content);
    expect(again.links.sha256).toBe(exported.links.sha256);
  });

  it('the neutralised cells are read back as the original text', async () => {
    const d = await target.data(`{ control(refId: "IAM-01") { description owner implementationStatus mappings(first: 5) { edges { node { rationale } } } } }`);
    expect(d.control.description).toBe('=HYPERLINK("http://evil.example","click")');
    expect(d.control.owner).toBe('it-sec');
    expect(d.control.implementationStatus).toBe('IMPLEMENTED');
    expect(d.control.mappings.edges.map((e: any) => e.node.rationale)).toEqual([PAYLOAD]);
    const gov = await target.data(`{ control(refId: "GOV-01") { title owner implementationStatus } }`);
    expect(gov.control).toEqual({ title: '+Governance board', owner: '@ciso', implementationStatus: 'PLANNED' });
  });

  it('importing the links file again changes nothing; a row naming an unknown requirement is rejected with its line', async () => {
    const again = await importFile(target, { content: exported.links.content });
    expect(again.report.counts.find((c: { kind: string }) => c.kind === 'links')).toEqual({ kind: 'links', created: 0, updated: 0, unchanged: 2, retired: 0 });
    const bad = await importFile(target, {
      content: 'source_framework,source_requirement,target_framework,target_requirement,relationship\nnist-ai-rmf-1.0,GOVERN 99,eu-ai-act,' + `"${eu[0]}"` + ',EQUAL\nnist-ai-rmf-1.0,GOVERN 1.1,nist-ai-rmf-1.0,MAP 1.1,EQUAL\n',
    });
    expect(bad.report.format).toBe('CSV_LINKS');
    expect(bad.report.rejected).toEqual([
      { location: 'line 2', reason: expect.stringContaining('"GOVERN 99"') },
      { location: 'line 3', reason: 'source and target are both in framework "nist-ai-rmf-1.0"; links join two frameworks' },
    ]);
  });
});

describe('CSV links: default frameworks and REPLACE', () => {
  it('without framework columns the import’s frameworks apply; REPLACE retires only the named pair’s links the file no longer has', async () => {
    const result = await importFile(source, {
      content: `source_requirement,target_requirement,relationship\n"${eu[0]}",MAP 1.1,intersects-with\n`,
      frameworkRefId: 'eu-ai-act',
      targetFrameworkRefId: 'nist-ai-rmf-1.0',
      mode: 'REPLACE',
    });
    expect(result.userErrors).toEqual([]);
    expect(result.report.counts.find((c: { kind: string }) => c.kind === 'links')).toEqual({ kind: 'links', created: 1, updated: 0, unchanged: 0, retired: 1 });
    const links = (parse((await source.data(`{ linksExport { content } }`)).linksExport.content, { columns: true }) as Record<string, string>[]).map(
      (l) => `${l.source_requirement} ${l.relationship} ${l.target_requirement}`,
    );
    // eu[1] → MAP 1.1 (same pair, not in the file) is retired; GOVERN 1.1 → eu[0] (another pair) stays.
    expect(links).toEqual([`${eu[0]} INTERSECTS_WITH MAP 1.1`, `GOVERN 1.1 SUPERSET_OF ${eu[0]}`]);
  });
});

describe('evidence metadata CSV', () => {
  it('one row per item with its controls and review state; formula cells neutralised; readable by a VIEWER', async () => {
    await mutate(source, 'evidenceCreate', 'EvidenceCreateInput', {
      kind: 'LINK',
      title: '=cmd|/C calc',
      url: 'https://evidence.example/sso-review',
      controlIds: [await controlId(source, 'LOG-01'), await controlId(source, 'IAM-01')],
    });
    const viewer = await source.as('VIEWER');
    const doc = (await viewer.data(`{ evidenceExport { ${DOC} } }`)).evidenceExport;
    expect(doc.filename).toBe('evidence.csv');
    const rows = parse(doc.content, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_EVIDENCE_COLUMNS]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'LINK', title: "'=cmd|/C calc", status: 'PENDING_REVIEW', controls: 'IAM-01;LOG-01', url: 'https://evidence.example/sso-review' });
    expect(rows[0]!.collected_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  });
});
