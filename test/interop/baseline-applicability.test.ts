/**
 * What applied baselines mean for coverage: the exclusion marks the coverage snapshot gets
 * (BaselineRepository.exclusionMarks), computed by a pure function and checked on the real LOW
 * baseline.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baselineExclusionMarks } from '../../src/domain/catalog/baseline-applicability.js';
import { CLI_ACTOR } from '../../src/domain/actor.js';
import { openImportEnv, read, SP800_53, SP800_53_PROFILE, type ImportEnv } from './support.js';

describe('baselineExclusionMarks (pure)', () => {
  // G ─┬─ A ── A1
  //    └─ B
  // C (top level)
  const requirements = [
    { id: 1, frameworkId: 7, parentId: null }, // G
    { id: 2, frameworkId: 7, parentId: 1 }, // A
    { id: 3, frameworkId: 7, parentId: 2 }, // A1
    { id: 4, frameworkId: 7, parentId: 1 }, // B
    { id: 5, frameworkId: 7, parentId: null }, // C
    { id: 9, frameworkId: 8, parentId: null }, // another framework: never restricted
  ];
  const members = [
    { baselineId: 100, requirementId: 2, addedAt: 0, removedAt: null }, // baseline 100 = {A}
    { baselineId: 200, requirementId: 4, addedAt: 0, removedAt: null }, // baseline 200 = {B}
    { baselineId: 200, requirementId: 5, addedAt: 0, removedAt: 50 }, //   and C until 50
  ];
  const applications = [
    { baselineId: 100, frameworkId: 7, aiSystemId: null, createdAt: 10, retiredAt: null }, // org-wide from 10
    { baselineId: 200, frameworkId: 7, aiSystemId: 42, createdAt: 20, retiredAt: 80 }, // system 42 from 20 to 80
  ];

  it('organisation-wide: outside the applied baseline (members + ancestors) is not applicable, from the moment it applies', () => {
    const marks = baselineExclusionMarks({ applications, members, requirements }).filter((m) => m.aiSystemId === null);
    expect(marks).toEqual([
      { requirementId: 3, aiSystemId: null, createdAt: 10, retiredAt: null }, // A1: child of a member, not a member
      { requirementId: 4, aiSystemId: null, createdAt: 10, retiredAt: null }, // B
      { requirementId: 5, aiSystemId: null, createdAt: 10, retiredAt: null }, // C
    ]);
  });

  it('an AI system\'s own baseline narrows it further while it applies; membership history counts', () => {
    const marks = baselineExclusionMarks({ applications, members, requirements });
    expect(marks.filter((m) => m.aiSystemId === 42)).toEqual([
      { requirementId: 2, aiSystemId: 42, createdAt: 20, retiredAt: 80 }, // A (and so A1) while the system's {B, C} applies
      { requirementId: 5, aiSystemId: 42, createdAt: 50, retiredAt: 80 }, // C once it left baseline 200
    ]);
    // Read as the engine does (a mark on the requirement or an ancestor, organisation-wide or the system's).
    const parent = new Map(requirements.map((r) => [r.id, r.parentId]));
    const notApplicable = (aiSystemId: number | null, at: number) =>
      requirements
        .filter((r) => {
          for (let id: number | null | undefined = r.id; id != null; id = parent.get(id)) {
            const hit = marks.some((m) => m.requirementId === id && (m.aiSystemId === null || m.aiSystemId === aiSystemId) && m.createdAt <= at && (m.retiredAt === null || at < m.retiredAt));
            if (hit) return true;
          }
          return false;
        })
        .map((r) => r.id);
    expect(notApplicable(null, 5)).toEqual([]); // nothing applied yet
    expect(notApplicable(null, 30)).toEqual([3, 4, 5]); // organisation: {A} (with its ancestor G)
    expect(notApplicable(42, 30)).toEqual([2, 3, 4, 5]); // system 42: {A} ∩ {B, C} — only the shared ancestor G
    expect(notApplicable(43, 30)).toEqual([3, 4, 5]); // another system: the organisation's
    expect(notApplicable(42, 90)).toEqual([3, 4, 5]); // the system's application retired at 80
  });

  it('nothing applied: nothing excluded', () => {
    expect(baselineExclusionMarks({ applications: [], members, requirements })).toEqual([]);
  });
});

describe('the LOW baseline applied to the organisation', () => {
  let env: ImportEnv;
  beforeAll(async () => {
    env = await openImportEnv();
    await env.ok({ content: read(SP800_53), frameworkRefId: 'nist-sp800-53-rev5' });
    const low = await env.ok({ content: read(SP800_53_PROFILE('LOW')), baselineRefId: 'low' });
    const applied = await env.services.baselines.apply(CLI_ACTOR, { baselineId: low.baselineIds[0]!, applied: true });
    expect(applied.ok).toBe(true);
  });
  afterAll(() => env.dispose());

  it('leaves exactly the 149 LOW controls and their families applicable', async () => {
    const repoMarks = await env.repos.baselines.exclusionMarks();
    const marked = new Set(repoMarks.map((m) => m.requirementId));
    expect(repoMarks.every((m) => m.aiSystemId === null && m.retiredAt === null)).toBe(true);
    const rows = (await env.sql.all(`SELECT r.id, r.parent_id AS "parentId", r.source_id AS "sourceId", r.kind FROM requirements r`)) as { id: number; parentId: number | null; sourceId: string; kind: string }[];
    const byId = new Map(rows.map((r) => [r.id, r]));
    const notApplicable = (id: number): boolean => marked.has(id) || (byId.get(id)!.parentId !== null && notApplicable(byId.get(id)!.parentId!));
    const applicableControls = rows.filter((r) => r.kind !== 'group' && !notApplicable(r.id));
    expect(applicableControls).toHaveLength(149);
    const families = rows.filter((r) => r.kind === 'group' && !notApplicable(r.id));
    expect(families).toHaveLength(18); // LOW has no PM or PT controls
  });
});
