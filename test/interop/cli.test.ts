/** `npm run cli -- import FILE`: a spreadsheet of controls and mappings into a running instance, with one command each. */
import { createHash, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serverSql } from '../support/sql.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/server.js';
import { runCliOn, SP800_53_PROFILE } from './support.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

let server: TestServer;
// Each test gets its own instance: the tests count controls and audit entries.
beforeEach(async () => {
  server = await startTestServer({ seed: 'nist-sp800-53-rev5' });
});
afterEach(() => server.close());

const cli = (...args: string[]) => runCliOn(server, ['import', ...args]);

describe('cli import', () => {
  it('a dry run prints what would happen and writes nothing', async () => {
    const result = await cli('test/fixtures/interop/controls.csv', '--dry-run');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('Dry run (nothing written): CSV_CONTROLS, mode MERGE.');
    expect(result.stdout).toContain('controls: 2 created');
    expect((await server.data('{ controls { totalCount } }')).controls.totalCount).toBe(0);
  });

  it('imports controls, then mappings; the bad row is listed with its line; the import is audited as system:cli', async () => {
    expect((await cli('test/fixtures/interop/controls.csv', '--dry-run')).code).toBe(0);
    const controls = await cli('test/fixtures/interop/controls.csv');
    expect(controls.code).toBe(0);
    expect(controls.stdout).toContain('Imported: CSV_CONTROLS, mode MERGE.');
    expect(controls.stdout).toContain('Nothing was rejected.');

    const mappings = await cli('test/fixtures/interop/mappings.csv', '--format', 'mappings');
    expect(mappings.code).toBe(0);
    expect(mappings.stdout).toContain('mappings: 2 created');
    expect(mappings.stdout).toMatch(/Rejected \(1\):\n {2}line 5: relationship "reviews" is not one of EQUAL/);

    const d = await server.data(`{ control(refId: "LOG-01") { description requirements { edges { node { refId } } } } }`);
    expect(d.control.description).toBe('Logs are kept for a year; "tamper-evident" storage');
    expect(d.control.requirements.edges).toEqual([{ node: { refId: 'AU-2' } }]);
    const log = await server.data(`{ auditLog(first: 10, filter: { actions: ["catalogImport"], actorId: "system:cli" }) { totalCount } }`);
    expect(log.auditLog.totalCount).toBe(3); // the dry run, the controls, the mappings

    const again = await cli('test/fixtures/interop/mappings.csv', '--json');
    expect(again.code).toBe(0);
    const outcome = JSON.parse(again.stdout);
    expect(outcome.report.counts.find((c: { kind: string }) => c.kind === 'mappings')).toEqual({ kind: 'mappings', created: 0, updated: 0, unchanged: 2, retired: 0 });
  });

  it('imports a profile as a baseline; refusals exit with code 1 and say why', async () => {
    const ok = await cli(SP800_53_PROFILE('MODERATE'), '--framework', 'nist-sp800-53-rev5', '--baseline', '800-53-moderate');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('baselineMembers: 287 created');
    const d = await server.data(`{ baseline(refId: "800-53-moderate") { requirementCount } }`);
    expect(d.baseline.requirementCount).toBe(287);

    const noFramework = await cli('seeds/nist-csf-2.0/NIST_CSF_v2.0_catalog-min.json');
    expect(noFramework.code).toBe(1);
    expect(noFramework.stderr).toMatch(/^error: --framework: give the refId of the framework the catalog is imported as/);
    const badFormat = await cli('test/fixtures/interop/controls.csv', '--format', 'excel');
    expect(badFormat.code).toBe(2);
    expect(badFormat.stderr).toContain('--format: unknown format "excel"');
    const missing = await cli('no/such/file.csv');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('no/such/file.csv');
  });

  it('a file of which nothing can be imported says so and exits with code 1, in a dry run too', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-cli-nothing-'));
    const file = join(dir, 'unknown-ids.json');
    writeFileSync(
      file,
      JSON.stringify({
        'mapping-collection': {
          uuid: '55555555-5555-4555-8555-555555555555',
          metadata: { title: 'Unknown ids', version: '1' },
          mappings: [{ maps: [{ relationship: 'equal-to', sources: [{ 'id-ref': 'zz-1' }], targets: [{ 'id-ref': 'zz-2' }] }] }],
        },
      }),
    );
    try {
      for (const args of [['--dry-run'], []]) {
        const result = await cli(file, ...args);
        expect(result.code).toBe(1);
        expect(result.stdout).toContain(`nothing ${args.length ? 'would be' : 'was'} imported: all 2 item(s) of the file were rejected`);
        expect(result.stderr).toContain(`nothing ${args.length ? 'would be' : 'was'} imported from ${file}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('records the hashes of the file as sent, a byte-order mark included, by the CLI and by an uploaded blob', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-cli-bom-'));
    try {
      const catalog = (title: string) => ({
        catalog: { uuid: randomUUID(), metadata: { title, version: '1', 'oscal-version': '1.1.2' }, controls: [{ id: 'b-1', title: 'One' }] },
      });
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(catalog('With a BOM')), 'utf8')]);
      const file = join(dir, 'bom-catalog.json');
      writeFileSync(file, bytes);
      const result = await cli(file, '--framework', 'bom-cli');
      expect(result.code, result.stderr).toBe(0);

      const blob = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(catalog('Uploaded with a BOM')), 'utf8')]);
      const upload = await fetch(`${server.url}/v1/blobs`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream' },
        body: new Uint8Array(blob),
      });
      const { sha256 } = (await upload.json()) as { sha256: string };
      const imported = await server.data(`mutation($input: CatalogImportInput!) { catalogImport(input: $input) { userErrors { message } } }`, {
        input: { sha256, frameworkRefId: 'bom-blob' },
      });
      expect(imported.catalogImport.userErrors).toEqual([]);

      const hash = (algorithm: string, data: Buffer) => createHash(algorithm).update(data).digest('hex');
      expect(sha256).toBe(hash('sha256', blob));
      const db = await serverSql(server);
      try {
        const recorded = (refId: string) => db.get('SELECT source_sha256 AS sha256, source_md5 AS md5 FROM frameworks WHERE ref_id = ?', refId);
        expect(await recorded('bom-cli')).toEqual({ sha256: hash('sha256', bytes), md5: hash('md5', bytes) });
        expect(await recorded('bom-blob')).toEqual({ sha256: hash('sha256', blob), md5: hash('md5', blob) });
      } finally {
        await db.close();
      }
      const log = await server.data(`{ auditLog(first: 50, filter: { actions: ["catalogImport"] }) { edges { node { after } } } }`);
      const audited = log.auditLog.edges.map((e: { node: { after: { sourceName?: string; sha256?: string } } }) => e.node.after);
      expect(audited).toContainEqual(expect.objectContaining({ sourceName: 'bom-catalog.json', sha256: hash('sha256', bytes) }));
      expect(audited).toContainEqual(expect.objectContaining({ format: 'OSCAL_CATALOG', sha256 }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
