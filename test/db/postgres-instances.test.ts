/**
 * Several instances on one PostgreSQL database (issue 15, docs/operations.md "Several instances"):
 * - two server processes (the compiled build, what `npm start` runs) started at the same moment
 *   on an empty database migrate it once, seed it once and create the ADMIN token once;
 * - mixed writes through both: every acknowledged write is read back through the other instance
 *   at once, and both give the same coverage answers (summary and gaps of a few scopes) after
 *   each write;
 * - one instance killed with SIGKILL during a burst of writes and uploads, and started again:
 *   every acknowledged write and file is there, through either instance; the audit chain
 *   verifies; no foreign key has an orphan; every stored file hashes to its name;
 * - in process: a NOTIFY from another instance's commit patches the coverage cache before any
 *   read asks, also after the listening connection was killed and made again.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { createLogger } from '../../src/ops/log.js';
import { listenForChanges } from '../../src/db/pg-change-listener.js';
import { startCrosswalk, type Instance } from '../../src/server.js';
import { POSTGRES_MIGRATIONS_FOLDER } from '../../src/db/migrate-postgres.js';
import { Builder, Reader, uniq } from '../api/coverage-helpers.js';
import { spawnServer, type ChildServer } from '../evidence-files/support/child-server.js';
import { compiledApp, useCompiledApp } from '../support/compiled-app.js';
import { createPostgresDatabase, type TestDatabase } from '../support/postgres.js';
import type { GraphQLClient } from '../support/server.js';

useCompiledApp();

const TOKEN = `instances-admin-${randomBytes(24).toString('hex')}`;
const dataDirs: string[] = [];
const servers: ChildServer[] = [];
let database: TestDatabase;

async function sql<T = any>(query: string, params: unknown[] = [], url = database.url): Promise<T[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query, params)).rows as T[];
  } finally {
    await client.end();
  }
}

async function startInstance(): Promise<ChildServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-instance-'));
  dataDirs.push(dataDir);
  const server = await spawnServer({
    dataDir,
    adminToken: TOKEN,
    entry: (await compiledApp()).main,
    env: { CROSSWALK_DATABASE_URL: database.url, CROSSWALK_SEED: 'nist-ai-rmf-1.0', CROSSWALK_RATE_LIMIT: '0' },
  });
  servers.push(server);
  return server;
}

/** A GraphQL client of an instance (the shape the coverage helpers take). */
function clientOf(url: string, token = TOKEN): GraphQLClient {
  async function gql<T>(query: string, variables?: Record<string, unknown>) {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, variables }),
    });
    return { ...((await response.json()) as object), status: response.status } as any;
  }
  return {
    token,
    gql,
    async data<T>(query: string, variables?: Record<string, unknown>) {
      const body = await gql<T>(query, variables);
      if (body.errors?.length || !body.data) throw new Error(`GraphQL errors (${body.status}): ${JSON.stringify(body.errors)}`);
      return body.data as T;
    },
  };
}

afterAll(async () => {
  // Throw-away processes: ended at once (a graceful stop is not what this file tests).
  await Promise.all(servers.map((s) => s.kill('SIGKILL')));
  await database?.drop();
  for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
});

let a: ChildServer;
let b: ChildServer;

