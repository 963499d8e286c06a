/**
 * The single door every change goes through. `run`:
 * 1. authorizes the actor (a denied attempt is refused with FORBIDDEN and audited as DENIED);
 * 2. opens one write transaction and hands the operation repositories bound to it;
 * 3. on success appends the audit entry in that same transaction, then commits;
 * 4. when the operation returns user errors, rolls everything back and audits a REJECTED entry
 *    (DENIED when one of them is FORBIDDEN, e.g. outside a token's scope), so a refused mutation
 *    never leaves half its writes behind;
 * 5. when it fails with an internal error, rolls back, audits an ERROR entry in its own
 *    transaction (or, when the database cannot take it either, logs the failure with the request
 *    id), and rethrows.
 * With `dryRun`, the operation runs the same way on the same kind of transaction, which is then
 * rolled back whatever the result; the attempt is audited like any mutation (SUCCESS in its own
 * transaction, with what the operation recorded and `dryRun: true`; or REJECTED/DENIED/ERROR as
 * above), and nothing else is written.
 * Inside the transaction, before the operation, the actor's token is read again (revoked or
 * expired since the request was authenticated, or no longer holding the permission: DENIED),
 * so a revocation stops the remaining operations of a request at once (token-liveness.ts).
 * The action name, request id and named ids come from the actor's operation (see operation-scope.ts).
 */
import { systemClock } from '../clock.js';
import type { Store } from '../db/store.js';
import { DatabaseBusyError } from '../db/busy.js';
import { DatabaseUnavailableError } from '../db/unavailable.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import { fail, ok, userError, type Result, type UserError } from '../domain/errors.js';
import { toGlobalId, type NodeType } from '../domain/global-id.js';
import { appendAudit, type AuditEvent } from './audit-trail.js';
import { operationOf } from './operation-scope.js';
import { tokenRefusal } from './token-liveness.js';

/** What an operation tells the audit trail beyond its result. */
export interface AuditRecorder {
  /** Names an object the operation changed. */
  target(type: NodeType, id: number): void;
  /** The object as it was before the change. */
  before(value: unknown): void;
  /** What to record as the result instead of the operation's value (e.g. without a secret). */
  after(value: unknown): void;
}

export interface OperationContext {
  repos: Repositories;
  actor: Actor;
  /** The transaction's clock: every timestamp written by one operation is the same instant. */
  now: Date;
  audit: AuditRecorder;
}

export interface RunOptions<T = unknown> {
  /** Roll back whatever the result; only the audit entry of the attempt is written. */
  dryRun?: boolean;
  /**
   * Checked first, in the transaction (under the write lock): null when the operation is to run;
   * otherwise its work was already done (by another instance meanwhile), the value found is the
   * result, and nothing is written or audited.
   */
  alreadyDone?: (repos: Repositories) => Promise<T | null>;
}

/** Thrown inside the transaction to roll back an operation that produced user errors. */
class RolledBack extends Error {
  constructor(readonly errors: UserError[]) {
    super('operation refused');
  }
}

/** Thrown inside a dry run's transaction to roll it back, carrying the result and its audit entry. */
class DryRunRollback extends Error {
  constructor(
    readonly result: Result<unknown>,
    readonly entry: AuditEvent,
  ) {
    super('dry run: rolled back');
  }
}

