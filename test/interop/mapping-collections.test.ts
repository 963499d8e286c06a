/**
 * OSCAL 1.2 mapping-collections → crosswalk links, on the real (messy) files: the NIST/OSCAL-Compass
 * PCI → 800-53 example and the AI RMF GenAI → ISO/IEC 42001 collection (see their SOURCE.md for
 * the known defects).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  count,
  GENAI_CATALOG,
  GENAI_ISO_MAPPING,
  ISO_IDS_CATALOG,
  onlyUnchanged,
  openImportEnv,
  PCI_MAPPING,
  read,
  SP800_53,
  type ImportBase,
  type ImportEnv,
} from './support.js';

/** A tiny PCI DSS framework holding the two requirement ids the example maps from. */
const PCI_CATALOG = JSON.stringify({
  catalog: {
    uuid: '00000000-0000-4000-8000-00000000c0de',
    metadata: { title: 'PCI DSS v4 (two ids, test fixture)', version: '4.0', 'oscal-version': '1.1.2' },
    controls: [
      { id: 'PCI-8.3.1', title: 'PCI 8.3.1', parts: [{ id: 'pci-8.3.1_smt', name: 'statement', prose: 'Placeholder.' }] },
      { id: 'PCI-8.3.2', title: 'PCI 8.3.2', parts: [{ id: 'pci-8.3.2_smt', name: 'statement', prose: 'Placeholder.' }] },
    ],
  },
});

// Every test starts from its own copy of a database holding SP 800-53 rev5 and the GenAI profile
// (imported once) and imports what else it needs.
let baseDb: ImportBase;
beforeAll(async () => {
  const setup = await openImportEnv();
  await setup.ok({ content: read(SP800_53), frameworkRefId: 'nist-sp800-53-rev5' });
  await setup.ok({ content: read(GENAI_CATALOG), frameworkRefId: 'nist-ai-600-1' });
  baseDb = await setup.backup();
  await setup.dispose();
});
afterAll(() => baseDb?.dispose());

let env: ImportEnv;
beforeEach(async () => {
  env = await openImportEnv(baseDb);
});
afterEach(() => env.dispose());

/** The PCI framework and the PCI → 800-53 example imported as pci.json: two links. */
async function importPciLinks() {
  await env.ok({ content: PCI_CATALOG, frameworkRefId: 'pci-dss-4' });
  await env.ok({ content: read(PCI_MAPPING), sourceName: 'pci.json' });
}

/** The tiny ISO catalog and the GenAI → ISO collection: 14 links. */
async function importIsoLinks() {
  await env.ok({ content: read(ISO_IDS_CATALOG), frameworkRefId: 'iso-iec-42001' });
  await env.ok({ content: read(GENAI_ISO_MAPPING), frameworkRefId: 'nist-ai-600-1', targetFrameworkRefId: 'iso-iec-42001' });
}

const links = async (sourceFramework: string) =>
  (await env.sql.all(`SELECT s.ref_id AS source, t.ref_id AS target, l.relationship, l.strength, l.rationale, l.provenance, l.retired_at AS "retiredAt"
       FROM requirement_links l JOIN requirements s ON s.id = l.source_requirement_id JOIN requirements t ON t.id = l.target_requirement_id
       JOIN frameworks f ON f.id = s.framework_id WHERE f.ref_id = ? ORDER BY l.id`, sourceFramework)) as { source: string; target: string; relationship: string; strength: number | null; rationale: string; provenance: string; retiredAt: number | null }[];

