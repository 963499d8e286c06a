/** Interoperability: imports (schema/interop.graphql) and the baselines they create. */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { Baseline } from './Baseline.js';
import { BaselineApplication } from './BaselineApplication.js';
import { ImportReport } from './ImportReport.js';
import { baselines as frameworkBaselines } from './Framework.baselines.js';
import { baselines } from './Query.baselines.js';
import { baseline } from './Query.baseline.js';
import { catalogImport } from './Mutation.catalogImport.js';
import { baselineApply } from './Mutation.baselineApply.js';

export const resolvers: Resolvers = {
  Query: { baselines, baseline },
  Mutation: { catalogImport, baselineApply },
  Baseline,
  BaselineApplication,
  ImportReport,
  Framework: { baselines: frameworkBaselines },
};

export const nodeLoaders: NodeLoader[] = [{ type: 'Baseline', load: (ctx, id) => ctx.loaders.baselineById.load(id) }];
