/**
 * The native bundle over HTTP: bundleExport (ADMIN only) of a graph with a history, restored with
 * catalogImport (format BUNDLE) into an empty instance gives identical coverage now and at past
 * instants, in every scope, with and without crosswalks; re-exporting gives the same bundle;
 * importing it again changes nothing; an instance holding other data refuses it; a broken bundle
 * is refused naming the JSON path.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import {
  aiSystemId,
  buildExportGraph,
  bundleExport,
  coverageJson,
  HOUR,
  importFile,
  ISO_CATALOG,
  startClockedServer,
  upload,
  type ClockedServer,
  type ExportGraph,
} from './export-support.js';

let source: ClockedServer;
let graph: ExportGraph;
let bundle: { filename: string; mediaType: string; sha256: string; byteLength: number; content: string };

beforeAll(async () => {
  source = await startClockedServer();
  graph = await buildExportGraph(source);
  bundle = await bundleExport(source);
}, 120_000);
afterAll(() => source?.close());

/** An empty instance whose clock stands where the source's does, so "now" means the same instant on both. */
const emptyTarget = () => startClockedServer(source.now());

/** Restores the bundle into `target` as an uploaded file, imported by SHA-256. */
async function restore(target: ClockedServer) {
  const sha256 = await upload(target, Buffer.from(bundle.content, 'utf8'));
  return importFile(target, { sha256, format: 'BUNDLE' });
}

/** Runs `check` against an empty target instance of its own, closed afterwards. */
async function withEmptyTarget(check: (target: ClockedServer) => Promise<void>) {
  const target = await emptyTarget();
  try {
    await check(target);
  } finally {
    await target.close();
  }
}

/** The report without the instant it was produced. */
const figures = (report: any) => {
  const { generatedAt: _generatedAt, ...rest } = report;
  return rest;
};

const withoutExportedAt = (content: string) => {
  const { exportedAt: _exportedAt, ...rest } = JSON.parse(content);
  return rest;
};

