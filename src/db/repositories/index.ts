/**
 * Every repository bound to one database handle: the read connection, or a transaction.
 * Services get `Repositories` and never see SQL.
 */
import type { Db } from '../store.js';
import { FrameworkRepository } from './framework-repository.js';
import { CatalogRepository } from './catalog-repository.js';
import { TokenRepository } from './token-repository.js';
import { AuditRepository } from './audit-repository.js';
import { RequirementRepository } from './requirement-repository.js';
import { RequirementLinkRepository } from './requirement-link-repository.js';
import { ApplicabilityRepository } from './applicability-repository.js';
import { ControlRepository } from './control-repository.js';
import { MappingRepository } from './mapping-repository.js';
import { EvidenceRepository } from './evidence-repository.js';
import { AiSystemRepository } from './ai-system-repository.js';
import { ThreatRepository } from './threat-repository.js';
import { BaselineRepository } from './baseline-repository.js';
import { CoverageRepository, type CoverageRepositoryOptions } from './coverage-repository.js';
import { BlobRepository } from './blob-repository.js';
import { BundleRepository } from './bundle-repository.js';

export interface Repositories {
  frameworks: FrameworkRepository;
  catalog: CatalogRepository;
  tokens: TokenRepository;
  audit: AuditRepository;
  requirements: RequirementRepository;
  requirementLinks: RequirementLinkRepository;
  applicability: ApplicabilityRepository;
  controls: ControlRepository;
  mappings: MappingRepository;
  evidence: EvidenceRepository;
  aiSystems: AiSystemRepository;
  threats: ThreatRepository;
  baselines: BaselineRepository;
  coverage: CoverageRepository;
  blobs: BlobRepository;
  bundle: BundleRepository;
}

/** `coverage`: how the coverage repository reads the graph (coverage-repository.ts). */
export function createRepositories(db: Db, options: { coverage?: CoverageRepositoryOptions } = {}): Repositories {
  return {
    frameworks: new FrameworkRepository(db),
    catalog: new CatalogRepository(db),
    tokens: new TokenRepository(db),
    audit: new AuditRepository(db),
    requirements: new RequirementRepository(db),
    requirementLinks: new RequirementLinkRepository(db),
    applicability: new ApplicabilityRepository(db),
    controls: new ControlRepository(db),
    mappings: new MappingRepository(db),
    evidence: new EvidenceRepository(db),
    aiSystems: new AiSystemRepository(db),
    threats: new ThreatRepository(db),
    baselines: new BaselineRepository(db),
    coverage: new CoverageRepository(db, options.coverage),
    blobs: new BlobRepository(db),
    bundle: new BundleRepository(db),
  };
}
