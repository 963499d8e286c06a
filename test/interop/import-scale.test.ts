/**
 * Imports that scale: the cause of the slow, memory-hungry mapping imports (every link reloading
 * its whole framework) stays fixed. Over HTTP, the SQL the server runs during one import is
 * recorded, and each framework's requirements must be read exactly once, whatever the number of
 * links, mappings and frameworks inferred. The import never holds the event loop for a whole file:
 * a large file is parsed off the main thread and reaches it in slices of a bounded number of values,
 * and the existing links are read a bounded number of endpoints per query. Speed itself (and the
 * latency of reads during an import) is measured by `npm run bench`, never here.
 */
import { threadId } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SLICE_VALUES } from '../../src/domain/import/document-slices.js';
import { importParseWorker, PARSE_OFF_THREAD_FROM } from '../../src/services/import-parse-offload.js';
import { startTestServer, type TestServer } from '../support/server.js';

const statements: { sql: string; params: unknown[] }[] = [];
let recording = false;
let server: TestServer;

const IMPORT = `mutation($input: CatalogImportInput!) { catalogImport(input: $input) {
  report { applied counts { kind created updated unchanged retired } rejected { location reason } }
  userErrors { code message } } }`;

/** An OSCAL catalog of `n` controls `<prefix>-1`…. */
function catalog(prefix: string, n: number, uuid = `00000000-0000-4000-8000-0000000000${prefix === 'a' ? 'aa' : 'bb'}`): string {
  const controls = Array.from({ length: n }, (_, i) => ({
    id: `${prefix}-${i + 1}`,
    title: `${prefix.toUpperCase()} control ${i + 1}`,
    parts: [{ id: `${prefix}-${i + 1}_smt`, name: 'statement', prose: `Statement ${i + 1}.` }],
  }));
  // One uuid per catalog: a shorter version of the same catalog is the same document.
  return JSON.stringify({ catalog: { uuid, metadata: { title: `Catalog ${prefix}`, version: '1', 'oscal-version': '1.1.2' }, controls } });
}

/** A mapping-collection from catalog a to b: `entries` mappings of `perEntry` 1:1 maps (distinct pairs). */
function collection(entries: number, perEntry: number): string {
  const mappings = Array.from({ length: entries }, (_, e) => ({
    uuid: crypto.randomUUID(),
    'source-resource': { type: 'catalog', href: 'a.json' },
    'target-resource': { type: 'catalog', href: 'b.json' },
    maps: Array.from({ length: perEntry }, (_, i) => ({
      uuid: crypto.randomUUID(),
      relationship: 'intersects-with',
      sources: [{ type: 'control', 'id-ref': `a-${(i % 60) + 1}` }],
      targets: [{ type: 'control', 'id-ref': `b-${((i + e * 7) % 60) + 1}` }],
    })),
  }));
  return JSON.stringify({
    'mapping-collection': {
      uuid: crypto.randomUUID(),
      metadata: { title: 'a to b', version: '1', 'oscal-version': '1.2.1' },
      provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'complete' },
      mappings,
    },
  });
}

async function importRecorded(input: Record<string, unknown>) {
  statements.length = 0;
  recording = true;
  try {
    return (await server.data(IMPORT, { input })).catalogImport;
  } finally {
    recording = false;
  }
}

/**
 * The ids a recorded statement reads `table` by, when it selects from `table` where `column` is
 * in a list (dialect.ts inList: a JSON array bound once on SQLite, an array on PostgreSQL); null
 * for any other statement.
 */
function listRead({ sql, params }: { sql: string; params: unknown[] }, table: string, column: string): number[] | null {
  const where = `^select .* from "${table}" where \\(?"${table}"\\."${column}"`;
  if (new RegExp(`${where} IN \\(SELECT value FROM json_each\\(\\?\\)\\)`).test(sql)) return JSON.parse(String(params[0])) as number[];
  const numbered = new RegExp(`${where} = ANY\\(\\$(\\d+)\\)`).exec(sql);
  return numbered ? (params[Number(numbered[1]) - 1] as number[]) : null;
}

/** Reads of requirements by framework during the recorded import: framework row id → how many. */
function requirementReadsByFramework(): Map<number, number> {
  const reads = new Map<number, number>();
  for (const statement of statements) {
    for (const id of listRead(statement, 'requirements', 'framework_id') ?? []) reads.set(id, (reads.get(id) ?? 0) + 1);
  }
  return reads;
}

beforeAll(async () => {
  server = await startTestServer({ store: { onQuery: (sql, params) => void (recording && statements.push({ sql, params })) } });
  for (const [prefix, refId] of [['a', 'cat-a'], ['b', 'cat-b']] as const) {
    const result = (await server.data(IMPORT, { input: { content: catalog(prefix, 60), frameworkRefId: refId } })).catalogImport;
    expect(result.userErrors).toEqual([]);
  }
});
afterAll(() => server.close());

