/**
 * Coverage and gaps (rules 1–9 of the coverage engine, src/domain/coverage) over the live
 * database, with an exact cache.
 *
 * Cache, in three layers, all invalidated exactly:
 * 1. The prepared graph: the rows of every table the engine reads, read as columns at one commit
 *    (CoverageRepository.refreshGraph: one read transaction, or for a large database two on two
 *    threads that saw the same revision) and indexed by the engine. It is tagged with
 *    the graph's revision: triggers (migration 0007) log every insert, delete and update of a column the
 *    engine reads into `coverage_changes`, by anyone (this process, the CLI, another process, raw
 *    SQL), and nothing else changes the revision (token use, audit rows, titles, evidence files).
 *    Every read first compares the revision, one tiny statement. After a change only the rows
 *    named in the log since the held revision are read again and patched into a copy of the held
 *    rows (new rows are appended after them, in place), which are then prepared again as far as
 *    they changed; everything is read again after a schema change, when
 *    the log no longer reaches back, or when the triggers are missing (then any commit counts).
 * 2. Time slices (per instant "epoch", crosswalk options) and
 * 3. scope evaluations (per slice and scope), both in LRU maps. An instant's epoch names the state
 *    of the graph at that instant (see coverage-cache.ts): a "now" query reuses an evaluation made
 *    a moment ago only when no evidence expired, no review or other dated change took effect in
 *    between. Past instants are cached under their own value.
 *
 * Unknown AI systems in a query scope give null (the GraphQL layer answers null or an empty list);
 * the snapshot mutation answers NOT_FOUND.
 */
import { systemClock } from '../clock.js';
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { FrameworkRow } from '../db/rows.js';
import {
  graphIncludes,
  type CoverageGraphSnapshot,
  type GraphVersion,
  type CoverageHistoryFilter,
  type CoverageSnapshotRow,
} from '../db/repositories/coverage-repository.js';
import type { Actor } from '../domain/actor.js';
import { actorLabel } from '../domain/actor.js';
import {
  DEFAULT_MAX_DEPTH,
  earliestInstant,
  prepareCoverageGraph,
  reviewsAppendedTo,
  rowCount,
  type FrameworkCoverage,
  type PreparedCoverageGraph,
  type TimeSlice,
} from '../domain/coverage/index.js';
import { AsOfBeforeHistoryError, fail, notFound, ok, userError, type Result, type UserError } from '../domain/errors.js';
import type { Page, PageRequest } from '../domain/paging.js';
import type { MutationRunner } from './mutation-runner.js';
import { assertAllowed } from './read-guard.js';
import { LruCache, epochKey, instantsAfter } from './coverage-cache.js';
import { afterReviewsSlice, CoverageAnswer, coverageSlice, evaluateAnswer, type GapFilter } from './coverage-answer.js';
import { MAX_CROSSWALK_DEPTH, type CoverageCacheStats, type CoverageOptions, type CoverageServiceOptions, type GapQuery, type SnapshotRecordInput } from './coverage-options.js';

export { CoverageAnswer, gapSortKey } from './coverage-answer.js';
/** The recorded snapshots' rows and filter, as the API pages them. */
export type { CoverageHistoryFilter, CoverageSnapshotRow } from '../db/repositories/coverage-repository.js';
export type { ControlImpactAnswer, GapFilter, GapPage, SimulationAnswer } from './coverage-answer.js';
export { MAX_CROSSWALK_DEPTH } from './coverage-options.js';
export type { CoverageCacheStats, CoverageOptions, CoverageServiceOptions, GapQuery, SnapshotRecordInput } from './coverage-options.js';

/** Scope evaluations kept. */
const EVALUATION_CACHE_SIZE = 64;
/** Time slices kept (several scopes share one). */
const SLICE_CACHE_SIZE = 16;
/** "Now" scopes remembered to evaluate again when another process announced a change (see changeAnnounced). */
const RECENT_SCOPES = 2;
/**
 * How long before a graph's load its epochs start. A "now" read of the clock often precedes the
 * load it waits for (a request's first read after a write, a figures pass across writes); keyed
 * by its own value it would be evaluated again at the next "now" in the same epoch.
 */
