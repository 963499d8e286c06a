/** Frameworks: validation and the rules for creating, changing and deleting them. */
import type { Store } from '../db/store.js';
import type { FrameworkFilter } from '../db/repositories/framework-repository.js';
import type { FrameworkRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { fail, notFound, ok, userError, type Result } from '../domain/errors.js';
import type { FrameworkKind } from '../domain/vocabulary.js';
import type { MutationRunner } from './mutation-runner.js';
import { ReadService } from './read-service.js';
import { checkKey, checkLongText, checkText, collect, definedOnly, type Patch } from './validation.js';

export interface FrameworkFields {
  refId: string;
  name: string;
  version?: string | null;
  kind: FrameworkKind;
  description?: string | null;
  sourceNote?: string | null;
  licenseNote?: string | null;
}

export type FrameworkChanges = Patch<FrameworkFields> & { id: number };

export class FrameworkService extends ReadService<FrameworkRow, FrameworkFilter> {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store, (repos) => repos.frameworks);
  }

  async findByRefId(actor: Actor, refId: string): Promise<FrameworkRow | undefined> {
    return this.read(actor).frameworks.findByRefId(refId);
  }

  /** The live frameworks with these refIds; refIds no framework has are absent. */
  async findByRefIds(actor: Actor, refIds: readonly string[]): Promise<FrameworkRow[]> {
    return this.read(actor).catalog.frameworksByRefIds(refIds);
  }

  create(actor: Actor, input: FrameworkFields): Promise<Result<FrameworkRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now }) => {
      const errors = validate(input);
      if (errors.length) return fail(errors);
      if (await repos.frameworks.findByRefId(input.refId)) {
        return fail(userError('DUPLICATE', `a framework with refId "${input.refId}" exists`, ['input', 'refId']));
      }
      const row = await repos.frameworks.insert({
        refId: input.refId,
        name: input.name,
        version: input.version ?? '',
        kind: input.kind,
        description: input.description ?? '',
        sourceNote: input.sourceNote ?? '',
        licenseNote: input.licenseNote ?? '',
        createdAt: now,
        updatedAt: now,
      });
      return ok(row);
    });
  }

  update(actor: Actor, input: FrameworkChanges): Promise<Result<FrameworkRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, now, audit }) => {
      const current = await repos.frameworks.findById(input.id);
      if (!current) return fail(notFound('framework', ['input', 'id']));
      audit.before(current);
      const { id: _id, ...changes } = definedOnly(input);
      const next = { ...current, ...changes };
      const errors = validate(next);
      if (errors.length) return fail(errors);
      if (changes.kind && changes.kind !== current.kind) {
        const dependents = await repos.frameworks.dependents(current.id);
        const holdsThreats = dependents.threats > 0;
        const holdsRequirements = dependents.requirements > 0;
        if ((changes.kind === 'THREAT_CATALOG' && holdsRequirements) || (changes.kind !== 'THREAT_CATALOG' && holdsThreats)) {
          return fail(userError('IN_USE', 'a framework holding requirements cannot become a THREAT_CATALOG, nor the reverse', ['input', 'kind']));
        }
      }
      if (changes.refId && changes.refId !== current.refId && (await repos.frameworks.findByRefId(changes.refId))) {
        return fail(userError('DUPLICATE', `a framework with refId "${changes.refId}" exists`, ['input', 'refId']));
      }
      return ok(await repos.frameworks.update(current.id, { ...changes, updatedAt: now }));
    });
  }

  delete(actor: Actor, id: number): Promise<Result<FrameworkRow>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, audit, now }) => {
      const current = await repos.frameworks.findById(id);
      if (!current) return fail(notFound('framework', ['input', 'id']));
      audit.before(current);
      const d = await repos.frameworks.dependents(id);
      const blockers = [
        d.liveMappings && `${d.liveMappings} live mapping(s)`,
        d.liveLinks && `${d.liveLinks} live crosswalk link(s)`,
        d.threatLinks && `${d.threatLinks} threat link(s)`,
        d.threats && `${d.threats} threat(s)`,
        d.aiSystems && `applies to ${d.aiSystems} AI system(s)`,
      ].filter(Boolean);
      if (blockers.length) {
        return fail(userError('IN_USE', `framework is in use: ${blockers.join(', ')}`, ['input', 'id']));
      }
      await repos.requirements.retireAllOf(id, now, actorLabel(actor));
      return ok(await repos.frameworks.retire(id, now));
    });
  }
}

function validate(f: FrameworkFields) {
  return collect(
    checkKey(f.refId, ['input', 'refId']),
    checkText(f.name, ['input', 'name'], 300),
    checkLongText(f.version, ['input', 'version'], 100),
    checkLongText(f.description, ['input', 'description']),
    checkLongText(f.sourceNote, ['input', 'sourceNote'], 5_000),
    checkLongText(f.licenseNote, ['input', 'licenseNote'], 5_000),
  );
}
