import type { GapReasonResolvers } from '../generated/resolvers-types.js';

export const GapReason: GapReasonResolvers = {
  code: (r) => r.code,
  controls: (r) => r.controls,
};