const EPOCH_LEAD_MS = 5 * 60_000;

interface PreparedState {
  /** The rows the graph was prepared from, kept to patch them after a write. */
  snapshot: CoverageGraphSnapshot;
  prep: PreparedCoverageGraph;
  aiSystems: ReadonlySet<number>;
  /** The snapshot's framework rows, by id. */
  frameworkRows: ReadonlyMap<number, FrameworkRow>;
  /**
   * Instants from here on share epochs: the service clock when the graph was loaded, less
   * {@link EPOCH_LEAD_MS}, so an instant read just before the load still shares its epoch.
   */
  epochsFrom: number;
  /** Time-dependent instants after epochsFrom, sorted, per instant column (see instantsAfter). */
  future: Float64Array[];
  /** Time slices of this graph (several scopes share one). */
  slices: LruCache<string, TimeSlice>;
  /**
   * The state this one replaced, when this graph only adds reviews to its graph: its slices, and
   * what names their epochs, for a slice of this graph to start from (TimeSlice.afterReviews);
   * null once one was (or this state was replaced in turn), so that they can go.
   */
  earlier: Pick<PreparedState, 'future' | 'epochsFrom' | 'slices'> | null;
}

/**
 * One request's hold on the graph: the first coverage read of the request (its query cost, or an
 * evaluation) reads the graph version and brings the graph up to date; every later read made with
 * the same pin uses that same graph. The request's cost and its answers then agree on one version,
 * with one version read per request. Make one per request (an empty object) and pass it along.
 */
export interface CoveragePin {
  graph?: Promise<unknown>;
  /**
   * The graph version, when the request read it already, after it arrived (with its token:
   * TokenService.authenticateWithCoveragePin): the pin's first read uses it instead of reading it again.
   */
  version?: GraphVersion;
}

export class CoverageService {
  private readonly reader: Repositories;
  private state: PreparedState | null = null;
  private building: Promise<PreparedState> | null = null;
  /** Time slices kept per prepared graph (PreparedState.slices). */
  private readonly sliceCacheSize: number;
  private readonly answers: LruCache<string, CoverageAnswer>;
  private readonly counters = { builds: 0, patches: 0, hits: 0, misses: 0, slicesAfterReviews: 0 };
  private rowsMemo: { snapshot: CoverageGraphSnapshot; version: string; rows: number } | null = null;
  /** A refresh asked for by {@link changeAnnounced}, and whether another was asked for meanwhile. */
  private announced: { again: boolean } | null = null;
  /** The refresh {@link changeAnnounced} started, while it runs (awaited by {@link settle}). */
  private refreshing: Promise<void> | null = null;
  /** The scopes last evaluated at "now" by {@link evaluate}, most recent last (see changeAnnounced). */
  private readonly recentScopes = new Map<string, CoverageOptions>();

  constructor(
    store: Store,
    private readonly runner: MutationRunner,
    private readonly clock: () => Date = systemClock,
    options: CoverageServiceOptions = { slices: SLICE_CACHE_SIZE, answers: EVALUATION_CACHE_SIZE },
  ) {
    this.reader = createRepositories(store.read, options.parallelRead === false ? { coverage: { parallelRead: { minEvidence: Infinity } } } : {});
    this.sliceCacheSize = options.slices;
    this.answers = new LruCache<string, CoverageAnswer>(options.answers);
  }

