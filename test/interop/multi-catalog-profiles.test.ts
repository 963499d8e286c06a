/**
 * A profile importing several catalogs (BSI Grundschutz++: Methodik, Risikomanagement, Kernel):
 * each import is matched to its own framework and reported, one baseline per framework grouped
 * under the profile; an import that cannot be matched with certainty is refused by name, never
 * folded into another framework. Fixtures: test/fixtures/bsi-grundschutz-plus-plus (CC BY-SA 4.0).
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { count, openImportEnv, read, type ImportBase, type ImportEnv } from './support.js';

const DIR = 'test/fixtures/bsi-grundschutz-plus-plus';
const PROFILE = `${DIR}/Grundschutz++-profile.json`;
const KERNEL_G0_RESOURCE = '41fb0187-c393-4342-827f-173e6323a6c0';

/** The profile with import 3's back-matter link pointed at the Kernel substitute here (its file and MD5). */
function profileWithSubstituteKernel(): string {
  const doc = JSON.parse(read(PROFILE));
  const resource = doc.profile['back-matter'].resources.find((r: { uuid: string }) => r.uuid === KERNEL_G0_RESOURCE);
  resource.rlinks = [{ href: '../catalogs/Kernel/BSI-Stand-der-Technik-Kernel-catalog.json', hashes: [{ algorithm: 'MD5', value: 'b8b39c20527d782213eac9f2eaa08934' }] }];
  return JSON.stringify(doc);
}

const members = async (env: ImportEnv, baselineRefId: string) =>
  await env.scalar(
    'SELECT count(*) FROM baseline_requirements m JOIN baselines b ON b.id = m.baseline_id WHERE b.ref_id = ? AND m.removed_at IS NULL',
    baselineRefId,
  );

// The three catalogs are imported once; every test starts from a copy of that database, since
// the tests import the profile or another framework, which changes what the others would see.
let catalogs: ImportBase;
beforeAll(async () => {
  const base = await openImportEnv();
  try {
    await base.ok({ content: read(`${DIR}/BSI-Methodik-Grundschutz++-catalog.json`), frameworkRefId: 'bsi-methodik' });
    await base.ok({ content: read(`${DIR}/BSI-Anforderungen-zum-Risikomanagement-catalog.json`), frameworkRefId: 'bsi-risiko' });
    await base.ok({ content: read(`${DIR}/BSI-Stand-der-Technik-Kernel-catalog.json`), frameworkRefId: 'bsi-kernel' });
    catalogs = await base.backup();
  } finally {
    await base.dispose();
  }
}, 120_000);
afterAll(() => catalogs?.dispose());

let env: ImportEnv;
beforeEach(async () => {
  env = await openImportEnv(catalogs);
});
afterEach(() => env.dispose());

describe('BSI Grundschutz++ profile (three catalogs)', () => {
  it('as published: Methodik and Risikomanagement matched by the MD5 the profile records; the Kernel-G0 import is refused by name', async () => {
    const report = await env.ok({ content: read(PROFILE), dryRun: true });
    expect(report.rejected).toEqual([
      {
        location: '$.profile.imports[2]',
        reason: expect.stringMatching(
          /^import "#41fb0187-c393-4342-827f-173e6323a6c0" \(\.\.\/catalogs\/Kernel\/BSI-Stand-der-Technik-Kernel-G0-catalog\.json\) cannot be matched to a framework with certainty: no recorded catalog matches it and it names no ids/,
        ),
      },
    ]);
    expect(report.warnings).toEqual(
      expect.arrayContaining([
        { location: '$.profile.imports[0]', message: 'import "#5fa04faf-937c-48e0-8764-9b2cd55e2170" is matched to framework "bsi-methodik" by the hash of its catalog\'s text, recorded at import' },
        { location: '$.profile.imports[1]', message: 'import "#d139a8e0-1d74-4e33-ad25-6385c53b4fbe" is matched to framework "bsi-risiko" by the hash of its catalog\'s text, recorded at import' },
      ]),
    );
    expect(count(report, 'baselines').created).toBe(2);
    expect(count(report, 'baselineMembers').created).toBe(95 + 4);
  });

  it('with the Kernel link pointed at the catalog here: 95 + 4 + 901 members over three baselines grouped under the profile', async () => {
    const report = await env.ok({ content: profileWithSubstituteKernel() });
    expect(report.rejected).toEqual([]);
    expect(report.warnings).toContainEqual({
      location: '$.profile.imports[2]',
      message: 'import "#41fb0187-c393-4342-827f-173e6323a6c0" is matched to framework "bsi-kernel" by the hash of its catalog\'s text, recorded at import',
    });
    expect(count(report, 'baselines').created).toBe(3);
    expect(await members(env, 'anwenderkatalog-grundschutz--bsi-methodik')).toBe(95);
    expect(await members(env, 'anwenderkatalog-grundschutz--bsi-risiko')).toBe(4);
    expect(await members(env, 'anwenderkatalog-grundschutz--bsi-kernel')).toBe(901);
    const groups = (await env.sql.all('SELECT b.ref_id AS "refId", f.ref_id AS framework, b.profile_ref_id AS profile FROM baselines b JOIN frameworks f ON f.id = b.framework_id ORDER BY b.ref_id'));
    expect(groups).toEqual([
      { refId: 'anwenderkatalog-grundschutz--bsi-kernel', framework: 'bsi-kernel', profile: 'anwenderkatalog-grundschutz' },
      { refId: 'anwenderkatalog-grundschutz--bsi-methodik', framework: 'bsi-methodik', profile: 'anwenderkatalog-grundschutz' },
      { refId: 'anwenderkatalog-grundschutz--bsi-risiko', framework: 'bsi-risiko', profile: 'anwenderkatalog-grundschutz' },
    ]);
    // The RISK selection stays the 4 named ids: the other catalogs are not folded in.
    const risk = (await env.sql.column(`SELECT r.ref_id FROM baseline_requirements m JOIN baselines b ON b.id = m.baseline_id JOIN requirements r ON r.id = m.requirement_id
         WHERE b.ref_id = 'anwenderkatalog-grundschutz--bsi-risiko' ORDER BY r.id`));
    expect(risk).toEqual(['RISK.1.1', 'RISK.1.3', 'RISK.1.5', 'RISK.1.10']);
  });

  it('a framework given for a profile of several imports is refused (each import has its own framework)', async () => {
    const outcome = await env.run({ content: read(PROFILE), frameworkRefId: 'bsi-kernel' });
    expect(outcome.errors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'frameworkRefId'], message: expect.stringContaining('imports 3 catalogs, each matched to its own framework') })]);
  });

  it('two frameworks recorded from the same catalog: the match is not certain and the import is refused by name', async () => {
    await env.ok({ content: read(`${DIR}/BSI-Anforderungen-zum-Risikomanagement-catalog.json`), frameworkRefId: 'bsi-risiko-copy' });
    const report = await env.ok({ content: read(PROFILE), dryRun: true });
    expect(report.rejected).toContainEqual({
      location: '$.profile.imports[1]',
      reason: expect.stringContaining('cannot be matched to a framework with certainty: the hash of its catalog\'s text, recorded at import names 2 frameworks ("bsi-risiko", "bsi-risiko-copy")'),
    });
  });
});
