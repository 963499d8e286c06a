/**
 * CLI `--out` files on a shared machine: another local user must not read an audit or bundle
 * export, guess the temporary file's name, or redirect the write through a planted symlink.
 *
 * | case                                             | actor       | expected                                  |
 * |--------------------------------------------------|-------------|-------------------------------------------|
 * | audit export / export bundle --out               | operator    | file mode 0600, no temporary file left    |
 * | --out over a world-readable file                 | operator    | replaced by a 0600 file                   |
 * | --out path is a symlink to another file          | local user  | the symlink is replaced, its target kept  |
 * | temporary file                                   | local user  | 0600, `wx`, 128-bit random name, same dir |
 */
import { chmodSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Output } from '../../src/cli/shared.js';
import { createControl, runCli } from '../access/helpers.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

let server: TestServer;
let outDir: string;
beforeAll(async () => {
  server = await startTestServer();
  outDir = mkdtempSync(join(tmpdir(), 'crosswalk-out-'));
  await createControl(server, 'OUT-1');
});
afterAll(async () => {
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
});

const mode = (file: string) => statSync(file).mode & 0o777;
const cli = (...args: string[]) => runCli(server, args);

describe('CLI --out files', () => {
  it('audit export and bundle export are readable by their owner only (0600), with no temporary file left', async () => {
    const audit = join(outDir, 'audit.jsonl');
    const bundle = join(outDir, 'bundle.json');
    // A world-readable file already at the bundle's path is replaced, not reused.
    writeFileSync(bundle, 'old');
    chmodSync(bundle, 0o644);
    expect((await cli('audit', 'export', '--out', audit)).code).toBe(0);
    expect((await cli('export', 'bundle', '--out', bundle)).code).toBe(0);
    expect([mode(audit), mode(bundle)]).toEqual([0o600, 0o600]);
    expect(JSON.parse(readFileSync(audit, 'utf8').trimEnd().split('\n').at(-1)!)).toMatchObject({ headHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.parse(readFileSync(bundle, 'utf8')).format).toBe('crosswalk-bundle');
    expect(readdirSync(outDir).sort()).toEqual(['audit.jsonl', 'bundle.json']);
  });

  it('replaces a symlink planted at the --out path instead of writing through it', async () => {
    const victim = join(outDir, 'victim.txt');
    writeFileSync(victim, 'must stay');
    const out = join(outDir, 'planted.jsonl');
    symlinkSync(victim, out);
    expect((await cli('audit', 'export', '--out', out)).code).toBe(0);
    expect(readFileSync(victim, 'utf8')).toBe('must stay');
    expect(lstatSync(out).isSymbolicLink()).toBe(false);
    expect(mode(out)).toBe(0o600);
    rmSync(victim);
    rmSync(out);
  });
});

describe('Output (the --out writer)', () => {
  it('creates its temporary file 0600 in the target directory under an unpredictable name, and removes it when discarded', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crosswalk-output-'));
    try {
      const file = join(dir, 'doc.json');
      const first = await Output.open(file);
      const second = await Output.open(file);
      const temporaries = readdirSync(dir).sort();
      expect(temporaries).toHaveLength(2);
      for (const name of temporaries) {
        expect(name).toMatch(/^\.doc\.json\.[0-9a-f]{32}\.tmp$/);
        expect(mode(join(dir, name))).toBe(0o600);
      }
      await first.write('{"a":1}');
      await first.close();
      second.discard();
      expect(readdirSync(dir)).toEqual(['doc.json']);
      expect([readFileSync(file, 'utf8'), mode(file)]).toEqual(['{"a":1}', 0o600]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a directory it cannot write to with a clear --out error', async () => {
    await expect(Output.open(join(outDir, 'no-such-dir', 'doc.json'))).rejects.toThrow(/^--out .*no-such-dir.*ENOENT/);
  });
});
