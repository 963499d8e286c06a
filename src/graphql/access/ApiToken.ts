import type { ApiTokenResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';

const present = <T>(rows: (T | null)[]): T[] => rows.filter((r): r is T => r !== null);

export const ApiToken: ApiTokenResolvers = {
  id: (row) => toGlobalId('ApiToken', row.id),
  scopeAISystems: async (row, _, ctx) =>
    row.scopeAiSystemIds ? present(await ctx.loaders.aiSystemById.loadMany(row.scopeAiSystemIds).then(okRows)) : null,
  scopeControls: async (row, _, ctx) =>
    row.scopeControlIds ? present(await ctx.loaders.controlById.loadMany(row.scopeControlIds).then(okRows)) : null,
};

/** DataLoader.loadMany answers an Error in place of a failed key; treat it as missing. */
function okRows<T>(rows: (T | Error | null)[]): (T | null)[] {
  return rows.map((r) => (r instanceof Error ? null : r));
}
