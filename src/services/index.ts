/** Builds every service over one store. */
import type { Store } from '../db/store.js';
import { MutationRunner } from './mutation-runner.js';
import { FrameworkService } from './framework-service.js';
import { CatalogLoader } from './catalog-loader.js';
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

export interface Services {
  frameworks: FrameworkService;
  catalogLoader: CatalogLoader;
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
}

export function createServices(store: Store, clock: () => Date = () => new Date()): Services {
  const runner = new MutationRunner(store, clock);
  return {
    frameworks: new FrameworkService(store, runner.about('Framework')),
    catalogLoader: new CatalogLoader(runner),
    tokens: new TokenService(store, runner, clock),
    audit: new AuditService(store),
    runner,
    requirements: new RequirementService(store, runner.about('Requirement')),
    requirementLinks: new RequirementLinkService(store, runner.about('RequirementLink')),
    applicability: new ApplicabilityService(runner),
    controls: new ControlService(store, runner.about('Control')),
    mappings: new MappingService(runner.about('Mapping')),
    evidence: new EvidenceService(store, runner.about('Evidence')),
    aiSystems: new AiSystemService(store, runner.about('AISystem')),
    threats: new ThreatService(store, runner.about('Threat')),
  };
}
