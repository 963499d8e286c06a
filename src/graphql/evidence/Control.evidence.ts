import type { ControlResolvers } from '../generated/resolvers-types.js';
import { arrayConnection } from '../connection.js';
import { evidenceSortKey } from '../../db/repositories/evidence-repository.js';

export const evidence: ControlResolvers['evidence'] = async (row, { statuses, first, after }, ctx) => {
  const all = await ctx.loaders.evidenceByControl.load(row.id);
  const rows = statuses?.length ? all.filter((e) => statuses.includes(e.status)) : all;
  return arrayConnection(rows, evidenceSortKey, { first, after });
};
