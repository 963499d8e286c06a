/**
 * Tells the access line (src/http/access-log.ts) and the metrics what a GraphQL request was: its
 * operation's name and type, requested cost and outcome; counts operations by type and outcome,
 * by (bounded) name, the cost histogram, and every error code of the answer as a refusal
 * (INTERNAL_SERVER_ERROR excepted: that is a fault, logged at error level elsewhere).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { Metrics } from '../ops/metrics.js';

/** What the GraphQL pipeline tells the access line (filled here). */
export interface OperationRecord {
  operationName?: string | null;
  /** query, mutation or subscription; absent when the document did not parse or validate. */
  operationType?: string;
  cost?: number | null;
  /** The first error code of the answer, when it has errors. */
  errorCode?: string;
}

export function observeOperations<C extends { observed?: OperationRecord }>(metrics: Metrics): ApolloServerPlugin<C> {
  return {
    async requestDidStart({ contextValue }) {
      const record: OperationRecord = contextValue.observed ?? {};
      return {
        async didResolveOperation({ operation, operationName }) {
          record.operationName = operationName ?? null;
          record.operationType = operation?.operation;
        },
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          const cost = (result.extensions?.cost as { requestedQueryCost?: number | null } | undefined)?.requestedQueryCost;
          record.cost = typeof cost === 'number' ? cost : null;
          const codes = (result.errors ?? []).map((e) => String(e.extensions?.code ?? 'INTERNAL_SERVER_ERROR'));
          if (codes.length) record.errorCode = codes[0];
          const type = record.operationType ?? 'unknown';
          metrics.operations.inc({ type, outcome: codes.length ? 'error' : 'success' });
          metrics.operationsByName.inc({ name: metrics.operationName(record.operationName), type });
          if (record.cost !== null) metrics.cost.observe(record.cost);
          for (const code of codes) if (code !== 'INTERNAL_SERVER_ERROR') metrics.refusals.inc({ code });
        },
      };
    },
  };
}