describe('PCI v4 → NIST 800-53 example (id_ref, method manual, string percentages, repeated uuids)', () => {
  it('without the PCI framework: the defects are tolerated with warnings, the unknown sources are rejected and reported together, nothing is written', async () => {
    const report = await env.ok({ content: read(PCI_MAPPING) });
    expect(report.format).toBe('OSCAL_MAPPING_COLLECTION');
    expect(count(report, 'links')).toEqual({ created: 0, updated: 0, unchanged: 0, retired: 0 });
    expect(report.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('provenance.method "manual" is not in the OSCAL 1.2 vocabulary'),
        expect.stringMatching(/^"id_ref" is read as "id-ref" \(4 places/),
        expect.stringMatching(/^confidence percentage written as a string; read as a number \(2 places/),
        expect.stringContaining('map uuid a0000000-0000-4000-8000-000000000070 is used more than once'),
        expect.stringContaining('framework of the target ids inferred as "nist-sp800-53-rev5" (2 of 2 ids'),
      ]),
    );
    expect(report.rejected).toEqual([
      { location: '$.mapping-collection.mappings[0].maps[0].sources[0]', reason: '"PCI-8.3.1" is not a requirement of any framework here' },
      { location: '$.mapping-collection.mappings[0].maps[1].sources[0]', reason: '"PCI-8.3.2" is not a requirement of any framework here' },
    ]);
    expect(report.unresolved).toEqual([{ kind: 'REQUIREMENT', frameworkRefId: null, ids: ['PCI-8.3.1', 'PCI-8.3.2'] }]);
  });

  it('with the PCI framework: subset-of → SUBSET_OF, equal-to → EQUAL, confidence → strength, rationale and provenance kept', async () => {
    await env.ok({ content: PCI_CATALOG, frameworkRefId: 'pci-dss-4' });
    const report = await env.ok({ content: read(PCI_MAPPING), sourceName: 'pci.json' });
    expect(report.rejected).toEqual([]);
    expect(count(report, 'links').created).toBe(2);
    const rows = await links('pci-dss-4');
    expect(rows).toEqual([
      expect.objectContaining({ source: 'PCI-8.3.1', target: 'AC-1', relationship: 'SUBSET_OF', strength: 10, rationale: 'functional match; target coverage 70%' }),
      expect.objectContaining({ source: 'PCI-8.3.2', target: 'AC-2', relationship: 'EQUAL', strength: 10, rationale: 'functional match; target coverage 100%' }),
    ]);
    expect(rows[0]!.provenance).toBe(
      'OSCAL mapping-collection "Mapping from PCI v4 to NIST 800-53 rev4" version 1.0.0 (uuid a0000000-0000-4000-8000-000000000050); method human; matching rationale semantic; status draft',
    );
  });

  it('importing the same file twice changes nothing, also under another name (identity is the content)', async () => {
    await importPciLinks();
    const again = await env.ok({ content: read(PCI_MAPPING), sourceName: 'pci.json' });
    expect(onlyUnchanged(again)).toBe(true);
    expect(count(again, 'links').unchanged).toBe(2);
    const renamed = await env.ok({ content: read(PCI_MAPPING), sourceName: 'renamed-copy.json' });
    expect(onlyUnchanged(renamed)).toBe(true);
    expect(count(renamed, 'links').unchanged).toBe(2);
  });

  it('a changed relationship replaces the link (the old one stays, retired); REPLACE retires links the file dropped', async () => {
    await importPciLinks();
    const doc = JSON.parse(read(PCI_MAPPING));
    doc['mapping-collection'].mappings[0].maps[1].relationship = 'intersects-with';
    const changed = await env.ok({ content: JSON.stringify(doc), sourceName: 'pci.json' });
    expect(count(changed, 'links')).toEqual({ created: 0, updated: 1, unchanged: 1, retired: 0 });
    const pair = (await links('pci-dss-4')).filter((l) => l.source === 'PCI-8.3.2');
    expect(pair.map((l) => [l.relationship, l.retiredAt === null])).toEqual([
      ['EQUAL', false],
      ['INTERSECTS_WITH', true],
    ]);

    doc['mapping-collection'].mappings[0].maps.splice(1, 1);
    const merged = await env.ok({ content: JSON.stringify(doc), sourceName: 'pci.json' });
    expect(count(merged, 'links')).toEqual({ created: 0, updated: 0, unchanged: 1, retired: 0 });
    const replaced = await env.ok({ content: JSON.stringify(doc), sourceName: 'pci.json', mode: 'REPLACE' });
    expect(count(replaced, 'links')).toEqual({ created: 0, updated: 0, unchanged: 1, retired: 1 });
    expect((await links('pci-dss-4')).filter((l) => l.retiredAt === null).map((l) => l.source)).toEqual(['PCI-8.3.1']);
  });
});

