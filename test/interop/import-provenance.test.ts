/**
 * Provenance by content, over HTTP: an import's identity is the document (uuid, else the SHA-256
 * of its text), never the file name; a catalog that is another document than the framework's
 * recorded source is refused unless the caller says to replace the source; an import of which
 * nothing could be imported says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server.close());

const IMPORT = `mutation($input: CatalogImportInput!) { catalogImport(input: $input) {
  report { dryRun applied nothingImported counts { kind created updated unchanged retired } warnings { location message } rejected { location reason } }
  userErrors { field code message } } }`;
const importVia = async (input: Record<string, unknown>) => (await server.data(IMPORT, { input })).catalogImport;
const changes = (report: { counts: { created: number; updated: number; retired: number }[] }) =>
  report.counts.reduce((n, c) => n + c.created + c.updated + c.retired, 0);

function catalog(options: { uuid?: string; title: string; ids: string[] }): string {
  return JSON.stringify({
    catalog: {
      ...(options.uuid ? { uuid: options.uuid } : {}),
      metadata: { title: options.title, version: '1.0', 'oscal-version': '1.1.2' },
      controls: options.ids.map((id) => ({ id, title: `Control ${id}`, parts: [{ id: `${id}_smt`, name: 'statement', prose: `Do ${id}.` }] })),
    },
  });
}
const UUID_1 = '11111111-1111-4111-8111-111111111111';
const UUID_2 = '22222222-2222-4222-8222-222222222222';

describe('identity by content, not by file name', () => {
  it('a catalog, a profile and a uuid-less mapping-collection re-imported under other names change nothing', async () => {
    const first = catalog({ uuid: UUID_1, title: 'Provenance catalog P', ids: ['p-1', 'p-2', 'p-3'] });
    await importVia({ content: first, frameworkRefId: 'prov-p', sourceName: 'p.json' });
    await importVia({ content: catalog({ uuid: UUID_2, title: 'Provenance catalog Q', ids: ['q-1', 'q-2'] }), frameworkRefId: 'prov-q', sourceName: 'q.json' });
    const again = await importVia({ content: first, frameworkRefId: 'prov-p', sourceName: 'p-renamed.json' });
    expect(again.userErrors).toEqual([]);
    expect(changes(again.report)).toBe(0);
    // The name is kept in the audit entry only, next to the content's hash.
    const log = await server.data(`{ auditLog(first: 50, filter: { actions: ["catalogImport"] }) { edges { node { after } } } }`);
    expect(log.auditLog.edges.map((e: { node: { after: unknown } }) => e.node.after)).toContainEqual(
      expect.objectContaining({ sourceName: 'p-renamed.json', sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }),
    );

    const profile = JSON.stringify({
      profile: { uuid: '33333333-3333-4333-8333-333333333333', metadata: { title: 'Prov profile', version: '1' }, imports: [{ href: '#x', 'include-controls': [{ 'with-ids': ['p-1', 'p-2'] }] }] },
    });
    const p1 = await importVia({ content: profile, sourceName: 'profile.json' });
    expect(p1.report.counts.find((c: { kind: string }) => c.kind === 'baselineMembers')).toMatchObject({ created: 2 });
    const p2 = await importVia({ content: profile, sourceName: 'profile-copy.json' });
    expect(changes(p2.report)).toBe(0);

    // No uuid: the collection is named by the SHA-256 of its text in the links' provenance.
    const collection = JSON.stringify({
      'mapping-collection': {
        metadata: { title: 'No uuid', version: '1' },
        provenance: { method: 'manual' },
        mappings: [{ maps: [{ relationship: 'equal-to', sources: [{ 'id-ref': 'p-1' }], targets: [{ 'id-ref': 'q-1' }] }] }],
      },
    });
    const m1 = await importVia({ content: collection, frameworkRefId: 'prov-p', targetFrameworkRefId: 'prov-q', sourceName: 'a.json' });
    expect(m1.report.counts.find((c: { kind: string }) => c.kind === 'links')).toMatchObject({ created: 1 });
    const m2 = await importVia({ content: collection, frameworkRefId: 'prov-p', targetFrameworkRefId: 'prov-q', sourceName: 'b.json' });
    expect(changes(m2.report)).toBe(0);
    const links = await server.data(`{ requirementLinks(first: 5) { edges { node { provenance } } } }`);
    expect(links.requirementLinks.edges.map((e: { node: { provenance: string } }) => e.node.provenance)).toEqual([
      expect.stringMatching(/^OSCAL mapping-collection "No uuid" version 1 \(sha256 [0-9a-f]{64}\); method human$/),
    ]);
  });
});

describe('a catalog from another document than the framework\'s recorded source', () => {
  it('is refused when its title or uuid differ, naming both and how to proceed; replaceSource: true imports it', async () => {
    await importVia({ content: catalog({ uuid: UUID_1, title: 'Source A', ids: ['a-1', 'a-2'] }), frameworkRefId: 'prov-src' });
    const other = catalog({ uuid: UUID_2, title: 'Source B', ids: ['a-1', 'a-2', 'a-3'] });
    const refused = await importVia({ content: other, frameworkRefId: 'prov-src' });
    expect(refused.report).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        field: ['input', 'replaceSource'],
        code: 'INVALID',
        message: expect.stringMatching(/another document than the one the framework was imported from \(uuid 2{8}-.*, not 1{8}-.*; title "Source B", not "Source A"\).*replaceSource: true \(CLI --replace-source\)/),
      },
    ]);
    // The same uuid under another title is another document too.
    const retitled = await importVia({ content: catalog({ uuid: UUID_1, title: 'Source A (renamed)', ids: ['a-1'] }), frameworkRefId: 'prov-src' });
    expect(retitled.userErrors[0]).toMatchObject({ field: ['input', 'replaceSource'], message: expect.stringContaining('title "Source A (renamed)", not "Source A"') });
    const requirements = await server.data(`{ framework(refId: "prov-src") { requirements(first: 10) { totalCount } } }`);
    expect(requirements.framework.requirements.totalCount).toBe(2);

    const replaced = await importVia({ content: other, frameworkRefId: 'prov-src', replaceSource: true });
    expect(replaced.userErrors).toEqual([]);
    expect(replaced.report.counts.find((c: { kind: string }) => c.kind === 'requirements')).toMatchObject({ created: 1, unchanged: 2 });
    // Now B is the recorded source: A is refused.
    const back = await importVia({ content: catalog({ uuid: UUID_1, title: 'Source A', ids: ['a-1', 'a-2'] }), frameworkRefId: 'prov-src', dryRun: true });
    expect(back.userErrors[0]).toMatchObject({ field: ['input', 'replaceSource'] });
  });
});

describe('a CISO Assistant framework library and a framework recorded from another document (the same rule as catalogs)', () => {
  /** A two-node CISO Assistant framework library (YAML) whose framework URN ends in `tail`. */
  const library = (tail: string, name: string, ids: string[]) =>
    [
      `urn: urn:intuitem:risk:library:${tail}`,
      `ref_id: ${tail}`,
      `name: ${name}`,
      'version: 1',
      'objects:',
      '  framework:',
      `    urn: urn:intuitem:risk:framework:${tail}`,
      `    name: ${name}`,
      '    requirement_nodes:',
      ...ids.flatMap((id) => [`    - urn: urn:intuitem:risk:req_node:${tail}:${id}`, `      ref_id: '${id}'`, `      name: Node ${id}`, '      assessable: true']),
    ].join('\n');

  it('a library into a framework imported from an OSCAL catalog is refused (INVALID on replaceSource) until replaceSource: true; then a catalog is refused there', async () => {
    await importVia({ content: catalog({ uuid: UUID_1, title: 'OSCAL source C', ids: ['c-1', 'c-2'] }), frameworkRefId: 'prov-ciso' });
    const yaml = library('prov-ciso-lib', 'CISO library C', ['c-1', 'c-2', 'c-3']);
    const refused = await importVia({ content: yaml, frameworkRefId: 'prov-ciso' });
    expect(refused.report).toBeNull();
    expect(refused.userErrors).toEqual([
      {
        field: ['input', 'replaceSource'],
        code: 'INVALID',
        message: expect.stringMatching(
          /^\$\.objects\.framework: this library is another document than the one the framework was imported from \(uuid urn:intuitem:risk:framework:prov-ciso-lib, not 1{8}-.*; title "CISO library C", not "OSCAL source C"\).*replaceSource: true \(CLI --replace-source\).*\(framework "prov-ciso"\)$/,
        ),
      },
    ]);
    // A dry run is refused the same way; nothing was written.
    expect((await importVia({ content: yaml, frameworkRefId: 'prov-ciso', dryRun: true })).userErrors[0]).toMatchObject({ field: ['input', 'replaceSource'] });
    const before = await server.data(`{ framework(refId: "prov-ciso") { requirements(first: 10) { totalCount } } }`);
    expect(before.framework.requirements.totalCount).toBe(2);

    const replaced = await importVia({ content: yaml, frameworkRefId: 'prov-ciso', replaceSource: true });
    expect(replaced.userErrors).toEqual([]);
    expect(replaced.report.counts.find((c: { kind: string }) => c.kind === 'requirements')).toMatchObject({ created: 1, updated: 2 });
    // The library is now the recorded source: importing it again needs nothing and changes nothing …
    const again = await importVia({ content: yaml, frameworkRefId: 'prov-ciso' });
    expect(again.userErrors).toEqual([]);
    expect(changes(again.report)).toBe(0);
    // … and the OSCAL catalog it replaced is refused in turn.
    const back = await importVia({ content: catalog({ uuid: UUID_1, title: 'OSCAL source C', ids: ['c-1', 'c-2'] }), frameworkRefId: 'prov-ciso', dryRun: true });
    expect(back.userErrors[0]).toMatchObject({ field: ['input', 'replaceSource'], message: expect.stringContaining('this catalog is another document') });
    // Another library (another framework URN and name) is another document too.
    const other = await importVia({ content: library('prov-ciso-other', 'CISO library D', ['c-1']), frameworkRefId: 'prov-ciso' });
    expect(other.userErrors[0]).toMatchObject({ field: ['input', 'replaceSource'], message: expect.stringContaining('title "CISO library D", not "CISO library C"') });
  });
});

describe('nothing to import is stated', () => {
  it('a mapping-collection whose every id is unknown: nothingImported, with a warning, in a dry run and for real', async () => {
    const collection = JSON.stringify({
      'mapping-collection': {
        uuid: '44444444-4444-4444-8444-444444444444',
        metadata: { title: 'Unknown ids', version: '1' },
        mappings: [{ maps: [{ relationship: 'equal-to', sources: [{ 'id-ref': 'zz-1' }], targets: [{ 'id-ref': 'zz-2' }] }] }],
      },
    });
    for (const dryRun of [true, false]) {
      const result = await importVia({ content: collection, dryRun });
      expect(result.report.nothingImported).toBe(true);
      expect(result.report.warnings).toContainEqual({ location: '', message: `nothing ${dryRun ? 'would be' : 'was'} imported: all 2 item(s) of the file were rejected` });
    }
    const some = await importVia({ content: catalog({ uuid: UUID_2, title: 'Something', ids: ['s-1'] }), frameworkRefId: 'prov-something', dryRun: true });
    expect(some.report.nothingImported).toBe(false);
  });
});
