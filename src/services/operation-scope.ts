/**
 * What the current operation is, for the audit trail: set once per GraphQL root mutation (and by
 * operator commands), read by the mutation runner. Kept in AsyncLocalStorage so services don't
 * pass it through every call.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

export interface OperationScope {
  /** e.g. `controlCreate`, `catalog.load`, `upload`. */
  action: string;
  requestId: string | null;
  /** Global ids named in the request's input; recorded as targets. */
  inputIds: readonly string[];
}

const storage = new AsyncLocalStorage<OperationScope>();

export function withOperation<T>(scope: OperationScope, fn: () => T): T {
  return storage.run(scope, fn);
}

export function currentOperation(): OperationScope {
  return storage.getStore() ?? { action: 'unknown', requestId: null, inputIds: [] };
}
