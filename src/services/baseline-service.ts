/**
 * Baselines: named selections of a framework's requirements (imported from OSCAL profiles) and
 * where they apply. Applying a baseline organisation-wide or to an AI system makes the
 * framework's requirements outside it not applicable there — organisation-wide for every AI
 * system too, as with not-applicable marks (see domain/catalog/baseline-applicability.ts);
 * un-applying retires the application (history kept).
 */
import type { Store } from '../db/store.js';
import type { BaselineApplicationRow, BaselineRow, RequirementRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { fail, notFound, ok, type Result } from '../domain/errors.js';
import type { PageRequest } from '../domain/paging.js';
import type { BaselineApplicationOptions } from '../domain/list-orders.js';
import type { MutationRunner } from './mutation-runner.js';
import { GuardedReads } from './read-service.js';

export interface BaselineApplyFields {
  baselineId: number;
  /** null/undefined: organisation-wide. */
  aiSystemId?: number | null;
  applied: boolean;
}

export class BaselineService extends GuardedReads {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store);
  }

  /** Every baseline (of one framework when given), ordered by refId. */
  async list(actor: Actor, frameworkId?: number | null): Promise<BaselineRow[]> {
    return this.read(actor).baselines.list(frameworkId == null ? undefined : [frameworkId]);
  }

  async findByRefId(actor: Actor, refId: string): Promise<BaselineRow | undefined> {
    return this.read(actor).baselines.findByRefId(refId);
  }

  async findByIds(actor: Actor, ids: readonly number[]): Promise<BaselineRow[]> {
    return this.read(actor).baselines.findByIds(ids);
  }

  /** One page (plus one row) of `Framework.baselines` per framework, cut in SQL. */
  async pageOfFrameworks(actor: Actor, frameworkIds: readonly number[], page: PageRequest): Promise<BaselineRow[]> {
    return this.read(actor).baselines.pageOfFrameworks(frameworkIds, page);
  }

  /** Length of `Framework.baselines` per framework that has any. */
  async countOfFrameworks(actor: Actor, frameworkIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).baselines.countOfFrameworks(frameworkIds);
  }

  /** One page (plus one row) of `Baseline.requirements` per baseline (live members, by requirement id), cut in SQL. */
  async pageOfMembers(actor: Actor, baselineIds: readonly number[], page: PageRequest): Promise<(RequirementRow & { baselineId: number })[]> {
    return this.read(actor).baselines.pageOfMembers(baselineIds, page);
  }

  /** Number of live members per baseline that has any. */
  async countOfMembers(actor: Actor, baselineIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).baselines.countOfMembers(baselineIds);
  }

  /** One page (plus one row) of `Baseline.applications` per baseline, cut in SQL. */
  async pageOfApplications(actor: Actor, baselineIds: readonly number[], options: BaselineApplicationOptions, page: PageRequest): Promise<BaselineApplicationRow[]> {
    return this.read(actor).baselines.pageOfApplications(baselineIds, options, page);
  }

  /** Length of `Baseline.applications` per baseline that has any. */
  async countOfApplications(actor: Actor, baselineIds: readonly number[], options: BaselineApplicationOptions): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).baselines.countOfApplications(baselineIds, options);
  }

  /**
   * Applies a baseline in a scope, or stops applying it. Applying one that already applies there,
   * or un-applying one that does not, changes nothing.
   */
  apply(actor: Actor, input: BaselineApplyFields): Promise<Result<{ baseline: BaselineRow; application: BaselineApplicationRow | null }>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const [baseline] = await repos.baselines.findByIds([input.baselineId]);
      if (!baseline) return fail(notFound('baseline', ['input', 'baselineId']));
      const aiSystemId = input.aiSystemId ?? null;
      if (aiSystemId !== null && !(await repos.applicability.aiSystemExists(aiSystemId))) {
        return fail(notFound('AI system', ['input', 'aiSystemId']));
      }
      audit.target('Baseline', baseline.id);
      const live = await repos.baselines.findLiveApplication(baseline.id, aiSystemId);
      if (input.applied) {
        const application = live ?? (await repos.baselines.insertApplication({ baselineId: baseline.id, aiSystemId, createdAt: now, createdBy: actorLabel(actor) }));
        return ok({ baseline, application });
      }
      if (live) await repos.baselines.retireApplication(live.id, now, actorLabel(actor));
      return ok({ baseline, application: null });
    });
  }
}
