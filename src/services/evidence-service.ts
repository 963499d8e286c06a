/** Evidence: recording LINK and ATTESTATION evidence for controls, and reviewing evidence. */
import type { Store } from '../db/store.js';
import type {
  ControlEvidenceRow,
  EvidenceControlRow,
  EvidenceFilter,
} from '../db/repositories/evidence-repository.js';
import type { BlobIntegrityEventRow, BlobRow } from '../db/repositories/blob-repository.js';
import type { EvidenceReviewRow, EvidenceRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import type { PageRequest } from '../domain/paging.js';
import type { ControlEvidenceOptions } from '../domain/list-orders.js';
import type { EvidenceKind } from '../domain/vocabulary.js';
import type { MutationRunner } from './mutation-runner.js';
import { ReadService } from './read-service.js';
import { checkLongText, checkText, collect } from './validation.js';

const MAX_EVIDENCE_CONTROLS = 100;
export const MAX_URL_LENGTH = 2_000;
/** How far in the future `collectedAt` may be, to absorb clients' clock skew. */
const CLOCK_SKEW_MS = 5 * 60_000;

export interface EvidenceFields {
  kind: EvidenceKind;
  title: string;
  description?: string | null;
  url?: string | null;
  /** Row ids of the controls, in input order (0 for an undecodable id). */
  controlIds: readonly number[];
  collectedAt?: Date | null;
  validUntil?: Date | null;
  aiSystemId?: number | null;
}

export type EvidenceDecision = 'ACCEPTED' | 'REJECTED';

export interface EvidenceReviewFields {
  evidenceId: number;
  decision: EvidenceDecision;
  comment?: string | null;
}

export class EvidenceService extends ReadService<EvidenceRow, EvidenceFilter> {
  constructor(
    store: Store,
    private readonly runner: MutationRunner,
  ) {
    super(store, (repos) => repos.evidence);
  }

  async findReviewsByIds(actor: Actor, ids: readonly number[]): Promise<EvidenceReviewRow[]> {
    return this.read(actor).evidence.findReviewsByIds(ids);
  }

  /** The reviews of each evidence item, oldest first. */
  async reviews(actor: Actor, evidenceIds: readonly number[]): Promise<EvidenceReviewRow[]> {
    return this.read(actor).evidence.reviews(evidenceIds);
  }

  /** One page (plus one row) of `Control.evidence` per control, cut in SQL. */
  async pageOfControls(actor: Actor, controlIds: readonly number[], options: ControlEvidenceOptions, page: PageRequest): Promise<ControlEvidenceRow[]> {
    return this.read(actor).evidence.pageOfControls(controlIds, options, page);
  }

  /** Length of `Control.evidence` per control that has any. */
  async countOfControls(actor: Actor, controlIds: readonly number[], options: ControlEvidenceOptions): Promise<{ controlId: number; n: number }[]> {
    return this.read(actor).evidence.countOfControls(controlIds, options);
  }

  /** One page (plus one row) of `Evidence.controls` per evidence item (by control refId, id), cut in SQL. */
  async controlsOf(actor: Actor, evidenceIds: readonly number[], page: PageRequest): Promise<EvidenceControlRow[]> {
    return this.read(actor).evidence.controlsOf(evidenceIds, page);
  }

  /** Length of `Evidence.controls` per evidence item that has any. */
  async controlCountOf(actor: Actor, evidenceIds: readonly number[]): Promise<{ parent: number; n: number }[]> {
    return this.read(actor).evidence.controlCountOf(evidenceIds);
  }

  /** The stored files' rows (a hash with no stored file has none). */
  async blobs(actor: Actor, sha256s: readonly string[]): Promise<BlobRow[]> {
    return this.read(actor).blobs.findMany(sha256s);
  }

  /** The latest `perFile` integrity events of each stored file, newest first. */
  async integrityEvents(actor: Actor, sha256s: readonly string[], perFile: number): Promise<BlobIntegrityEventRow[]> {
    return this.read(actor).blobs.events(sha256s, perFile);
  }

  create(actor: Actor, input: EvidenceFields): Promise<Result<EvidenceRow>> {
    return this.runner.run(actor, 'EVIDENCE_CONTRIBUTE', async ({ repos, now }) => {
      const collectedAt = input.collectedAt ?? now;
      const errors = validate(input, collectedAt, now);
      if (errors.length) return fail(errors);
      const outOfScope = scopeErrors(actor, input);
      if (outOfScope.length) return fail(outOfScope);

      const wanted = [...new Set(input.controlIds)];
      const found = new Set((await repos.controls.findByIds(wanted.filter((id) => id > 0))).filter((c) => !c.retiredAt).map((c) => c.id));
      const missing: UserError[] = input.controlIds.flatMap((id, index) =>
        found.has(id) ? [] : [notFound('control', ['input', 'controlIds', String(index)])],
      );
      if (input.aiSystemId != null && !(await repos.evidence.aiSystemExists(input.aiSystemId))) {
        missing.push(notFound('AI system', ['input', 'aiSystemId']));
      }
      if (missing.length) return fail(missing);

      const row = await repos.evidence.insert({
        kind: input.kind,
        title: input.title,
        description: input.description ?? '',
        url: input.url || null,
        collectedAt,
        validUntil: input.validUntil ?? null,
        status: 'PENDING_REVIEW',
        aiSystemId: input.aiSystemId ?? null,
        createdBy: actorLabel(actor),
        createdAt: now,
        updatedAt: now,
      });
      await repos.evidence.attachControls(row.id, wanted);
      return ok(row);
    });
  }

  /** Appends a review and makes it the evidence's current status; re-reviews are allowed. */
  review(actor: Actor, input: EvidenceReviewFields): Promise<Result<EvidenceRow>> {
    return this.runner.run(actor, 'EVIDENCE_REVIEW', async ({ repos, now, audit }) => {
      const current = await repos.evidence.findById(input.evidenceId);
      if (!current) return fail(notFound('evidence', ['input', 'evidenceId']));
      audit.before(current);
      const error = checkLongText(input.comment, ['input', 'comment'], 5_000);
      if (error) return fail(error);
      const by = actorLabel(actor);
      const comment = input.comment ?? '';
      await repos.evidence.insertReview({
        evidenceId: current.id,
        status: input.decision,
        comment,
        reviewedAt: now,
        reviewedBy: by,
      });
      return ok(
        await repos.evidence.update(current.id, {
          status: input.decision,
          reviewedAt: now,
          reviewedBy: by,
          reviewComment: comment,
          updatedAt: now,
        }),
      );
    });
  }
}

/**
 * A scoped token may create evidence only inside its scope: with `scope.controlIds`, every
 * control must be one of them; with `scope.aiSystemIds`, the evidence must name one of those AI
 * systems (evidence for no AI system is outside an AI-system scope). Unscoped actors pass.
 */
export function scopeErrors(actor: Actor, input: Pick<EvidenceFields, 'controlIds' | 'aiSystemId'>, path: readonly string[] = ['input']): UserError[] {
  const errors: UserError[] = [];
  const controls = actor.scope?.controlIds;
  if (controls) {
    for (const [index, id] of input.controlIds.entries()) {
      if (!controls.includes(id)) {
        errors.push(userError('FORBIDDEN', 'this token may not attach evidence to that control', [...path, 'controlIds', String(index)]));
      }
    }
  }
  const systems = actor.scope?.aiSystemIds;
  if (systems && (input.aiSystemId == null || !systems.includes(input.aiSystemId))) {
    const message = input.aiSystemId == null ? 'this token may only record evidence for its AI systems: give aiSystemId' : 'this token may not record evidence for that AI system';
    errors.push(userError('FORBIDDEN', message, [...path, 'aiSystemId']));
  }
  return errors;
}

/**
 * The rules every evidence item follows whatever its kind (evidenceCreate and the file attach):
 * 1 to MAX_EVIDENCE_CONTROLS controls, `collectedAt` not in the future (beyond the clock skew),
 * `validUntil` later than `collectedAt`.
 */
export function controlAndTimeErrors(
  input: { controlIds: readonly unknown[]; validUntil?: Date | null },
  collectedAt: Date,
  now: Date,
  at: (...field: string[]) => string[],
): (UserError | null)[] {
  const count = input.controlIds.length;
  return [
    count === 0 || count > MAX_EVIDENCE_CONTROLS
      ? userError('INVALID', `must hold 1 to ${MAX_EVIDENCE_CONTROLS} control ids; got ${count}`, at('controlIds'))
      : null,
    collectedAt.getTime() > now.getTime() + CLOCK_SKEW_MS ? userError('INVALID', 'must not be in the future', at('collectedAt')) : null,
    input.validUntil != null && input.validUntil.getTime() <= collectedAt.getTime()
      ? userError('INVALID', 'must be later than collectedAt', at('validUntil'))
      : null,
  ];
}

function validate(input: EvidenceFields, collectedAt: Date, now: Date): UserError[] {
  const kindError =
    input.kind === 'FILE'
      ? userError('INVALID', 'FILE evidence is created by uploading the file, not with evidenceCreate', ['input', 'kind'])
      : null;
  const urlError =
    input.kind === 'LINK' && !input.url
      ? userError('INVALID', 'a LINK needs a url', ['input', 'url'])
      : input.url
        ? checkUrl(input.url, ['input', 'url'])
        : null;
  return collect(
    kindError,
    checkText(input.title, ['input', 'title'], 300),
    checkLongText(input.description, ['input', 'description']),
    urlError,
    ...controlAndTimeErrors(input, collectedAt, now, (...field) => ['input', ...field]),
  );
}

/** An absolute http(s) URL with a host. */
function checkUrl(value: string, field: string[]): UserError | null {
  if (value.length > MAX_URL_LENGTH) return userError('INVALID', `must be at most ${MAX_URL_LENGTH} characters`, field);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return userError('INVALID', 'must be an absolute http or https URL', field);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || !url.hostname || value.trim() !== value) {
    return userError('INVALID', 'must be an absolute http or https URL', field);
  }
  return null;
}
