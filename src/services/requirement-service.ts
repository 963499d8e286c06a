/** Requirements: validation and the rules for creating, changing, moving and deleting them. */
import type { Store } from '../db/store.js';
import type { Repositories } from '../db/repositories/index.js';
import type { RequirementFilter, RequirementPatch } from '../db/repositories/requirement-repository.js';
import type { RequirementRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import type { PageRequest } from '../domain/paging.js';
import type { FrameworkRequirementOptions, RequirementChildOptions } from '../domain/list-orders.js';
import type { MutationRunner } from './mutation-runner.js';
import { ReadService } from './read-service.js';
import { checkKey, checkLongText, checkText, collect } from './validation.js';

export interface RequirementFields {
  frameworkId: number;
  parentId?: number | null;
  refId: string;
  sourceId?: string | null;
  title: string;
  statement?: string | null;
  kind?: string | null;
  sortOrder?: number | null;
}

/** Omitted/null fields stay as they are; `sourceId`/`kind` '' clear the value. */
export interface RequirementChanges {
  id: number;
  refId?: string | null;
  sourceId?: string | null;
  title?: string | null;
  statement?: string | null;
  kind?: string | null;
  withdrawn?: boolean | null;
  sortOrder?: number | null;
  parentId?: number | null;
  makeTopLevel?: boolean | null;
}

export class RequirementService extends ReadService<RequirementRow, RequirementFilter> {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store, (repos) => repos.requirements);
  }

  async findByRefId(actor: Actor, frameworkRefId: string, refId: string): Promise<RequirementRow | undefined> {
    return this.read(actor).requirements.findByFrameworkRefId(frameworkRefId, refId);
  }

  /** One page (plus one row) of `Requirement.children` per parent, cut in SQL. */
  async pageOfParents(actor: Actor, parentIds: readonly number[], options: RequirementChildOptions, page: PageRequest): Promise<RequirementRow[]> {
    return this.read(actor).requirements.pageOfParents(parentIds, options, page);
  }

  /** Length of `Requirement.children` per parent that has any. */
  async countOfParents(actor: Actor, parentIds: readonly number[], options: RequirementChildOptions): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).requirements.countOfParents(parentIds, options);
  }

  /** One page (plus one row) of `Framework.requirements` per framework, cut in SQL. */
  async pageOfFrameworks(actor: Actor, frameworkIds: readonly number[], options: FrameworkRequirementOptions, page: PageRequest): Promise<RequirementRow[]> {
    return this.read(actor).requirements.pageOfFrameworks(frameworkIds, options, page);
  }

  /** Length of `Framework.requirements` per framework that has any. */
  async countOfFrameworks(actor: Actor, frameworkIds: readonly number[], options: FrameworkRequirementOptions): Promise<{ frameworkId: number; n: number }[]> {
    return this.read(actor).requirements.countOfFrameworks(frameworkIds, options);
  }

  create(actor: Actor, input: RequirementFields): Promise<Result<RequirementRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now }) => {
      const errors = validate(input);
      if (errors.length) return fail(errors);
      const framework = await repos.frameworks.findById(input.frameworkId);
      if (!framework) return fail(notFound('framework', ['input', 'frameworkId']));
      if (framework.kind === 'THREAT_CATALOG') {
        return fail(
          userError('INVALID', 'a THREAT_CATALOG framework holds threats, not requirements', ['input', 'frameworkId']),
        );
      }
      const parentId = input.parentId ?? null;
      if (parentId !== null) {
        const parent = await repos.requirements.findById(parentId);
        if (!parent) return fail(notFound('parent requirement', ['input', 'parentId']));
        if (parent.frameworkId !== framework.id) {
          return fail(userError('INVALID', 'the parent must be in the same framework', ['input', 'parentId']));
        }
      }
      if (await repos.requirements.findByRefId(framework.id, input.refId)) {
        return fail(duplicateRefId(input.refId));
      }
      const sortOrder = input.sortOrder ?? (await nextSortOrder(repos, framework.id, parentId));
      const row = await repos.requirements.insert({
        frameworkId: framework.id,
        parentId,
        refId: input.refId,
        sourceId: input.sourceId || null,
        title: input.title,
        statement: input.statement ?? '',
        kind: input.kind || null,
        sortOrder,
        createdAt: now,
        updatedAt: now,
      });
      return ok(row);
    });
  }

  update(actor: Actor, input: RequirementChanges): Promise<Result<RequirementRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const current = await repos.requirements.findById(input.id);
      if (!current) return fail(notFound('requirement', ['input', 'id']));
      audit.before(current);
      const errors = collect(
        input.refId != null ? checkKey(input.refId, ['input', 'refId']) : null,
        input.title != null ? checkText(input.title, ['input', 'title']) : null,
        checkLongText(input.statement, ['input', 'statement']),
        checkLongText(input.sourceId, ['input', 'sourceId'], 200),
        checkLongText(input.kind, ['input', 'kind'], 100),
        input.parentId != null && input.makeTopLevel
          ? userError('INVALID', 'give either parentId or makeTopLevel, not both', ['input', 'makeTopLevel'])
          : null,
      );
      if (errors.length) return fail(errors);

      let parentId = current.parentId;
      if (input.parentId != null) {
        const parent = await repos.requirements.findById(input.parentId);
        if (!parent) return fail(notFound('parent requirement', ['input', 'parentId']));
        if (parent.frameworkId !== current.frameworkId) {
          return fail(userError('INVALID', 'the parent must be in the same framework', ['input', 'parentId']));
        }
        if (parent.id === current.id || (await repos.requirements.ancestorIds(parent.id)).includes(current.id)) {
          return fail(
            userError('INVALID', 'a requirement cannot be moved under itself or one of its descendants', [
              'input',
              'parentId',
            ]),
          );
        }
        parentId = parent.id;
      } else if (input.makeTopLevel) {
        parentId = null;
      }

      if (input.refId != null && input.refId !== current.refId) {
        if (await repos.requirements.findByRefId(current.frameworkId, input.refId)) {
          return fail(duplicateRefId(input.refId));
        }
      }

      const patch: RequirementPatch = { updatedAt: now };
      if (input.refId != null) patch.refId = input.refId;
      if (input.title != null) patch.title = input.title;
      if (input.statement != null) patch.statement = input.statement;
      if (input.sourceId != null) patch.sourceId = input.sourceId || null;
      if (input.kind != null) patch.kind = input.kind || null;
      if (input.withdrawn != null) patch.withdrawn = input.withdrawn;
      if (parentId !== current.parentId) {
        patch.parentId = parentId;
        patch.sortOrder = await nextSortOrder(repos, current.frameworkId, parentId);
      }
      if (input.sortOrder != null) patch.sortOrder = input.sortOrder;
      return ok(await repos.requirements.update(current.id, patch));
    });
  }

  delete(actor: Actor, id: number): Promise<Result<RequirementRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, audit, actor, now }) => {
      const current = await repos.requirements.findById(id);
      if (!current) return fail(notFound('requirement', ['input', 'id']));
      audit.before(current);
      const d = await repos.requirements.dependents(id);
      const blockers = [
        d.children && `${d.children} child requirement(s)`,
        d.liveMappings && `${d.liveMappings} live mapping(s)`,
        d.liveLinks && `${d.liveLinks} live crosswalk link(s)`,
        d.threatLinks && `${d.threatLinks} linked threat(s)`,
      ].filter(Boolean);
      if (blockers.length) {
        return fail(userError('IN_USE', `requirement is in use: ${blockers.join(', ')}`, ['input', 'id']));
      }
      return ok(await repos.requirements.retire(id, now, actorLabel(actor)));
    });
  }
}

/** After the last sibling: the largest sibling sortOrder + 1, or 0 for the first child. */
async function nextSortOrder(repos: Repositories, frameworkId: number, parentId: number | null): Promise<number> {
  const last = await repos.requirements.maxSiblingSortOrder(frameworkId, parentId);
  return last === null ? 0 : last + 1;
}

function duplicateRefId(refId: string): UserError {
  return userError('DUPLICATE', `a requirement with refId "${refId}" exists in this framework`, ['input', 'refId']);
}

function validate(f: RequirementFields): UserError[] {
  return collect(
    checkKey(f.refId, ['input', 'refId']),
    checkText(f.title, ['input', 'title']),
    checkLongText(f.statement, ['input', 'statement']),
    checkLongText(f.sourceId, ['input', 'sourceId'], 200),
    checkLongText(f.kind, ['input', 'kind'], 100),
  );
}
