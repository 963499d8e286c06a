import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../src/services/index.js';
import { ConfigError } from '../../src/config.js';
import { SEED_CATALOGS, SHOWN_WITHOUT_VERBOSE, seedCatalogs, selectCatalogs, type SeedResult } from '../../src/services/seeding.js';
import { openDirectDb, type DirectDb } from '../support/direct-db.js';
import { openTestStore } from '../support/temp-store.js';

let env: Awaited<ReturnType<typeof openTestStore>>;
let first: SeedResult[];
let db: DirectDb;

beforeAll(async () => {
  env = await openTestStore();
  first = await seedCatalogs(createServices(env.store), SEED_CATALOGS, () => {});
  db = await openDirectDb(env.location);
});
afterAll(async () => {
  await db.close();
  await env.dispose();
});

/** The one value of a one-row, one-column query, as a number (PostgreSQL's count is a bigint). */
const scalar = async (sql: string, ...params: unknown[]) => Number(Object.values((await db.all(sql, params))[0]!)[0]);
const inFramework = (refId: string, where = 'true') =>
  scalar(`SELECT count(*) FROM requirements r JOIN frameworks f ON f.id = r.framework_id WHERE f.ref_id = ? AND ${where}`, refId);

describe('built-in catalogs loaded through the catalog loader', () => {
  it('rejects nothing from any shipped catalog', () => {
    for (const { catalog, report } of first) expect(report.rejected, catalog).toEqual([]);
  });

  it('NIST AI RMF 1.0: 4 functions, 19 categories, 72 subcategories', async () => {
    expect(await inFramework('nist-ai-rmf-1.0', "r.kind = 'function'")).toBe(4);
    expect(await inFramework('nist-ai-rmf-1.0', "r.kind = 'category'")).toBe(19);
    expect(await inFramework('nist-ai-rmf-1.0', "r.kind = 'subcategory'")).toBe(72);
    expect(await scalar(`SELECT count(*) FROM requirements WHERE ref_id = 'GOVERN 1.1' AND parent_id = (SELECT id FROM requirements WHERE ref_id = 'GOVERN 1')`)).toBe(1);
  });

  it('NIST SP 800-53 rev5: 1,189 controls and enhancements, 182 withdrawn, in 20 families', async () => {
    expect(await inFramework('nist-sp800-53-rev5', "r.kind = 'group'")).toBe(20);
    expect(await inFramework('nist-sp800-53-rev5', "r.kind <> 'group'")).toBe(1189);
    expect(await inFramework('nist-sp800-53-rev5', "r.kind <> 'group' AND withdrawn = true")).toBe(182);
  });

  it('NIST CSF 2.0: 106 active subcategories of 185', async () => {
    expect(await inFramework('nist-csf-2.0', "r.kind = 'subcategory'")).toBe(185);
    expect(await inFramework('nist-csf-2.0', "r.kind = 'subcategory' AND withdrawn = false")).toBe(106);
  });

  it('EU AI Act: 50 articles', async () => {
    expect(await inFramework('eu-ai-act', "r.kind <> 'group'")).toBe(50);
  });

  it('MITRE ATLAS: 35 mitigations, 170 techniques, 244 distinct mitigation→technique pairs', async () => {
    expect(await inFramework('mitre-atlas')).toBe(35);
    expect(await scalar(`SELECT count(*) FROM threats t JOIN frameworks f ON f.id = t.framework_id WHERE f.ref_id = 'mitre-atlas-techniques'`)).toBe(170);
    expect(await scalar(`SELECT count(*) FROM threats t JOIN frameworks f ON f.id = t.framework_id WHERE f.ref_id = 'mitre-atlas-techniques' AND parent_id IS NOT NULL`)).toBe(69);
    expect(await scalar(`SELECT count(*) FROM threat_requirements tr JOIN requirements r ON r.id = tr.requirement_id JOIN frameworks f ON f.id = r.framework_id WHERE f.ref_id = 'mitre-atlas'`)).toBe(244);
  });

  it('CoSAI: 35 controls, 36 risks, each risk addressed by at least one control', async () => {
    expect(await inFramework('cosai-risk-map-controls', "r.kind = 'control'")).toBe(35);
    expect(await scalar(`SELECT count(*) FROM threats t JOIN frameworks f ON f.id = t.framework_id WHERE f.ref_id = 'cosai-risk-map-risks'`)).toBe(36);
    expect(await scalar(`SELECT count(*) FROM threats t JOIN frameworks f ON f.id = t.framework_id WHERE f.ref_id = 'cosai-risk-map-risks' AND NOT EXISTS (SELECT 1 FROM threat_requirements tr WHERE tr.threat_id = t.id)`)).toBe(0);
  });

  it('starter catalog: controls with their first status history row, mappings with their first revision', async () => {
    expect(await scalar(`SELECT count(*) FROM controls`)).toBe(32);
    expect(await scalar(`SELECT count(*) FROM control_status_changes WHERE from_status IS NULL AND to_status = 'NOT_IMPLEMENTED'`)).toBe(32);
    expect(await scalar(`SELECT count(*) FROM mappings`)).toBe(79);
    expect(await scalar(`SELECT count(*) FROM mapping_revisions`)).toBe(79);
    expect(await scalar(`SELECT count(*) FROM requirement_links WHERE provenance LIKE 'crosswalk-starter%'`)).toBe(48);
  });

  it('loading everything again changes nothing', async () => {
    const state = async () => (await db.all(`SELECT max(updated_at) AS u, count(*) AS n FROM requirements`)).map((r) => [Number(r.u), Number(r.n)]);
    const before = await state();
    const again = await seedCatalogs(createServices(env.store), SEED_CATALOGS, () => {});
    for (const { catalog, report } of again) {
      for (const kind of ['frameworks', 'requirements', 'controls', 'mappings', 'links', 'threats', 'threatLinks'] as const) {
        expect(report[kind].created, `${catalog} ${kind} created`).toBe(0);
        expect(report[kind].updated, `${catalog} ${kind} updated`).toBe(0);
      }
    }
    expect(await state()).toEqual(before);
  });

  it("keeps the parser's warnings in the load report, located at the catalog", () => {
    const cosai = first.find((r) => r.catalog === 'cosai-risk-map')!;
    expect(cosai.warnings.length).toBeGreaterThan(0);
    expect(cosai.report.warnings.filter((w) => w.location === 'cosai-risk-map').map((w) => w.message)).toEqual(cosai.warnings);
  });

  it('prints the first warnings of a catalog, or all of them when verbose', async () => {
    const brief: string[] = [];
    const verbose: string[] = [];
    const cosai = SEED_CATALOGS.filter((c) => c.id === 'cosai-risk-map');
    await seedCatalogs(createServices(env.store), cosai, (m) => brief.push(m), { verboseHint: 'HINT' });
    const [again] = await seedCatalogs(createServices(env.store), cosai, (m) => verbose.push(m), { verbose: true });
    const warnings = again!.report.warnings.length;
    expect(warnings).toBeGreaterThan(SHOWN_WITHOUT_VERBOSE);
    expect(brief.filter((l) => l.includes(' warning '))).toHaveLength(SHOWN_WITHOUT_VERBOSE);
    expect(brief).toContain(`  … and ${warnings - SHOWN_WITHOUT_VERBOSE} more (HINT)`);
    expect(verbose.filter((l) => l.includes(' warning '))).toHaveLength(warnings);
    expect(verbose.some((l) => l.includes('more ('))).toBe(false);
  });

  it('selects catalogs by id and refuses unknown ids', () => {
    expect(selectCatalogs('none')).toEqual([]);
    expect(selectCatalogs('mitre-atlas, eu-ai-act').map((c) => c.id)).toEqual(['eu-ai-act', 'mitre-atlas']);
    expect(() => selectCatalogs('nope')).toThrow(/CROSSWALK_SEED: unknown catalog.*nope/);
    expect(() => selectCatalogs('nope', '--catalog')).toThrow(ConfigError);
  });
});
