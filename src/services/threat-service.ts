/** Threats of THREAT_CATALOG frameworks and the requirements that address them. */
import type { Store } from '../db/store.js';
import type { ThreatFilter, ThreatPatch } from '../db/repositories/threat-repository.js';
import type { RequirementRow, ThreatRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import type { PageRequest } from '../domain/paging.js';
import type { FrameworkThreatOptions } from '../domain/list-orders.js';
import type { MutationRunner } from './mutation-runner.js';
import { ReadService } from './read-service.js';
import { checkKey, checkLongText, checkText, collect } from './validation.js';

export interface ThreatFields {
  frameworkId: number;
  parentId?: number | null;
  refId: string;
  name: string;
  description?: string | null;
}

export interface ThreatChanges {
  id: number;
  refId?: string | null;
  name?: string | null;
  description?: string | null;
}

export interface ThreatRequirementLinkFields {
  threatId: number;
  requirementId: number;
  /** null/undefined mean true. */
  linked?: boolean | null;
}

export interface ThreatRequirementOutcome {
  threat: ThreatRow;
  requirement: RequirementRow;
}

export class ThreatService extends ReadService<ThreatRow, ThreatFilter> {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store, (repos) => repos.threats);
  }

  async findByRefId(actor: Actor, frameworkRefId: string, refId: string): Promise<ThreatRow | undefined> {
    return this.read(actor).threats.findByFrameworkRefId(frameworkRefId, refId);
  }

  /** One page (plus one row) of `Threat.children` per parent, cut in SQL. */
  async pageOfParents(actor: Actor, parentIds: readonly number[], page: PageRequest): Promise<ThreatRow[]> {
    return this.read(actor).threats.pageOfParents(parentIds, page);
  }

  /** Length of `Threat.children` per parent that has any. */
  async countOfParents(actor: Actor, parentIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).threats.countOfParents(parentIds);
  }

  /** One page (plus one row) of `Framework.threats` per framework, cut in SQL. */
  async pageOfFrameworks(actor: Actor, frameworkIds: readonly number[], options: FrameworkThreatOptions, page: PageRequest): Promise<ThreatRow[]> {
    return this.read(actor).threats.pageOfFrameworks(frameworkIds, options, page);
  }

  /** Length of `Framework.threats` per framework that has any. */
  async countOfFrameworks(actor: Actor, frameworkIds: readonly number[], options: FrameworkThreatOptions): Promise<{ frameworkId: number; n: number }[]> {
    return this.read(actor).threats.countOfFrameworks(frameworkIds, options);
  }

  /** One page (plus one row) of `Requirement.threats` per requirement (live links, by threat framework, threat id), cut in SQL. */
  async threatsOfRequirements(actor: Actor, requirementIds: readonly number[], page: PageRequest): Promise<{ requirementId: number; threat: ThreatRow }[]> {
    return this.read(actor).threats.threatsOfRequirements(requirementIds, page);
  }

  /** Length of `Requirement.threats` per requirement that has any. */
  async threatCountOfRequirements(actor: Actor, requirementIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).threats.countOfRequirements(requirementIds);
  }

  /** One page (plus one row) of `Threat.requirements` per threat (live links, by requirement framework, requirement id), cut in SQL. */
  async requirementsOfThreats(actor: Actor, threatIds: readonly number[], page: PageRequest): Promise<{ threatId: number; requirement: RequirementRow }[]> {
    return this.read(actor).threats.requirementsOfThreats(threatIds, page);
  }

  /** Length of `Threat.requirements` per threat that has any. */
  async requirementCountOfThreats(actor: Actor, threatIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).threats.countOfThreats(threatIds);
  }

  create(actor: Actor, input: ThreatFields): Promise<Result<ThreatRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now }) => {
      const errors = collect(
        checkKey(input.refId, ['input', 'refId']),
        checkText(input.name, ['input', 'name']),
        checkLongText(input.description, ['input', 'description']),
      );
      if (errors.length) return fail(errors);
      const framework = await repos.frameworks.findById(input.frameworkId);
      if (!framework) return fail(notFound('framework', ['input', 'frameworkId']));
      if (framework.kind !== 'THREAT_CATALOG') {
        return fail(
          userError('INVALID', `threats belong to THREAT_CATALOG frameworks; this one is ${framework.kind}`, [
            'input',
            'frameworkId',
          ]),
        );
      }
      const parentId = input.parentId ?? null;
      if (parentId !== null) {
        const parent = await repos.threats.findById(parentId);
        if (!parent) return fail(notFound('parent threat', ['input', 'parentId']));
        if (parent.frameworkId !== framework.id) {
          return fail(userError('INVALID', 'the parent must be in the same threat catalog', ['input', 'parentId']));
        }
      }
      if (await repos.threats.findByRefId(framework.id, input.refId)) return fail(duplicateRefId(input.refId));
      const row = await repos.threats.insert({
        frameworkId: framework.id,
        parentId,
        refId: input.refId,
        name: input.name,
        description: input.description ?? '',
        createdAt: now,
        updatedAt: now,
      });
      return ok(row);
    });
  }

  update(actor: Actor, input: ThreatChanges): Promise<Result<ThreatRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const current = await repos.threats.findById(input.id);
      if (!current) return fail(notFound('threat', ['input', 'id']));
      audit.before(current);
      const errors = collect(
        input.refId != null ? checkKey(input.refId, ['input', 'refId']) : null,
        input.name != null ? checkText(input.name, ['input', 'name']) : null,
        checkLongText(input.description, ['input', 'description']),
      );
      if (errors.length) return fail(errors);
      if (input.refId != null && input.refId !== current.refId) {
        if (await repos.threats.findByRefId(current.frameworkId, input.refId)) return fail(duplicateRefId(input.refId));
      }
      const patch: ThreatPatch = { updatedAt: now };
      if (input.refId != null) patch.refId = input.refId;
      if (input.name != null) patch.name = input.name;
      if (input.description != null) patch.description = input.description;
      return ok(await repos.threats.update(current.id, patch));
    });
  }

  delete(actor: Actor, id: number): Promise<Result<ThreatRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, audit, now }) => {
      const current = await repos.threats.findById(id);
      if (!current) return fail(notFound('threat', ['input', 'id']));
      audit.before(current);
      const d = await repos.threats.dependents(id);
      const blockers = [
        d.children && `${d.children} child threat(s)`,
        d.requirements && `${d.requirements} linked requirement(s)`,
      ].filter(Boolean);
      if (blockers.length) {
        return fail(userError('IN_USE', `threat is in use: ${blockers.join(', ')}`, ['input', 'id']));
      }
      return ok(await repos.threats.retire(id, now));
    });
  }

  /** Links (default) or unlinks a requirement and a threat; asking for the current state changes nothing. */
  setRequirementLink(actor: Actor, input: ThreatRequirementLinkFields): Promise<Result<ThreatRequirementOutcome>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, actor, now }) => {
      const threat = await repos.threats.findById(input.threatId);
      if (!threat) return fail(notFound('threat', ['input', 'threatId']));
      const requirement = await repos.requirements.findById(input.requirementId);
      if (!requirement) return fail(notFound('requirement', ['input', 'requirementId']));
      const linked = await repos.threats.isLinked(threat.id, requirement.id);
      if (input.linked ?? true) {
        if (!linked) {
          if (requirement.withdrawn) {
            return fail(userError('INVALID', 'the requirement is withdrawn', ['input', 'requirementId']));
          }
          await repos.threats.link(threat.id, requirement.id, now, actorLabel(actor));
        }
      } else if (linked) {
        await repos.threats.unlink(threat.id, requirement.id, now, actorLabel(actor));
      }
      return ok({ threat, requirement });
    });
  }
}

function duplicateRefId(refId: string): UserError {
  return userError('DUPLICATE', `a threat with refId "${refId}" exists in this catalog`, ['input', 'refId']);
}
