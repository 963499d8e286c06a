import type { Repositories } from '../../db/repositories/index.js';

export const evidenceLoaders = (_repos: Repositories) => ({});
