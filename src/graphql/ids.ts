/** Global ids in resolver arguments. */
import { fromGlobalId, type NodeType } from './global-id.js';

/**
 * The row id behind an input global id. An id that is garbage or of another type becomes 0,
 * which matches no row, so the service answers NOT_FOUND after authorizing as usual.
 */
export const inputId = (globalId: string, type: NodeType): number => fromGlobalId(globalId, type) ?? 0;

/** Same for optional ids: undefined/null stay as they are. */
export function optionalInputId(globalId: string | null | undefined, type: NodeType): number | null | undefined {
  return globalId == null ? globalId : inputId(globalId, type);
}
