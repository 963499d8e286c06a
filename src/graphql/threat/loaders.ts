import type { Repositories } from '../../db/repositories/index.js';

export const threatLoaders = (_repos: Repositories) => ({});
