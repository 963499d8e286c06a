import type { Repositories } from '../../db/repositories/index.js';
import { byIdLoader } from '../loader-helpers.js';

export const frameworkLoaders = (repos: Repositories) => ({
  frameworkById: byIdLoader((ids) => repos.frameworks.findByIds(ids)),
});
