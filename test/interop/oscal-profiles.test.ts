/**
 * OSCAL profiles → baselines, on the real files: the SP 800-53 LOW/MODERATE/HIGH baselines and the
 * EU AI Act profiles (counts from seeds/*\/SOURCE.md).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  count,
  EU_AI_ACT,
  EU_PROFILE,
  onlyUnchanged,
  openImportEnv,
  read,
  SP800_53,
  SP800_53_LOW_RESOLVED,
  SP800_53_PROFILE,
  type ImportEnv,
} from './support.js';

let env: ImportEnv;
beforeAll(async () => {
  env = await openImportEnv();
  await env.ok({ content: read(SP800_53), frameworkRefId: 'nist-sp800-53-rev5' });
  await env.ok({ content: read(EU_AI_ACT), frameworkRefId: 'eu-ai-act' });
});
afterAll(() => env.dispose());

/** OSCAL ids of a baseline's live members. */
const memberIds = async (refId: string): Promise<string[]> =>
  (await env.sql.column(`SELECT r.source_id FROM baseline_requirements m JOIN baselines b ON b.id = m.baseline_id JOIN requirements r ON r.id = m.requirement_id
       WHERE b.ref_id = ? AND m.removed_at IS NULL ORDER BY r.source_id`, refId)) as string[];

/** Every control id (at any depth) of an OSCAL catalog. */
function catalogControlIds(document: unknown): string[] {
  const ids: string[] = [];
  type Node = { id?: string; groups?: Node[]; controls?: Node[] };
  const visit = (node: Node) => {
    for (const g of node.groups ?? []) visit(g);
    for (const c of (node.controls ?? []) as (Node & { id: string })[]) {
      ids.push(c.id);
      visit(c);
    }
  };
  visit((document as { catalog: Node }).catalog);
  return ids.sort();
}

const profile = (withIds: string[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    profile: {
      uuid: '00000000-0000-4000-8000-000000000001',
      metadata: { title: 'Test profile', version: '1', 'oscal-version': '1.1.2' },
      imports: [{ href: '#catalog', 'include-controls': [{ 'with-ids': withIds }], ...extra }],
    },
  });

