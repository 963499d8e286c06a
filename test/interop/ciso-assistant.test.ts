/**
 * CISO Assistant libraries (`../shared/data/ciso-assistant-libraries`, read where they are: AGPL
 * packaging, SCF CC BY-ND, so never copied here): framework libraries import with the file's own
 * node and assessable counts, the ISO 42001 ↔ SCF mapping library gives its 358 forward mappings
 * (30 naming five ISO URNs absent from the ISO library are unresolved), the `-revert` set is
 * recognised and not imported twice. When the folder is absent these tests are skipped, with a
 * console warning and the reason in each test's name.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { importFile } from './export-support.js';
import { count, onlyUnchanged, openImportEnv, runCliOn, type ImportEnv } from './support.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

/** The libraries' folder: $CROSSWALK_SHARED_DATA, else ../shared/data or ../../shared/data from the repository. */
function librariesDir(): string | null {
  const roots = [process.env.CROSSWALK_SHARED_DATA, '../shared/data', '../../shared/data'].filter((r): r is string => !!r);
  for (const root of roots) {
    const dir = resolve(root, 'ciso-assistant-libraries');
    if (existsSync(resolve(dir, 'iso42001-2023.yaml'))) return dir;
  }
  return null;
}

const DIR = librariesDir();
const SKIP = DIR ? '' : ' [SKIPPED: ../shared/data/ciso-assistant-libraries is absent]';
if (!DIR) console.warn(`CISO Assistant library tests skipped: ../shared/data/ciso-assistant-libraries was not found (set CROSSWALK_SHARED_DATA to the data folder)`);
const file = (name: string) => resolve(DIR ?? '.', name);
const read = (name: string) => readFileSync(file(name), 'utf8');

const ISO = 'iso42001-2023.yaml';
const SCF = 'scf-2025.2.2.yaml';
const ISO_SCF = 'mapping-iso42001-2023-and-scf-2025.2.2.yaml';
const MISSING_ISO_URNS = ['3.0', '6.1.1', '6.1.2', '6.1.3', '6.1.4'].map((id) => `urn:intuitem:risk:req_node:iso42001-2023:${id}`);

/** The file's own figures (SOURCE.md): requirement nodes and assessable ones. */
const FRAMEWORKS: [file: string, refId: string, nodes: number, assessable: number][] = [
  [ISO, 'iso42001-2023', 88, 67],
  ['ai-act.yaml', 'ai-act', 1200, 347],
  ['nist-ai-rmf-1.0.yaml', 'nist-ai-rmf-1.0', 113, 72],
  ['owasp-llm-checklist.yaml', 'owasp-llm-checklist', 90, 73],
  ['ai-defense-matrix.yaml', 'ai-defense-matrix', 104, 48],
  ['anssi-genai-security-recommendations-1.0.yaml', 'anssi-genai-security-recommendations-1.0', 44, 35],
  [SCF, 'scf-2025.2.2', 1375, 1341],
];