describe('each framework\'s requirements are read once per import', () => {
  it('a 600-link collection in 4 mappings, frameworks inferred from the ids: one read of each framework (dry run, then for real)', async () => {
    const content = collection(4, 150);
    for (const dryRun of [true, false]) {
      const result = await importRecorded({ content, dryRun });
      expect(result.userErrors).toEqual([]);
      expect(result.report.rejected).toEqual([]);
      expect(result.report.counts.find((c: { kind: string }) => c.kind === 'links')).toMatchObject({ created: 4 * 60 });
      const reads = requirementReadsByFramework();
      expect([...reads.values()]).toEqual([1, 1]);
    }
    // The links exist once each (4 × 150 maps state 240 distinct pairs).
    const again = await importRecorded({ content });
    expect(again.report.counts.find((c: { kind: string }) => c.kind === 'links')).toMatchObject({ created: 0, unchanged: 240 });
    expect([...requirementReadsByFramework().values()]).toEqual([1, 1]);
  });

  it('a catalog import in REPLACE mode reads its framework\'s requirements once (write, then retire what the file lacks)', async () => {
    // Its own framework (the collection test maps all 60 controls of cat-a).
    const uuid = '00000000-0000-4000-8000-0000000000cc';
    const first = (await server.data(IMPORT, { input: { content: catalog('c', 60, uuid), frameworkRefId: 'cat-c' } })).catalogImport;
    expect(first.userErrors).toEqual([]);
    const result = await importRecorded({ content: catalog('c', 50, uuid), frameworkRefId: 'cat-c', mode: 'REPLACE' });
    expect(result.userErrors).toEqual([]);
    expect(result.report.counts.find((c: { kind: string }) => c.kind === 'requirements')).toMatchObject({ unchanged: 50, retired: 10 });
    expect([...requirementReadsByFramework().values()]).toEqual([1]);
  });
});

describe('the import never holds the event loop for a whole file (bounded by values and rows, not by time)', () => {
  it('a large file is parsed off the main thread and placed on it in slices of at most SLICE_VALUES values; a small one is parsed in-process', async () => {
    const content = collection(4, 150);
    expect(content.length).toBeGreaterThan(PARSE_OFF_THREAD_FROM);
    const result = await importRecorded({ content, dryRun: true });
    expect(result.userErrors).toEqual([]);
    const links = result.report.counts.find((c: { kind: string }) => c.kind === 'links');
    expect(links.created + links.updated + links.unchanged).toBe(240);
    const read = importParseWorker.recent.at(-1)!;
    expect(read.characters).toBe(content.length);
    expect(read.threadId).not.toBe(threadId);
    // 600 maps of a dozen values each: several slices, none larger than the bound.
    expect(read.slices).toBeGreaterThan(2);
    expect(read.largestSliceValues).toBeLessThanOrEqual(SLICE_VALUES);

    const small = catalog('s', 3, '00000000-0000-4000-8000-0000000000dd');
    expect(small.length).toBeLessThan(PARSE_OFF_THREAD_FROM);
    expect((await importRecorded({ content: small, frameworkRefId: 'cat-s', dryRun: true })).userErrors).toEqual([]);
    expect(importParseWorker.recent.at(-1)).toEqual({ threadId, characters: small.length, slices: 0, largestSliceValues: 0 });
  });

  it('a document error found off the main thread is the same user error (INVALID, with its location)', async () => {
    const broken = `{"mapping-collection": ${' '.repeat(PARSE_OFF_THREAD_FROM)}[}`;
    const result = await importRecorded({ content: broken });
    expect(result.userErrors).toEqual([{ code: 'INVALID', message: expect.stringMatching(/^(\$|line 1, column \d+): not valid JSON: Unexpected token/) }]);
  });

  it('the existing links of 800 endpoints are read in queries of at most 500 endpoints', async () => {
    for (const prefix of ['e', 'f']) {
      const made = (await server.data(IMPORT, { input: { content: catalog(prefix, 400, `00000000-0000-4000-8000-0000000000${prefix}${prefix}`), frameworkRefId: `cat-${prefix}` } })).catalogImport;
      expect(made.userErrors).toEqual([]);
    }
    const maps = Array.from({ length: 400 }, (_, i) => ({
      uuid: crypto.randomUUID(),
      relationship: 'equivalent-to',
      sources: [{ type: 'control', 'id-ref': `e-${i + 1}` }],
      targets: [{ type: 'control', 'id-ref': `f-${i + 1}` }],
    }));
    const content = JSON.stringify({
      'mapping-collection': { uuid: crypto.randomUUID(), metadata: { title: 'e to f', version: '1', 'oscal-version': '1.2.1' }, provenance: { method: 'human', 'matching-rationale': 'semantic', status: 'complete' }, mappings: [{ uuid: crypto.randomUUID(), 'source-resource': { type: 'catalog', href: 'e.json' }, 'target-resource': { type: 'catalog', href: 'f.json' }, maps }] },
    });
    const result = await importRecorded({ content, frameworkRefId: 'cat-e', targetFrameworkRefId: 'cat-f' });
    expect(result.userErrors).toEqual([]);
    expect(result.report.counts.find((c: { kind: string }) => c.kind === 'links')).toMatchObject({ created: 400 });
    const sizes = statements
      .map((statement) => listRead(statement, 'requirement_links', 'source_requirement_id'))
      .filter((ids): ids is number[] => ids !== null)
      .map((ids) => ids.length);
    expect(sizes).toEqual([500, 300]);
  });
});
