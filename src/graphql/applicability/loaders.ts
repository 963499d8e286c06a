import type { Repositories } from '../../db/repositories/index.js';

export const applicabilityLoaders = (_repos: Repositories) => ({});