describe('NIST SP 800-53 rev5 baselines', () => {
  it('LOW selects 149 controls, exactly the controls of NIST\'s resolved LOW catalog', async () => {
    const report = await env.ok({ content: read(SP800_53_PROFILE('LOW')), baselineRefId: '800-53-low' });
    expect(report.format).toBe('OSCAL_PROFILE');
    expect(count(report, 'baselines')).toMatchObject({ created: 1 });
    expect(count(report, 'baselineMembers')).toMatchObject({ created: 149 });
    expect(report.rejected).toEqual([]);
    // The framework was inferred from the ids, and said so at the import.
    expect(report.warnings).toContainEqual(expect.objectContaining({ location: '$.profile.imports[0]', message: expect.stringContaining('"nist-sp800-53-rev5" (149 of 149 ids') }));
    const resolved = catalogControlIds(JSON.parse(read(SP800_53_LOW_RESOLVED)));
    expect(resolved).toHaveLength(149);
    expect(await memberIds('800-53-low')).toEqual(resolved);
    expect(await env.scalar(`SELECT name FROM baselines WHERE ref_id = '800-53-low'` as string) as unknown).toBe('NIST Special Publication 800-53 Revision 5 LOW IMPACT BASELINE');
  });

  it('MODERATE selects 287 and HIGH 370; no selected control is withdrawn; the refId defaults to the title', async () => {
    const moderate = await env.ok({ content: read(SP800_53_PROFILE('MODERATE')), frameworkRefId: 'nist-sp800-53-rev5' });
    expect(count(moderate, 'baselineMembers').created).toBe(287);
    expect(moderate.warnings).toEqual([]); // framework named: nothing inferred, nothing withdrawn
    const high = await env.ok({ content: read(SP800_53_PROFILE('HIGH')), frameworkRefId: 'nist-sp800-53-rev5', baselineRefId: '800-53-high' });
    expect(count(high, 'baselineMembers').created).toBe(370);
    expect(await memberIds('nist-special-publication-800-53-revision-5-moderate-impact-baseline')).toHaveLength(287);
    expect(await env.scalar(`SELECT count(*) FROM baseline_requirements m JOIN requirements r ON r.id = m.requirement_id WHERE r.withdrawn`)).toBe(0);
    // LOW ⊂ MODERATE ⊂ HIGH.
    const mod = new Set(await memberIds('nist-special-publication-800-53-revision-5-moderate-impact-baseline'));
    const hi = new Set(await memberIds('800-53-high'));
    await env.ok({ content: read(SP800_53_PROFILE('LOW')), frameworkRefId: 'nist-sp800-53-rev5', baselineRefId: '800-53-low-subset' });
    expect((await memberIds('800-53-low-subset')).every((id) => mod.has(id))).toBe(true);
    expect([...mod].every((id) => hi.has(id))).toBe(true);
  });

  it('importing the same profile again changes nothing', async () => {
    // Its own baseline, so the test holds in any order.
    await env.ok({ content: read(SP800_53_PROFILE('LOW')), baselineRefId: '800-53-low-twice' });
    const again = await env.ok({ content: read(SP800_53_PROFILE('LOW')), baselineRefId: '800-53-low-twice' });
    expect(onlyUnchanged(again)).toBe(true);
    expect(count(again, 'baselineMembers').unchanged).toBe(149);
  });

  it('withdrawn controls are never members: named ones warn, ones reached by include-all or child controls are counted', async () => {
    const named = await env.ok({ content: profile(['ac-2', 'ac-2.10']), frameworkRefId: 'nist-sp800-53-rev5', baselineRefId: 'withdrawn-named' });
    expect(await memberIds('withdrawn-named')).toEqual(['ac-2']);
    expect(named.warnings).toContainEqual({
      location: '$.profile.imports[0].include-controls[0].with-ids[1]',
      message: expect.stringContaining('"ac-2.10" is withdrawn: left out of the baseline'),
    });

    const children = await env.ok({
      content: JSON.stringify({ profile: { metadata: { title: 'AC-2 family' }, imports: [{ href: '#c', 'include-controls': [{ 'with-ids': ['ac-2'], 'with-child-controls': 'yes' }] }] } }),
      frameworkRefId: 'nist-sp800-53-rev5',
    });
    expect(await memberIds('ac-2-family')).toHaveLength(13); // AC-2 and its 12 live enhancements (AC-2(10) is withdrawn)
    expect(children.warnings).toContainEqual(expect.objectContaining({ message: expect.stringMatching(/^1 withdrawn requirement/) }));

    const all = await env.ok({
      content: JSON.stringify({ profile: { metadata: { title: 'Everything' }, imports: [{ href: '#c', 'include-all': {} }] } }),
      frameworkRefId: 'nist-sp800-53-rev5',
    });
    expect(count(all, 'baselineMembers').created).toBe(1007); // 1,189 controls and enhancements − 182 withdrawn; groups are not members
  });

  it('a framework refId given by the caller follows the key rule (no control or invisible characters)', async () => {
    const content = JSON.stringify({ profile: { metadata: { title: 'x' }, imports: [{ href: '#c', 'include-all': {} }] } });
    for (const frameworkRefId of ['nist-sp800-53-rev5\u0000', 'nist\u202esp800-53-rev5']) {
      const outcome = await env.run({ content, frameworkRefId });
      expect(outcome.errors).toEqual([expect.objectContaining({ code: 'INVALID', field: ['input', 'frameworkRefId'], message: expect.stringMatching(/control characters|invisible/) })]);
    }
  });

  it('matching patterns and exclude-controls', async () => {
    const content = JSON.stringify({
      profile: {
        metadata: { title: 'Access control without AC-2' },
        imports: [{ href: '#c', 'include-controls': [{ matching: [{ pattern: 'ac-*' }] }], 'exclude-controls': [{ 'with-ids': ['ac-2'], 'with-child-controls': 'yes' }] }],
      },
    });
    await env.ok({ content, frameworkRefId: 'nist-sp800-53-rev5' });
    const ids = await memberIds('access-control-without-ac-2');
    expect(ids).toHaveLength(131 - 13); // live AC controls and enhancements, minus AC-2 and its live enhancements
    expect(ids.some((id) => id === 'ac-2' || id.startsWith('ac-2.'))).toBe(false);
    expect(ids).toContain('ac-20');
  });

  it('unknown ids are rejected at their JSON path and listed together; the rest is imported', async () => {
    const report = await env.ok({ content: profile(['ac-1', 'zz-1', 'ac-3', 'zz-2']), frameworkRefId: 'nist-sp800-53-rev5', baselineRefId: 'with-unknown' });
    expect(report.rejected).toEqual([
      { location: '$.profile.imports[0].include-controls[0].with-ids[1]', reason: '"zz-1" is not a requirement of framework "nist-sp800-53-rev5"' },
      { location: '$.profile.imports[0].include-controls[0].with-ids[3]', reason: '"zz-2" is not a requirement of framework "nist-sp800-53-rev5"' },
    ]);
    expect(report.unresolved).toEqual([{ kind: 'REQUIREMENT', frameworkRefId: 'nist-sp800-53-rev5', ids: ['zz-1', 'zz-2'] }]);
    expect(await memberIds('with-unknown')).toEqual(['ac-1', 'ac-3']);
  });

  it('with-ids that match only when case is ignored are read that way, with one warning giving the count (as mapping-collections do)', async () => {
    const report = await env.ok({ content: profile(['aC-1', 'ac-2', 'Ac-3', 'ZZ-1']), frameworkRefId: 'nist-sp800-53-rev5', baselineRefId: 'case-ignored' });
    expect(report.warnings).toContainEqual({
      location: '$.profile.imports[0].include-controls[0].with-ids[0]',
      message: '2 id(s) match a requirement of framework "nist-sp800-53-rev5" only when case is ignored (e.g. "aC-1" → "ac-1"); read case-insensitively',
    });
    expect(report.rejected).toEqual([{ location: '$.profile.imports[0].include-controls[0].with-ids[3]', reason: '"ZZ-1" is not a requirement of framework "nist-sp800-53-rev5"' }]);
    expect(await memberIds('case-ignored')).toEqual(['ac-1', 'ac-2', 'ac-3']);
  });

  it('REPLACE removes members the profile no longer selects (kept as history); MERGE only adds', async () => {
    await env.ok({ content: profile(['ac-1', 'ac-2', 'ac-3']), frameworkRefId: 'nist-sp800-53-rev5', baselineRefId: 'shrinking' });
    const merged = await env.ok({ content: profile(['ac-1', 'ac-4']), frameworkRefId: 'nist-sp800-53-rev5', baselineRefId: 'shrinking' });
    expect(count(merged, 'baselineMembers')).toEqual({ created: 1, updated: 0, unchanged: 1, retired: 0 });
    expect(await memberIds('shrinking')).toEqual(['ac-1', 'ac-2', 'ac-3', 'ac-4']);
    const replaced = await env.ok({ content: profile(['ac-1', 'ac-4']), frameworkRefId: 'nist-sp800-53-rev5', baselineRefId: 'shrinking', mode: 'REPLACE' });
    expect(count(replaced, 'baselineMembers')).toEqual({ created: 0, updated: 0, unchanged: 2, retired: 2 });
    expect(await memberIds('shrinking')).toEqual(['ac-1', 'ac-4']);
    const history = await env.scalar(`SELECT count(*) FROM baseline_requirements m JOIN baselines b ON b.id = m.baseline_id WHERE b.ref_id = 'shrinking' AND m.removed_at IS NOT NULL`);
    expect(history).toBe(2);
  });

  it('refuses, naming the problem, a profile whose framework is unknown or cannot be inferred, and a non-profile', async () => {
    const unknown = await env.run({ content: profile(['ac-1']), frameworkRefId: 'no-such-framework' });
    expect(unknown.errors).toEqual([{ code: 'INVALID', field: ['input', 'frameworkRefId'], message: expect.stringContaining('framework "no-such-framework"') }]);
    const nothing = await env.run({ content: profile(['zz-1']) });
    expect(nothing.errors).toEqual([{ code: 'INVALID', field: ['input', 'frameworkRefId'], message: expect.stringMatching(/^\$\.profile\.imports: import "#catalog" cannot be matched to a framework with certainty: none of the profile's controls/) }]);
    const broken = await env.run({ content: JSON.stringify({ profile: { metadata: {}, imports: [{ 'include-controls': [{ 'with-ids': 'ac-1' }] }] } }), format: 'OSCAL_PROFILE' });
    expect(broken.errors[0]!.message).toBe('$.profile.imports[0].include-controls[0].with-ids: expected an array of control ids');
  });
});

describe('EU AI Act profiles (counts from seeds/eu-ai-act-oscal/SOURCE.md)', () => {
  it.each([
    ['prohibited-practices-and-ai-literacy', 15],
    ['transparency-article-50', 18],
    ['gpai-model-provider', 21],
    ['high-risk-deployer-annex-iii', 26],
    ['high-risk-provider-annex-iii', 40],
  ])('%s selects %i articles', async (name, expected) => {
    const report = await env.ok({ content: read(EU_PROFILE(name)), baselineRefId: `eu-${name}` });
    expect(report.rejected).toEqual([]);
    expect(count(report, 'baselineMembers').created).toBe(expected);
    expect(await memberIds(`eu-${name}`)).toHaveLength(expected);
    expect(report.warnings).toContainEqual(expect.objectContaining({ message: expect.stringContaining('inferred as "eu-ai-act"') }));
  });

  it('parameter settings (modify) are reported as not kept', async () => {
    const report = await env.ok({ content: read(EU_PROFILE('gpai-model-provider')), baselineRefId: 'eu-gpai-again' });
    expect(report.warnings).toContainEqual({ location: '$.profile.modify', message: expect.stringContaining('modify (parameter settings, alterations)') });
  });
});
