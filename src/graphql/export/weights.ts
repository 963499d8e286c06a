/** The export fields' weights for the query cost (graphql/cost.ts), from ExportService.weights(). */
import type { DataWeights } from '../cost.js';
import type { Services } from '../../services/index.js';
import { frameworkIdsArg } from './document.js';

export function exportFieldWeights(services: Pick<Services, 'exports'>): () => Promise<DataWeights> {
  return async () => {
    const weights = await services.exports.weights();
    const frameworks = (args: Record<string, unknown>) =>
      Array.isArray(args.frameworkIds) ? frameworkIdsArg(args.frameworkIds.filter((id): id is string => typeof id === 'string')) : null;
    return {
      version: weights.version,
      of(field, args) {
        switch (field) {
          case 'coverageReport':
            return weights.coverageReport(frameworks(args));
          case 'assessmentResults':
            return weights.assessmentResults(frameworks(args));
          case 'mappingsExport':
            return weights.mappings(frameworks(args));
          case 'bundleExport':
            return weights.bundle();
          case 'linksExport':
            return weights.links(frameworks(args));
          case 'controlsExport':
            return weights.controls();
          case 'evidenceExport':
            return weights.evidence();
          default:
            return undefined;
        }
      },
    };
  };
}
