import type { Repositories } from '../../db/repositories/index.js';

export const controlLoaders = (_repos: Repositories) => ({});
