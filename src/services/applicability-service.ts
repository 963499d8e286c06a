/**
 * Applicability: marking requirements not applicable (organisation-wide or for one AI system)
 * and applicable again. Marks are retired, never deleted, so the history stays complete.
 */
import type { Store } from '../db/store.js';
import type { NotApplicableMarkRow, RequirementRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { fail, notFound, ok, userError, type Result } from '../domain/errors.js';
import type { PageRequest } from '../domain/paging.js';
import type { NotApplicableMarkOptions } from '../domain/list-orders.js';
import type { MutationRunner } from './mutation-runner.js';
import { checkLongText } from './validation.js';
import { GuardedReads } from './read-service.js';

export interface ApplicabilityFields {
  requirementId: number;
  /** null/undefined: organisation-wide. */
  aiSystemId?: number | null;
  applicable: boolean;
  justification?: string | null;
}

export interface ApplicabilityOutcome {
  requirement: RequirementRow;
  /** The new live mark when the requirement was marked not applicable. */
  mark: NotApplicableMarkRow | null;
}

export class ApplicabilityService extends GuardedReads {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store);
  }

  async findByIds(actor: Actor, ids: readonly number[]): Promise<NotApplicableMarkRow[]> {
    return this.read(actor).applicability.findByIds(ids);
  }

  /** One page (plus one row) of `Requirement.notApplicable` per requirement, cut in SQL. */
  async pageOfRequirements(actor: Actor, requirementIds: readonly number[], options: NotApplicableMarkOptions, page: PageRequest): Promise<NotApplicableMarkRow[]> {
    return this.read(actor).applicability.pageOfRequirements(requirementIds, options, page);
  }

  /** Length of `Requirement.notApplicable` per requirement that has any. */
  async countOfRequirements(actor: Actor, requirementIds: readonly number[], options: NotApplicableMarkOptions): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).applicability.countOfRequirements(requirementIds, options);
  }

  set(actor: Actor, input: ApplicabilityFields): Promise<Result<ApplicabilityOutcome>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, actor, now }) => {
      const requirement = await repos.requirements.findById(input.requirementId);
      if (!requirement) return fail(notFound('requirement', ['input', 'requirementId']));
      const aiSystemId = input.aiSystemId ?? null;
      if (aiSystemId !== null && !(await repos.applicability.aiSystemExists(aiSystemId))) {
        return fail(notFound('AI system', ['input', 'aiSystemId']));
      }
      const live = await repos.applicability.findLive(requirement.id, aiSystemId);
      const by = actorLabel(actor);

      if (input.applicable) {
        if (live) await repos.applicability.retire(live.id, now, by);
        return ok({ requirement, mark: null });
      }

      const justification = input.justification ?? '';
      if (justification.trim().length === 0) {
        return fail(
          userError('INVALID', 'a justification is required to mark a requirement not applicable', [
            'input',
            'justification',
          ]),
        );
      }
      const tooLong = checkLongText(justification, ['input', 'justification'], 5_000);
      if (tooLong) return fail(tooLong);
      if (live) await repos.applicability.retire(live.id, now, by);
      const mark = await repos.applicability.insert({
        requirementId: requirement.id,
        aiSystemId,
        justification,
        createdAt: now,
        createdBy: by,
      });
      return ok({ requirement, mark });
    });
  }
}
