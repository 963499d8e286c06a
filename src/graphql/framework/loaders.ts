import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import { byIdLoader } from '../loader-helpers.js';

export const frameworkLoaders = ({ frameworks }: Services, actor: Actor) => ({
  frameworkById: byIdLoader((ids) => frameworks.findByIds(actor, ids)),
});
