/** Test helper: builds CoverageGraph snapshots fluently, assigning row ids. */
import type { CoverageGraph } from '../../../src/domain/coverage/index.js';
import type { EvidenceStatus, ImplementationStatus, Relationship } from '../../../src/domain/vocabulary.js';

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };

export const emptyGraph = (): Mutable<CoverageGraph> => ({
  frameworks: [],
  requirements: [],
  controlStatusChanges: [],
  mappings: [],
  mappingRevisions: [],
  requirementLinks: [],
  evidence: [],
  evidenceControls: [],
  evidenceReviews: [],
  notApplicableMarks: [],
  aiSystemFrameworks: [],
  threats: [],
  threatRequirements: [],
});

interface Span {
  createdAt?: number;
  retiredAt?: number | null;
}

export class GraphBuilder {
  readonly graph = emptyGraph();
  private nextId = 1000;

  private id(): number {
    return this.nextId++;
  }

  framework(id: number): this {
    this.graph.frameworks.push({ id });
    return this;
  }

  /** Adds requirements under a framework: `req(1, 10)` (root), `req(2, 10, 1)` (child of 1). */
  req(id: number, frameworkId: number, parentId: number | null = null, withdrawn = false): this {
    if (!this.graph.frameworks.some((f) => f.id === frameworkId)) this.framework(frameworkId);
    this.graph.requirements.push({ id, frameworkId, parentId, withdrawn });
    return this;
  }

  /** Records a status change (own when aiSystemId is null; toStatus null clears an override). */
  status(controlId: number, toStatus: ImplementationStatus | null, changedAt = 0, aiSystemId: number | null = null): this {
    this.graph.controlStatusChanges.push({ id: this.id(), controlId, aiSystemId, toStatus, changedAt });
    return this;
  }

  /** A control created with a status at `at`. */
  control(controlId: number, status: ImplementationStatus = 'IMPLEMENTED', at = 0): this {
    return this.status(controlId, status, at);
  }

  /** An IMPLEMENTED control with accepted, never-expiring evidence from `at`. */
  effective(controlId: number, at = 0): this {
    this.control(controlId, 'IMPLEMENTED', at);
    this.evidence([controlId], { createdAt: at, collectedAt: at, reviews: [['ACCEPTED', at]] });
    return this;
  }

  /** Maps a requirement to a control (first revision at createdAt); `span.id` fixes the mapping id. */
  map(requirementId: number, controlId: number, relationship: Relationship = 'EQUAL', span: Span & { id?: number } = {}): this {
    const id = span.id ?? this.id();
    const createdAt = span.createdAt ?? 0;
    this.graph.mappings.push({ id, requirementId, controlId, createdAt, retiredAt: span.retiredAt ?? null });
    this.graph.mappingRevisions.push({ id: this.id(), mappingId: id, relationship, validFrom: createdAt });
    return this;
  }

  revise(mappingId: number, relationship: Relationship, validFrom: number): this {
    this.graph.mappingRevisions.push({ id: this.id(), mappingId, relationship, validFrom });
    return this;
  }

  link(sourceRequirementId: number, targetRequirementId: number, relationship: Relationship = 'EQUAL', span: Span = {}): this {
    this.graph.requirementLinks.push({
      id: this.id(),
      sourceRequirementId,
      targetRequirementId,
      relationship,
      createdAt: span.createdAt ?? 0,
      retiredAt: span.retiredAt ?? null,
    });
    return this;
  }

  evidence(
    controlIds: number[],
    options: {
      id?: number;
      createdAt?: number;
      collectedAt?: number;
      validUntil?: number | null;
      aiSystemId?: number | null;
      reviews?: [EvidenceStatus, number][];
    } = {},
  ): this {
    const id = options.id ?? this.id();
    const createdAt = options.createdAt ?? 0;
    this.graph.evidence.push({
      id,
      createdAt,
      collectedAt: options.collectedAt ?? createdAt,
      validUntil: options.validUntil ?? null,
      aiSystemId: options.aiSystemId ?? null,
    });
    for (const controlId of controlIds) this.graph.evidenceControls.push({ evidenceId: id, controlId });
    for (const [status, reviewedAt] of options.reviews ?? []) {
      this.graph.evidenceReviews.push({ id: this.id(), evidenceId: id, status, reviewedAt });
    }
    return this;
  }

  notApplicable(requirementId: number, options: Span & { aiSystemId?: number | null } = {}): this {
    this.graph.notApplicableMarks.push({
      requirementId,
      aiSystemId: options.aiSystemId ?? null,
      createdAt: options.createdAt ?? 0,
      retiredAt: options.retiredAt ?? null,
    });
    return this;
  }

  system(aiSystemId: number, frameworkIds: number[]): this {
    for (const frameworkId of frameworkIds) this.graph.aiSystemFrameworks.push({ aiSystemId, frameworkId });
    return this;
  }

  threat(id: number, frameworkId: number, requirementIds: number[]): this {
    this.graph.threats.push({ id, frameworkId });
    for (const requirementId of requirementIds) this.graph.threatRequirements.push({ threatId: id, requirementId });
    return this;
  }
}
