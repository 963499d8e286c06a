import type { Repositories } from '../../db/repositories/index.js';

export const crosswalkLoaders = (_repos: Repositories) => ({});