describe('CISO Assistant framework and mapping libraries', () => {
  let env: ImportEnv;
  beforeAll(async () => {
    env = await openImportEnv();
    if (!DIR) return;
    await env.ok({ content: read(ISO), sourceName: ISO });
    await env.ok({ content: read(SCF), sourceName: SCF });
  }, 120_000);
  afterAll(() => env.dispose());

  it.skipIf(!DIR)(`every framework library imports with the file's own node and assessable counts; again, nothing changes${SKIP}`, async () => {
    for (const [name, refId, nodes, assessable] of FRAMEWORKS) {
      const content = read(name);
      const report = await env.ok({ content });
      expect(report.format, name).toBe('CISO_ASSISTANT_LIBRARY');
      expect(report.rejected, name).toEqual([]);
      const requirements = count(report, 'requirements');
      expect(requirements.created + requirements.unchanged, name).toBe(nodes);
      expect(await env.scalar('SELECT count(*) FROM requirements r JOIN frameworks f ON f.id = r.framework_id WHERE f.ref_id = ?', refId), name).toBe(nodes);
      expect(await env.scalar("SELECT count(*) FROM requirements r JOIN frameworks f ON f.id = r.framework_id WHERE f.ref_id = ? AND r.kind = 'assessable'", refId), name).toBe(assessable);
      expect(
        await env.scalar(
          'SELECT count(*) FROM baseline_requirements m JOIN baselines b ON b.id = m.baseline_id WHERE b.ref_id = ? AND m.removed_at IS NULL',
          `${refId}-assessable`,
        ),
        name,
      ).toBe(assessable);
      expect(onlyUnchanged(await env.ok({ content })), name).toBe(true);
    }
  }, 180_000);

  it.skipIf(!DIR)(`keeps each node's URN as its source id, its hierarchy, its text and the library's provenance${SKIP}`, async () => {
    const row = (await env.sql.get(`SELECT r.ref_id AS "refId", r.source_id AS "sourceId", r.title, r.statement, r.kind, p.ref_id AS parent FROM requirements r
         JOIN frameworks f ON f.id = r.framework_id LEFT JOIN requirements p ON p.id = r.parent_id WHERE f.ref_id = 'iso42001-2023' AND r.ref_id = '4.1'`));
    expect(row).toEqual({
      refId: '4.1',
      sourceId: 'urn:intuitem:risk:req_node:iso42001-2023:4.1',
      title: 'Understanding the organization and its context',
      statement: 'Identify internal and external factors relevant to AI system development and use.',
      kind: 'assessable',
      parent: '4',
    });
    const framework = (await env.sql.get(`SELECT name, version, source_note AS "sourceNote", license_note AS "licenseNote" FROM frameworks WHERE ref_id = 'iso42001-2023'`)) as Record<string, string>;
    expect(framework.version).toBe('1');
    expect(framework.licenseNote).toBe('ISO - You can purchase the standard for full details.');
    expect(framework.sourceNote).toContain('CISO Assistant library urn:intuitem:risk:library:iso42001-2023, framework urn:intuitem:risk:framework:iso42001-2023');
  });

  it.skipIf(!DIR)(`ISO 42001 ↔ SCF: 358 forward mappings, the 30 naming five absent ISO URNs unresolved, the -revert set not imported twice${SKIP}`, async () => {
    const content = read(ISO_SCF);
    const dry = await env.ok({ content, dryRun: true });
    expect(count(dry, 'links').created).toBe(328);
    const report = await env.ok({ content });
    expect(report.format).toBe('CISO_ASSISTANT_LIBRARY');
    expect(count(report, 'links')).toEqual({ created: 328, updated: 0, unchanged: 0, retired: 0 });
    expect(report.rejected).toHaveLength(30);
    for (const r of report.rejected) {
      expect(r.location).toMatch(/^\$\.objects\.requirement_mapping_sets\[0\]\.requirement_mappings\[\d+\]$/);
      expect(r.reason).toMatch(/^"urn:intuitem:risk:req_node:iso42001-2023:(3\.0|6\.1\.[1-4])" is not a requirement of framework "iso42001-2023"$/);
    }
    expect(report.unresolved).toEqual([{ kind: 'REQUIREMENT', frameworkRefId: 'iso42001-2023', ids: MISSING_ISO_URNS }]);
    expect(report.warnings).toContainEqual({
      location: '$.objects.requirement_mapping_sets[1]',
      message: expect.stringMatching(/-revert\) of \$\.objects\.requirement_mapping_sets\[0\]: 358 of its 358 mappings are the forward ones reversed and are not imported twice$/),
    });
    const relationships = (await env.sql.all(`SELECT l.relationship, count(*) AS n FROM requirement_links l JOIN requirements s ON s.id = l.source_requirement_id JOIN frameworks f ON f.id = s.framework_id
         WHERE f.ref_id = 'iso42001-2023' AND l.retired_at IS NULL GROUP BY l.relationship ORDER BY l.relationship`));
    // The file's forward set: intersect 326, subset 32, less the 30 unresolved.
    const unresolvedBy = (relationship: string) =>
      (JSON.parse(JSON.stringify(readMappings(content))) as { s: string; r: string }[]).filter((m) => MISSING_ISO_URNS.includes(m.s) && m.r === relationship).length;
    expect(relationships).toEqual([
      { relationship: 'INTERSECTS_WITH', n: 326 - unresolvedBy('intersect') },
      { relationship: 'SUBSET_OF', n: 32 - unresolvedBy('subset') },
    ]);
    const link = (await env.sql.get(`SELECT t.ref_id AS target, l.relationship, l.provenance FROM requirement_links l JOIN requirements s ON s.id = l.source_requirement_id
         JOIN requirements t ON t.id = l.target_requirement_id WHERE s.ref_id = '10.1' AND l.retired_at IS NULL ORDER BY t.ref_id LIMIT 1`)) as Record<string, string>;
    expect(link.target).toBe('AAT-07.3');
    expect(link.relationship).toBe('INTERSECTS_WITH');
    expect(link.provenance).toContain('mapping set urn:intuitem:risk:req_mapping_set:mapping-iso42001-2023-and-scf-2025.2.2');
    expect(onlyUnchanged(await env.ok({ content }))).toBe(true);
  }, 120_000);
});

/** The forward set's mappings, read with a plain line scan (independent of the importer). */
function readMappings(content: string): { s: string; r: string }[] {
  const forward = content.slice(0, content.indexOf('-revert\n'));
  const out: { s: string; r: string }[] = [];
  const re = /source_requirement_urn: (\S+)\n\s+target_requirement_urn: \S+\n\s+relationship: (\w+)/g;
  for (let m = re.exec(forward); m; m = re.exec(forward)) out.push({ s: m[1]!, r: m[2]! });
  expect(out).toHaveLength(358);
  return out;
}

