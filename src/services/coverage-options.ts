/**
 * What the coverage service is asked and how it is set up: the options of an evaluation, the gap
 * and snapshot inputs, the cache counters and the service's cache sizes (coverage-service.ts).
 */
import type { GapFilter } from './coverage-answer.js';

/** What to evaluate. Everything is optional: the organisation, now, with crosswalks (depth 3). */
export interface CoverageOptions {
  /** null/undefined: the whole organisation. */
  aiSystemId?: number | null;
  /** The instant T, epoch milliseconds; undefined: now (the service's clock). */
  at?: number | null;
  /**
   * True when the caller asked for this instant (`asOf`): one before the earliest recorded
   * instant of the database is refused with {@link AsOfBeforeHistoryError} (rule 10).
   */
  instantAsked?: boolean | null;
  viaCrosswalks?: boolean | null;
  /** Longest crosswalk chain, 0 to {@link MAX_CROSSWALK_DEPTH} (default 3). */
  maxDepth?: number | null;
}

/** Gap filter of {@link CoverageService.gaps}: the answer's filter plus a control domain. */
export interface GapQuery {
  frameworkId?: number | null;
  reasons?: GapFilter['reasons'];
  controlId?: number | null;
  /** Gaps with a reason naming a control of exactly this domain (case-sensitive). */
  domain?: string | null;
}

export interface SnapshotRecordInput {
  /** null: the organisation. */
  aiSystemId: number | null;
  /** null/undefined: every framework in scope. */
  frameworkIds?: readonly number[] | null;
  viaCrosswalks?: boolean | null;
}

export interface CoverageCacheStats {
  /** Prepared graph (re)builds, after a full read or a patch. */
  builds: number;
  /** Of these, the ones prepared from the previous rows patched with the rows changed since. */
  patches: number;
  /** Evaluations served from the cache / computed. */
  hits: number;
  misses: number;
  /** Time slices taken over from the previous graph's after a write that only added reviews (TimeSlice.afterReviews). */
  slicesAfterReviews: number;
  version: string | null;
  entries: number;
}

export const MAX_CROSSWALK_DEPTH = 10;

/**
 * How many time slices and scope evaluations a service keeps (default 16 and 64), and how it reads
 * the graph. The export worker keeps one of each: an export request fixes one instant, and at a
 * large size each kept evaluation of another instant is memory that no later export reuses.
 */
export interface CoverageServiceOptions {
  slices: number;
  answers: number;
  /** False: a full read of the graph stays on the calling thread (no parallel read worker, coverage-repository.ts). */
  parallelRead?: boolean;
}
