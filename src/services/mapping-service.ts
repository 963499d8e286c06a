/**
 * Mappings (requirement → control): creating, revising and retiring them. A mapping is never
 * deleted and every version of it is a mapping_revisions row, so past dates can be evaluated.
 */
import { isStrength, MAX_STRENGTH, MIN_STRENGTH } from '../domain/strength.js';
import type { Store } from '../db/store.js';
import type { MappedRequirementRow, MappingParent } from '../db/repositories/mapping-repository.js';
import type { PageRequest } from '../domain/paging.js';
import type { MappingListOptions } from '../domain/list-orders.js';
import type { MappingRevisionRow, MappingRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { mappingRevision, newMappingRows } from '../domain/catalog/mapping-rows.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import type { Relationship } from '../domain/vocabulary.js';
import type { MutationRunner } from './mutation-runner.js';
import { checkLongText, collect, definedOnly } from './validation.js';
import { GuardedReads } from './read-service.js';

export interface MappingFields {
  requirementId: number;
  controlId: number;
  relationship: Relationship;
  strength?: number | null;
  rationale?: string | null;
}

export interface MappingChanges {
  id: number;
  relationship?: Relationship | null;
  strength?: number | null;
  rationale?: string | null;
}


export class MappingService extends GuardedReads {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store);
  }

  async findByIds(actor: Actor, ids: readonly number[]): Promise<MappingRow[]> {
    return this.read(actor).mappings.findByIds(ids);
  }

  /** One page (plus one row) of the mappings of each requirement or control, cut in SQL. */
  async pageOfParents(actor: Actor, parent: MappingParent, parentIds: readonly number[], options: MappingListOptions, page: PageRequest): Promise<MappingRow[]> {
    return this.read(actor).mappings.pageOfParents(parent, parentIds, options, page);
  }

  /** Length of the mapping list of each requirement or control that has any. */
  async countOfParents(actor: Actor, parent: MappingParent, parentIds: readonly number[], options: MappingListOptions): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).mappings.countOfParents(parent, parentIds, options);
  }

  /** The revisions of each mapping, oldest first. */
  async revisions(actor: Actor, mappingIds: readonly number[]): Promise<MappingRevisionRow[]> {
    return this.read(actor).mappings.revisions(mappingIds);
  }

  /** One page (plus one row) of `Control.requirements` per control (live mappings, by framework refId, refId, id), cut in SQL. */
  async requirementsOfControls(actor: Actor, controlIds: readonly number[], page: PageRequest): Promise<MappedRequirementRow[]> {
    return this.read(actor).mappings.requirementsOfControls(controlIds, page);
  }

  /** Length of `Control.requirements` per control that has any. */
  async requirementCountOfControls(actor: Actor, controlIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).mappings.requirementCountOfControls(controlIds);
  }

  create(actor: Actor, input: MappingFields): Promise<Result<MappingRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now }) => {
      const requirement = await repos.mappings.requirementState(input.requirementId);
      const control = await repos.controls.findById(input.controlId);
      const missing = collect(
        requirement ? null : notFound('requirement', ['input', 'requirementId']),
        control ? null : notFound('control', ['input', 'controlId']),
      );
      if (missing.length) return fail(missing);
      const errors = collect(
        requirement!.withdrawn
          ? userError('INVALID', 'the requirement is withdrawn and cannot be mapped', ['input', 'requirementId'])
          : null,
        ...validate(input),
      );
      if (errors.length) return fail(errors);
      if (await repos.mappings.findLive(input.requirementId, input.controlId)) {
        return fail(
          userError('DUPLICATE', 'this requirement is already mapped to this control (update or retire that mapping)', [
            'input',
            'controlId',
          ]),
        );
      }
      const values = { relationship: input.relationship, strength: input.strength ?? null, rationale: input.rationale ?? '' };
      const row = await repos.mappings.insertWithRevisions(newMappingRows(input, values, now, actorLabel(actor)));
      return ok(row);
    });
  }

  update(actor: Actor, input: MappingChanges): Promise<Result<MappingRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const current = await repos.mappings.findById(input.id);
      if (!current) return fail(notFound('mapping', ['input', 'id']));
      audit.before(current);
      if (current.retiredAt) return fail(userError('CONFLICT', 'the mapping is retired and cannot change', ['input', 'id']));
      const { id: _id, ...changes } = definedOnly(input);
      const errors = validate(changes);
      if (errors.length) return fail(errors);
      const revision = mappingRevision(current, { ...current, ...changes }, now, actorLabel(actor));
      if (!revision) return ok(current);
      return ok(await repos.mappings.revise(current.id, revision));
    });
  }

  retire(actor: Actor, id: number): Promise<Result<MappingRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const current = await repos.mappings.findById(id);
      if (!current) return fail(notFound('mapping', ['input', 'id']));
      audit.before(current);
      if (current.retiredAt) return fail(userError('CONFLICT', 'the mapping is already retired', ['input', 'id']));
      return ok(await repos.mappings.update(id, { retiredAt: now, retiredBy: actorLabel(actor), updatedAt: now }));
    });
  }
}

function validate(m: { strength?: number | null; rationale?: string | null }): UserError[] {
  return collect(
    m.strength != null && !isStrength(m.strength)
      ? userError('INVALID', `must be an integer from ${MIN_STRENGTH} to ${MAX_STRENGTH}`, ['input', 'strength'])
      : null,
    checkLongText(m.rationale, ['input', 'rationale']),
  );
}