  /**
   * The rows one evaluation walks, for the query cost (graphql/cost.ts): requirements not
   * withdrawn, mappings and crosswalk links not retired, evidence links and reviews, at the
   * current graph version (the data version of the export weights). Counted from the graph the
   * evaluation reads (brought up to date here, as the evaluation would), not by statements over
   * whole tables after every write. With a pin, at the pinned graph (see {@link CoveragePin}).
   */
  async evaluationRows(pin?: CoveragePin): Promise<{ version: string; rows: number }> {
    const { snapshot } = await this.current(pin);
    if (this.rowsMemo?.snapshot !== snapshot) {
      const { graph, version: v } = snapshot;
      const rows =
        snapshot.requirementsNotWithdrawn +
        countNaN(graph.mappings.retiredAt) +
        countNaN(graph.requirementLinks.retiredAt) +
        rowCount(graph.evidenceControls) +
        rowCount(graph.evidenceReviews);
      this.rowsMemo = { snapshot, version: v.tracked ? `r${v.revision}:s${v.schema}` : `d${v.data}`, rows };
    }
    return { version: this.rowsMemo.version, rows: this.rowsMemo.rows };
  }

  /** The service's "now", epoch milliseconds. */
  now(): number {
    return this.clock().getTime();
  }

  /**
   * The evaluation of a scope at an instant: every coverage read goes through one. null when the
   * scope names an AI system that does not exist. With a pin, on the pinned graph (see
   * {@link CoveragePin}).
   */
  async evaluate(actor: Actor, options: CoverageOptions = {}, pin?: CoveragePin): Promise<CoverageAnswer | null> {
    assertAllowed(actor, 'READ');
    if (!options.instantAsked) this.rememberScope(options);
    return this.answerIn(await this.current(pin), options);
  }

  /** Remembers a "now" scope (its options but the instant) among the {@link RECENT_SCOPES} most recent. */
  private rememberScope(options: CoverageOptions): void {
    const { key, aiSystemId, viaCrosswalks, maxDepth } = scopeOf(options);
    this.recentScopes.delete(key);
    this.recentScopes.set(key, { aiSystemId, viaCrosswalks, maxDepth });
    if (this.recentScopes.size > RECENT_SCOPES) this.recentScopes.delete(this.recentScopes.keys().next().value!);
  }

  /**
   * Evaluations of several scopes at one instant, all of the graph as it is when called: later
   * writes do not reach the remaining ones, which then share one time slice (an answer of an
   * instant is the same on any later graph, as long as nothing changed before it). For callers
   * that go through every scope and yield in between (the dashboard figures). null for an AI
   * system that does not exist.
   */
  async *evaluateEach(actor: Actor, aiSystemIds: readonly (number | null)[], options: CoverageOptions = {}): AsyncGenerator<CoverageAnswer | null> {
    assertAllowed(actor, 'READ');
    const state = await this.current();
    for (const aiSystemId of aiSystemIds) yield this.answerIn(state, { ...options, aiSystemId });
  }

  /** The answer's gap filter for a query (a domain becomes the ids of its controls). */
  async gapFilter(query: GapQuery): Promise<GapFilter> {
    let controlIds: number[] | null = null;
    if (query.domain != null) controlIds = await this.reader.coverage.controlIdsInDomain(query.domain);
    if (query.controlId != null) {
      controlIds = controlIds === null ? [query.controlId] : controlIds.filter((id) => id === query.controlId);
    }
    return { frameworkId: query.frameworkId, reasons: query.reasons, controlIds };
  }

