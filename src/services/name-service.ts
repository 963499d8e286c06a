/**
 * Things as operators name them — framework, requirement and control refIds, AI system names,
 * evidence titles — looked up in batches by row id (or by refId), for the options and reports of
 * the operator commands (`npm run cli`). A read like any other: the actor needs READ.
 */
import type { Store } from '../db/store.js';
import { createRepositories, type Repositories } from '../db/repositories/index.js';
import type { Actor } from '../domain/actor.js';
import type { EvidenceKind } from '../domain/vocabulary.js';
import { assertAllowed } from './read-guard.js';

export interface EvidenceLabel {
  title: string;
  kind: EvidenceKind;
}

export class NameService {
  private readonly reader: Repositories;

  constructor(store: Store) {
    this.reader = createRepositories(store.read);
  }

  /** Row ids of the frameworks with these refIds; refIds no framework has are absent. */
  async frameworkIds(actor: Actor, refIds: readonly string[]): Promise<Map<string, number>> {
    assertAllowed(actor, 'READ');
    return new Map((await this.reader.catalog.frameworksByRefIds(refIds)).map((f) => [f.refId, f.id]));
  }

  /** RefIds of the frameworks with these row ids (ids not found are absent). */
  async frameworkRefIds(actor: Actor, ids: readonly number[]): Promise<Map<number, string>> {
    assertAllowed(actor, 'READ');
    return new Map((await this.reader.frameworks.findByIds(unique(ids))).map((f) => [f.id, f.refId]));
  }

  /** RefIds of the requirements with these row ids. */
  async requirementRefIds(actor: Actor, ids: readonly number[]): Promise<Map<number, string>> {
    assertAllowed(actor, 'READ');
    return new Map((await this.reader.requirements.findByIds(unique(ids))).map((r) => [r.id, r.refId]));
  }

  /** RefIds of the controls with these row ids. */
  async controlRefIds(actor: Actor, ids: readonly number[]): Promise<Map<number, string>> {
    assertAllowed(actor, 'READ');
    return new Map((await this.reader.controls.findByIds(unique(ids))).map((c) => [c.id, c.refId]));
  }

  /** Names of the AI systems with these row ids. */
  async aiSystemNames(actor: Actor, ids: readonly number[]): Promise<Map<number, string>> {
    assertAllowed(actor, 'READ');
    return new Map((await this.reader.aiSystems.findByIds(unique(ids))).map((s) => [s.id, s.name]));
  }

  /** Titles and kinds of the evidence items with these row ids. */
  async evidenceLabels(actor: Actor, ids: readonly number[]): Promise<Map<number, EvidenceLabel>> {
    assertAllowed(actor, 'READ');
    return new Map((await this.reader.evidence.findByIds(unique(ids))).map((e) => [e.id, { title: e.title, kind: e.kind }]));
  }
}

const unique = (ids: readonly number[]): number[] => [...new Set(ids)];
