/**
 * Rule 9 — scope. The organisation scope evaluates every framework live at T; an AI system's
 * scope only the frameworks assigned to it at T (ai_system_frameworks is kept as history, rule 10:
 * the prepared graph of T's structure epoch holds the assignments live at T). Requirements of other frameworks are not evaluated and are reported
 * absent (null). Crosswalk inference may still use the mappings of requirements of frameworks
 * out of scope: a link is a statement about the requirements, not about the scope.
 */
import type { PreparedCoverageGraph } from './prepare.js';

/** 1 per framework index in scope. */
export function frameworksInScope(prep: PreparedCoverageGraph, aiSystemId: number | null): Uint8Array {
  const n = prep.frameworkIds.length;
  if (aiSystemId === null) return new Uint8Array(n).fill(1);
  return prep.systemFrameworks.get(aiSystemId)?.slice() ?? new Uint8Array(n);
}
