/**
 * The entity repositories answer the same on SQLite and PostgreSQL: one sequence of repository
 * calls (creates, filtered lists paged by cursor, counts, findByIds, nested pages of many parents,
 * updates and retirements, token lookups through the prepared statements, the audit trail) runs on
 * a SQLite store and on a migrated PostgreSQL database, and every answer is compared.
 * The PostgreSQL database is created with a linguistic default collation (ICU en-US), and text is
 * chosen so that such an order differs from SQLite's binary one (upper case before lower case, "_"
 * and "-" between them, a non-ASCII letter last): the schema's "C" collation is what makes the
 * answers equal. The sequence also states the expected answers, so it cannot pass by both
 * backends doing the same wrong thing.
 */
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as pgSchema from '../../src/db/schema-pg/index.js';
import type { Db, Store } from '../../src/db/store.js';
import { AiSystemRepository } from '../../src/db/repositories/ai-system-repository.js';
import { ApplicabilityRepository } from '../../src/db/repositories/applicability-repository.js';
import { AuditRepository } from '../../src/db/repositories/audit-repository.js';
import { BaselineRepository } from '../../src/db/repositories/baseline-repository.js';
import { CatalogRepository } from '../../src/db/repositories/catalog-repository.js';
import { ControlRepository } from '../../src/db/repositories/control-repository.js';
import { EvidenceRepository } from '../../src/db/repositories/evidence-repository.js';
import { FrameworkRepository } from '../../src/db/repositories/framework-repository.js';
import { MappingRepository } from '../../src/db/repositories/mapping-repository.js';
import { RequirementLinkRepository } from '../../src/db/repositories/requirement-link-repository.js';
import { RequirementRepository } from '../../src/db/repositories/requirement-repository.js';
import { ThreatRepository } from '../../src/db/repositories/threat-repository.js';
import { TokenRepository } from '../../src/db/repositories/token-repository.js';
import type { SortKey } from '../../src/domain/paging.js';
import { openTempStore } from '../support/temp-store.js';
import { runPostgresMigrations } from '../../src/db/migrate-postgres.js';
import { startPostgres, type TestPostgres } from '../support/postgres.js';

let server: TestPostgres;
const DATABASE = 'crosswalk_entities_icu';
let pool: pg.Pool;
let sqlite: { store: Store; dispose: () => Promise<void> };

beforeAll(async () => {
  sqlite = openTempStore();
  server = await startPostgres();
  await withClient('postgres', (admin) => admin.query(`CREATE DATABASE ${DATABASE} TEMPLATE template0 LOCALE_PROVIDER icu ICU_LOCALE 'en-US'`));
  await withClient(DATABASE, (client) => runPostgresMigrations(client));
  // bigint (ids, counts) as numbers, as the service reads them. Drizzle's node-postgres driver gives
  // every query its own type parsers, falling back to pg's global ones: a pool's `types` is not seen.
  pg.types.setTypeParser(pg.types.builtins.INT8, Number);
  pool = new pg.Pool({ connectionString: server.url(DATABASE) });
  // An idle connection the server ends at stop reports an error event: not a failure of this test.
  pool.on('error', () => {});
}, 60_000);
afterAll(async () => {
  await pool?.end();
  await server?.stop();
  await sqlite?.dispose();
});

async function withClient<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function repositories(db: Db) {
  return {
    aiSystems: new AiSystemRepository(db),
    applicability: new ApplicabilityRepository(db),
    audit: new AuditRepository(db),
    baselines: new BaselineRepository(db),
    catalog: new CatalogRepository(db),
    controls: new ControlRepository(db),
    evidence: new EvidenceRepository(db),
    frameworks: new FrameworkRepository(db),
    mappings: new MappingRepository(db),
    links: new RequirementLinkRepository(db),
    requirements: new RequirementRepository(db),
    threats: new ThreatRepository(db),
    tokens: new TokenRepository(db),
  };
}

/** Reads go to `read`; writes run through `write` (the SQLite store's transaction, or the pool). */
interface Backend {
  read: Db;
  write<T>(fn: (db: Db) => Promise<T>): Promise<T>;
}

