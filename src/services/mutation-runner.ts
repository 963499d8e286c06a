/**
 * The single door every change goes through. `run` authorizes the actor, opens one write
 * transaction, hands the operation repositories bound to it, and commits only when the
 * operation succeeds: an operation that returns user errors is rolled back, so a refused
 * mutation never leaves half its writes behind. (The audit trail is appended here too, in the
 * same transaction, once it exists.)
 */
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { Actor } from '../domain/actor.js';
import { isAllowed, type Permission } from '../domain/authorization.js';
import { fail, userError, type Result, type UserError } from '../domain/errors.js';

export interface OperationContext {
  repos: Repositories;
  actor: Actor;
  /** The transaction's clock: every timestamp written by one operation is the same instant. */
  now: Date;
}

/** Thrown inside the transaction to roll back an operation that produced user errors. */
class RolledBack extends Error {
  constructor(readonly errors: UserError[]) {
    super('operation refused');
  }
}

export class MutationRunner {
  constructor(
    private readonly store: Store,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  async run<T>(
    actor: Actor,
    permission: Permission,
    operation: (ctx: OperationContext) => Promise<Result<T>>,
  ): Promise<Result<T>> {
    if (!isAllowed(actor, permission)) {
      return fail(userError('FORBIDDEN', `role ${actor.role} may not do this (needs ${permission})`));
    }
    try {
      return await this.store.transaction(async (tx) => {
        const result = await operation({ repos: createRepositories(tx), actor, now: this.clock() });
        if (!result.ok) throw new RolledBack(result.errors);
        return result;
      });
    } catch (error) {
      if (error instanceof RolledBack) return fail(error.errors);
      throw error;
    }
  }
}
