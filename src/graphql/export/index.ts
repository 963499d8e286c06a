/** Exports: schema/export.graphql (formatting in src/domain/export, reads in ExportService). */
import type { Resolvers } from '../generated/resolvers-types.js';
import type { NodeLoader } from '../node.js';
import { coverageReport } from './Query.coverageReport.js';
import { assessmentResults } from './Query.assessmentResults.js';
import { mappingsExport } from './Query.mappingsExport.js';
import { bundleExport } from './Query.bundleExport.js';
import { linksExport } from './Query.linksExport.js';
import { controlsExport } from './Query.controlsExport.js';
import { evidenceExport } from './Query.evidenceExport.js';
import { ExportDocument } from './document.js';

export const resolvers: Resolvers = {
  Query: { coverageReport, assessmentResults, mappingsExport, bundleExport, linksExport, controlsExport, evidenceExport },
  ExportDocument,
};

/** Export documents have no global ids. */
export const nodeLoaders: NodeLoader[] = [];
