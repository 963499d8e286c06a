/**
 * `npm run cli -- export …` on the database of a running instance: the two one-command
 * flows (a mapping spreadsheet in with `import`, an OSCAL assessment-results file out with
 * `export`), the same documents as the GraphQL fields, and a bundle moved to an empty instance.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCliOn } from './support.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { coverageJson, mappingsExport } from './export-support.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

let server: TestServer;
let out: string;
beforeAll(async () => {
  server = await startTestServer({ seed: 'nist-sp800-53-rev5' });
  out = mkdtempSync(join(tmpdir(), 'crosswalk-export-'));
});
afterAll(async () => {
  await server?.close();
  rmSync(out, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCliOn(server, args);

describe('cli export', () => {
  it('a spreadsheet of mappings in with one command, an OSCAL assessment-results file for the auditor out with another', async () => {
    expect((await cli('import', 'test/fixtures/interop/controls.csv')).code).toBe(0);
    const imported = await cli('import', 'test/fixtures/interop/mappings.csv');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toContain('mappings: 2 created');

    const file = join(out, 'assessment-results.json');
    const exported = await cli('export', 'assessment-results', '--out', file);
    expect(exported.code).toBe(0);
    expect(exported.stdout).toBe('');
    expect(exported.stderr).toMatch(new RegExp(`^Wrote ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(\\d+ bytes, sha256 [0-9a-f]{64}; suggested name assessment-results-organisation-\\d{8}T\\d{6}Z\\.json\\)\\.\\n$`));
    const doc = JSON.parse(readFileSync(file, 'utf8'))['assessment-results'];
    expect(doc.metadata['oscal-version']).toBe('1.1.2');
    const findings = doc.results[0].findings;
    const ac2 = findings.find((f: any) => f.props.some((p: any) => p.name === 'requirement' && p.value === 'AC-2'));
    expect(ac2.target).toMatchObject({ type: 'statement-id', 'target-id': 'ac-2_smt', status: { state: 'not-satisfied', reason: 'fail' } });
  });

  it('writes the documents the GraphQL fields return (coverage as JSON to standard output, mappings as CSV)', async () => {
    const asOf = new Date().toISOString();
    const coverage = await cli('export', 'coverage', '--format', 'json', '--as-of', asOf);
    expect(coverage.code).toBe(0);
    const { generatedAt: _a, ...fromCli } = JSON.parse(coverage.stdout);
    const { generatedAt: _b, ...fromApi } = await coverageJson(server, { asOf: Date.parse(asOf) });
    expect(fromCli).toEqual(fromApi);

    const csv = await cli('export', 'coverage', '--framework', 'nist-sp800-53-rev5', '--no-crosswalks');
    expect(csv.code).toBe(0);
    expect(csv.stdout.split('\n')[0]).toBe('scope,as_of,framework,requirement,title,parent,leaf,status,inferred,decided_by,reasons,controls,total,covered,partial,uncovered,not_applicable,coverage_ratio');

    const mappings = await cli('export', 'mappings');
    expect(mappings.code).toBe(0);
    expect(mappings.stdout).toBe((await mappingsExport(server)).content);
  });

  it('moves everything to an empty instance with a bundle', async () => {
    const bundle = join(out, 'bundle.json');
    expect((await cli('export', 'bundle', '--out', bundle)).code).toBe(0);
    const empty = await startTestServer();
    try {
      const restored = await runCliOn(empty, ['import', bundle]);
      expect(restored.code).toBe(0);
      expect(restored.stdout).toContain('Imported: BUNDLE, mode MERGE.');
      const asOf = Date.now();
      const { generatedAt: _a, ...there } = await coverageJson(empty, { asOf });
      const { generatedAt: _b, ...here } = await coverageJson(server, { asOf });
      expect(there).toEqual(here);
      // The instance it came from holds exactly the bundle's data: importing it there changes nothing.
      const again = await cli('import', bundle);
      expect(again.code).toBe(0);
      // (What the bundle holds depends on which tests ran before: every kind is unchanged.)
      expect(again.stdout).toContain('this instance already holds exactly what the bundle holds; nothing was changed');
      expect(again.stdout).not.toMatch(/\d+ (created|updated|retired)/);
      expect(again.stdout).toMatch(/requirements: \d+ unchanged/);
    } finally {
      await empty.close();
    }
  });

  it('refuses unknown names with exit code 1 and bad option values with exit code 2', async () => {
    const system = await cli('export', 'coverage', '--ai-system', 'No such system');
    expect(system.code).toBe(1);
    expect(system.stderr).toBe('error: --ai-system: no AI system named "No such system"\n');
    const instant = await cli('export', 'assessment-results', '--as-of', 'yesterday');
    expect(instant.code).toBe(2);
    expect(instant.stderr).toContain('--as-of: "yesterday" is not an ISO 8601 instant');
    const framework = await cli('export', 'mappings', '--framework', 'nope');
    expect(framework.code).toBe(1);
    expect(framework.stderr).toBe('error: --framework: no framework "nope"\n');
    const format = await cli('export', 'coverage', '--format', 'xlsx');
    expect(format.code).toBe(2);
    expect(format.stderr).toContain("argument 'xlsx' is invalid");
    expect(format.stderr.trimEnd().split('\n')).toHaveLength(1);
  });
});
