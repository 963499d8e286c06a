import type { Repositories } from '../../db/repositories/index.js';

export const requirementLoaders = (_repos: Repositories) => ({});
