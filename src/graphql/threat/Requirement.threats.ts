import type { RequirementResolvers } from '../generated/resolvers-types.js';
import { threatSortKey } from '../../domain/list-orders.js';
import { groupConnection } from '../connection.js';

/** One page per requirement, cut in SQL: at most `first` + 1 rows per requirement are read. */
export const threats: RequirementResolvers['threats'] = (row, { first, after }, ctx) =>
  groupConnection(
    { pages: ctx.loaders.requirementThreatPages, counts: ctx.loaders.requirementThreatCounts },
    { parent: row.id, options: null },
    { first, after },
    threatSortKey,
    (link) => link.threat,
  );
