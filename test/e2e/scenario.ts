/**
 * The e2e tests' server and data: Crosswalk started as `npm start` starts it (tsx src/main.ts, the
 * built-in catalogs seeded, a fresh SQLite data directory), then the README tutorial's scenario
 * built through the public API from the files in examples/ — the controls CSV, the EU AI Act
 * profile, the mappings CSV, the AI system `hiring-screener`, the evidence of the manifest (as
 * reviewed attestations) — plus what the dashboard's other views need: two coverage snapshots with
 * a change between them (the trend) and accepted evidence expiring in 20 days (what turns red next).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const RESULTS = join(REPO_ROOT, 'test-results');
const TSX = pathToFileURL(join(REPO_ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export async function freePort(): Promise<number> {
  const probe = net.createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const port = (probe.address() as net.AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

export interface RunningServer {
  url: string;
  adminToken: string;
  stop(): Promise<void>;
}

/** Starts `src/main.ts` in a child process; resolves once /readyz answers 200. Its log goes to test-results/e2e-server.log. */
export async function startServer(env: Record<string, string>): Promise<RunningServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'crosswalk-e2e-'));
  const port = await freePort();
  const adminToken = `e2e-admin-${randomBytes(24).toString('hex')}`;
  const url = `http://127.0.0.1:${port}`;
  mkdirSync(RESULTS, { recursive: true });
  const log = createWriteStream(join(RESULTS, 'e2e-server.log'));
  const childEnv = Object.fromEntries(Object.entries(process.env).filter(([k, v]) => v !== undefined && !/^(NODE_OPTIONS|PORT|HOST|CROSSWALK_.*|npm_.*)$/.test(k)));
  const child: ChildProcess = spawn(process.execPath, ['--import', TSX, join(REPO_ROOT, 'src/main.ts')], {
    cwd: REPO_ROOT,
    env: { ...childEnv, ...env, PORT: String(port), HOST: '127.0.0.1', CROSSWALK_DATA_DIR: dataDir, CROSSWALK_ADMIN_TOKEN: adminToken, CROSSWALK_LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  const stop = async () => {
    if (child.exitCode === null) {
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 150_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited with ${child.exitCode}; see test-results/e2e-server.log`);
    const ready = await fetch(`${url}/readyz`).then((r) => r.ok, () => false);
    if (ready) return { url, adminToken, stop };
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the server did not become ready within 150 s; see test-results/e2e-server.log');
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** POSTs one operation with this token; throws on any error or user error. */
export async function gql<T = any>(url: string, token: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL errors (${response.status}): ${JSON.stringify(body.errors)}`);
  const userErrors = JSON.stringify(body.data).match(/"userErrors":\[[^\]]+\]/);
  if (userErrors) throw new Error(`user errors: ${userErrors[0]}`);
  return body.data as T;
}

const example = (file: string) => readFileSync(join(REPO_ROOT, 'examples', file), 'utf8');
const ERRORS = 'userErrors { field message code }';
export const SYSTEM = 'hiring-screener';
/** The accepted evidence that expires within the dashboard's 30-day window. */
export const EXPIRING_TITLE = 'Quality management procedures 2026';
export const DAY_MS = 86_400_000;

/** Builds the scenario; returns the VIEWER token the dashboard is opened with. */
export async function seedScenario(url: string, adminToken: string): Promise<{ viewerToken: string }> {
  const admin = <T = any>(query: string, variables?: Record<string, unknown>) => gql<T>(url, adminToken, query, variables);
  const importFile = (content: string, extra: Record<string, unknown> = {}) =>
    admin(`mutation($input: CatalogImportInput!) { catalogImport(input: $input) { ${ERRORS} } }`, { input: { content, ...extra } });

  // README step 2: controls, the profile (a baseline of eleven articles), the mappings.
  await importFile(example('controls.csv'));
  await importFile(example('eu-ai-act-hiring-profile.json'), { frameworkRefId: 'eu-ai-act' });
  await importFile(example('mappings.csv'));

  // README step 3: the AI system, narrowed to the profile.
  const ids = await admin(`{ framework(refId: "eu-ai-act") { id } baseline(refId: "hiring-screener-eu-ai-act") { id } }`);
  const created = await admin(
    `mutation($frameworkId: ID!) { aiSystemCreate(input: { name: "${SYSTEM}", riskLevel: HIGH, role: PROVIDER, owner: "AI governance office",
      purpose: "Ranks applications for a job opening", frameworkIds: [$frameworkId] }) { aiSystem { id } ${ERRORS} } }`,
    { frameworkId: ids.framework.id },
  );
  const aiSystemId: string = created.aiSystemCreate.aiSystem.id;
  await admin(`mutation($b: ID!, $s: ID!) { baselineApply(input: { baselineId: $b, aiSystemId: $s, applied: true }) { ${ERRORS} } }`, { b: ids.baseline.id, s: aiSystemId });

  // README steps 4 and 5: the manifest's evidence, accepted (as attestations: the files' upload is the CLI's test).
  const controls = await admin(`{ controls(first: 100) { edges { node { id refId } } } }`);
  const controlId = (refId: string): string => {
    const found = controls.controls.edges.find((e: any) => e.node.refId === refId);
    if (!found) throw new Error(`no control ${refId}`);
    return found.node.id;
  };
  const addEvidence = async (title: string, refId: string, collectedAt: string, validUntil?: string) => {
    const d = await admin(`mutation($input: EvidenceCreateInput!) { evidenceCreate(input: $input) { evidence { id } ${ERRORS} } }`, {
      input: { kind: 'ATTESTATION', title, description: `${title} (e2e scenario)`, controlIds: [controlId(refId)], collectedAt, validUntil, aiSystemId },
    });
    await admin(`mutation($id: ID!) { evidenceReview(input: { evidenceId: $id, decision: ACCEPTED, comment: "Checked" }) { ${ERRORS} } }`, { id: d.evidenceCreate.evidence.id });
  };
  const rows = example('evidence/manifest.csv').trim().split('\n').slice(1).map((line) => line.split(','));
  for (const [, control, title, collectedAt] of rows) await addEvidence(title!, control!, `${collectedAt}T00:00:00Z`);

  // The trend: a snapshot now, then Article 17's missing evidence arrives (valid for 20 days), then another.
  const snapshot = () =>
    Promise.all([
      admin(`mutation($s: ID!) { coverageSnapshotRecord(input: { scope: { aiSystemId: $s } }) { ${ERRORS} } }`, { s: aiSystemId }),
      admin(`mutation { coverageSnapshotRecord(input: {}) { ${ERRORS} } }`),
    ]);
  await snapshot();
  const now = Date.now();
  await addEvidence(EXPIRING_TITLE, 'HR-QMS-01', new Date(now - DAY_MS).toISOString(), new Date(now + 20 * DAY_MS).toISOString());
  await snapshot();

  const token = await admin(`mutation { tokenCreate(input: { name: "dashboard-e2e", role: VIEWER }) { secret ${ERRORS} } }`);
  return { viewerToken: token.tokenCreate.secret };
}
