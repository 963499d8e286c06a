/** Controls: validation and the rules for creating, changing, re-statusing and deleting them. */
import type { Store } from '../db/store.js';
import type { ControlFilter } from '../db/repositories/control-repository.js';
import type { ControlRow, ControlStatusChangeRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { newControlRows, ownStatusChange } from '../domain/catalog/control-rows.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import type { ControlType, ImplementationStatus } from '../domain/vocabulary.js';
import type { PageRequest } from '../domain/paging.js';
import type { ControlStatusHistoryOptions } from '../domain/list-orders.js';
import type { MutationRunner } from './mutation-runner.js';
import { ReadService } from './read-service.js';
import { checkKey, checkLongText, checkText, collect, definedOnly, type Patch } from './validation.js';

export interface ControlFields {
  refId: string;
  title: string;
  description?: string | null;
  domain?: string | null;
  type: ControlType;
  owner?: string | null;
}

export interface ControlCreateFields extends ControlFields {
  implementationStatus?: ImplementationStatus | null;
}

export type ControlChanges = Patch<ControlFields> & { id: number };

export interface ControlStatusFields {
  controlId: number;
  status: ImplementationStatus;
  comment?: string | null;
}

export class ControlService extends ReadService<ControlRow, ControlFilter> {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store, (repos) => repos.controls);
  }

  async findByRefId(actor: Actor, refId: string): Promise<ControlRow | undefined> {
    return this.read(actor).controls.findByRefId(refId);
  }

  async domains(actor: Actor): Promise<string[]> {
    return this.read(actor).controls.domains();
  }

  async findStatusChangesByIds(actor: Actor, ids: readonly number[]): Promise<ControlStatusChangeRow[]> {
    return this.read(actor).controls.findStatusChangesByIds(ids);
  }

  /** One page (plus one row) of `Control.statusHistory` per control, newest first, cut in SQL. */
  async pageOfStatusHistory(actor: Actor, controlIds: readonly number[], options: ControlStatusHistoryOptions, page: PageRequest): Promise<ControlStatusChangeRow[]> {
    return this.read(actor).controls.pageOfStatusHistory(controlIds, options, page);
  }

  /** Length of `Control.statusHistory` per control that has any. */
  async countOfStatusHistory(actor: Actor, controlIds: readonly number[], options: ControlStatusHistoryOptions): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).controls.countOfStatusHistory(controlIds, options);
  }

  create(actor: Actor, input: ControlCreateFields): Promise<Result<ControlRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now }) => {
      const errors = validate(input);
      if (errors.length) return fail(errors);
      if (await repos.controls.findByRefId(input.refId)) {
        return fail(userError('DUPLICATE', `a control with refId "${input.refId}" exists`, ['input', 'refId']));
      }
      const control = {
        refId: input.refId,
        title: input.title,
        description: input.description ?? '',
        domain: input.domain ?? '',
        type: input.type,
        implementationStatus: input.implementationStatus ?? 'NOT_IMPLEMENTED',
        owner: input.owner || null,
      };
      const row = await repos.controls.insertWithHistory(newControlRows(control, now, actorLabel(actor)));
      return ok(row);
    });
  }

  update(actor: Actor, input: ControlChanges): Promise<Result<ControlRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const current = await repos.controls.findById(input.id);
      if (!current) return fail(notFound('control', ['input', 'id']));
      audit.before(current);
      const { id: _id, ...changes } = definedOnly(input);
      const errors = validate({ ...current, ...changes });
      if (errors.length) return fail(errors);
      if (changes.refId && changes.refId !== current.refId && (await repos.controls.findByRefId(changes.refId))) {
        return fail(userError('DUPLICATE', `a control with refId "${changes.refId}" exists`, ['input', 'refId']));
      }
      const patch = { ...changes, ...(changes.owner !== undefined ? { owner: changes.owner || null } : {}) };
      return ok(await repos.controls.update(current.id, { ...patch, updatedAt: now }));
    });
  }

  /** Sets the control's own status; the same status again is a no-op that writes nothing. */
  setStatus(actor: Actor, input: ControlStatusFields): Promise<Result<ControlRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const current = await repos.controls.findById(input.controlId);
      if (!current) return fail(notFound('control', ['input', 'controlId']));
      audit.before(current);
      const error = checkLongText(input.comment, ['input', 'comment'], 5_000);
      if (error) return fail(error);
      const change = ownStatusChange(current, input.status, now, actorLabel(actor), input.comment || null);
      if (!change) return ok(current);
      return ok(await repos.controls.changeStatus(current.id, { ...change, toStatus: input.status }));
    });
  }

  delete(actor: Actor, id: number): Promise<Result<ControlRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, audit, actor, now }) => {
      const current = await repos.controls.findById(id);
      if (!current) return fail(notFound('control', ['input', 'id']));
      audit.before(current);
      const d = await repos.controls.dependents(id);
      const blockers = [
        d.liveMappings && `${d.liveMappings} live mapping(s)`,
        d.evidence && `${d.evidence} evidence item(s) attached`,
      ].filter(Boolean);
      if (blockers.length) {
        return fail(userError('IN_USE', `control is in use: ${blockers.join(', ')}`, ['input', 'id']));
      }
      return ok(await repos.controls.retire(current, now, actorLabel(actor)));
    });
  }
}

function validate(c: ControlFields): UserError[] {
  return collect(
    checkKey(c.refId, ['input', 'refId']),
    checkText(c.title, ['input', 'title'], 300),
    checkLongText(c.description, ['input', 'description']),
    c.domain ? checkKey(c.domain, ['input', 'domain'], 200) : null,
    checkLongText(c.owner, ['input', 'owner'], 200),
  );
}