describe('CISO Assistant libraries: refusals', () => {
  let env: ImportEnv;
  beforeAll(async () => {
    env = await openImportEnv();
  });
  afterAll(() => env.dispose());

  it.skipIf(!DIR)(`a mapping library whose frameworks are not here is rejected set by set, naming what to import first${SKIP}`, async () => {
    const report = await env.ok({ content: read(ISO_SCF) });
    expect(count(report, 'links').created).toBe(0);
    expect(report.rejected).toEqual([
      {
        location: '$.objects.requirement_mapping_sets[0]',
        reason: expect.stringMatching(/^no framework here holds the requirements of urn:intuitem:risk:framework:iso42001-2023: import its framework library first; .* \(358 mappings not imported\)$/),
      },
      { location: '$.objects.requirement_mapping_sets[1]', reason: expect.stringContaining('(358 mappings not imported)') },
    ]);
  });

  it('an alias bomb is refused, and so is broken YAML, each with a clear error', async () => {
    const lines = ['urn: urn:x:library:bomb', 'objects:', '  framework:', '    a: &a ["x","x","x","x","x","x","x","x","x","x"]'];
    for (let i = 1; i <= 8; i++) lines.push(`    b${i}: &b${i} [${Array(10).fill(i === 1 ? '*a' : `*b${i - 1}`).join(',')}]`);
    const bomb = await env.run({ content: lines.join('\n') + '\n' });
    expect(bomb.report).toBeNull();
    expect(bomb.errors).toEqual([{ code: 'INVALID', message: expect.stringMatching(/expands aliases more than 100 times .*alias bomb/), field: ['input', 'content'] }]);
    const broken = await env.run({ content: 'urn: urn:x\nobjects:\n  framework: [unclosed\n' });
    expect(broken.errors).toEqual([{ code: 'INVALID', message: expect.stringMatching(/^line \d+, column \d+: not valid YAML: /), field: ['input', 'content'] }]);
  });

  it('a small inline library (always run): a urn given twice is one node even when its first node was refused; a decimal ref_id YAML read as a number is refused', async () => {
    const node = (id: string, refId: string) => `    - urn: urn:x:req_node:mini:${id}\n      assessable: true\n      ref_id: ${refId}\n      name: Node ${id}\n`;
    const library = [
      'urn: urn:x:library:mini',
      'objects:',
      '  framework:',
      '    urn: urn:x:framework:mini',
      '    ref_id: mini',
      '    name: Mini',
      '    requirement_nodes:',
      node('a', "'4.1'").trimEnd(),
      node('b', '4.10').trimEnd(),
      node('c', "'4.1'").trimEnd(),
      node('c', "'4.2'").trimEnd(),
      node('d', '7').trimEnd(),
    ].join('\n');
    const report = await env.ok({ content: library + '\n', mode: 'MERGE' });
    expect(count(report, 'requirements').created).toBe(2);
    expect(report.rejected).toEqual([
      { location: '$.objects.framework.requirement_nodes[1]', reason: 'ref_id is the YAML number 4.1, which loses how it was written (4.10 reads as 4.1); quote it ("4.1" or as written)' },
      { location: '$.objects.framework.requirement_nodes[2]', reason: 'ref_id "4.1" is already used by the node at $.objects.framework.requirement_nodes[0]; refIds must be unique in a framework' },
      { location: '$.objects.framework.requirement_nodes[3]', reason: 'urn "urn:x:req_node:mini:c" is given again (first at $.objects.framework.requirement_nodes[2])' },
    ]);
  });

  it('a library holding neither a framework nor mapping sets is refused by name', async () => {
    const outcome = await env.run({ content: 'urn: urn:intuitem:risk:library:mas\nobjects:\n  threats:\n  - urn: urn:x:t1\n' });
    expect(outcome.errors).toEqual([
      { code: 'INVALID', message: expect.stringContaining('$.objects: this library holds threats; Crosswalk imports framework libraries'), field: ['input', 'content'] },
    ]);
  });
});

describe('CISO Assistant libraries over HTTP and the CLI', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(() => server?.close());

  it.skipIf(!DIR)(`catalogImport detects a framework library; npm run cli -- import reads it too${SKIP}`, async () => {
    const imported = await importFile(server, { content: read(ISO) });
    expect(imported.userErrors).toEqual([]);
    expect(imported.report.format).toBe('CISO_ASSISTANT_LIBRARY');
    expect(imported.report.counts.find((c: { kind: string }) => c.kind === 'requirements').created).toBe(88);
    const d = await server.data(`{ requirement(frameworkRefId: "iso42001-2023", refId: "A.2.2") { title sourceId kind } }`);
    expect(d.requirement).toEqual({ title: 'AI policy', sourceId: 'urn:intuitem:risk:req_node:iso42001-2023:a.2.2', kind: 'assessable' });
    const cli = await runCliOn(server, ['import', file('owasp-llm-checklist.yaml'), '--format', 'ciso']);
    expect(cli.stderr).toBe('');
    expect(cli.code).toBe(0);
    expect(cli.stdout).toContain('Imported: CISO_ASSISTANT_LIBRARY, mode MERGE.');
    expect(cli.stdout).toContain('requirements: 90 created');
  }, 120_000);
});
