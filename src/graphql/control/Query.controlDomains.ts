import type { QueryResolvers } from '../generated/resolvers-types.js';

export const controlDomains: QueryResolvers['controlDomains'] = (_, __, ctx) => ctx.services.controls.domains(ctx.actor);