describe('two instances on one PostgreSQL database', () => {
  // Both started at the same moment on an empty database (the copy of the migrated template without its schemas).
  beforeAll(async () => {
    database = await createPostgresDatabase();
    await sql('DROP SCHEMA drizzle CASCADE; DROP SCHEMA public CASCADE; CREATE SCHEMA public');
    [a, b] = await Promise.all([startInstance(), startInstance()]);
  }, 180_000);

  it('started at the same moment on an empty database, they migrate, seed and create the ADMIN token once', async () => {
    for (const s of [a, b]) {
      expect((await fetch(`${s.url}/readyz`)).status).toBe(200);
      expect(s.output()).toContain('listening for changes of other instances');
    }
    const journal = JSON.parse(readFileSync(join(POSTGRES_MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')).entries.length;
    expect(await sql('SELECT count(*)::int AS n, count(DISTINCT hash)::int AS distinct FROM drizzle.__drizzle_migrations')).toEqual([{ n: journal, distinct: journal }]);
    expect(await sql(`SELECT count(*)::int AS n, count(*) FILTER (WHERE revoked_at IS NULL)::int AS live FROM api_tokens`)).toEqual([{ n: 1, live: 1 }]);
    const [seeded] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM requirements r JOIN frameworks f ON f.id = r.framework_id WHERE f.ref_id = 'nist-ai-rmf-1.0'`);
    expect(seeded!.n).toBeGreaterThan(50);
    for (const s of [a, b]) {
      const d = await clientOf(s.url).data<any>('{ framework(refId: "nist-ai-rmf-1.0") { requirements(first: 0, includeWithdrawn: true) { totalCount } } }');
      expect(d.framework.requirements.totalCount).toBe(seeded!.n);
    }
  });

  it('mixed writes through both: each is read back through the other at once, and coverage answers are equal on both after each', async () => {
    const ca = clientOf(a.url);
    const cb = clientOf(b.url);
    const instances = [
      { name: 'a', client: ca, build: new Builder(ca), read: new Reader(ca) },
      { name: 'b', client: cb, build: new Builder(cb), read: new Reader(cb) },
    ];
    const ids: Record<string, string> = {};
    const nist = (await ca.data<any>('{ framework(refId: "nist-ai-rmf-1.0") { id requirements(first: 3) { edges { node { id } } } } }')).framework;
    const nistReqs: string[] = nist.requirements.edges.map((e: any) => e.node.id);
    ids.nist = nist.id;

    /** Writes through one instance; returns the ids it made or changed (`present`) and the AI systems it deleted (`gone`: absent from lists, still resolvable by id). */
    type Step = (w: Builder) => Promise<{ present?: string[]; gone?: string[] }>;
    const made = (key: string) => (id: string) => ({ present: [(ids[key] = id)] });
    const steps: Step[] = [
      async (w) => made('fw')(await w.framework()),
      async (w) => made('r1')(await w.requirement(ids.fw!)),
      async (w) => made('r2')(await w.requirement(ids.fw!, uniq('req'), ids.r1)),
      async (w) => made('c1')(await w.control('IN_PROGRESS')),
      async (w) => made('m1')(await w.map(ids.r2!, ids.c1!)),
      async (w) => made('m2')(await w.map(nistReqs[0]!, ids.c1!, 'SUBSET_OF')),
      async (w) => made('e1')(await w.evidence([ids.c1!])),
      async (w) => (await w.setStatus(ids.c1!, 'IMPLEMENTED'), { present: [ids.c1!] }),
      async (w) => made('sys')(await w.aiSystem([ids.fw!, ids.nist!])),
      async (w) => (await w.override(ids.sys!, ids.c1!, 'PLANNED'), { present: [ids.sys!] }),
      async (w) => made('link')(await w.link(nistReqs[1]!, ids.r2!)),
      async (w) => (await w.applicable(nistReqs[2]!, false, ids.sys), { present: [ids.sys!] }),
      async (w) => (await w.remap(ids.m1!, 'INTERSECTS_WITH'), { present: [ids.m1!] }),
      async (w) => (await w.unmap(ids.m2!), { present: [ids.m2!] }),
      async (w) => made('c2')(await w.effectiveControl()),
      async (w) => made('m3')(await w.map(ids.r1!, ids.c2!)),
      async (w) => (await w.unlink(ids.link!), { present: [ids.link!] }),
      async (w) => (await w.withdraw(ids.r1!), { present: [ids.r1!] }),
      async (w) => made('sys2')(await w.aiSystem([ids.nist!])),
      async (w) => {
        const d = await w.client.data<any>(`mutation($id: ID!) { aiSystemDelete(input: { id: $id }) { deletedId userErrors { code } } }`, { id: ids.sys2 });
        expect(d.aiSystemDelete.userErrors).toEqual([]);
        return { gone: [ids.sys2!] };
      },
    ];

    /** The answers of a few scopes at `asOf` (one instant for both instances). */
    const coverageOf = async (read: Reader, asOf: string) => ({
      all: await read.coverage({ asOf }),
      system: ids.sys ? await read.coverage({ scope: { aiSystemId: ids.sys }, asOf }) : null,
      fw: ids.fw ? await read.framework(ids.fw, { asOf }) : null,
      gaps: await read.gaps({}, { asOf }),
      gapsOfSystem: ids.sys ? await read.gaps({ aiSystemId: ids.sys }, { asOf }) : null,
    });

    const answers = new Set<string>();
    for (const [i, step] of steps.entries()) {
      const writer = instances[i % 2]!;
      const other = instances[(i + 1) % 2]!;
      const { present = [], gone = [] } = await step(writer.build);
      // Read back through the other instance, at once.
      const d = await other.client.data<any>('query($ids: [ID!]!) { nodes(ids: $ids) { id } aiSystems(first: 100) { edges { node { id } } } }', { ids: present });
      expect(d.nodes.map((n: any) => n?.id ?? null), `step ${i}, read through ${other.name}`).toEqual(present);
      const listed = new Set(d.aiSystems.edges.map((e: any) => e.node.id));
      expect(gone.filter((id) => listed.has(id)), `step ${i}, deleted but listed by ${other.name}`).toEqual([]);
      if (gone.length) expect(listed.has(ids.sys)).toBe(true); // the list is read, and holds the live one
      const asOf = new Date().toISOString();
      const [onA, onB] = [await coverageOf(instances[0]!.read, asOf), await coverageOf(instances[1]!.read, asOf)];
      expect(onB, `coverage after step ${i}`).toEqual(onA);
      answers.add(JSON.stringify([onA.fw, onA.gaps.length]));
    }
    // The writes moved the answers (equal answers that never changed would prove little).
    expect(answers.size).toBeGreaterThanOrEqual(4);
  }, 120_000);

  it('one instance killed with SIGKILL during a burst of writes and uploads, then started again: nothing acknowledged is lost', async () => {
    const controls = new Set<string>();
    const files = new Map<string, string>(); // evidence id → sha256
    const uploads = new Set<string>();
    const control = await new Builder(clientOf(b.url)).control();

    const writer = (url: string, stop = () => false) => async () => {
      const build = new Builder(clientOf(url));
      while (!stop()) {
        try {
          controls.add(await build.control());
        } catch {
          return; // the instance is gone: what was in flight was not acknowledged
        }
      }
    };
    const uploader = (url: string) => async () => {
      const client = clientOf(url);
      for (let n = 0; ; n++) {
        try {
          const bytes = randomBytes(64 * 1024 + n);
          const put = await fetch(`${url}/v1/blobs`, { method: 'PUT', headers: { authorization: `Bearer ${TOKEN}` }, body: bytes });
          if (put.status !== 201 && put.status !== 200) throw new Error(`upload answered ${put.status}`);
          const { sha256 } = (await put.json()) as { sha256: string };
          uploads.add(sha256);
          const d = await client.data<any>(
            `mutation($input: EvidenceAttachInput!) { evidenceAttach(input: $input) { evidence { id } userErrors { code } } }`,
            { input: { controlIds: [control], sha256, filename: `f-${n}.bin` } },
          );
          if (d.evidenceAttach.evidence) files.set(d.evidenceAttach.evidence.id, sha256);
        } catch {
          return;
        }
      }
    };

    // Both instances write; `a` is killed once some of its writes were acknowledged, and started
    // again while `b` goes on writing.
    let stopB = false;
    const onA = Promise.all([writer(a.url)(), uploader(a.url)()]);
    let aEnded = false;
    void onA.then(() => (aEnded = true));
    const onB = writer(b.url, () => stopB)();
    while ((controls.size < 12 || files.size < 3) && !aEnded) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(aEnded, 'the writers of a stopped before the kill').toBe(false);
    await a.kill('SIGKILL');
    await onA;
    a = await startInstance();
    stopB = true;
    await onB;

    for (const s of [a, b]) {
      const client = clientOf(s.url);
      const acknowledged = [...controls, ...files.keys()];
      for (let i = 0; i < acknowledged.length; i += 100) {
        const ids = acknowledged.slice(i, i + 100);
        const found = await client.data<any>('query($ids: [ID!]!) { nodes(ids: $ids) { id } }', { ids });
        expect(found.nodes.map((n: any) => n?.id ?? null), `through ${s.url}`).toEqual(ids);
      }
      for (const sha256 of uploads) {
        const got = await fetch(`${s.url}/v1/blobs/${sha256}`, { headers: { authorization: `Bearer ${TOKEN}` } });
        expect(got.status).toBe(200);
        expect(createHash('sha256').update(Buffer.from(await got.arrayBuffer())).digest('hex')).toBe(sha256);
      }
      const audit = await client.data<any>('{ auditVerify { intact firstBrokenSeq entries } }');
      expect(audit.auditVerify).toMatchObject({ intact: true, firstBrokenSeq: null });
      expect(audit.auditVerify.entries).toBeGreaterThan(controls.size);
    }
    const scan = await clientOf(a.url).data<any>('mutation { evidenceIntegrityScan { checked intact problems { sha256 } } }');
    expect(scan.evidenceIntegrityScan.problems).toEqual([]);
    expect(scan.evidenceIntegrityScan.checked).toBe(scan.evidenceIntegrityScan.intact);
    expect(scan.evidenceIntegrityScan.checked).toBeGreaterThanOrEqual(uploads.size);
    expect(await foreignKeyOrphans()).toEqual([]);
  }, 180_000);
});

/** Every foreign key of the schema whose child rows name a missing parent row: `table.columns → parent` per key with orphans. */
async function foreignKeyOrphans(): Promise<string[]> {
  const keys = await sql<{ child: string; parent: string; cols: string[]; refs: string[] }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
        (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.conkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n) AS cols,
        (SELECT array_agg(a.attname::text ORDER BY k.i) FROM unnest(c.confkey) WITH ORDINALITY k(n, i) JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.n) AS refs
       FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace`,
  );
  expect(keys.length).toBeGreaterThan(10);
  const orphans: string[] = [];
  for (const { child, parent, cols, refs } of keys) {
    const present = cols.map((c) => `x."${c}" IS NOT NULL`).join(' AND ');
    const join = cols.map((c, i) => `p."${refs[i]}" = x."${c}"`).join(' AND ');
    const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n FROM ${child} x WHERE ${present} AND NOT EXISTS (SELECT 1 FROM ${parent} p WHERE ${join})`);
    if (row!.n > 0) orphans.push(`${child}.${cols.join(',')} → ${parent}: ${row!.n}`);
  }
  return orphans;
}

describe('change notification (in process)', () => {
  let x: Instance;
  let y: Instance;
  let own: TestDatabase;
  const secret = `notify-admin-${randomBytes(24).toString('hex')}`;

  beforeAll(async () => {
    own = await createPostgresDatabase();
    const start = () =>
      startCrosswalk(
        { ...loadConfig({ CROSSWALK_ADMIN_TOKEN: secret, CROSSWALK_DATABASE_URL: own.url, CROSSWALK_DATA_DIR: mkdtempSync(join(tmpdir(), 'crosswalk-notify-')), PORT: '0', HOST: '127.0.0.1' }), seedCatalogs: 'none' },
        { log: () => {}, logger: createLogger({ level: 'silent' }), figuresIntervalMs: null },
      );
    [x, y] = [await start(), await start()];
  });

  afterAll(async () => {
    await x?.stop();
    await y?.stop();
    await own?.drop();
  });

  /** Waits until `x` prepared a graph other than `before` by itself (no read asked it to). */
  const patchedWithoutRead = async (before: string | null) => {
    for (let i = 0; i < 400 && x.services.coverage.stats().version === before; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    return x.services.coverage.stats().version;
  };

  it("patches the coverage cache on another instance's commit before any read, also after the listening connection was lost", async () => {
    const client = clientOf(y.url, secret);
    await x.services.coverage.stateKey(); // x prepares a graph
    const before = x.services.coverage.stats();
    await new Builder(client).control();
    const after = await patchedWithoutRead(before.version);
    expect(after).not.toBe(before.version);
    expect(x.services.coverage.stats().patches).toBe(before.patches + 1);

    // The listening connection is killed: it is made again, and notifications arrive again.
    const listening = `FROM pg_stat_activity WHERE application_name = 'crosswalk-changes' AND datname = current_database()`;
    const [killed] = await sql<{ n: number }>(`SELECT count(pg_terminate_backend(pid))::int AS n ${listening}`, [], own.url);
    expect(killed!.n).toBe(2); // x's and y's
    for (let i = 0; i < 400; i++) {
      const [row] = await sql<{ n: number }>(`SELECT count(*)::int AS n ${listening}`, [], own.url);
      if (row!.n === 2) break;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const again = x.services.coverage.stats().version;
    await new Builder(client).control();
    expect(await patchedWithoutRead(again)).not.toBe(again);
  });

  it("leaves the notifications of its own commits to its next read: one patch for its own write and another instance's after it", async () => {
    // Who sent a notification: the backend process of the committing connection, one of the writer's pool.
    const senders: number[] = [];
    const listener = listenForChanges(own.url, { onChange: (sender) => sender !== null && senders.push(sender) });
    try {
      await new Promise((resolve) => setTimeout(resolve, 200)); // LISTEN issued
      while (senders.length === 0) {
        await new Builder(clientOf(x.url, secret)).control();
        if (senders.length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    } finally {
      await listener.close();
    }
    expect(x.store.ownsSession?.(senders[0]!)).toBe(true);
    expect(y.store.ownsSession?.(senders[0]!)).toBe(false);

    await x.services.coverage.stateKey(); // x prepares the graph of now
    const before = x.services.coverage.stats();
    await new Builder(clientOf(x.url, secret)).control(); // x's own write: no refresh by itself
    await new Builder(clientOf(y.url, secret)).control(); // y's: x refreshes, reading both at once
    await y.services.coverage.stateKey(); // y's graph: both writes
    const latest = y.services.coverage.stats().version;
    for (let i = 0; i < 400 && x.services.coverage.stats().version !== latest; i++) await new Promise((resolve) => setTimeout(resolve, 25));
    expect(x.services.coverage.stats().version).toBe(latest);
    expect(x.services.coverage.stats().builds).toBe(before.builds + 1);
  });

  it('evaluates the scopes last read at "now" again with the patch, so the next such read is answered from the cache', async () => {
    const client = clientOf(y.url, secret);
    await x.services.coverage.evaluate(CLI_ACTOR, { viaCrosswalks: false });
    const before = x.services.coverage.stats();
    await new Builder(client).control();
    expect(await patchedWithoutRead(before.version)).not.toBe(before.version);
    const patched = x.services.coverage.stats();
    expect(patched.misses).toBe(before.misses + 1);
    const answer = await x.services.coverage.evaluate(CLI_ACTOR, { viaCrosswalks: false });
    expect(x.services.coverage.stats()).toMatchObject({ misses: patched.misses, hits: patched.hits + 1, builds: patched.builds });
    // The answer is the graph's as of now: the control just created is in it.
    expect(answer!.frameworks).toEqual((await y.services.coverage.evaluate(CLI_ACTOR, { viaCrosswalks: false }))!.frameworks);
  });
});
