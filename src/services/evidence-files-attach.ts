/**
 * Attaching stored files to controls as FILE evidence, one at a time or in bulk, idempotently.
 * FILE evidence refers only to blobs that have a row: the attach checks it in its write
 * transaction, so it never interleaves with garbage collection (which deletes rows first).
 */
import type { NewFileEvidence } from '../db/repositories/blob-repository.js';
import type { EvidenceRow } from '../db/rows.js';
import { actorLabel, type Actor } from '../domain/actor.js';
import { DEFAULT_MEDIA_TYPE, filenameProblem, normaliseMediaType, normaliseSha256 } from '../domain/blobs.js';
import { fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import { controlAndTimeErrors, scopeErrors } from './evidence-service.js';
import type { MutationRunner, OperationContext } from './mutation-runner.js';
import { checkKey, checkLongText, checkText, collect } from './validation.js';

/** Items per `evidenceAttachBulk` call. */
export const MAX_BULK_ITEMS = 1_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 200;

export interface EvidenceAttachFields {
  /** Row ids of the controls, in input order (0 for an undecodable id). */
  controlIds: readonly number[];
  sha256: string;
  filename: string;
  mediaType?: string | null;
  /** Defaults to the file name. */
  title?: string | null;
  description?: string | null;
  collectedAt?: Date | null;
  validUntil?: Date | null;
  aiSystemId?: number | null;
  idempotencyKey?: string | null;
}

export interface AttachOutcome {
  evidence: EvidenceRow;
  /** False when the idempotency key was seen before: the existing item is returned. */
  created: boolean;
}

export interface BulkItemOutcome {
  index: number;
  evidence: EvidenceRow | null;
  created: boolean;
  userErrors: UserError[];
}

/** Creates one FILE evidence item (PENDING_REVIEW) for a stored file; idempotent by key. */
export function attach(runner: MutationRunner, actor: Actor, input: EvidenceAttachFields): Promise<Result<AttachOutcome>> {
  return runner.run(actor, 'EVIDENCE_CONTRIBUTE', async (ctx) => {
    const [outcome] = await attachItems(ctx, [input], () => ['input']);
    if (!outcome?.evidence) return fail(outcome?.userErrors ?? []);
    ctx.audit.target('Evidence', outcome.evidence.id);
    if (!outcome.created) ctx.audit.after({ replayed: true, evidenceId: outcome.evidence.id });
    return ok({ evidence: outcome.evidence, created: outcome.created });
  });
}

/**
 * Up to 1,000 attaches in one transaction: each item succeeds or fails on its own (its user
 * errors carry the path `input.items.<i>.<field>`); every success is committed together, with
 * one audit entry for the call naming every created item.
 */
export function attachBulk(runner: MutationRunner, actor: Actor, items: readonly EvidenceAttachFields[]): Promise<Result<BulkItemOutcome[]>> {
  return runner.run(actor, 'EVIDENCE_CONTRIBUTE', async (ctx) => {
    if (items.length === 0 || items.length > MAX_BULK_ITEMS) {
      return fail(userError('INVALID', `must hold 1 to ${MAX_BULK_ITEMS} items; got ${items.length}`, ['input', 'items']));
    }
    const outcomes = await attachItems(ctx, items, (index) => ['input', 'items', String(index)]);
    for (const o of outcomes) if (o.evidence && o.created) ctx.audit.target('Evidence', o.evidence.id);
    ctx.audit.after({
      created: outcomes.filter((o) => o.created).length,
      replayed: outcomes.filter((o) => o.evidence && !o.created).length,
      failed: outcomes.filter((o) => !o.evidence).length,
      items: outcomes.map((o) =>
        o.evidence ? { index: o.index, evidenceId: o.evidence.id, created: o.created } : { index: o.index, userErrors: o.userErrors.map((e) => e.code) },
      ),
    });
    return ok(outcomes);
  });
}

/** The outcome of every item, in input order. */
async function attachItems(
  { repos, actor, now }: OperationContext,
  items: readonly EvidenceAttachFields[],
  prefix: (index: number) => string[],
): Promise<BulkItemOutcome[]> {
  const shas = items.map((item) => normaliseSha256(item.sha256));
  const keys = [...new Set(items.flatMap((item) => (item.idempotencyKey ? [item.idempotencyKey] : [])))];
  const controlIds = [...new Set(items.flatMap((item) => item.controlIds))].filter((id) => id > 0);
  const aiSystemIds = [...new Set(items.flatMap((item) => (item.aiSystemId ? [item.aiSystemId] : [])))];

  // Retired controls and AI systems (rule 10) take no new evidence.
  const knownControls = new Set((await repos.controls.findByIds(controlIds)).filter((c) => !c.retiredAt).map((c) => c.id));
  const knownSystems = new Set((await repos.aiSystems.findByIds(aiSystemIds)).filter((s) => !s.retiredAt).map((s) => s.id));
  const blobsBySha = new Map((await repos.blobs.findMany([...new Set(shas.filter((s): s is string => s !== null))])).map((b) => [b.sha256, b]));
  const byKey = new Map<string, { evidence: EvidenceRow; controlIds: number[] }>();
  const previous = await repos.blobs.evidenceByIdempotencyKeys(keys);
  const previousControls = await repos.blobs.controlIdsOf(previous.map((e) => e.id));
  for (const e of previous) byKey.set(e.idempotencyKey!, { evidence: e, controlIds: previousControls.get(e.id) ?? [] });

  // Decide every item first, then insert all new rows with a few statements.
  type Plan = { failed: UserError[] } | { existing: EvidenceRow } | { sameAs: number } | { create: NewFileEvidence; controlIds: number[] };
  const plans: Plan[] = [];
  const planned = new Map<string, { index: number; sha256: string; aiSystemId: number | null; controlIds: number[] }>();
  for (const [index, item] of items.entries()) {
    const path = prefix(index);
    const sha256 = shas[index]!;
    const wanted = [...new Set(item.controlIds)];
    const collectedAt = item.collectedAt ?? now;
    const invalid = validateAttach(item, sha256, collectedAt, now, path);
    if (invalid.length) {
      plans.push({ failed: invalid });
      continue;
    }
    const outOfScope = scopeErrors(actor, item, path);
    if (outOfScope.length) {
      plans.push({ failed: outOfScope });
      continue;
    }
    const key = item.idempotencyKey ?? null;
    const seen = key === null ? undefined : (byKey.get(key) ?? planned.get(key));
    if (seen) {
      const identity = 'evidence' in seen ? { sha256: seen.evidence.sha256, aiSystemId: seen.evidence.aiSystemId, controlIds: seen.controlIds } : seen;
      const same = identity.sha256 === sha256 && (identity.aiSystemId ?? null) === (item.aiSystemId ?? null) && sameSet(identity.controlIds, wanted);
      if (!same) {
        const message = 'this idempotency key was already used for a different file, controls or AI system; use a new key';
        plans.push({ failed: [userError('CONFLICT', message, [...path, 'idempotencyKey'])] });
      } else {
        plans.push('evidence' in seen ? { existing: seen.evidence } : { sameAs: seen.index });
      }
      continue;
    }
    const missing: UserError[] = item.controlIds.flatMap((id, i) =>
      knownControls.has(id) ? [] : [notFound('control', [...path, 'controlIds', String(i)])],
    );
    if (item.aiSystemId != null && !knownSystems.has(item.aiSystemId)) missing.push(notFound('AI system', [...path, 'aiSystemId']));
    const blob = blobsBySha.get(sha256!);
    if (!blob) {
      missing.push(userError('BLOB_NOT_FOUND', 'no stored file has this SHA-256: upload it with PUT /v1/blobs first', [...path, 'sha256']));
    } else if (blob.checkStatus !== 'INTACT') {
      missing.push(
        userError('BLOB_NOT_FOUND', `the stored copy of this file is ${blob.checkStatus.toLowerCase()}: upload it again`, [...path, 'sha256']),
      );
    }
    if (missing.length) {
      plans.push({ failed: missing });
      continue;
    }
    plans.push({
      controlIds: wanted,
      create: {
        title: item.title ?? item.filename,
        description: item.description ?? '',
        sha256: sha256!,
        sizeBytes: blob!.sizeBytes,
        mediaType: (item.mediaType ? normaliseMediaType(item.mediaType) : null) ?? DEFAULT_MEDIA_TYPE,
        filename: item.filename,
        collectedAt,
        validUntil: item.validUntil ?? null,
        aiSystemId: item.aiSystemId ?? null,
        idempotencyKey: key,
        createdBy: actorLabel(actor),
        createdAt: now,
      },
    });
    if (key !== null) planned.set(key, { index, sha256: sha256!, aiSystemId: item.aiSystemId ?? null, controlIds: wanted });
  }

  const creating = plans.flatMap((plan, index) => ('create' in plan ? [{ index, plan }] : []));
  const rows = await repos.blobs.insertEvidence(creating.map((c) => c.plan.create));
  const createdRows = new Map(creating.map((c, i) => [c.index, rows[i]!]));
  await repos.blobs.linkControls(creating.flatMap((c, i) => c.plan.controlIds.map((controlId) => ({ evidenceId: rows[i]!.id, controlId }))));
  return plans.map((plan, index): BulkItemOutcome => {
    if ('failed' in plan) return { index, evidence: null, created: false, userErrors: plan.failed };
    if ('existing' in plan) return { index, evidence: plan.existing, created: false, userErrors: [] };
    if ('sameAs' in plan) return { index, evidence: createdRows.get(plan.sameAs)!, created: false, userErrors: [] };
    return { index, evidence: createdRows.get(index)!, created: true, userErrors: [] };
  });
}

function validateAttach(item: EvidenceAttachFields, sha256: string | null, collectedAt: Date, now: Date, path: string[]): UserError[] {
  const at = (...field: string[]) => [...path, ...field];
  const filename = filenameProblem(item.filename);
  return collect(
    sha256 === null ? userError('INVALID', 'must be the lowercase hex SHA-256 of an uploaded file (64 characters)', at('sha256')) : null,
    filename ? userError('INVALID', filename, at('filename')) : null,
    item.mediaType != null && normaliseMediaType(item.mediaType) === null
      ? userError('INVALID', 'must be a media type such as application/pdf', at('mediaType'))
      : null,
    item.title != null ? checkText(item.title, at('title'), 300) : null,
    checkLongText(item.description, at('description')),
    ...controlAndTimeErrors(item, collectedAt, now, at),
    item.idempotencyKey != null ? checkKey(item.idempotencyKey, at('idempotencyKey'), MAX_IDEMPOTENCY_KEY_LENGTH) : null,
  );
}

const sameSet = (a: readonly number[], b: readonly number[]) => {
  const left = new Set(a);
  const right = new Set(b);
  return left.size === right.size && [...left].every((x) => right.has(x));
};
