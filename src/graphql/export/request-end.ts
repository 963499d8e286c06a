/**
 * A signal per GraphQL request that aborts once its answer is about to be sent. graphql-js may
 * answer before every resolver is done (a failed non-null field ends the result early); the
 * export gate uses the signal to drop that request's exports not started yet and to free its
 * token at once (services/export-gate.ts).
 */
import type { ServerResponse } from 'node:http';
import type { ApolloServerPlugin } from '@apollo/server';

const controllers = new WeakMap<object, AbortController>();

/**
 * The reason every signal here aborts with. `abort()` without a reason builds a DOMException with
 * a stack trace, once per request: a measurable share of a trivial query's cost.
 */
const ANSWER_SENT = Object.freeze({ name: 'AnswerSent' });

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
          controllers.get(contextValue)?.abort(ANSWER_SENT);
        },
      };
    },
  };
}

/**
 * A signal that aborts once `res` has been sent or its connection closed ('close'), so that the
 * export documents of its request leave the budget of documents in flight then, however slowly
 * the client reads (services/export-gate.ts).
 */
export function responseSentSignal(res: ServerResponse): AbortSignal {
  if (res.closed) return AbortSignal.abort(ANSWER_SENT);
  const controller = new AbortController();
  res.once('close', () => controller.abort(ANSWER_SENT));
  return controller.signal;
}