describe('AI RMF GenAI profile → ISO/IEC 42001 (group ids typed control, a 7--2 typo, an unpublished target catalog)', () => {
  it('without any ISO framework: every target id is reported, together, and no link is created', async () => {
    const report = await env.ok({ content: read(GENAI_ISO_MAPPING) });
    expect(count(report, 'links').created).toBe(0);
    expect(report.rejected).toHaveLength(192); // every target occurrence, each at its JSON path
    expect(report.rejected[0]).toEqual({
      location: '$.mapping-collection.mappings[0].maps[0].targets[0]',
      reason: '"iso-iec-42001_4-1" is not a requirement of any framework here',
    });
    expect(report.unresolved).toEqual([{ kind: 'REQUIREMENT', frameworkRefId: null, ids: expect.any(Array) }]);
    expect(report.unresolved[0]!.ids).toHaveLength(61);
    expect(report.unresolved[0]!.ids).toContain('iso-iec-42001_7--2');
  });

  it('with a tiny hand-made ISO catalog: the ids it holds resolve (the typo too, with a warning), the rest are reported', async () => {
    await env.ok({ content: read(ISO_IDS_CATALOG), frameworkRefId: 'iso-iec-42001' });
    const report = await env.ok({ content: read(GENAI_ISO_MAPPING), frameworkRefId: 'nist-ai-600-1', targetFrameworkRefId: 'iso-iec-42001' });
    expect(count(report, 'links').created).toBe(14);
    expect(report.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        expect.stringContaining('provenance.method "manual"'),
        expect.stringMatching(/names a group of the catalog .* \(49 places/),
        '"iso-iec-42001_7--2" matches no id as written; read as "iso-iec-42001_7-2"',
      ]),
    );
    expect(report.unresolved).toEqual([{ kind: 'REQUIREMENT', frameworkRefId: 'iso-iec-42001', ids: expect.any(Array) }]);
    expect(report.unresolved[0]!.ids).toHaveLength(53); // 61 distinct targets − 7 known − the typo
    expect(report.rejected).toHaveLength(178);
    const made = await links('nist-ai-600-1');
    expect(made).toHaveLength(14);
    expect(made.every((l) => l.relationship === 'INTERSECTS_WITH' && l.strength === null)).toBe(true);
    expect(made).toContainEqual(expect.objectContaining({ source: 'GV-1.1', target: 'iso-iec-42001_4-1' }));
    expect(made.filter((l) => l.target === 'iso-iec-42001_7-2').length).toBeGreaterThan(0);
  });

  it('the same file again changes nothing; REPLACE retires nothing while ids are rejected', async () => {
    await importIsoLinks();
    const again = await env.ok({ content: read(GENAI_ISO_MAPPING) });
    expect(onlyUnchanged(again)).toBe(true);
    expect(count(again, 'links').unchanged).toBe(14);
    const replace = await env.ok({ content: read(GENAI_ISO_MAPPING), mode: 'REPLACE' });
    expect(count(replace, 'links').retired).toBe(0);
    expect(replace.warnings).toContainEqual({ location: '', message: expect.stringMatching(/^REPLACE retired nothing because 178 item\(s\)/) });
  });
});

