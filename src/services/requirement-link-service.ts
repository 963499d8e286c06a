/** Crosswalk links between requirements of different frameworks: creating and retiring them. */
import { isStrength, MAX_STRENGTH, MIN_STRENGTH } from '../domain/strength.js';
import type { Store } from '../db/store.js';
import type { RequirementLinkFilter } from '../db/repositories/requirement-link-repository.js';
import type { RequirementLinkRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { fail, notFound, ok, userError, type Result } from '../domain/errors.js';
import type { Relationship } from '../domain/vocabulary.js';
import type { PageRequest } from '../domain/paging.js';
import type { RequirementLinkListOptions } from '../domain/list-orders.js';
import type { MutationRunner } from './mutation-runner.js';
import { ReadService } from './read-service.js';
import { checkLongText, collect } from './validation.js';

export interface RequirementLinkFields {
  sourceRequirementId: number;
  targetRequirementId: number;
  relationship: Relationship;
  strength?: number | null;
  rationale?: string | null;
  provenance?: string | null;
}

/**
 * Why a link cannot be created: one live link per unordered pair of requirements, since a link
 * "A ⟨rel⟩ B" also states its inverse "B ⟨rel⁻¹⟩ A" (rule 7). Shared by every path that creates
 * links (this service, the catalog importer).
 */
export const duplicateLinkMessage = (sameDirection: boolean): string =>
  sameDirection
    ? 'a live link from this source to this target exists; retire it first'
    : 'a live link from this target to this source exists, and it already states the inverse relationship (one live link per pair of requirements); retire it first';


export class RequirementLinkService extends ReadService<RequirementLinkRow, RequirementLinkFilter> {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store, (repos) => repos.requirementLinks);
  }

  /** One page (plus one row) of `Requirement.links` per requirement, cut in SQL. */
  async pageOfRequirements(
    actor: Actor,
    requirementIds: readonly number[],
    options: RequirementLinkListOptions,
    page: PageRequest,
  ): Promise<(RequirementLinkRow & { requirementId: number })[]> {
    return this.read(actor).requirementLinks.pageOfRequirements(requirementIds, options, page);
  }

  /** Length of `Requirement.links` per requirement that has any. */
  async countOfRequirements(actor: Actor, requirementIds: readonly number[], options: RequirementLinkListOptions): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).requirementLinks.countOfRequirements(requirementIds, options);
  }

  create(actor: Actor, input: RequirementLinkFields): Promise<Result<RequirementLinkRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, actor, now }) => {
      const strength = input.strength ?? null;
      const errors = collect(
        strength !== null && !isStrength(strength)
          ? userError('INVALID', `must be from ${MIN_STRENGTH} to ${MAX_STRENGTH}`, ['input', 'strength'])
          : null,
        checkLongText(input.rationale, ['input', 'rationale']),
        checkLongText(input.provenance, ['input', 'provenance'], 5_000),
      );
      if (errors.length) return fail(errors);

      const source = await repos.requirements.findById(input.sourceRequirementId);
      if (!source) return fail(notFound('source requirement', ['input', 'sourceRequirementId']));
      const target = await repos.requirements.findById(input.targetRequirementId);
      if (!target) return fail(notFound('target requirement', ['input', 'targetRequirementId']));
      if (source.id === target.id) {
        return fail(userError('INVALID', 'a requirement cannot be linked to itself', ['input', 'targetRequirementId']));
      }
      if (source.frameworkId === target.frameworkId) {
        return fail(
          userError('INVALID', 'crosswalk links join requirements of different frameworks', [
            'input',
            'targetRequirementId',
          ]),
        );
      }
      const withdrawn = [
        source.withdrawn && userError('INVALID', 'the source requirement is withdrawn', ['input', 'sourceRequirementId']),
        target.withdrawn && userError('INVALID', 'the target requirement is withdrawn', ['input', 'targetRequirementId']),
      ].filter((e) => e !== false);
      if (withdrawn.length) return fail(withdrawn);
      const live = await repos.requirementLinks.findLiveBetween(source.id, target.id);
      if (live) return fail(userError('DUPLICATE', duplicateLinkMessage(live.sourceRequirementId === source.id), ['input', 'targetRequirementId']));
      const row = await repos.requirementLinks.insert({
        sourceRequirementId: source.id,
        targetRequirementId: target.id,
        relationship: input.relationship,
        strength,
        rationale: input.rationale ?? '',
        provenance: input.provenance ?? '',
        createdAt: now,
        createdBy: actorLabel(actor),
        updatedAt: now,
      });
      return ok(row);
    });
  }

  retire(actor: Actor, id: number): Promise<Result<RequirementLinkRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, actor, now, audit }) => {
      const current = await repos.requirementLinks.findById(id);
      if (!current) return fail(notFound('crosswalk link', ['input', 'id']));
      audit.before(current);
      if (current.retiredAt) return fail(userError('CONFLICT', 'the link is already retired', ['input', 'id']));
      return ok(await repos.requirementLinks.retire(id, now, actorLabel(actor)));
    });
  }
}