const at = (minute: number) => new Date(Date.UTC(2026, 0, 1, 0, minute));
const BY = 'tester';
const page = (first: number, after: SortKey | null = null) => ({ first, after });
const ids = (rows: readonly { id: number }[]) => rows.map((r) => r.id);

/** Text whose binary order differs from a locale's: upper case first, then "-" and "_", then lower case, then "é". */
const NAMES = ['beta', 'Alpha', 'alpha-2', 'alpha_2', 'Zulu', 'été', 'alpha'];
const BINARY = [...NAMES].sort(); // JavaScript compares UTF-16 code units: the same as code points here

/**
 * The sequence. Returns every answer, labelled; also checks the answers SQLite's rules fix
 * (binary text order, cursors, counts), so a difference shows where it starts.
 */
async function scenario(backend: Backend): Promise<[string, unknown][]> {
  const log: [string, unknown][] = [];
  const record = <T>(label: string, value: T): T => {
    log.push([label, value]);
    return value;
  };
  /** Rows the repository returns in no particular order (counts per parent): compared as a set. */
  const recordSet = <T>(label: string, value: readonly T[]): readonly T[] =>
    record(label, [...value].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
  const r = repositories(backend.read);
  const w = <T>(fn: (repos: ReturnType<typeof repositories>) => Promise<T>) => backend.write((db) => fn(repositories(db)));

  // Frameworks, named so the list order is the binary one.
  const frameworks = await w(async (x) => {
    const out = [];
    for (const [i, name] of NAMES.entries()) {
      out.push(await x.frameworks.insert({ refId: name, name: `Framework ${name}`, kind: i % 2 ? 'STANDARD' : 'REGULATION', description: i === 3 ? 'About 100%_OFF' : '', createdAt: at(i), updatedAt: at(i) }));
    }
    return out;
  });
  record('frameworks', frameworks);
  const firstPage = record('frameworks page 1', await r.frameworks.list({}, page(3)));
  expect(firstPage.items.map((f) => f.refId)).toEqual(BINARY.slice(0, 3));
  const last = firstPage.items.at(-1)!;
  const secondPage = record('frameworks page 2', await r.frameworks.list({}, page(10, [last.refId, last.id])));
  expect(secondPage.items.map((f) => f.refId)).toEqual(BINARY.slice(3));
  expect(secondPage.hasNextPage).toBe(false);
  record('frameworks by kind', await r.frameworks.list({ kinds: ['STANDARD'] }, page(10)));
  expect(record('frameworks count', await r.frameworks.count({}))).toBe(NAMES.length);
  // Search folds ASCII case only and takes % and _ literally.
  expect(record('search ALPHA', (await r.frameworks.list({ search: 'ALPHA' }, page(10))).items.map((f) => f.refId))).toEqual(
    BINARY.filter((n) => n.toLowerCase().includes('alpha')),
  );
  expect(record('search %_', (await r.frameworks.list({ search: '%_' }, page(10))).items.map((f) => f.refId))).toEqual([NAMES[3]]);
  expect(record('search ÉTÉ', (await r.frameworks.list({ search: 'ÉTÉ' }, page(10))).items)).toEqual([]);
  record('frameworks findByIds', (await r.frameworks.findByIds(ids(frameworks).reverse())).sort((a, b) => a.id - b.id));
  record('framework by refId', await r.frameworks.findByRefId('Zulu'));
  const [fw, fw2] = frameworks;

  // Requirements: a tree in two frameworks, one withdrawn.
  const reqs = await w(async (x) => {
    const top = [];
    for (const [i, refId] of ['b', 'A', 'a'].entries()) {
      top.push(await x.requirements.insert({ frameworkId: fw!.id, refId, title: `Requirement ${refId}`, sortOrder: 3 - i, createdAt: at(10), updatedAt: at(10) }));
    }
    const children = [];
    for (const [i, refId] of ['a.2', 'a.1', 'a.3'].entries()) {
      children.push(await x.requirements.insert({ frameworkId: fw!.id, parentId: top[2]!.id, refId, title: refId, sortOrder: i % 2, withdrawn: i === 2, createdAt: at(11), updatedAt: at(11) }));
    }
    const other = await x.requirements.insert({ frameworkId: fw2!.id, refId: 'X-1', title: 'Other', createdAt: at(12), updatedAt: at(12) });
    return { top, children, other };
  });
  record('requirements', reqs);
  const parentId = reqs.top[2]!.id;
  record('requirements list', await r.requirements.list({ frameworkId: fw!.id }, page(10)));
  record('requirements withdrawn too', await r.requirements.list({ parentId, includeWithdrawn: true }, page(10)));
  record('children page', await r.requirements.pageOfParents([parentId, reqs.top[0]!.id], { includeWithdrawn: false }, page(1)));
  recordSet('children count', await r.requirements.countOfParents([parentId], { includeWithdrawn: true }));
  const fwPage = record('framework requirements', await r.requirements.pageOfFrameworks([fw!.id, fw2!.id], { topLevelOnly: true, includeWithdrawn: false }, page(2)));
  expect(fwPage.map((q) => q.refId)).toEqual(['a', 'A', 'b', 'X-1']); // by sortOrder, first + 1 per framework
  recordSet('framework requirement counts', await r.requirements.countOfFrameworks([fw!.id, fw2!.id], { topLevelOnly: false, includeWithdrawn: true }));
  record('max sibling sortOrder', await r.requirements.maxSiblingSortOrder(fw!.id, parentId));
  expect(record('ancestors', await r.requirements.ancestorIds(reqs.children[0]!.id))).toEqual([parentId]);
  record('requirement by framework refId', await r.requirements.findByFrameworkRefId(NAMES[0]!, 'A'));

  // Controls with history, status overrides per AI system.
  const controls = await w(async (x) => {
    const out = [];
    for (const [i, refId] of ['ctl-b', 'CTL-A', 'ctl_a'].entries()) {
      out.push(
        await x.controls.insertWithHistory({
          control: { refId, title: `Control ${refId}`, description: '', domain: i ? 'Ops' : 'ops', type: 'PREVENTIVE', implementationStatus: 'PLANNED', owner: null, createdAt: at(20), updatedAt: at(20) },
          history: [{ aiSystemId: null, fromStatus: null, toStatus: 'PLANNED', comment: null, changedAt: at(20), changedBy: BY }],
        }),
      );
    }
    await x.controls.changeStatus(out[0]!.id, { aiSystemId: null, fromStatus: 'PLANNED', toStatus: 'IMPLEMENTED', comment: 'done', changedAt: at(21), changedBy: BY });
    return out;
  });
  record('controls', controls);
  expect(record('domains', await r.controls.domains())).toEqual(['Ops', 'ops']);
  record('controls list', await r.controls.list({ domains: ['Ops'] }, page(10)));
  record('control history page', await r.controls.pageOfStatusHistory(ids(controls), { aiSystemId: null }, page(1)));
  record('control history after', await r.controls.pageOfStatusHistory([controls[0]!.id], { aiSystemId: null }, page(5, [-at(21).getTime(), -1e9])));
  recordSet('control history count', await r.controls.countOfStatusHistory(ids(controls), { aiSystemId: null }));
  record('control dependents', await r.controls.dependents(controls[0]!.id));

  const systems = await w(async (x) => {
    const out = [];
    for (const [i, name] of ['b-system', 'B-system', 'a system'].entries()) {
      out.push(await x.aiSystems.insert({ name, riskLevel: i ? 'HIGH' : 'LIMITED', role: 'DEPLOYER', description: 'An AI', purpose: '', createdAt: at(30), updatedAt: at(30) }));
    }
    await x.aiSystems.addFrameworks(out[0]!.id, [fw!.id, fw2!.id], at(31), BY);
    await x.aiSystems.addFrameworks(out[0]!.id, [fw!.id], at(31), BY); // already there: nothing
    await x.aiSystems.addFrameworks(out[1]!.id, [fw!.id], at(31), BY);
    for (const s of out) {
      await x.aiSystems.upsertControlStatus({ aiSystemId: s.id, controlId: controls[1]!.id, status: 'IN_PROGRESS', comment: null, updatedAt: at(32), updatedBy: BY });
      await x.aiSystems.appendStatusChange({ controlId: controls[1]!.id, aiSystemId: s.id, fromStatus: null, toStatus: 'IN_PROGRESS', comment: null, changedAt: at(32), changedBy: BY });
    }
    await x.aiSystems.upsertControlStatus({ aiSystemId: out[0]!.id, controlId: controls[1]!.id, status: 'IMPLEMENTED', comment: 'upserted', updatedAt: at(33), updatedBy: BY });
    return out;
  });
  record('systems', systems);
  expect(record('systems list', (await r.aiSystems.list({ riskLevels: ['HIGH', 'LIMITED'] }, page(10))).items.map((s) => s.name))).toEqual(['B-system', 'a system', 'b-system']);
  record('frameworks of systems', await r.aiSystems.frameworksOfSystems(ids(systems), page(1)));
  record('systems of frameworks', await r.aiSystems.systemsOfFrameworks([fw!.id, fw2!.id], page(5)));
  recordSet('assignments per system', await r.aiSystems.countOfAssignments('aiSystem', ids(systems)));
  record('overrides of systems', await r.aiSystems.controlStatusesOfSystems(ids(systems)));
  record('overrides of controls', await r.aiSystems.controlStatusesOfControls([controls[1]!.id]));
  record('system history', await r.controls.pageOfSystemHistory(ids(systems), { controlId: null }, page(1)));
  recordSet('system history count', await r.controls.countOfSystemHistory(ids(systems), { controlId: controls[1]!.id }));
  record('system dependents', await r.aiSystems.dependents(systems[0]!.id));
  recordSet('frameworks of system', await r.aiSystems.frameworkIdsOf(systems[0]!.id));

  // Mappings, links, threats, marks, baselines.
  const mapping = await w(async (x) => {
    const m = await x.mappings.insertWithRevisions({
      mapping: { requirementId: reqs.top[1]!.id, controlId: controls[2]!.id, relationship: 'EQUAL', strength: 80, rationale: 'same', createdAt: at(40), createdBy: BY, updatedAt: at(40) },
      revisions: [{ relationship: 'EQUAL', strength: 80, rationale: 'same', validFrom: at(40), changedBy: BY }],
    });
    await x.mappings.insertWithRevisions({
      mapping: { requirementId: reqs.other.id, controlId: controls[2]!.id, relationship: 'SUBSET_OF', strength: null, rationale: '', createdAt: at(40), createdBy: BY, updatedAt: at(40) },
      revisions: [],
    });
    return x.mappings.revise(m.id, { relationship: 'SUBSET_OF', strength: 50, rationale: 'narrower', validFrom: at(41), changedBy: BY });
  });
  record('mapping', mapping);
  record('mapping live', await r.mappings.findLive(reqs.top[1]!.id, controls[2]!.id));
  record('mappings of controls', await r.mappings.pageOfParents('control', [controls[2]!.id], { includeRetired: false }, page(1)));
  recordSet('mapping counts', await r.mappings.countOfParents('control', ids(controls), { includeRetired: false }));
  record('requirements of controls', await r.mappings.requirementsOfControls([controls[2]!.id], page(5)));
  record('revisions', await r.mappings.revisions([mapping.id]));
  record('requirement state', await r.mappings.requirementState(reqs.children[2]!.id));

  await w(async (x) => {
    await x.links.insertMany([
      { sourceRequirementId: reqs.top[0]!.id, targetRequirementId: reqs.other.id, relationship: 'EQUAL', createdAt: at(50), createdBy: BY, updatedAt: at(50) },
      { sourceRequirementId: reqs.other.id, targetRequirementId: reqs.top[1]!.id, relationship: 'SUBSET_OF', createdAt: at(50), createdBy: BY, updatedAt: at(50) },
      { sourceRequirementId: reqs.top[0]!.id, targetRequirementId: reqs.top[0]!.id, relationship: 'EQUAL', createdAt: at(50), createdBy: BY, updatedAt: at(50) },
    ]);
    const retired = await x.links.findLiveBetween(reqs.top[1]!.id, reqs.other.id);
    await x.links.retire(retired!.id, at(51), BY);
  });
  record('links list', await r.links.list({ sourceFrameworkId: fw!.id }, page(10)));
  record('links retired too', await r.links.list({ includeRetired: true, relationships: ['SUBSET_OF'] }, page(10)));
  const linkPage = record('links of requirements', await r.links.pageOfRequirements([reqs.top[0]!.id, reqs.other.id], { direction: 'BOTH', includeRetired: true }, page(1)));
  expect(linkPage.map((l) => l.requirementId)).toEqual([reqs.top[0]!.id, reqs.top[0]!.id, reqs.other.id, reqs.other.id]); // first + 1 each
  recordSet('link counts', await r.links.countOfRequirements([reqs.top[0]!.id, reqs.other.id], { direction: 'BOTH', includeRetired: false }));

  const threats = await w(async (x) => {
    const t1 = await x.threats.insert({ frameworkId: fw2!.id, refId: 'T-b', name: 'Threat b', createdAt: at(60), updatedAt: at(60) });
    const t2 = await x.threats.insert({ frameworkId: fw2!.id, refId: 'T-A', name: 'Threat A', parentId: t1.id, createdAt: at(60), updatedAt: at(60) });
    await x.threats.link(t1.id, reqs.top[0]!.id, at(61), BY);
    await x.threats.link(t1.id, reqs.top[0]!.id, at(61), BY); // already linked: nothing
    await x.threats.link(t2.id, reqs.top[0]!.id, at(61), BY);
    await x.threats.unlink(t2.id, reqs.top[0]!.id, at(62), BY);
    return [t1, t2];
  });
  record('threats', threats);
  record('threats list', await r.threats.list({ frameworkId: fw2!.id, search: 'threat A' }, page(10)));
  record('threat children', await r.threats.pageOfParents([threats[0]!.id], page(5)));
  record('threats of frameworks', await r.threats.pageOfFrameworks([fw2!.id], { topLevelOnly: false }, page(1)));
  record('threats of requirements', await r.threats.threatsOfRequirements([reqs.top[0]!.id], page(5)));
  record('requirements of threats', await r.threats.requirementsOfThreats(ids(threats), page(5)));
  recordSet('threat link counts', await r.threats.countOfThreats(ids(threats)));
  expect(record('is linked', [await r.threats.isLinked(threats[0]!.id, reqs.top[0]!.id), await r.threats.isLinked(threats[1]!.id, reqs.top[0]!.id)])).toEqual([true, false]);
  record('threat dependents', await r.threats.dependents(threats[0]!.id));
  record('requirement dependents', await r.requirements.dependents(reqs.top[0]!.id));
  record('framework dependents', await r.frameworks.dependents(fw!.id));

  await w(async (x) => {
    await x.applicability.insert({ requirementId: reqs.top[0]!.id, justification: 'org', createdAt: at(70), createdBy: BY });
    const mark = await x.applicability.insert({ requirementId: reqs.top[0]!.id, aiSystemId: systems[0]!.id, justification: 'sys', createdAt: at(70), createdBy: BY });
    await x.applicability.retire(mark.id, at(71), BY);
    const baseline = await x.baselines.insert({ refId: 'low', frameworkId: fw!.id, name: 'Low', createdAt: at(72), updatedAt: at(72) });
    await x.baselines.addMember(baseline.id, reqs.top[0]!.id, at(72), BY);
    await x.baselines.addMember(baseline.id, reqs.top[1]!.id, at(72), BY);
    await x.baselines.insertApplication({ baselineId: baseline.id, aiSystemId: systems[1]!.id, createdAt: at(73), createdBy: BY });
  });
  record('marks', await r.applicability.pageOfRequirements([reqs.top[0]!.id], { aiSystemId: systems[0]!.id, includeRetired: true }, page(5)));
  recordSet('mark counts', await r.applicability.countOfRequirements([reqs.top[0]!.id], { aiSystemId: null, includeRetired: false }));
  record('live mark', await r.applicability.findLive(reqs.top[0]!.id, null));
  const baselines = record('baselines', await r.baselines.list([fw!.id]));
  record('baseline members', await r.baselines.pageOfMembers(ids(baselines), page(1)));
  record('baseline applications', await r.baselines.pageOfApplications(ids(baselines), { includeRetired: false }, page(5)));
  expect(record('exclusion marks', await r.baselines.exclusionMarks()).length).toBeGreaterThan(0);

  // Evidence on controls, reviews.
  const evidence = await w(async (x) => {
    const out = [];
    for (const [i, title] of ['Policy PDF', 'policy link'].entries()) {
      const e = await x.evidence.insert({ kind: i ? 'LINK' : 'FILE', title, url: i ? 'https://example.org/p' : null, collectedAt: at(80), validUntil: i ? at(90) : null, status: 'PENDING_REVIEW', createdBy: BY, createdAt: at(80), updatedAt: at(80) });
      await x.evidence.attachControls(e.id, [controls[0]!.id, controls[2]!.id]);
      out.push(e);
    }
    await x.evidence.insertReview({ evidenceId: out[0]!.id, status: 'ACCEPTED', reviewedAt: at(81), reviewedBy: BY });
    await x.evidence.update(out[0]!.id, { status: 'ACCEPTED', updatedAt: at(81) });
    return out;
  });
  record('evidence', evidence);
  record('evidence by control', await r.evidence.list({ controlId: controls[0]!.id, search: 'POLICY' }, page(10)));
  record('evidence expiring', await r.evidence.list({ expiringBefore: at(100), validAt: at(85) }, page(10)));
  record('evidence of controls', await r.evidence.pageOfControls(ids(controls), { statuses: ['ACCEPTED', 'PENDING_REVIEW'] }, page(1)));
  recordSet('evidence counts', await r.evidence.countOfControls(ids(controls), { statuses: null }));
  record('controls of evidence', await r.evidence.controlsOf(ids(evidence), page(1)));
  record('reviews', await r.evidence.reviews(ids(evidence)));
  record('reviews by ids', await r.evidence.findReviewsByIds([1, 2, 999]));
  record('evidence by id', await r.evidence.findById(evidence[1]!.id));
  record('status changes by ids', (await r.controls.findStatusChangesByIds([1, 2, 3])).sort((a, b) => a.id - b.id));
  record('mappings by controls', await r.mappings.byControls(ids(controls)));
  record('threat by refId', await r.threats.findByRefId(fw2!.id, 'T-A'));
  record('baseline live members', (await r.baselines.liveMembers(baselines[0]!.id)).sort((a, b) => a.id - b.id));
  record('baseline live application', await r.baselines.findLiveApplication(baselines[0]!.id, systems[1]!.id));

  // Catalog bulk reads.
  recordSet('catalog frameworks', await r.catalog.frameworksByRefIds(['alpha', 'Alpha', 'none']));
  recordSet('catalog holders', [...(await r.catalog.holdersOfIds(['A', 'X-1']))]);
  record('catalog holding ids', await r.catalog.frameworksHoldingIds(['a', 'x-1'], { ignoreCase: true }));
  record('catalog links between', await r.catalog.liveLinksBetween(fw!.id, fw2!.id));
  record('catalog mappings', await r.catalog.liveMappingsOfFrameworks([fw!.id, fw2!.id]));
  record('catalog count', await r.catalog.countFrameworks());

  // Retirements free names and keep rows.
  await w(async (x) => {
    await x.aiSystems.retire(systems[1]!.id, at(90), BY);
    await x.controls.retire(controls[1]!, at(90), BY);
    await x.requirements.retire(reqs.children[0]!.id, at(90), BY);
    await x.requirements.retireAllOf(fw2!.id, at(91), BY);
    await x.frameworks.retire(fw2!.id, at(91));
  });
  record('systems after retire', await r.aiSystems.list({}, page(10)));
  record('retired system by id', await r.aiSystems.findByIds([systems[1]!.id]));
  record('overrides after retire', await r.aiSystems.controlStatusesOfControls([controls[1]!.id]));
  record('control history after retire', await r.controls.pageOfStatusHistory([controls[1]!.id], { aiSystemId: null }, page(5)));
  expect(record('frameworks after retire', await r.frameworks.count({}))).toBe(NAMES.length - 1);

  // Tokens: the prepared lookups, revocation, touch.
  const token = await w(async (x) => {
    const a = await x.tokens.insert({ name: 'ci', role: 'VIEWER', tokenHash: 'hash-a', prefix: 'cw_a', createdAt: at(100), createdBy: BY });
    await x.tokens.insert({ name: 'env', role: 'ADMIN', tokenHash: 'hash-b', prefix: 'cw_b', createdAt: at(100), createdBy: BY, fromEnvironment: true });
    await x.tokens.touch(a.id, at(101));
    return a;
  });
  record('token by hash', await r.tokens.findByHash('hash-a'));
  record('token by hash, unknown', await r.tokens.findByHash('nope'));
  // With the graph version in the same statement (its value differs by dialect: coverage-repositories-both).
  const byHashes = async (hashes: string[]) => [...(await r.tokens.findByHashesWithGraphVersion(hashes)).tokens].sort(([a], [b]) => a.localeCompare(b));
  record('tokens by hashes with the graph version', await byHashes(['hash-b', 'nope', 'hash-a', 'hash-a']));
  record('tokens by hashes with the graph version, unknown', await byHashes(['nope']));
  record('tokens by hashes with the graph version, none', await byHashes([]));
  record('token standing', await r.tokens.standing(token.id));
  record('token by name', await r.tokens.findLiveByName('ci', at(102)));
  record('token from environment', await r.tokens.latestFromEnvironment());
  await w((x) => x.tokens.revoke(token.id, at(103), BY));
  record('token standing after revoke', await r.tokens.standing(token.id));
  record('tokens live', await r.tokens.list({}, page(10)));
  record('tokens all', await r.tokens.count({ includeRevoked: true }));

  // The audit trail: appends, filters (lists, target ids in the JSON text), batched reading.
  await w(async (x) => {
    let prevHash = '';
    for (let i = 0; i < 5; i++) {
      const row = await x.audit.append({
        at: at(110 + i),
        actorId: i % 2 ? 'u1' : 'u2',
        actorName: 'User',
        actorRole: 'ADMIN',
        action: i < 3 ? 'createFramework' : 'deleteFramework',
        targetIds: JSON.stringify(i === 4 ? [] : [`Framework:${i}`, 'Shared:1']),
        outcome: i === 2 ? 'DENIED' : 'SUCCESS',
        prevHash,
        hash: `h${i}`,
      });
      prevHash = row.hash;
    }
  });
  record('audit last', await r.audit.last());
  record('audit by action', await r.audit.list({ actions: ['deleteFramework'] }, page(10)));
  expect(record('audit by target', (await r.audit.list({ targetId: 'Framework:1' }, page(10))).items.map((a) => a.hash))).toEqual(['h1']);
  record('audit by shared target', await r.audit.count({ targetId: 'Shared:1', outcomes: ['SUCCESS'] }));
  record('audit window', await r.audit.list({ from: at(111), to: at(113), actorId: 'u1' }, page(1)));
  const all = [];
  for await (const row of r.audit.all(2)) all.push(row.hash);
  expect(record('audit all', all)).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);

  return log;
}

describe('the entity repositories on SQLite and PostgreSQL', () => {
  it('stores every text column of the PostgreSQL schema with the binary "C" collation', async () => {
    const { rows } = await pool.query<{ n: number }>(
      `SELECT count(*) AS n FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE'
       WHERE c.table_schema = 'public' AND c.data_type = 'text' AND c.collation_name IS DISTINCT FROM 'C'`,
    );
    expect(rows[0]!.n).toBe(0);
  });

  it('answers the same sequence of calls identically', async () => {
    const store = sqlite.store;
    const onSqlite = await scenario({ read: store.read, write: (fn) => store.transaction(fn) });
    const pgDb = drizzle(pool, { schema: pgSchema }) as unknown as Db;
    const onPostgres = await scenario({ read: pgDb, write: (fn) => (pgDb as unknown as { transaction<T>(f: (tx: Db) => Promise<T>): Promise<T> }).transaction(fn) });
    expect(onPostgres.map(([label]) => label)).toEqual(onSqlite.map(([label]) => label));
    for (const [i, [label, value]] of onSqlite.entries()) expect(onPostgres[i]![1], label).toEqual(value);
  }, 120_000);
});
