/**
 * The operator commands, spawned as `node --import tsx src/cli/index.ts …` on the data
 * directory of a running test instance (SQLite WAL lets both use the file).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRepositories } from '../../src/db/repositories/index.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { hashToken } from '../../src/domain/tokens.js';
import { appendAudit } from '../../src/services/audit-trail.js';
import { startTestServer, type TestServer } from '../support/server.js';
import { auditEntries, auditVerify, bearer, createAiSystem, createControl, ERRORS, openDatabaseFile, post, runCli } from './helpers.js';
import { useCompiledApp } from '../support/compiled-app.js';

// The CLI (or server) these tests spawn is the compiled build (test/support/compiled-app.ts).
useCompiledApp();

let server: TestServer;
let outDir: string;
let controlA: string;
const secrets: string[] = [];

beforeAll(async () => {
  server = await startTestServer();
  outDir = mkdtempSync(join(tmpdir(), 'crosswalk-cli-'));
  controlA = await createControl(server, 'CLI-A');
  await createControl(server, 'CLI-B');
  await createAiSystem(server, 'cli-system');
});
afterAll(async () => {
  await server.close();
  rmSync(outDir, { recursive: true, force: true });
});

const cli = (...args: string[]) => runCli(server, args);
const SECRET = /cwk_[A-Za-z0-9_-]{43}/g;
const tokenCount = async () => (await server.data('{ tokens(includeRevoked: true) { totalCount } }')).tokens.totalCount as number;

describe('token commands', () => {
  it('token create prints the secret once, with how to use it; the token works and is audited as system:cli', async () => {
    const result = await cli('token', 'create', '--name', 'ci-uploader', '--role', 'CONTRIBUTOR', '--expires', '90d', '--control', 'CLI-A', '--ai-system', 'cli-system');
    expect(result.code).toBe(0);
    const found = result.stdout.match(SECRET) ?? [];
    expect(found).toHaveLength(1);
    const secret = found[0]!;
    secrets.push(secret);
    expect(result.stdout).toMatch(/shown only this once/);
    expect(result.stdout).toMatch(/Authorization: Bearer/);
    expect(result.stdout).toMatch(/role CONTRIBUTOR/);

    const me = await server.withToken(secret).data('{ viewer { name role token { expiresAt createdBy scopeControls { refId } scopeAISystems { name } } } }');
    expect(me.viewer).toMatchObject({ name: 'ci-uploader', role: 'CONTRIBUTOR', token: { createdBy: 'system:cli', scopeControls: [{ refId: 'CLI-A' }], scopeAISystems: [{ name: 'cli-system' }] } });
    const days = (Date.parse(me.viewer.token.expiresAt) - Date.now()) / 86_400_000;
    expect(days).toBeGreaterThan(89.9);
    expect(days).toBeLessThanOrEqual(90);
    // The scope applies.
    const evidence = await server.withToken(secret).data(`mutation($c: ID!) { evidenceCreate(input: { kind: ATTESTATION, title: "t", controlIds: [$c] }) { ${ERRORS} } }`, { c: controlA });
    expect(evidence.evidenceCreate.userErrors).toEqual([expect.objectContaining({ code: 'FORBIDDEN', field: ['input', 'aiSystemId'] })]);

    const [entry] = (await auditEntries(server, { actorId: 'system:cli' })).filter((e) => e.action === 'tokenCreate' && e.outcome === 'SUCCESS' && e.after.name === 'ci-uploader');
    expect(entry).toMatchObject({ actorName: 'cli', actorRole: 'ADMIN', requestId: null, after: { name: 'ci-uploader', createdBy: 'system:cli' } });
    expect(entry.targetIds).toHaveLength(1);
  });

  it.each([
    ['an unknown role', ['--name', 'x', '--role', 'SUPERUSER'], /--role.*SUPERUSER.*VIEWER, CONTRIBUTOR, REVIEWER, EDITOR, ADMIN/],
    ['a missing role', ['--name', 'x'], /--role/],
    ['a bad expiry', ['--name', 'x', '--role', 'VIEWER', '--expires', 'tomorrow'], /--expires "tomorrow": use a lifetime like 90d/],
    ['a past expiry date', ['--name', 'x', '--role', 'VIEWER', '--expires', '2001-01-01'], /--expires "2001-01-01"/],
    ['an unknown AI system', ['--name', 'x', '--role', 'VIEWER', '--ai-system', 'nope'], /--ai-system: no AI system named "nope"/],
    ['unknown controls', ['--name', 'x', '--role', 'VIEWER', '--control', 'CLI-A', 'NOPE-1', 'NOPE-2'], /--control: no control named "NOPE-1", "NOPE-2"/],
    ['a blank name', ['--name', ' ', '--role', 'VIEWER'], /--name: .*\(INVALID\)/],
  ])('token create refuses %s with a clear message and a non-zero exit code', async (_, args, message) => {
    const before = await tokenCount();
    const result = await cli('token', 'create', ...args);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(message);
    expect(result.stdout).not.toMatch(SECRET);
    expect(await tokenCount()).toBe(before);
  });

  it('token create refuses a name a live token has, naming --name', async () => {
    expect((await cli('token', 'create', '--name', 'cli-duplicate', '--role', 'VIEWER')).code).toBe(0);
    const before = await tokenCount();
    const result = await cli('token', 'create', '--name', 'cli-duplicate', '--role', 'VIEWER');
    expect(result.code).not.toBe(0);
    expect(result.stderr).toMatch(/--name: a live token named "cli-duplicate" exists: choose another name, or revoke that token first \(DUPLICATE\)/);
    expect(result.stdout).not.toMatch(SECRET);
    expect(await tokenCount()).toBe(before);
  });

  it('token list shows tokens without their secrets; --all includes revoked ones; token revoke takes a prefix or an id', { timeout: 120_000 }, async () => {
    const scoped = await cli('token', 'create', '--name', 'list-scoped', '--role', 'CONTRIBUTOR', '--control', 'CLI-A', '--ai-system', 'cli-system');
    secrets.push(scoped.stdout.match(SECRET)![0]);
    const created = await cli('token', 'create', '--name', 'to-revoke', '--role', 'VIEWER');
    const secret = created.stdout.match(SECRET)![0];
    secrets.push(secret);
    const prefix = secret.slice(0, 10);

    const list = await cli('token', 'list');
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/^ID\s+PREFIX\s+NAME\s+ROLE/);
    expect(list.stdout).toContain(prefix);
    expect(list.stdout).toMatch(/CROSSWALK_ADMIN_TOKEN/);
    expect(list.stdout).toMatch(/list-scoped\s+CONTRIBUTOR\s+active/);
    expect(list.stdout).toMatch(/controls CLI-A; AI systems cli-system/);
    for (const s of [...secrets, server.token]) expect(list.stdout).not.toContain(s);
    expect(list.stdout).not.toContain(hashToken(secret));

    expect((await post(server, bearer(secret), '{ viewer { name } }')).status).toBe(200);
    const revoke = await cli('token', 'revoke', prefix);
    expect(revoke.code).toBe(0);
    expect(revoke.stdout).toMatch(/Revoked token \d+ "to-revoke"/);
    expect((await post(server, bearer(secret), '{ viewer { name } }')).status).toBe(401);

    const again = await cli('token', 'revoke', prefix);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already revoked \(CONFLICT\)/);
    expect((await cli('token', 'list')).stdout).not.toContain(prefix);
    expect((await cli('token', 'list', '--all')).stdout).toMatch(new RegExp(`${prefix}\\s+to-revoke\\s+VIEWER\\s+revoked`));

    const byId = await cli('token', 'create', '--name', 'by-id', '--role', 'VIEWER');
    secrets.push(byId.stdout.match(SECRET)![0]);
    const id = /Created API token (\d+)/.exec(byId.stdout)![1]!;
    expect((await cli('token', 'revoke', id)).code).toBe(0);
    const unknown = await cli('token', 'revoke', '99999');
    expect([unknown.code, unknown.stderr]).toEqual([1, expect.stringMatching(/no token with id 99999/)]);
    const vague = await cli('token', 'revoke', 'cwk');
    expect([vague.code, vague.stderr]).toEqual([1, expect.stringMatching(/too short/)]);

    const revokes = (await auditEntries(server, { actions: ['tokenRevoke'], actorId: 'system:cli' })).map((e) => e.outcome);
    expect(revokes).toEqual(['SUCCESS', 'REJECTED', 'SUCCESS']);
  });

  it('refuses to work on a data directory without a database', async () => {
    const result = await runCli(join(outDir, 'nothing-here'), ['token', 'list']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/no database at .*crosswalk\.db; set CROSSWALK_DATA_DIR/);
  });
});

describe('audit commands', () => {
  it('audit export writes JSON lines and a final head line, and advises keeping the head outside', async () => {
    // More entries than one read batch (1000), appended the way the runner does.
    await server.instance.store.transaction(async (tx) => {
      const repo = createRepositories(tx).audit;
      for (let i = 0; i < 1200; i++) await appendAudit(repo, CLI_ACTOR, { action: 'test.bulk', outcome: 'SUCCESS', targetIds: [], after: { i }, requestId: null }, new Date());
    });
    const file = join(outDir, 'audit.jsonl');
    const result = await cli('audit', 'export', '--out', file);
    expect(result.code).toBe(0);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n').map((l) => JSON.parse(l));
    const final = lines.at(-1);
    const entries = lines.slice(0, -1);
    const verified = await auditVerify(server);
    expect(final).toEqual({ headHash: verified.headHash, entries: verified.entries });
    expect(entries).toHaveLength(verified.entries);
    expect(verified.entries).toBeGreaterThan(1200);
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(Object.keys(entries[0]).sort()).toEqual(
      ['seq', 'at', 'actorId', 'actorName', 'actorRole', 'action', 'targetIds', 'before', 'after', 'requestId', 'outcome', 'prevHash', 'hash'].sort(),
    );
    // before/after are JSON values, not strings; the same as the API shows.
    const api = await auditEntries(server);
    expect(entries.map(({ seq, at, actorId, action, targetIds, before, after, outcome, prevHash, hash }) => ({ seq, at, actorId, action, targetIds, before, after, outcome, prevHash, hash }))).toEqual(
      api.map(({ seq, at, actorId, action, targetIds, before, after, outcome, prevHash, hash }) => ({ seq, at, actorId, action, targetIds, before, after, outcome, prevHash, hash })),
    );
    expect(entries.find((e) => e.action === 'controlCreate').after).toMatchObject({ refId: 'CLI-A', title: 'Control CLI-A' });
    expect(result.stdout).toContain(verified.headHash);
    expect(result.stdout).toMatch(/outside the database/);
    expect(result.stdout).toContain(`audit verify --head ${verified.headHash}`);
    const text = readFileSync(file, 'utf8');
    for (const secret of [...secrets, server.token]) {
      expect(text).not.toContain(secret);
      expect(text).not.toContain(hashToken(secret));
    }

    // To standard output: only the data there, the advice on standard error.
    const stdout = await cli('audit', 'export');
    expect(stdout.code).toBe(0);
    expect(stdout.stdout.trimEnd().split('\n').map((l) => JSON.parse(l))).toEqual(lines);
    expect(stdout.stderr).toContain(verified.headHash);
  });

  it('audit verify: intact, a cut-off tail caught with --head, a changed entry reported at its seq', { timeout: 120_000 }, async () => {
    // This test cuts and changes the trail: on its own server, so the other tests keep an intact one.
    const server = await startTestServer();
    const cli = (...args: string[]) => runCli(server, args);
    const outDir = server.dataDir;
    // Enough entries that seq 3 survives the cut below.
    for (const refId of ['CLI-BEFORE-1', 'CLI-BEFORE-2', 'CLI-BEFORE-3']) await createControl(server, refId);
    await createAiSystem(server, 'cli-before-1');
    await createAiSystem(server, 'cli-before-2');
    const ok = await cli('audit', 'verify');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^Intact: \d+ entries/);

    const file = join(outDir, 'before-cut.jsonl');
    expect((await cli('audit', 'export', '--out', file)).code).toBe(0);
    const { headHash, entries } = JSON.parse(readFileSync(file, 'utf8').trimEnd().split('\n').at(-1)!);
    expect((await cli('audit', 'verify', '--head', headHash)).code).toBe(0);

    // More happens, then someone removes the last entries (from the exported head on).
    await createControl(server, 'CLI-AFTER-1');
    await createControl(server, 'CLI-AFTER-2');
    const db = await openDatabaseFile(server);
    const on = db.dialect === 'postgres' ? ' ON audit_log' : '';
    try {
      await db.exec(`DROP TRIGGER audit_log_no_delete${on}`);
      await db.run('DELETE FROM audit_log WHERE seq >= ?', [entries - 1]);
      const cut = await cli('audit', 'verify');
      expect(cut.code).toBe(0); // the chain alone cannot tell
      const caught = await cli('audit', 'verify', '--head', headHash);
      expect(caught.code).toBe(1);
      expect(caught.stdout).toMatch(/does not contain the head hash/);
      const badHead = await cli('audit', 'verify', '--head', 'not-a-hash');
      expect([badHead.code, badHead.stderr]).toEqual([2, expect.stringMatching(/--head must be a SHA-256 hash/)]);

      await db.exec(`DROP TRIGGER audit_log_no_update${on}`);
      await db.run(`UPDATE audit_log SET actor_name = 'someone else' WHERE seq = 3`);
      const broken = await cli('audit', 'verify');
      expect(broken.code).toBe(1);
      expect(broken.stdout).toMatch(/broken at seq 3/);
      const exported = await cli('audit', 'export', '--out', join(outDir, 'broken.jsonl'));
      expect(exported.code).toBe(1);
      expect(exported.stdout).toMatch(/WARNING: the chain is broken at seq 3/);
    } finally {
      await db.close();
      await server.close();
    }
  });
});
