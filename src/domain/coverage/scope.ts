/**
 * Rule 9 — scope. The organisation scope evaluates every framework of the snapshot; an AI system's
 * scope only the frameworks that apply to it (ai_system_frameworks, as currently recorded — the
 * table keeps no history). Requirements of other frameworks are not evaluated and are reported
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