  /**
   * Records the coverage of frameworks in a scope at the transaction's instant, one row per
   * framework. NOT_FOUND for an unknown AI system or framework; INVALID for a framework not in
   * the scope (a threat catalog, or one that does not apply to the AI system).
   */
  recordSnapshots(actor: Actor, input: SnapshotRecordInput): Promise<Result<CoverageSnapshotRow[]>> {
    return this.runner.run(actor, 'CATALOG_EDIT', async ({ repos, actor, now, audit }) => {
      const aiSystemId = input.aiSystemId;
      if (aiSystemId !== null) {
        if (!(await repos.aiSystems.findById(aiSystemId))) return fail(notFound('AI system', ['input', 'scope', 'aiSystemId']));
        audit.target('AISystem', aiSystemId);
      }
      const viaCrosswalks = input.viaCrosswalks ?? true;
      // Nothing else commits while this transaction holds the write lock, so this is the
      // coverage of the committed data at `now`.
      const answer = await this.answer({ aiSystemId, at: now.getTime(), viaCrosswalks });
      if (!answer) return fail(notFound('AI system', ['input', 'scope', 'aiSystemId']));
      let selected: readonly FrameworkCoverage[] = answer.frameworks;
      if (input.frameworkIds != null) {
        const ids = input.frameworkIds;
        const known = new Set((await repos.frameworks.findByIds(ids)).map((f) => f.id));
        const errors: UserError[] = [];
        ids.forEach((id, i) => {
          const field = ['input', 'frameworkIds', String(i)];
          if (!known.has(id)) errors.push(notFound('framework', field));
          else if (!answer.framework(id)) {
            errors.push(
              userError(
                'INVALID',
                aiSystemId === null ? 'a threat catalog has no coverage' : 'the framework does not apply to the AI system (or is a threat catalog)',
                field,
              ),
            );
          }
        });
        if (errors.length) return fail(errors);
        const wanted = new Set(ids);
        selected = answer.frameworks.filter((f) => wanted.has(f.frameworkId));
      }
      for (const f of selected) audit.target('Framework', f.frameworkId);
      const by = actorLabel(actor);
      const rows = await repos.coverage.insertSnapshots(
        selected.map(({ frameworkId, summary }) => ({
          frameworkId,
          aiSystemId,
          at: now,
          viaCrosswalks,
          total: summary.total,
          covered: summary.covered,
          partial: summary.partial,
          uncovered: summary.uncovered,
          notApplicable: summary.notApplicable,
          createdBy: by,
        })),
      );
      return ok(rows);
    });
  }

  /** Recorded snapshots of one framework in one scope, by (at, id). */
  async history(actor: Actor, filter: CoverageHistoryFilter, page: PageRequest): Promise<Page<CoverageSnapshotRow>> {
    assertAllowed(actor, 'READ');
    return this.reader.coverage.history(filter, page);
  }

  async historyCount(actor: Actor, filter: CoverageHistoryFilter): Promise<number> {
    assertAllowed(actor, 'READ');
    return this.reader.coverage.historyCount(filter);
  }

  /**
   * A key naming the state of the graph that evaluations at `at` (default now) read: while it is
   * the same, every evaluation of that instant's epoch answers the same (the data version and
   * the instant's epoch, see coverage-cache.ts). Reads the data version, and prepares the graph
   * again when it changed, like any evaluation.
   */
  async stateKey(at: number = this.now()): Promise<string> {
    const state = await this.current();
    return `${this.stats().version}|${epochKey(state.future, state.epochsFrom, at)}`;
  }

  /**
   * Another process announced a change (PostgreSQL's NOTIFY, db/pg-change-listener.ts): brings
   * the prepared graph up to date now, in the background, so that the next read finds it
   * patched, with the last {@link RECENT_SCOPES} scopes read at "now" evaluated again (a
   * dashboard's next read then finds its answer; a reader arriving meanwhile waits for the
   * refresh, as it would for its own). Announcements during a refresh give one more refresh after
   * it. Nothing is done before the first read prepared a graph. Reads compare the graph version
   * anyway, so this only moves the work earlier; a refresh that fails is left to the next read.
   */
  changeAnnounced(): void {
    if (this.announced) {
      this.announced.again = true;
      return;
    }
    if (!this.state) return;
    const announced = (this.announced = { again: false });
    const refreshing = (this.refreshing = this.currentNow(undefined, true)
      .then(() => undefined)
      .catch(() => undefined)
      .finally(() => {
        if (this.refreshing === refreshing) this.refreshing = null;
        this.announced = null;
        if (announced.again) this.changeAnnounced();
      }));
  }

  /**
   * Resolves once no refresh started by {@link changeAnnounced} runs any more (the one running, and
   * any it chains). Shutdown awaits it after the notifications stopped and before the database closes.
   */
  async settle(): Promise<void> {
    while (this.refreshing) await this.refreshing;
  }

