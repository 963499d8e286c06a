/**
 * OSCAL's three encodings through catalogImport over HTTP, on real files (copies in
 * test/fixtures/oscal-encodings, see its SOURCE.md): the Australian ISM catalog and PROTECTED
 * profile (published only as XML), FedRAMP Rev 5 MODERATE in JSON, XML and YAML, a
 * mapping-collection in XML and YAML, one catalog written in XML and JSON (plain-strings.catalog.*); unsafe and unsupported documents refused with nothing written.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { startTestServer, type TestServer } from '../support/server.js';
import { PCI_MAPPING, read, SP800_53 } from './support.js';

const fixture = (name: string): string => {
  const bytes = readFileSync(`test/fixtures/oscal-encodings/${name}`);
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8');
};

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
  await importOk(read(SP800_53), { frameworkRefId: 'nist-sp800-53-rev5' });
}, 120_000);
afterAll(() => server.close());

const REPORT = `report { format applied counts { kind created updated unchanged retired } warnings { location message } rejected { location reason } unresolved { kind frameworkRefId ids } }`;
const IMPORT = `mutation($input: CatalogImportInput!) { catalogImport(input: $input) { ${REPORT} userErrors { field message code } } }`;
type Counts = { kind: string; created: number; updated: number; unchanged: number; retired: number };

/** Imports text by content, or through the blob store when it is larger than a request may be. */
async function importText(text: string, input: Record<string, unknown> = {}) {
  if (Buffer.byteLength(text) < 900_000) return (await server.data(IMPORT, { input: { content: text, ...input } })).catalogImport;
  const upload = await fetch(`${server.url}/v1/blobs`, {
    method: 'PUT',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream' },
    body: text,
  });
  expect(upload.status).toBeLessThan(300);
  const sha256 = createHash('sha256').update(text, 'utf8').digest('hex');
  return (await server.data(IMPORT, { input: { sha256, ...input } })).catalogImport;
}
async function importOk(text: string, input: Record<string, unknown> = {}) {
  const result = await importText(text, input);
  expect(result.userErrors).toEqual([]);
  return result.report as { format: string; counts: Counts[]; warnings: { location: string; message: string }[]; rejected: unknown[]; unresolved: unknown[] };
}
const count = (report: { counts: Counts[] }, kind: string) => {
  const { kind: _kind, ...rest } = report.counts.find((c) => c.kind === kind)!;
  return rest;
};
const totals = async () => (await server.data(`{ frameworks { totalCount } requirements { totalCount } baselines { totalCount } }`)) as unknown;

