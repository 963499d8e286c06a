/**
 * AI systems: validation and the rules for creating, changing and deleting them, for the set of
 * frameworks that apply to them and for their per-system control status overrides.
 */
import type { Store } from '../db/store.js';
import type { Repositories } from '../db/repositories/index.js';
import type {
  AiSystemControlStatusListRow,
  AiSystemFilter,
  AppliedFrameworkRow,
  FrameworkAiSystemRow,
} from '../db/repositories/ai-system-repository.js';
import type { AiSystemControlStatusRow, AiSystemRow, ControlRow, ControlStatusChangeRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import type { AiSystemRole, ImplementationStatus, RiskLevel } from '../domain/vocabulary.js';
import type { PageRequest } from '../domain/paging.js';
import type { SystemStatusHistoryOptions } from '../domain/list-orders.js';
import type { MutationRunner } from './mutation-runner.js';
import { ReadService } from './read-service.js';
import { checkKey, checkLongText, collect, definedOnly, type Patch } from './validation.js';

/** At most this many frameworks in one `frameworkIds` list. */
export const MAX_FRAMEWORKS_PER_SYSTEM = 500;

export interface AiSystemFields {
  name: string;
  description?: string | null;
  purpose?: string | null;
  riskLevel: RiskLevel;
  role: AiSystemRole;
  owner?: string | null;
}

export type AiSystemCreate = AiSystemFields & { frameworkIds?: readonly number[] | null };
export type AiSystemChanges = Patch<AiSystemFields> & { id: number };

export interface ControlStatusSet {
  aiSystemId: number;
  controlId: number;
  /** null clears the override. */
  status: ImplementationStatus | null;
  comment?: string | null;
}

export interface ControlStatusSetResult {
  aiSystem: AiSystemRow;
  control: ControlRow;
  /** The override after the change; null when there is none. */
  controlStatus: AiSystemControlStatusRow | null;
  /** The history row appended; null when nothing changed. */
  change: ControlStatusChangeRow | null;
}

export class AiSystemService extends ReadService<AiSystemRow, AiSystemFilter> {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store, (repos) => repos.aiSystems);
  }

  async findByName(actor: Actor, name: string): Promise<AiSystemRow | undefined> {
    return this.read(actor).aiSystems.findByName(name);
  }

  /** One page (plus one row) of `AISystem.frameworks` per system (by refId, id), cut in SQL. */
  async frameworksOfSystems(actor: Actor, aiSystemIds: readonly number[], page: PageRequest): Promise<AppliedFrameworkRow[]> {
    return this.read(actor).aiSystems.frameworksOfSystems(aiSystemIds, page);
  }

  /** One page (plus one row) of `Framework.aiSystems` per framework (by name, id), cut in SQL. */
  async systemsOfFrameworks(actor: Actor, frameworkIds: readonly number[], page: PageRequest): Promise<FrameworkAiSystemRow[]> {
    return this.read(actor).aiSystems.systemsOfFrameworks(frameworkIds, page);
  }

  /** Number of live framework assignments per AI system (or per framework) that has any. */
  async countOfAssignments(actor: Actor, by: 'aiSystem' | 'framework', ids: readonly number[]): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).aiSystems.countOfAssignments(by, ids);
  }

  /** The control status overrides of each system, by control (refId, id). */
  async controlStatusesOfSystems(actor: Actor, aiSystemIds: readonly number[]): Promise<AiSystemControlStatusListRow[]> {
    return this.read(actor).aiSystems.controlStatusesOfSystems(aiSystemIds);
  }

  /** The per-system overrides of each control, by AI system (name, id). */
  async controlStatusesOfControls(actor: Actor, controlIds: readonly number[]): Promise<AiSystemControlStatusListRow[]> {
    return this.read(actor).aiSystems.controlStatusesOfControls(controlIds);
  }

  /** One page (plus one row) of `AISystem.controlStatusHistory` per system, newest first, cut in SQL. */
  async pageOfStatusHistory(actor: Actor, aiSystemIds: readonly number[], options: SystemStatusHistoryOptions, page: PageRequest): Promise<ControlStatusChangeRow[]> {
    return this.read(actor).controls.pageOfSystemHistory(aiSystemIds, options, page);
  }

  /** Length of `AISystem.controlStatusHistory` per system that has any. */
  async countOfStatusHistory(actor: Actor, aiSystemIds: readonly number[], options: SystemStatusHistoryOptions): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).controls.countOfSystemHistory(aiSystemIds, options);
  }

  create(actor: Actor, input: AiSystemCreate): Promise<Result<AiSystemRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, actor, now }) => {
      const errors = validate(input);
      if (errors.length) return fail(errors);
      if (await repos.aiSystems.findByName(input.name)) {
        return fail(userError('DUPLICATE', `an AI system named "${input.name}" exists`, ['input', 'name']));
      }
      const frameworks = await checkFrameworks(repos, input.frameworkIds ?? []);
      if (!frameworks.ok) return frameworks;
      const row = await repos.aiSystems.insert({
        name: input.name,
        description: input.description ?? '',
        purpose: input.purpose ?? '',
        riskLevel: input.riskLevel,
        role: input.role,
        owner: input.owner || null,
        createdAt: now,
        updatedAt: now,
      });
      await repos.aiSystems.addFrameworks(row.id, frameworks.value, now, actorLabel(actor));
      return ok(row);
    });
  }

  update(actor: Actor, input: AiSystemChanges): Promise<Result<AiSystemRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const current = await repos.aiSystems.findById(input.id);
      if (!current) return fail(notFound('AI system', ['input', 'id']));
      audit.before(current);
      const { id: _id, ...changes } = definedOnly(input);
      const errors = validate({ ...current, ...changes });
      if (errors.length) return fail(errors);
      if (changes.name !== undefined && changes.name !== current.name && (await repos.aiSystems.findByName(changes.name))) {
        return fail(userError('DUPLICATE', `an AI system named "${changes.name}" exists`, ['input', 'name']));
      }
      const owner = changes.owner === undefined ? {} : { owner: changes.owner || null };
      return ok(await repos.aiSystems.update(current.id, { ...changes, ...owner, updatedAt: now }));
    });
  }

  delete(actor: Actor, id: number): Promise<Result<AiSystemRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, audit, actor, now }) => {
      const current = await repos.aiSystems.findById(id);
      if (!current) return fail(notFound('AI system', ['input', 'id']));
      audit.before(current);
      const d = await repos.aiSystems.dependents(id);
      if (d.evidence > 0) {
        return fail(userError('IN_USE', `AI system is in use: ${d.evidence} evidence item(s) are specific to it`, ['input', 'id']));
      }
      return ok(await repos.aiSystems.retire(id, now, actorLabel(actor)));
    });
  }

  /** Replaces the set of frameworks that apply; unchanged assignments keep their creation record. */
  setFrameworks(actor: Actor, input: { aiSystemId: number; frameworkIds: readonly number[] }): Promise<Result<AiSystemRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, actor, now }) => {
      const system = await repos.aiSystems.findById(input.aiSystemId);
      if (!system) return fail(notFound('AI system', ['input', 'aiSystemId']));
      const wanted = await checkFrameworks(repos, input.frameworkIds);
      if (!wanted.ok) return wanted;
      const current = new Set(await repos.aiSystems.frameworkIdsOf(system.id));
      const next = new Set(wanted.value);
      await repos.aiSystems.removeFrameworks(system.id, [...current].filter((id) => !next.has(id)), now, actorLabel(actor));
      await repos.aiSystems.addFrameworks(system.id, [...next].filter((id) => !current.has(id)), now, actorLabel(actor));
      return ok(system);
    });
  }

  /**
   * Sets or clears one control's status override for one system and appends the change to the
   * history. The same status again (or clearing an absent override) changes nothing.
   */
  setControlStatus(actor: Actor, input: ControlStatusSet): Promise<Result<ControlStatusSetResult>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, actor, now }) => {
      const aiSystem = await repos.aiSystems.findById(input.aiSystemId);
      const control = await repos.controls.findById(input.controlId);
      const missing = collect(
        aiSystem ? null : notFound('AI system', ['input', 'aiSystemId']),
        control ? null : notFound('control', ['input', 'controlId']),
      );
      const invalid = collect(checkLongText(input.comment, ['input', 'comment'], 5_000));
      if (!aiSystem || !control || invalid.length) return fail([...missing, ...invalid]);

      const previous = (await repos.aiSystems.findControlStatus(aiSystem.id, control.id)) ?? null;
      const fromStatus = previous?.status ?? null;
      if (fromStatus === input.status) return ok({ aiSystem, control, controlStatus: previous, change: null });

      const comment = input.comment || null;
      let controlStatus: AiSystemControlStatusRow | null = null;
      if (input.status === null) {
        await repos.aiSystems.deleteControlStatus(aiSystem.id, control.id);
      } else {
        controlStatus = await repos.aiSystems.upsertControlStatus({
          aiSystemId: aiSystem.id,
          controlId: control.id,
          status: input.status,
          comment,
          updatedAt: now,
          updatedBy: actorLabel(actor),
        });
      }
      const change = await repos.aiSystems.appendStatusChange({
        controlId: control.id,
        aiSystemId: aiSystem.id,
        fromStatus,
        toStatus: input.status,
        comment,
        changedAt: now,
        changedBy: actorLabel(actor),
      });
      return ok({ aiSystem, control, controlStatus, change });
    });
  }
}