  /** Cache counters (tests and the benchmark read them). */
  stats(): CoverageCacheStats {
    const v = this.state?.snapshot.version;
    return { ...this.counters, version: v ? (v.tracked ? `r${v.revision}.${v.schema}` : `d${v.data}`) : null, entries: this.answers.size };
  }

  /** The (cached) evaluation; no authorization (callers check). */
  private async answer(options: CoverageOptions): Promise<CoverageAnswer | null> {
    return this.answerIn(await this.current(), options);
  }

  /**
   * Evaluates the recent "now" scopes on a graph just rebuilt, into the answer cache, before the
   * rebuild's readers go on (see changeAnnounced). An error is left to the read that meets it.
   */
  private evaluateRecent(state: PreparedState): void {
    const at = this.now();
    for (const scope of this.recentScopes.values()) {
      try {
        this.answerIn(state, { ...scope, at });
      } catch {
        // The read of that scope meets it.
      }
    }
  }

  /** The evaluation on `state`; the answer cache only serves and keeps answers of the current state. */
  private answerIn(state: PreparedState, options: CoverageOptions): CoverageAnswer | null {
    const at = options.at ?? this.now();
    const { key: scopeKey, aiSystemId, viaCrosswalks, maxDepth } = scopeOf(options);
    if (!Number.isFinite(at)) throw new RangeError(`coverage: the instant must be finite, got ${at}`);
    if (!Number.isInteger(maxDepth) || maxDepth < 0 || maxDepth > MAX_CROSSWALK_DEPTH) {
      throw new RangeError(`coverage: maxDepth must be an integer from 0 to ${MAX_CROSSWALK_DEPTH}, got ${maxDepth}`);
    }
    if (options.instantAsked) {
      // Only an asked instant needs it (it scans every history column, once per column).
      const earliest = earliestInstant(state.prep.source);
      if (Number.isFinite(earliest) && at < earliest) throw new AsOfBeforeHistoryError(new Date(at), new Date(earliest));
    }
    if (aiSystemId !== null && !state.aiSystems.has(aiSystemId)) return null;
    // Without crosswalks the depth plays no part.
    const depth = viaCrosswalks ? maxDepth : 0;
    const epoch = epochKey(state.future, state.epochsFrom, at);
    const sliceKey = `${epoch}|${depth}`;
    const key = `${epoch}|${scopeKey}`;
    const live = state === this.state;
    const cached = live ? this.answers.get(key) : undefined;
    if (cached) {
      this.counters.hits++;
      return cached.withInstant(at);
    }
    this.counters.misses++;
    if (live) this.answers.makeRoom();
    let slice = state.slices.get(sliceKey);
    if (!slice) {
      state.slices.makeRoom();
      const derived = sliceAfterReviews(state, at, depth);
      if (derived) this.counters.slicesAfterReviews++;
      slice = derived ?? coverageSlice(state.prep, at, depth);
      state.slices.set(sliceKey, slice);
    }
    const answer = evaluateAnswer(slice, { at, aiSystemId, viaCrosswalks, maxDepth }, state.frameworkRows);
    if (live) this.answers.set(key, answer);
    return answer;
  }

  /**
   * The prepared graph of the current graph version, rebuilt when the graph changed. Concurrent
   * readers share one rebuild; one that joined a rebuild which had read the database before
   * this reader saw the version builds again, so no reader misses a commit that preceded it.
   * With a pin, the graph the pin's first read got.
   */
  private current(pin?: CoveragePin): Promise<PreparedState> {
    if (pin) return (pin.graph ??= this.currentNow(pin.version)) as Promise<PreparedState>;
    return this.currentNow();
  }

  /**
   * The prepared graph of `read` (a version read since the caller's request arrived), or of the
   * version now. `announced`: a rebuild this starts evaluates the recent scopes (see changeAnnounced).
   */
  private async currentNow(read?: GraphVersion, announced = false): Promise<PreparedState> {
    const version = read ?? (await this.reader.coverage.graphVersion());
    if (this.state && graphIncludes(this.state.snapshot.version, version)) return this.state;
    const state = await (this.building ??= this.rebuild(announced).finally(() => {
      this.building = null;
    }));
    return graphIncludes(state.snapshot.version, version) ? state : this.rebuild();
  }

