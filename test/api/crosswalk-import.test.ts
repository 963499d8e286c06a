/**
 * Crosswalk links that come from an imported OSCAL mapping-collection, over HTTP: an SP 800-53
 * rev5 → rev4 collection (small fixture catalogs holding RA-3 and RA-5 of each) lets rev4 gain
 * from rev5's mappings through the links read backwards (rule 7), and importing the reverse of a
 * live link is rejected (one live link per pair of requirements), as in the API.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Builder, Reader, startClockedServer, type ClockedServer } from './coverage-helpers.js';

let server: ClockedServer;
let b: Builder;
let r: Reader;
// Each test gets its own server and imports what it needs (importRev5ToRev4).
beforeEach(async () => {
  server = await startClockedServer();
  b = new Builder(server);
  r = new Reader(server);
});
afterEach(() => server.close());

const IMPORT = `mutation($input: CatalogImportInput!) { catalogImport(input: $input) {
  report { counts { kind created updated unchanged retired } rejected { location reason } } userErrors { field message code } } }`;

async function importFile(input: Record<string, unknown>) {
  const d = await server.data(IMPORT, { input });
  expect(d.catalogImport.userErrors).toEqual([]);
  return d.catalogImport.report;
}

/** A two-control OSCAL catalog (RA-3 and RA-5) standing for one revision of SP 800-53. */
const catalog = (revision: string, uuidTail: string) =>
  JSON.stringify({
    catalog: {
      uuid: `00000000-0000-4000-8000-0000000000${uuidTail}`,
      metadata: { title: `SP 800-53 ${revision} (RA-3 and RA-5, test fixture)`, version: revision, 'oscal-version': '1.1.2' },
      controls: ['ra-3', 'ra-5'].map((id) => ({
        id,
        title: id.toUpperCase(),
        parts: [{ id: `${id}_smt`, name: 'statement', prose: `Placeholder for ${id} ${revision}.` }],
      })),
    },
  });

/** An OSCAL 1.2 mapping-collection: each [source, relationship, target]. */
const collection = (title: string, uuidTail: string, maps: [string, string, string][]) =>
  JSON.stringify({
    'mapping-collection': {
      uuid: `a0000000-0000-4000-8000-0000000001${uuidTail}`,
      metadata: { title, version: '1.0', 'oscal-version': '1.2.1' },
      provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'complete', 'mapping-description': title },
      mappings: [
        {
          uuid: `a0000000-0000-4000-8000-0000000002${uuidTail}`,
          'source-resource': { type: 'catalog', href: 'source.json' },
          'target-resource': { type: 'catalog', href: 'target.json' },
          maps: maps.map(([source, relationship, target], i) => ({
            uuid: `a0000000-0000-4000-8000-00000000030${i}`,
            relationship,
            sources: [{ type: 'control', 'id-ref': source }],
            targets: [{ type: 'control', 'id-ref': target }],
          })),
        },
      ],
    },
  });

const COVERAGE = `query($fw: String!, $ref: String!) { requirement(frameworkRefId: $fw, refId: $ref) { id coverage { status inferred
  via { control { id } kind path { refId } steps { requirement { refId framework { refId } } link { source { refId } target { refId } relationship }
  direction relationship } } reasons { code } } } }`;
const coverageOf = async (fw: string, ref: string) => (await server.data(COVERAGE, { fw, ref })).requirement;

/** Imports both fixture catalogs and the rev5 → rev4 collection (RA-3 equal-to, RA-5 subset-of); returns the collection's report. */
async function importRev5ToRev4() {
  await importFile({ content: catalog('rev5', '51'), frameworkRefId: 'sp800-53-rev5-fixture' });
  await importFile({ content: catalog('rev4', '41'), frameworkRefId: 'sp800-53-rev4-fixture' });
  return importFile({
    content: collection('SP 800-53 rev5 to rev4', '01', [
      ['ra-3', 'equal-to', 'ra-3'],
      ['ra-5', 'subset-of', 'ra-5'],
    ]),
    frameworkRefId: 'sp800-53-rev5-fixture',
    targetFrameworkRefId: 'sp800-53-rev4-fixture',
  });
}

