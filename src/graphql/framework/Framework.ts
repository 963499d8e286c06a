import type { FrameworkResolvers } from '../generated/resolvers-types.js';
import { toGlobalId } from '../global-id.js';

export const Framework: FrameworkResolvers = {
  id: (row) => toGlobalId('Framework', row.id),
};
