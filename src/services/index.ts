/** Builds every service over one store. */
import { systemClock, type Clock } from '../clock.js';
import type { Store } from '../db/store.js';
import { MutationRunner } from './mutation-runner.js';
import { FrameworkService } from './framework-service.js';
import { CatalogLoader } from './catalog-loader.js';
import { ImportService } from './import-service.js';
import { BaselineService } from './baseline-service.js';
import { TokenService } from './token-service.js';
import { AuditService } from './audit-service.js';
import { RequirementService } from './requirement-service.js';
import { RequirementLinkService } from './requirement-link-service.js';
import { ApplicabilityService } from './applicability-service.js';
import { ControlService } from './control-service.js';
import { MappingService } from './mapping-service.js';
import { EvidenceService } from './evidence-service.js';
import { AiSystemService } from './ai-system-service.js';
import { ThreatService } from './threat-service.js';
import { CoverageService } from './coverage-service.js';
import { EvidenceFileService } from './evidence-file-service.js';
import { ExportService, type ExportServiceOptions } from './export-service.js';
import { FailedAuthAudit } from './failed-auth-audit.js';

export interface Services {
  frameworks: FrameworkService;
  catalogLoader: CatalogLoader;
  /** The one import entry point (catalogImport, `cli import`). */
  imports: ImportService;
  baselines: BaselineService;
  tokens: TokenService;
  audit: AuditService;
  /** The door every change goes through (also used to audit denied requests). */
  runner: MutationRunner;
  requirements: RequirementService;
  requirementLinks: RequirementLinkService;
  applicability: ApplicabilityService;
  controls: ControlService;
  mappings: MappingService;
  evidence: EvidenceService;
  aiSystems: AiSystemService;
  threats: ThreatService;
  coverage: CoverageService;
  evidenceFiles: EvidenceFileService;
  /** Coverage reports, OSCAL assessment-results, CSV mappings, the native bundle. */
  exports: ExportService;
  /** Bounded audit of 401s (first failure per address and window at once, then counts). */
  failedAuth: FailedAuthAudit;
  /** RefIds, names and titles by row id, for the operator commands' options and reports. */
}

/**
 * `exportBytesInFlight`: the budget of export documents in flight (services/export-gate.ts);
 * `exports`: the exports directory and, on PostgreSQL, the database the export worker connects to
 * (export-service.ts).
 */
export function createServices(
  store: Store,
  clock: Clock = systemClock,
  options: { exportBytesInFlight?: number; exports?: Pick<ExportServiceOptions, 'directory' | 'postgres'> } = {},
): Services {
  const runner = new MutationRunner(store, clock);
  const catalogLoader = new CatalogLoader(runner);
  const coverage = new CoverageService(store, runner, clock);
  const services: Services = {
    frameworks: new FrameworkService(store, runner.about('Framework')),
    catalogLoader,
    imports: new ImportService(catalogLoader, runner, () => services.evidenceFiles.blobStore),
    baselines: new BaselineService(store, runner.about('Baseline')),
    tokens: new TokenService(store, runner, clock),
    audit: new AuditService(store),
    runner,
    requirements: new RequirementService(store, runner.about('Requirement')),
    requirementLinks: new RequirementLinkService(store, runner.about('RequirementLink')),
    applicability: new ApplicabilityService(store, runner),
    controls: new ControlService(store, runner.about('Control')),
    mappings: new MappingService(store, runner.about('Mapping')),
    evidence: new EvidenceService(store, runner.about('Evidence')),
    aiSystems: new AiSystemService(store, runner.about('AISystem')),
    threats: new ThreatService(store, runner.about('Threat')),
    coverage,
    evidenceFiles: new EvidenceFileService(store, runner, clock),
    exports: new ExportService(store, coverage, clock, { bytesInFlight: options.exportBytesInFlight, ...options.exports }),
    failedAuth: new FailedAuthAudit(runner, clock),
  };
  return services;
}