describe('bundleExport', () => {
  it('is a versioned JSON document of the whole graph, referring to rows by natural keys only', () => {
    expect(bundle.mediaType).toBe('application/json');
    expect(bundle.filename).toMatch(/^crosswalk-bundle-\d{8}T\d{6}Z\.json$/);
    const b = JSON.parse(bundle.content);
    expect(b.format).toBe('crosswalk-bundle');
    expect(b.version).toBe(1);
    expect(Object.keys(b)).toEqual([
      'format',
      'version',
      'exportedAt',
      'frameworks',
      'requirements',
      'threats',
      'aiSystems',
      'controls',
      'mappings',
      'links',
      'notApplicable',
      'evidence',
      'baselines',
      'coverageSnapshots',
    ]);
    expect(b.frameworks.map((f: any) => f.refId)).toEqual(['exp-fa', 'exp-fb', 'exp-tc', 'iso-42001']);
    // History: C4's two changes in the same millisecond, the revised and retired mappings, the lifted mark.
    const c4 = b.controls.find((c: any) => c.refId === 'C4');
    expect(c4.statusHistory.map((s: any) => s.to)).toEqual(['PLANNED', 'IN_PROGRESS', 'IMPLEMENTED']);
    expect(c4.statusHistory[1].changedAt).toBe(c4.statusHistory[2].changedAt);
    const c1 = b.controls.find((c: any) => c.refId === 'C1');
    expect(c1.statusHistory.map((s: any) => [s.aiSystem, s.to])).toEqual([
      [null, 'IMPLEMENTED'],
      ['Support chatbot', 'NOT_IMPLEMENTED'],
      ['Support chatbot', null],
    ]);
    const a2 = b.mappings.find((m: any) => m.requirement === 'A2');
    expect(a2.revisions.map((r: any) => r.relationship)).toEqual(['INTERSECTS_WITH', 'EQUAL']);
    expect(b.mappings.find((m: any) => m.requirement === 'A10').retiredAt).not.toBeNull();
    expect(b.links.find((l: any) => l.source.requirement === 'B2').retiredAt).not.toBeNull();
    expect(b.notApplicable.map((n: any) => [n.requirement, n.aiSystem, n.retiredAt === null])).toEqual([
      ['A3', null, false],
      ['A1.2', 'Support chatbot', true],
      ['B2', null, true],
    ]);
    const file = b.evidence.find((e: any) => e.kind === 'FILE');
    expect(file).toMatchObject({ sha256: graph.fileSha256, filename: 'access-review-q1.txt', controls: ['C1', 'C2'] });
    // Provenance: the document the OSCAL catalog came from, and the profile of the baseline.
    const catalog = JSON.parse(readFileSync(ISO_CATALOG, 'utf8')).catalog;
    expect(b.frameworks.find((f: any) => f.refId === 'iso-42001').source).toEqual({
      uuid: catalog.uuid,
      title: catalog.metadata.title,
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      md5: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    expect(b.frameworks.find((f: any) => f.refId === 'exp-tc')).not.toHaveProperty('source');
    expect(b.baselines).toEqual([
      expect.objectContaining({
        refId: 'iso-core',
        framework: 'iso-42001',
        profileRefId: 'iso-core',
        members: expect.arrayContaining([expect.objectContaining({ removedAt: null })]),
        applications: [expect.objectContaining({ aiSystem: 'Support chatbot', retiredAt: null })],
      }),
    ]);
    expect(b.coverageSnapshots).toHaveLength(2);
    // No row ids anywhere.
    expect(bundle.content).not.toMatch(/"(id|frameworkId|requirementId|controlId|aiSystemId|mappingId|evidenceId)"\s*:/);
  });

  it('is for ADMIN only', async () => {
    for (const role of ['VIEWER', 'EDITOR'] as const) {
      const client = await source.as(role);
      const body = await client.gql(`{ bundleExport { filename } }`);
      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
  });
});

describe('restoring a bundle into an empty instance (catalogImport, format BUNDLE)', () => {
  it('a dry run reports what would be created and writes nothing', () =>
    withEmptyTarget(async (target) => {
      const result = await importFile(target, { content: bundle.content, dryRun: true });
      expect(result.userErrors).toEqual([]);
      expect(result.report.format).toBe('BUNDLE'); // detected
      expect(result.report.applied).toBe(false);
      const counts = Object.fromEntries(result.report.counts.map((c: any) => [c.kind, c.created]));
      expect(counts).toMatchObject({ frameworks: 4, requirements: 9 + 12, controls: 4, mappings: 7, links: 2, threats: 2, baselines: 1, aiSystems: 1 });
      expect((await target.data('{ frameworks { totalCount } }')).frameworks.totalCount).toBe(0);
    }));

  it('restores the graph (uploaded as a file, imported by SHA-256)', () =>
    withEmptyTarget(async (target) => {
      const result = await restore(target);
      expect(result.userErrors).toEqual([]);
      expect(result.report.applied).toBe(true);
      expect(result.report.rejected).toEqual([]);
    }));

  it('importing the same bundle again changes nothing', () =>
    withEmptyTarget(async (target) => {
      expect((await restore(target)).userErrors).toEqual([]);
      const result = await importFile(target, { content: bundle.content });
      expect(result.userErrors).toEqual([]);
      expect(result.report.counts.every((c: any) => c.created === 0 && c.updated === 0 && c.retired === 0)).toBe(true);
      expect(result.report.counts.find((c: any) => c.kind === 'mappings').unchanged).toBe(7);
      expect(result.report.warnings).toEqual([{ location: '', message: 'this instance already holds exactly what the bundle holds; nothing was changed' }]);
    }));

  describe('the restored instance (read only)', () => {
    let target: ClockedServer;
    beforeAll(async () => {
      target = await emptyTarget();
      expect((await restore(target)).userErrors).toEqual([]);
    });
    afterAll(() => target?.close());

    it('gives identical coverage now and at past instants, in every scope, with and without crosswalks', async () => {
      const sourceSystem = graph.ids.system;
      const targetSystem = await aiSystemId(target, 'Support chatbot');
      const instants = [...graph.instants, graph.instants[1]! + HOUR + 30 * 60_000, graph.instants[0]! - 90 * 60_000];
      let compared = 0;
      for (const asOf of [undefined, ...instants]) {
        for (const viaCrosswalks of [true, false]) {
          for (const scoped of [false, true]) {
            const a = await coverageJson(source, { asOf, viaCrosswalks, aiSystemId: scoped ? sourceSystem : null });
            const b = await coverageJson(target, { asOf, viaCrosswalks, aiSystemId: scoped ? targetSystem : null });
            expect(figures(b), `asOf ${asOf} via ${viaCrosswalks} scoped ${scoped}`).toEqual(figures(a));
            compared += a.requirements.length;
          }
        }
      }
      expect(compared).toBeGreaterThan(200);
      // The history matters: the statuses are not the same at every instant.
      const past = await coverageJson(source, { asOf: graph.instants[0] });
      const now = await coverageJson(source, {});
      expect(figures(past).requirements).not.toEqual(figures(now).requirements);
    });

    it('gives identical threat exposure', async () => {
      const exposure = async (server: TestServer) =>
        (await server.data(`{ threatExposure(first: 100) { edges { node { threat { refId } exposure requirements { refId } } } } }`)).threatExposure.edges;
      expect(await exposure(target)).toEqual(await exposure(source));
    });

    it('exports the same bundle again (apart from exportedAt)', async () => {
      const again = await bundleExport(target);
      expect(withoutExportedAt(again.content)).toEqual(withoutExportedAt(bundle.content));
    });

    it('restores the provenance: the baseline keeps the profile it came from', async () => {
      const profileOf = async (server: TestServer) => (await server.data('{ baseline(refId: "iso-core") { profileRefId } }')).baseline.profileRefId;
      expect(await profileOf(target)).toBe('iso-core');
      expect(await profileOf(target)).toBe(await profileOf(source));
    });
  });

  it('a bundle written before provenance was carried (no source, no profileRefId) still restores, with none recorded', async () => {
    const old = JSON.parse(bundle.content);
    for (const f of old.frameworks) delete f.source;
    for (const bl of old.baselines) delete bl.profileRefId;
    const empty = await startClockedServer(source.now());
    try {
      const result = await importFile(empty, { content: JSON.stringify(old), format: 'BUNDLE' });
      expect(result.userErrors).toEqual([]);
      expect(result.report.applied).toBe(true);
      expect((await empty.data('{ baseline(refId: "iso-core") { profileRefId } }')).baseline.profileRefId).toBeNull();
      // Re-exported, it is the old bundle again: nothing recorded, nothing invented.
      expect(withoutExportedAt((await bundleExport(empty)).content)).toEqual(withoutExportedAt(JSON.stringify(old)));
    } finally {
      await empty.close();
    }
  });

  it('an instance holding other data refuses the bundle (INVALID), and says how to restore', async () => {
    const seeded = await startTestServer({ seed: 'nist-ai-rmf-1.0' });
    try {
      const result = await importFile(seeded, { content: bundle.content, mode: 'MERGE' });
      expect(result.report).toBeNull();
      expect(result.userErrors).toEqual([
        {
          code: 'INVALID',
          field: ['input', 'content'],
          message: expect.stringMatching(/^a bundle is restored into an empty instance, and this one already holds 1 frameworks: .*CROSSWALK_SEED=none/),
        },
      ]);
      expect((await seeded.data('{ frameworks { totalCount } }')).frameworks.totalCount).toBe(1);
    } finally {
      await seeded.close();
    }
  });
});

describe('a broken bundle is refused as a whole, naming where', () => {
  let empty: TestServer;
  beforeAll(async () => {
    empty = await startTestServer();
  });
  afterAll(() => empty.close());

  const broken = (edit: (b: any) => void) => {
    const b = JSON.parse(bundle.content);
    edit(b);
    return JSON.stringify(b);
  };

  it.each([
    ['another version', (b: any) => (b.version = 2), '$.version: bundle version 2 is not supported; this instance reads version 1'],
    ['a mapping to an unknown control', (b: any) => (b.mappings[0].control = 'NOPE'), '$.mappings[0].control: not a usable Crosswalk bundle: control "NOPE" is not in the bundle'],
    ['a missing field', (b: any) => delete b.controls[1].title, '$.controls[1].title: not a usable Crosswalk bundle: Invalid input: expected string, received undefined'],
    ['an unknown field', (b: any) => (b.frameworks[0].colour = 'red'), '$.frameworks[0]: not a usable Crosswalk bundle: Unrecognized key: "colour"'],
    ['a bad instant', (b: any) => (b.evidence[0].collectedAt = 'yesterday'), '$.evidence[0].collectedAt: not a usable Crosswalk bundle: Invalid ISO datetime'],
    ['a strength the API refuses', (b: any) => (b.mappings[0].strength = 11), '$.mappings[0].strength: not a usable Crosswalk bundle: a strength is a whole number from 1 to 10'],
    ['a link strength the API refuses', (b: any) => (b.links[0].strength = 0.5), '$.links[0].strength: not a usable Crosswalk bundle: a strength is a whole number from 1 to 10'],
    [
      'two live mappings of one pair',
      (b: any) => b.mappings.push({ ...b.mappings[0] }),
      `$.mappings[7]: not a usable Crosswalk bundle: a second live mapping of the same requirement and control (the first is $.mappings[0])`,
    ],
  ])('%s', async (_name, edit, message) => {
    const result = await importFile(empty, { content: broken(edit), format: 'BUNDLE' });
    expect(result.report).toBeNull();
    expect(result.userErrors).toHaveLength(1);
    expect(result.userErrors[0].code).toBe('INVALID');
    expect(result.userErrors[0].message.startsWith(message.replace(/^(\$\.version): /, '$1: not a usable Crosswalk bundle: '))).toBe(true);
    expect((await empty.data('{ frameworks { totalCount } }')).frameworks.totalCount).toBe(0);
  });
});