describe('what is rejected, precisely', () => {
  beforeEach(async () => {
    await env.ok({ content: PCI_CATALOG, frameworkRefId: 'pci-dss-4' });
  });

  const collection = (maps: unknown[], provenance: Record<string, unknown> = { method: 'human' }) =>
    JSON.stringify({ 'mapping-collection': { uuid: 'u', metadata: { title: 'Messy', version: '1' }, provenance, mappings: [{ uuid: 'm', maps }] } });
  const map = (relationship: unknown, source: Record<string, unknown>, target: Record<string, unknown>, extra: Record<string, unknown> = {}) => ({
    uuid: 'x',
    relationship,
    sources: [{ type: 'control', ...source }],
    targets: [{ type: 'control', ...target }],
    ...extra,
  });

  it('accepts unambiguous spellings, rejects the rest at their JSON path', async () => {
    const report = await env.ok({
      content: collection([
        map('Subset Of', { 'id-ref': 'PCI-8.3.1' }, { 'id-ref': 'ac-3' }),
        map('related-to', { 'id-ref': 'PCI-8.3.1' }, { 'id-ref': 'ac-4' }),
        map('equal-to', { 'id-ref': 'PCI-8.3.1', id_ref: 'PCI-8.3.2' }, { 'id-ref': 'ac-5' }),
        map('equal-to', { 'id-ref': 'PCI-8.3.2' }, { 'id-ref': 'ac-6' }, { 'confidence-score': { percentage: 'very' } }),
        map('no-relationship', { 'id-ref': 'PCI-8.3.2' }, { 'id-ref': 'ac-7' }),
        map('superset-of', { 'id-ref': 'PCI-8.3.2' }, { 'id-ref': 'ac-2.10' }),
        map('intersects-with', { 'id-ref': 'PCI-8.3.2' }, { 'id-ref': 'ac-8' }, { 'confidence-score': { category: 'high' } }),
        map('equal-to', { 'id-ref': 'PCI-8.3.2' }, { 'id-ref': 'ac-8' }),
      ]),
      frameworkRefId: 'pci-dss-4',
      targetFrameworkRefId: 'nist-sp800-53-rev5',
    });
    const at = (i: number, rest = '') => `$.mapping-collection.mappings[0].maps[${i}]${rest}`;
    expect(report.rejected).toEqual([
      { location: at(1, '.relationship'), reason: expect.stringContaining('"related-to" is not an OSCAL relationship') },
      { location: at(2, '.sources[0]'), reason: expect.stringContaining('gives different ids ("PCI-8.3.1", "PCI-8.3.2")') },
      { location: at(3, '.confidence-score'), reason: 'confidence percentage "very" is not a number from 0 to 1' },
      { location: at(5, '.targets[0]'), reason: '"ac-2.10" is withdrawn in framework "nist-sp800-53-rev5" and cannot be linked' },
      { location: at(7), reason: expect.stringContaining(`again, differently from ${at(6)}`) },
    ]);
    expect(report.warnings.map((w) => w.message)).toEqual(
      expect.arrayContaining([
        'relationship "Subset Of" is not written as OSCAL spells it; read as SUBSET_OF',
        '1 map(s) with relationship no-relationship were skipped (nothing to link)',
      ]),
    );
    expect(count(report, 'links').created).toBe(2);
    expect(await links('pci-dss-4')).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ source: 'PCI-8.3.1', target: 'AC-3', relationship: 'SUBSET_OF' }),
        expect.objectContaining({ source: 'PCI-8.3.2', target: 'AC-8', relationship: 'INTERSECTS_WITH', strength: 8 }),
      ]),
    );
  });

  it('refuses a document that is not a mapping-collection, and a collection whose sides are the same framework', async () => {
    const wrong = await env.run({ content: JSON.stringify({ mappings: [] }), format: 'OSCAL_MAPPING_COLLECTION' });
    expect(wrong.errors).toEqual([expect.objectContaining({ code: 'INVALID', message: expect.stringMatching(/^\$\.mapping-collection: not an OSCAL mapping-collection/) })]);
    const same = await env.ok({ content: collection([map('equal-to', { 'id-ref': 'ac-1' }, { 'id-ref': 'ac-2' })]) });
    expect(same.rejected).toEqual([{ location: '$.mapping-collection.mappings[0]', reason: expect.stringContaining('both resolve to framework "nist-sp800-53-rev5"') }]);
  });
});
