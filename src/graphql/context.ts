/** What every resolver receives: who is asking, the services, and this request's loaders. */
import type { Actor } from '../domain/actor.js';
import type { CoveragePin } from '../services/coverage-service.js';
import type { Services } from '../services/index.js';
import type { Loaders } from './loaders.js';
import type { OperationRecord } from './observe.js';

export interface GraphQLContext {
  actor: Actor;
  /**
   * True when the actor's token row was read to authenticate this very request (HTTP): a query
   * then runs on that read, without reading the token again before its root fields
   * (guard-root-fields.ts). Mutations read it again in their transactions either way.
   */
  tokenReadByRequest?: boolean;
  /**
   * The coverage graph version read with that token (HTTP): a query's coverage reads are held to
   * it instead of reading it again (graphql/coverage/request.ts pinCoverage). Mutations do not use it.
   */
  coveragePin?: CoveragePin;
  services: Services;
  loaders: Loaders;
  requestId: string;
  /** Aborts once the request's HTTP response has been sent or its connection closed (export budget, services/export-gate.ts). */
  responseSent?: () => AbortSignal;
  /** What the access line and the metrics learn about the operation (observe.ts). */
  observed?: OperationRecord;
}
