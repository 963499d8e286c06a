/**
 * Rule 8 — threat exposure. A threat is ADDRESSED when some requirement linked to it is COVERED,
 * PARTIALLY_ADDRESSED when none is but some is PARTIAL, EXPOSED otherwise. Linked non-leaves use
 * their rolled-up status. Only linked requirements evaluated in the scope count (live, of an
 * in-scope framework); a threat's parent or children play no part. Every threat is reported in
 * every scope (threat catalogs never apply to AI systems themselves).
 */
import { COV_COVERED, COV_NONE, COV_PARTIAL, EXPOSURE_ADDRESSED, EXPOSURE_EXPOSED, EXPOSURE_PARTIAL, exposureName } from './codes.js';
import type { PreparedCoverageGraph } from './prepare.js';
import type { ThreatExposure } from './types.js';

/** Exposure code per threat index. */
export function threatExposureCodes(prep: PreparedCoverageGraph, status: Uint8Array): Uint8Array {
  const n = prep.threatIds.length;
  const codes = new Uint8Array(n);
  const { start, items } = prep.threatRequirements;
  for (let t = 0; t < n; t++) {
    let code = EXPOSURE_EXPOSED;
    for (let k = start[t]!, end = start[t + 1]!; k < end; k++) {
      const s = status[items[k]!]!;
      if (s === COV_COVERED) {
        code = EXPOSURE_ADDRESSED;
        break;
      }
      if (s === COV_PARTIAL) code = EXPOSURE_PARTIAL;
    }
    codes[t] = code;
  }
  return codes;
}

/** The full record of every threat, from the statuses and the codes of {@link threatExposureCodes}. */
export function threatExposureRecords(prep: PreparedCoverageGraph, status: Uint8Array, codes: Uint8Array): ThreatExposure[] {
  const n = prep.threatIds.length;
  const exposures: ThreatExposure[] = new Array(n);
  const { start, items } = prep.threatRequirements;
  for (let t = 0; t < n; t++) {
    const requirementIds: number[] = [];
    const coveredRequirementIds: number[] = [];
    const partialRequirementIds: number[] = [];
    for (let k = start[t]!, end = start[t + 1]!; k < end; k++) {
      const r = items[k]!;
      const s = status[r]!;
      if (s === COV_NONE) continue;
      const id = prep.reqIds[r]!;
      requirementIds.push(id);
      if (s === COV_COVERED) coveredRequirementIds.push(id);
      else if (s === COV_PARTIAL) partialRequirementIds.push(id);
    }
    exposures[t] = {
      threatId: prep.threatIds[t]!,
      frameworkId: prep.threatFrameworkIds[t]!,
      exposure: exposureName(codes[t]!),
      requirementIds,
      coveredRequirementIds,
      partialRequirementIds,
    };
  }
  return exposures;
}