  private async rebuild(announced = false): Promise<PreparedState> {
    const epochsFrom = this.now() - EPOCH_LEAD_MS;
    const previous = this.state;
    const snapshot = await this.reader.coverage.refreshGraph(previous?.snapshot ?? null);
    if (previous && snapshot.tables === previous.snapshot.tables && snapshot.baselineExclusions === previous.snapshot.baselineExclusions) {
      // Nothing the engine reads changed; the framework rows the answers carry may have.
      if (snapshot.frameworkRows !== previous.snapshot.frameworkRows) {
        previous.frameworkRows = frameworkRowsById(snapshot);
        this.answers.clear();
      }
      previous.snapshot = snapshot;
      return previous;
    }
    // The evaluations of the previous graph are of no further use: let them go before preparing
    // (its time slices go with it, once no caller of evaluateEach holds it).
    this.answers.clear();
    // The engine prepares its indexes straight from the snapshot's columns, reusing what it
    // prepared from the columns a patch left as they were.
    const prep = prepareCoverageGraph(snapshot.graph, previous?.prep);
    const state: PreparedState = {
      snapshot,
      prep,
      aiSystems: new Set(snapshot.aiSystemIds),
      frameworkRows: frameworkRowsById(snapshot),
      epochsFrom,
      future: instantsAfter(snapshot.graph, epochsFrom),
      slices: new LruCache(this.sliceCacheSize),
      earlier: previous && reviewsAppendedTo(prep) ? { future: previous.future, epochsFrom: previous.epochsFrom, slices: previous.slices } : null,
    };
    // One state back at most: the replaced state lets go of the one before it.
    if (previous) previous.earlier = null;
    this.counters.builds++;
    if (snapshot.read.kind === 'patch') this.counters.patches++;
    this.state = state;
    if (announced) this.evaluateRecent(state);
    return state;
  }
}

/**
 * The slice at `at` derived from the replaced state's slice of the same epoch of its graph, when
 * this graph only adds reviews to that one (TimeSlice.afterReviews); null when there is none.
 */
function sliceAfterReviews(state: PreparedState, at: number, depth: number): TimeSlice | null {
  const earlier = state.earlier;
  if (!earlier || at < earlier.epochsFrom) return null;
  const slice = earlier.slices.get(`${epochKey(earlier.future, earlier.epochsFrom, at)}|${depth}`);
  const derived = slice ? afterReviewsSlice(state.prep, at, depth, slice) : null;
  // The first slice taken over lets the replaced state's slices go (a read at "now", the usual one, is the first).
  if (derived) state.earlier = null;
  return derived;
}

/** A scope's options (the instant aside) with the defaults filled in, and its key in the answer cache (without crosswalks the depth plays no part). */
function scopeOf(options: CoverageOptions) {
  const aiSystemId = options.aiSystemId ?? null;
  const viaCrosswalks = options.viaCrosswalks ?? true;
  const maxDepth = options.maxDepth ?? DEFAULT_MAX_DEPTH;
  return { aiSystemId, viaCrosswalks, maxDepth, key: `${viaCrosswalks ? maxDepth : 'off'}|${aiSystemId ?? 'org'}` };
}

const nanCounts = new WeakMap<Float64Array, number>();

/** How many NULLs (NaN) a column holds, e.g. the rows not retired; memoised per column (columns are never mutated). */
function countNaN(column: Float64Array): number {
  let n = nanCounts.get(column);
  if (n === undefined) {
    n = 0;
    for (let i = 0; i < column.length; i++) if (column[i] !== column[i]) n++;
    nanCounts.set(column, n);
  }
  return n;
}

const frameworkRowsById = (snapshot: CoverageGraphSnapshot): ReadonlyMap<number, FrameworkRow> => new Map(snapshot.frameworkRows.map((row) => [row.id, row]));
