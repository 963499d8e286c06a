/**
 * What the current operation is, for the audit trail: the action name (the GraphQL root field,
 * or an operator command such as `catalog.load:<id>`), the request id and the global ids named in
 * the request. It travels on the actor handed to the services, so the mutation runner records
 * the operation of the actor it runs for.
 *
 * Rule: whoever starts an operation (the root-field guard, an HTTP route, a CLI command, the
 * seeder) passes `forOperation(actor, ...)` to the service; an actor without one is audited as
 * action `unknown`. (Not an AsyncLocalStorage: on Node 20 that hooks every promise of the
 * process, about a tenth of a small request's cost.)
 */
import type { Actor, OperationScope } from '../domain/actor.js';


const UNKNOWN: OperationScope = { action: 'unknown', requestId: null, inputIds: [] };

/** `actor` performing `action` (the actor itself is left unchanged). */
export function forOperation(
  actor: Actor,
  action: string,
  { requestId = null, inputIds = [] }: { requestId?: string | null; inputIds?: readonly string[] } = {},
): Actor {
  return { ...actor, operation: { action, requestId, inputIds } };
}

/** The operation `actor` performs. */
export function operationOf(actor: Actor): OperationScope {
  return actor.operation ?? UNKNOWN;
}