describe('an imported rev5 → rev4 mapping-collection', () => {
  it('covers rev4 RA-3 through its EQUAL rev5 twin, read backwards; RA-5 linked SUBSET_OF reads SUPERSET_OF and is PARTIAL', async () => {
    const links = await importRev5ToRev4();
    expect(links.rejected).toEqual([]);
    expect(links.counts.find((c: any) => c.kind === 'links')).toMatchObject({ created: 2 });

    const rev5ra3 = await coverageOf('sp800-53-rev5-fixture', 'ra-3');
    const rev5ra5 = await coverageOf('sp800-53-rev5-fixture', 'ra-5');
    const control = await b.effectiveControl();
    await b.map(rev5ra3.id, control, 'EQUAL');
    await b.map(rev5ra5.id, control, 'EQUAL');

    expect((await coverageOf('sp800-53-rev5-fixture', 'ra-3')).coverage).toMatchObject({ status: 'COVERED', inferred: false });
    const ra3 = await coverageOf('sp800-53-rev4-fixture', 'ra-3');
    expect(ra3.coverage).toEqual({
      status: 'COVERED',
      inferred: true,
      via: {
        control: { id: control },
        kind: 'FULL',
        path: [{ refId: 'ra-3' }, { refId: 'ra-3' }],
        steps: [
          {
            requirement: { refId: 'ra-3', framework: { refId: 'sp800-53-rev5-fixture' } },
            link: { source: { refId: 'ra-3' }, target: { refId: 'ra-3' }, relationship: 'EQUAL' },
            direction: 'INVERSE',
            relationship: 'EQUAL',
          },
        ],
      },
      reasons: [],
    });
    // "rev5 RA-5 SUBSET_OF rev4 RA-5" reads "rev4 RA-5 SUPERSET_OF rev5 RA-5": PARTIAL.
    const ra5 = await coverageOf('sp800-53-rev4-fixture', 'ra-5');
    expect(ra5.coverage).toMatchObject({ status: 'PARTIAL', inferred: true, via: { kind: 'PARTIAL', steps: [{ direction: 'INVERSE', relationship: 'SUPERSET_OF' }] }, reasons: [{ code: 'ONLY_PARTIAL' }] });

    const rev4 = (await server.data(`{ framework(refId: "sp800-53-rev4-fixture") { id } }`)).framework.id;
    expect(await r.summary(rev4)).toMatchObject({ total: 2, covered: 1, partial: 1, uncovered: 0 });
    expect(await r.summary(rev4, { viaCrosswalks: false })).toMatchObject({ total: 2, covered: 0, partial: 0, uncovered: 2 });
  });

  it('rejects a row that is the reverse of a live link, with its reason, and creates nothing for it', async () => {
    await importRev5ToRev4();
    const report = await importFile({
      content: collection('SP 800-53 rev4 to rev5', '02', [['ra-3', 'equal-to', 'ra-3']]),
      frameworkRefId: 'sp800-53-rev4-fixture',
      targetFrameworkRefId: 'sp800-53-rev5-fixture',
    });
    expect(report.rejected).toEqual([{ location: expect.any(String), reason: expect.stringContaining('inverse relationship') }]);
    expect(report.counts.find((c: any) => c.kind === 'links')).toMatchObject({ created: 0 });
    const live = await server.data(`{ requirementLinks(first: 10) { edges { node { source { refId framework { refId } } relationship } } } }`);
    expect(live.requirementLinks.edges.map((e: any) => [e.node.source.framework.refId, e.node.source.refId, e.node.relationship])).toEqual([
      ['sp800-53-rev5-fixture', 'ra-3', 'EQUAL'],
      ['sp800-53-rev5-fixture', 'ra-5', 'SUBSET_OF'],
    ]);
  });
});
