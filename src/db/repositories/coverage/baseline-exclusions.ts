/**
 * The baseline exclusions the coverage engine reads (a snapshot's `baselineExclusions`): every
 * applied baseline's effect as exclusion marks, by the rules of `baselineExclusionMarks`, from
 * three reads. A {@link Read}, so it runs inside the coverage snapshot's read transaction on both
 * backends; BaselineRepository.exclusionMarks runs the same read.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../store.js';
import { sqlOf, tablesOf } from '../../dialect.js';
import { baselineExclusionMarks, type ExclusionMark } from '../../../domain/catalog/baseline-applicability.js';
import { select, type Read } from './dialect-reads.js';

export function* exclusionMarksRead(db: Db): Read<ExclusionMark[]> {
  const { baselineApplications, baselineRequirements, baselines, requirements } = tablesOf(db);
  const applications = yield* select(
    db,
    db
      .select({
        baselineId: baselineApplications.baselineId,
        aiSystemId: baselineApplications.aiSystemId,
        createdAt: baselineApplications.createdAt,
        retiredAt: baselineApplications.retiredAt,
        frameworkId: baselines.frameworkId,
      })
      .from(baselineApplications)
      .innerJoin(baselines, eq(baselines.id, baselineApplications.baselineId)),
  );
  if (applications.length === 0) return [];
  const baselineIds = [...new Set(applications.map((a) => a.baselineId))];
  const frameworkIds = [...new Set(applications.map((a) => a.frameworkId))];
  const members = yield* select(db, db.select().from(baselineRequirements).where(sqlOf(db).inList(baselineRequirements.baselineId, baselineIds)));
  const reqs = yield* select(
    db,
    db
      .select({ id: requirements.id, frameworkId: requirements.frameworkId, parentId: requirements.parentId })
      .from(requirements)
      .where(sqlOf(db).inList(requirements.frameworkId, frameworkIds)),
  );
  return baselineExclusionMarks({
    applications: applications.map((a) => ({
      baselineId: a.baselineId,
      frameworkId: a.frameworkId,
      aiSystemId: a.aiSystemId,
      createdAt: a.createdAt.getTime(),
      retiredAt: a.retiredAt?.getTime() ?? null,
    })),
    members: members.map((m) => ({
      baselineId: m.baselineId,
      requirementId: m.requirementId,
      addedAt: m.addedAt.getTime(),
      removedAt: m.removedAt?.getTime() ?? null,
    })),
    requirements: reqs,
  });
}