function validate(f: AiSystemFields): UserError[] {
  return collect(
    checkKey(f.name, ['input', 'name'], 200),
    checkLongText(f.description, ['input', 'description']),
    checkLongText(f.purpose, ['input', 'purpose']),
    checkLongText(f.owner, ['input', 'owner'], 200),
  );
}

/**
 * Checks a `frameworkIds` list (row ids, 0 for undecodable ids): every framework must exist
 * (NOT_FOUND) and must not be a THREAT_CATALOG (INVALID), each error naming its list index.
 * Answers the distinct ids in first-seen order.
 */
async function checkFrameworks(repos: Repositories, ids: readonly number[]): Promise<Result<number[]>> {
  const field = ['input', 'frameworkIds'];
  if (ids.length > MAX_FRAMEWORKS_PER_SYSTEM) {
    return fail(userError('INVALID', `at most ${MAX_FRAMEWORKS_PER_SYSTEM} frameworks`, field));
  }
  const distinct = [...new Set(ids)];
  const rows = new Map((await repos.frameworks.findByIds(distinct.filter((id) => id > 0))).map((r) => [r.id, r]));
  const errors = ids.flatMap((id, index) => {
    const row = rows.get(id);
    if (!row) return [notFound('framework', [...field, String(index)])];
    if (row.kind === 'THREAT_CATALOG') {
      return [userError('INVALID', `framework "${row.refId}" is a THREAT_CATALOG and cannot apply to an AI system`, [...field, String(index)])];
    }
    return [];
  });
  return errors.length ? fail(errors) : ok(distinct);
}