describe('the Australian ISM (OSCAL XML only)', () => {
  let report: Awaited<ReturnType<typeof importOk>>;
  beforeAll(async () => {
    report = await importOk(fixture('ISM_catalog.xml.gz'), { frameworkRefId: 'ism' });
  }, 120_000);

  it('imports the catalog: 1,107 controls (1,073 controls, 34 principles) in 562 id-less groups', async () => {
    expect(report.format).toBe('OSCAL_CATALOG');
    expect(count(report, 'requirements')).toEqual({ created: 1_107 + 562, updated: 0, unchanged: 0, retired: 0 });
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toEqual([{ location: '$.catalog', message: '562 group(s) have no id; each is given one from its position among the groups (group-1, group-1.2, …)' }]);
    const data = await server.data(`{
      framework(refId: "ism") { name version requirements(topLevelOnly: true) { totalCount } }
      control: requirement(frameworkRefId: "ism", refId: "ism-0039") { sourceId kind statement ancestors { sourceId title } }
      principle: requirement(frameworkRefId: "ism", refId: "PRO-08") { sourceId kind statement }
    }`);
    expect(data.framework).toEqual({ name: 'Information security manual', version: '2025.12.9', requirements: { totalCount: 25 } });
    expect(data.control).toEqual({
      sourceId: 'ism-0039',
      kind: 'ISM-control',
      statement: 'A cyber security strategy is developed, implemented and maintained.',
      ancestors: [expect.objectContaining({ sourceId: 'group-6' }), expect.objectContaining({ sourceId: 'group-6.1' }), expect.objectContaining({ sourceId: 'group-6.1.1' })],
    });
    expect(data.principle).toEqual({ sourceId: 'ism-principle-pro-08', kind: 'ISM-principle', statement: 'Data is encrypted at rest and in transit.' });

    // The same file again changes nothing (ids from positions are stable for the same document).
    const again = await importOk(fixture('ISM_catalog.xml.gz'), { frameworkRefId: 'ism' });
    expect(count(again, 'requirements')).toEqual({ created: 0, updated: 0, unchanged: 1_669, retired: 0 });
  });

  it('imports the PROTECTED profile: 992 selected, the framework matched by the catalog uuid recorded at import', async () => {
    const profile = await importOk(fixture('ISM_PROTECTED-baseline_profile.xml.gz'), { baselineRefId: 'ism-protected' });
    expect(profile.format).toBe('OSCAL_PROFILE');
    expect(count(profile, 'baselineMembers')).toEqual({ created: 992, updated: 0, unchanged: 0, retired: 0 });
    expect(profile.rejected).toEqual([]);
    expect(profile.unresolved).toEqual([]);
    expect(profile.warnings).toEqual([
      { location: '$.profile.imports[0]', message: expect.stringMatching(/is matched to framework "ism" by the uuid of its catalog, recorded at import$/) },
    ]);
    const baseline = await server.data(`{ baseline(refId: "ism-protected") { name requirementCount framework { refId } } }`);
    expect(baseline.baseline).toEqual({ name: 'Information security manual PROTECTED Baseline', requirementCount: 992, framework: { refId: 'ism' } });
  });
});

describe('FedRAMP Rev 5 MODERATE in JSON, XML and YAML', () => {
  it('gives the same 323-control baseline: the XML and YAML files, imported over the JSON one with REPLACE, change nothing', async () => {
    const json = await importOk(fixture('FedRAMP_rev5_MODERATE-baseline_profile.json.gz'), { baselineRefId: 'fedramp-moderate', frameworkRefId: 'nist-sp800-53-rev5', mode: 'REPLACE' });
    expect(count(json, 'baselineMembers')).toEqual({ created: 323, updated: 0, unchanged: 0, retired: 0 });
    for (const encoding of ['xml', 'yaml']) {
      const other = await importOk(fixture(`FedRAMP_rev5_MODERATE-baseline_profile.${encoding}.gz`), {
        baselineRefId: 'fedramp-moderate',
        frameworkRefId: 'nist-sp800-53-rev5',
        mode: 'REPLACE',
      });
      expect(other.format).toBe('OSCAL_PROFILE');
      expect(count(other, 'baselines')).toEqual({ created: 0, updated: 0, unchanged: 1, retired: 0 });
      expect(count(other, 'baselineMembers')).toEqual({ created: 0, updated: 0, unchanged: 323, retired: 0 });
      expect(other.warnings).toEqual(json.warnings);
      expect(other.rejected).toEqual(json.rejected);
    }
    // Each encoding also on its own: a fresh baseline of 323.
    const xmlOnly = await importOk(fixture('FedRAMP_rev5_MODERATE-baseline_profile.xml.gz'), { baselineRefId: 'fedramp-moderate-xml' });
    expect(count(xmlOnly, 'baselineMembers').created).toBe(323);
  });
});

