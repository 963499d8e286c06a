import type { Repositories } from '../../db/repositories/index.js';

export const mappingLoaders = (_repos: Repositories) => ({});
