import type { Repositories } from '../../db/repositories/index.js';

export const aiSystemLoaders = (_repos: Repositories) => ({});