export class MutationRunner {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = systemClock,
    private readonly subject: NodeType | null = null,
  ) {}

  /**
   * A runner for one service whose operations return objects of `subject`: the id of a returned
   * row is recorded as a target of the audit entry (so creations name what they created).
   */
  about(subject: NodeType): MutationRunner {
    return new MutationRunner(this.store, this.clock, subject);
  }

  async run<T>(
    actor: Actor,
    permission: Permission,
    operation: (ctx: OperationContext) => Promise<Result<T>>,
    options: RunOptions<T> = {},
  ): Promise<Result<T>> {
    const scope = operationOf(actor);
    const targets = new Set(scope.inputIds);
    if (!isAllowed(actor, permission)) {
      const errors = [userError('FORBIDDEN', `role ${actor.role} may not do this (needs ${permission})`)];
      await this.auditOutsideChange(actor, 'DENIED', [...targets], { userErrors: errors });
      return fail(errors);
    }
    let before: unknown = null;
    let after: { value: unknown } | null = null;
    const audit: AuditRecorder = {
      target: (type, id) => targets.add(toGlobalId(type, id)),
      before: (value) => {
        before = value;
      },
      after: (value) => {
        after = { value };
      },
    };
    try {
      return await this.store.transaction(async (tx) => {
        const repos = createRepositories(tx);
        const now = this.clock();
        const refusal = await tokenRefusal(repos.tokens, actor, permission, now);
        if (refusal) throw new RolledBack([refusal]);
        const done = options.alreadyDone ? await options.alreadyDone(repos) : null;
        if (done !== null) return ok(done);
        const result = await operation({ repos, actor, now, audit });
        if (!result.ok) throw new RolledBack(result.errors);
        const id = (result.value as { id?: unknown } | null)?.id;
        if (this.subject && typeof id === 'number') audit.target(this.subject, id);
        const entry: AuditEvent = {
          action: scope.action,
          outcome: 'SUCCESS',
          targetIds: [...targets],
          before,
          after: after ? (after as { value: unknown }).value : result.value,
          requestId: scope.requestId,
        };
        if (options.dryRun) throw new DryRunRollback(result, { ...entry, after: asDryRun(entry.after) });
        await appendAudit(repos.audit, actor, entry, now);
        return result;
      });
    } catch (error) {
      if (error instanceof DryRunRollback) {
        await this.store.transaction(async (tx) => void (await appendAudit(createRepositories(tx).audit, actor, error.entry, this.clock())));
        return error.result as Result<T>;
      }
      if (!(error instanceof RolledBack)) {
        await this.auditError(actor, [...targets], error);
        throw error;
      }
      const outcome = error.errors.some((e) => e.code === 'FORBIDDEN') ? 'DENIED' : 'REJECTED';
      await this.auditOutsideChange(actor, outcome, [...targets], { userErrors: error.errors });
      return fail(error.errors);
    }
  }

  /**
   * Records an attempt that changed nothing (denied, rejected, or failed with an internal error)
   * in its own transaction; `details` (why) is recorded as the entry's `after`.
   */
  async auditOutsideChange(actor: Actor, outcome: 'DENIED' | 'REJECTED' | 'ERROR', targetIds: string[], details: unknown): Promise<void> {
    const scope = operationOf(actor);
    await this.store.transaction(async (tx) => {
      await appendAudit(
        createRepositories(tx).audit,
        actor,
        { action: scope.action, outcome, targetIds, before: null, after: details, requestId: scope.requestId },
        this.clock(),
      );
    });
  }

  /**
   * Records an attempt that failed with an internal error (outcome ERROR) in its own transaction,
   * after the rollback. The entry names the error's kind only: its message may carry SQL and
   * parameters (the details go to the server log under the request id). When the database cannot
   * take the entry either, the failure is logged with the request id instead; never throws.
   */
  async auditError(actor: Actor, targetIds: string[], error: unknown): Promise<void> {
    if (error instanceof DatabaseBusyError || error instanceof DatabaseUnavailableError) {
      // The lock that refused the write, or the lost database, would refuse its audit entry too.
      const { action, requestId } = operationOf(actor);
      const why = error instanceof DatabaseBusyError ? 'the database lock is held' : 'the database cannot be reached';
      if (requestId) console.error(`[request ${requestId}]`, `${action} by ${actor.id} was refused (${error.code}); not audited: ${why}`);
      return;
    }
    try {
      await this.auditOutsideChange(actor, 'ERROR', targetIds, { error: internalErrorKind(error) });
    } catch (auditFailure) {
      const { action, requestId } = operationOf(actor);
      console.error(
        `[request ${requestId ?? '-'}]`,
        `${action} by ${actor.id} failed with an internal error and its audit entry (outcome ERROR) could not be written:`,
        error,
        auditFailure,
      );
    }
  }
}

/** A dry run's audited result: what the operation recorded, marked `dryRun: true`. */
function asDryRun(after: unknown): unknown {
  return typeof after === 'object' && after !== null && !Array.isArray(after) ? { dryRun: true, ...after } : { dryRun: true, result: after };
}

/**
 * What an internal error was, without its message: e.g. `{ name: 'SqliteError', code:
 * 'SQLITE_CONSTRAINT_TRIGGER' }`. A wrapper (drizzle's query error) is described by its cause.
 */
function internalErrorKind(error: unknown): { name: string; code: string | null } {
  const root = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const code = (root as { code?: unknown } | null)?.code;
  return { name: root instanceof Error ? root.name : typeof root, code: typeof code === 'string' ? code : null };
}
