/**
 * The audit trail's hash chain. Each entry's hash is SHA-256 over the previous entry's hash
 * followed by the entry's canonical JSON (RFC 8785), so any change, removal or reordering of an
 * entry breaks every hash after it. The first entry chains from GENESIS_HASH.
 */
import { createHash } from 'node:crypto';
import canonicalize from 'canonicalize';

export const GENESIS_HASH = '0'.repeat(64);

/**
 * How an attempt ended: SUCCESS (the change was made), REJECTED (user errors), DENIED (not
 * allowed), ERROR (an internal error; nothing changed).
 */
export const AUDIT_OUTCOMES = ['SUCCESS', 'REJECTED', 'DENIED', 'ERROR'] as const;
export type AuditOutcome = (typeof AUDIT_OUTCOMES)[number];

/** The hashed content of one audit entry. */
export interface AuditEntryContent {
  seq: number;
  /** ISO 8601 UTC. */
  at: string;
  actorId: string;
  actorName: string;
  actorRole: string;
  action: string;
  targetIds: string[];
  before: unknown;
  after: unknown;
  requestId: string | null;
  outcome: AuditOutcome;
}

export function entryHash(prevHash: string, entry: AuditEntryContent): string {
  const canonical = canonicalize(entry);
  if (canonical === undefined) throw new Error('audit entry cannot be canonicalized');
  return createHash('sha256').update(prevHash, 'utf8').update(canonical, 'utf8').digest('hex');
}

export interface ChainedEntry {
  content: AuditEntryContent;
  prevHash: string;
  hash: string;
}

/**
 * Checks entries one at a time in sequence order, starting after `startHash` (GENESIS_HASH for
 * the beginning). `check` returns the sequence number of the first entry that breaks the chain
 * (wrong link, wrong hash, or a gap in the sequence), or null while the chain is intact.
 */
export class ChainVerifier {
  private expectedPrev: string;
  private expectedSeq: number;

  constructor(startHash = GENESIS_HASH, startSeq = 1) {
    this.expectedPrev = startHash;
    this.expectedSeq = startSeq;
  }

  check(entry: ChainedEntry): number | null {
    const { content } = entry;
    if (content.seq !== this.expectedSeq) return this.expectedSeq;
    if (entry.prevHash !== this.expectedPrev || entryHash(entry.prevHash, content) !== entry.hash) return content.seq;
    this.expectedPrev = entry.hash;
    this.expectedSeq++;
    return null;
  }
}

/** The first broken sequence number of a whole chain, or null. */
export function firstBrokenEntry(entries: Iterable<ChainedEntry>, startHash = GENESIS_HASH): number | null {
  const verifier = new ChainVerifier(startHash);
  for (const entry of entries) {
    const broken = verifier.check(entry);
    if (broken !== null) return broken;
  }
  return null;
}
