/**
 * A signal per GraphQL request that aborts once its answer is about to be sent. graphql-js may
 * answer before every resolver is done (a failed non-null field ends the result early); the
 * export gate uses the signal to drop that request's exports not started yet and to free its
 * token at once (services/export-gate.ts).
 */
import type { ApolloServerPlugin } from '@apollo/server';

const controllers = new WeakMap<object, AbortController>();

/** The signal of the request whose context is `ctx`. */
export function requestSignal(ctx: object): AbortSignal {
  let controller = controllers.get(ctx);
  if (!controller) controllers.set(ctx, (controller = new AbortController()));
  return controller.signal;
}

/** Aborts the request's signal when its answer is about to be sent. */
export function requestEndPlugin<TContext extends object>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue }) {
          controllers.get(contextValue)?.abort();
        },
      };
    },
  };
}
