import type { ControlResolvers } from '../generated/resolvers-types.js';
import { arrayConnection } from '../connection.js';
import type { AiSystemControlStatusListRow } from '../../services/rows.js';

const bySystem = (row: AiSystemControlStatusListRow) => [row.aiSystemName, row.aiSystemId];

/** Control.aiSystemStatuses: the control's per-system overrides, by AI system name. */
export const aiSystemStatuses: ControlResolvers['aiSystemStatuses'] = async (row, args, ctx) =>
  arrayConnection(await ctx.loaders.aiSystemControlStatusesByControl.load(row.id), bySystem, args);
