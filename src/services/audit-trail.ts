/**
 * Appends entries to the tamper-evident audit trail and verifies it. Appending must happen in
 * the caller's transaction so that an entry exists exactly when its change does.
 */
import type { AuditRepository, AuditRow } from '../db/repositories/audit-repository.js';
import type { Actor } from '../domain/actor.js';
import { ChainVerifier, GENESIS_HASH, entryHash, type AuditEntryContent, type AuditOutcome } from '../domain/audit-chain.js';

export interface AuditEvent {
  action: string;
  outcome: AuditOutcome;
  targetIds: readonly string[];
  before?: unknown;
  after?: unknown;
  requestId: string | null;
}

/** A value as it survives a JSON round trip (Dates become ISO strings, undefined becomes null). */
const jsonValue = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

export async function appendAudit(repo: AuditRepository, actor: Actor, event: AuditEvent, now: Date): Promise<AuditRow> {
  const last = await repo.last();
  const prevHash = last?.hash ?? GENESIS_HASH;
  const content: AuditEntryContent = {
    seq: (last?.seq ?? 0) + 1,
    at: now.toISOString(),
    actorId: actor.id,
    actorName: actor.name,
    actorRole: actor.role,
    action: event.action,
    targetIds: [...new Set(event.targetIds)].sort(),
    before: jsonValue(event.before),
    after: jsonValue(event.after),
    requestId: event.requestId,
    outcome: event.outcome,
  };
  return repo.append({
    seq: content.seq,
    at: now,
    actorId: content.actorId,
    actorName: content.actorName,
    actorRole: content.actorRole,
    action: content.action,
    targetIds: JSON.stringify(content.targetIds),
    before: JSON.stringify(content.before),
    after: JSON.stringify(content.after),
    requestId: content.requestId,
    outcome: content.outcome,
    prevHash,
    hash: entryHash(prevHash, content),
  });
}

/** The hashed content of a stored row, rebuilt exactly as it was hashed. */
export function rowContent(row: AuditRow): AuditEntryContent {
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    actorRole: row.actorRole,
    action: row.action,
    targetIds: JSON.parse(row.targetIds) as string[],
    before: row.before === null ? null : JSON.parse(row.before),
    after: row.after === null ? null : JSON.parse(row.after),
    requestId: row.requestId,
    outcome: row.outcome,
  };
}

export interface AuditVerification {
  /** Sequence number of the first entry that breaks the chain, or null when intact. */
  firstBrokenSeq: number | null;
  /** Entries checked (up to and including the first broken one). */
  entries: number;
  /** Hash of the last intact entry (GENESIS_HASH for an empty trail). */
  headHash: string;
  /**
   * Only when a `head` was given: the sequence number of the intact entry with that hash (0 for
   * GENESIS_HASH), or null when the intact chain does not contain it.
   */
  headSeq?: number | null;
}

/**
 * Verifies the stored chain, streaming. Returns the first broken sequence number (or null), the
 * number of entries and the head hash (keep it outside the database to detect a cut-off tail).
 * With `head` (a head hash recorded earlier), also reports where that hash is in the intact
 * chain: a trail whose tail was cut off or rewritten no longer contains it.
 */
export async function verifyAuditTrail(repo: AuditRepository, options: { head?: string } = {}): Promise<AuditVerification> {
  const verifier = new ChainVerifier();
  const { head } = options;
  let headSeq: number | null = head === GENESIS_HASH ? 0 : null;
  const result = (firstBrokenSeq: number | null, entries: number, headHash: string): AuditVerification =>
    head === undefined ? { firstBrokenSeq, entries, headHash } : { firstBrokenSeq, entries, headHash, headSeq };
  let entries = 0;
  let headHash = GENESIS_HASH;
  for await (const row of repo.all()) {
    entries++;
    const broken = verifier.check({ content: rowContent(row), prevHash: row.prevHash, hash: row.hash });
    if (broken !== null) return result(broken, entries, headHash);
    headHash = row.hash;
    if (headSeq === null && row.hash === head) headSeq = row.seq;
  }
  return result(null, entries, headHash);
}