describe('plain string fields and markup in XML and JSON (plain-strings.catalog.xml/.json, the same catalog)', () => {
  it('the XML and the JSON file store the same framework and requirements: a parameter value *.example.com is kept, not escaped', async () => {
    const stored = async (refId: string) =>
      (
        await server.data(
          `query($refId: String!) { framework(refId: $refId) { name version requirements(first: 20) { edges { node { refId sourceId title statement kind withdrawn sortOrder parent { refId } } } } } }`,
          { refId },
        )
      ).framework;
    await importOk(fixture('plain-strings.catalog.xml'), { frameworkRefId: 'plain-xml' });
    await importOk(fixture('plain-strings.catalog.json'), { frameworkRefId: 'plain-json' });
    const xml = await stored('plain-xml');
    expect(xml).toEqual(await stored('plain-json'));
    expect(xml.version).toBe('2026.12-*-`rc`');
    const control = xml.requirements.edges.find((e: { node: { sourceId: string } }) => e.node.sourceId === 'ps-1').node;
    expect(control.statement).toContain('*.example.com, `internal`.example.org');
    expect(control.statement).not.toContain('\\*.example.com');
  });
});

describe('a mapping-collection in XML and YAML', () => {
  it('XML creates the example\'s two links; YAML writes what the JSON file writes', async () => {
    await importOk(
      JSON.stringify({
        catalog: {
          uuid: '00000000-0000-4000-8000-00000000c0de',
          metadata: { title: 'PCI DSS v4 (two ids, test fixture)', version: '4.0', 'oscal-version': '1.1.2' },
          controls: ['PCI-8.3.1', 'PCI-8.3.2'].map((id) => ({ id, title: id, parts: [{ name: 'statement', prose: 'Placeholder.' }] })),
        },
      }),
      { frameworkRefId: 'pci-dss-4' },
    );
    const xml = await importOk(fixture('pci-mapping-collection.xml'), { frameworkRefId: 'pci-dss-4', targetFrameworkRefId: 'nist-sp800-53-rev5' });
    expect(xml.format).toBe('OSCAL_MAPPING_COLLECTION');
    expect(xml.rejected).toEqual([]);
    expect(count(xml, 'links')).toEqual({ created: 2, updated: 0, unchanged: 0, retired: 0 });

    // The JSON example written as YAML, then the JSON file itself: the JSON finds exactly what the YAML wrote.
    const sides = { frameworkRefId: 'pci-dss-4', targetFrameworkRefId: 'nist-sp800-53-rev5' };
    const yaml = await importOk(stringify(JSON.parse(read(PCI_MAPPING))), sides);
    expect(yaml.format).toBe('OSCAL_MAPPING_COLLECTION');
    expect(yaml.rejected).toEqual([]);
    // Same document (uuid and version) in another encoding: provenance is by content, so nothing changes.
    expect(count(yaml, 'links')).toEqual({ created: 0, updated: 0, unchanged: 2, retired: 0 });
    const json = await importOk(read(PCI_MAPPING), sides);
    expect(count(json, 'links')).toEqual({ created: 0, updated: 0, unchanged: 2, retired: 0 });
    expect(json.warnings).toEqual(yaml.warnings);
  });
});

describe('refusals: nothing is written', () => {
  it.each([
    ['an XML external entity', 'unsafe-external-entity.xml', /^line 2, column 1: XML with a DOCTYPE declaration is refused: Crosswalk resolves no external entities/],
    ['an XML entity-expansion bomb', 'unsafe-entity-expansion.xml', /^line 2, column 1: XML with a DOCTYPE declaration is refused/],
    ['a YAML alias bomb', 'unsafe-alias-bomb.yaml', /^\$: YAML that expands aliases more than 100 times is refused/],
    ['an OSCAL SSP in XML', 'system-security-plan.xml', /^\$: this is an OSCAL system security plan \(SSP\) \(root "system-security-plan"\), which Crosswalk does not import/],
    ['an OSCAL component definition in YAML', 'component-definition.yaml', /^\$: this is an OSCAL component definition \(root "component-definition"\)/],
  ])('%s', async (_what, file, message) => {
    const before = await totals();
    const result = await importText(fixture(file), { frameworkRefId: 'refused' });
    expect(result.report).toBeNull();
    expect(result.userErrors).toEqual([{ code: 'INVALID', field: ['input', 'content'], message: expect.stringMatching(message) }]);
    expect(await totals()).toEqual(before);
  });
});
