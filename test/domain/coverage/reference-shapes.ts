/**
 * The random graph shapes and queries of the reference property test (reference.property.test.ts),
 * shared with its run against the service on both databases (test/db/postgres-reference.property.test.ts).
 * Times are small integers (instants 0 to MAX_TIME, queries up to MAX_TIME + 6).
 */
import fc from 'fast-check';
import { IMPLEMENTATION_STATUSES } from '../../../src/domain/vocabulary.js';
import type { RefQuery } from './reference.js';

export const MAX_TIME = 12;

export const time = fc.integer({ min: 0, max: MAX_TIME });

/** A history row's lifespan (rule 10): live from `from` for `length` instants (null: not retired). */
export interface Span {
  from: number;
  length: number | null;
}
/** null: a row without a lifespan (live at every instant), as before rule 10. */
export type MaybeSpan = Span | null;

export interface Shape {
  frameworks: number;
  /** Lifespans of the frameworks (imported late, deleted), by framework index. */
  frameworkSpans: MaybeSpan[];
  requirements: {
    parent: number;
    withdrawn: boolean;
    idPrefix: number;
    /** Created and deleted (the first version starts, the last ends). */
    span: MaybeSpan;
    /** Later versions: `gap` instants after the one before, another parent (re-parenting, cycles) or withdrawn flag. */
    versions: { gap: number; parent: number; withdrawn: boolean }[];
  }[];
  /** `deletedAfter`: the control is deleted that long after its creation (an own status change to none). */
  controls: { exists: boolean; status: number; at: number; evidence: number; deletedAfter: number | null }[];
  statusChanges: { control: number; system: number; status: number; at: number; idPrefix: number }[];
  mappings: {
    req: number;
    control: number;
    createdAt: number;
    retiredAfter: number | null;
    rel: number;
    firstRevisionLate: boolean;
    revisions: { rel: number; at: number; idPrefix: number }[];
    idPrefix: number;
  }[];
  links: { source: number; target: number; rel: number; createdAt: number; retiredAfter: number | null; reverse: number | null }[];
  /** Links between a requirement and one of its own ancestors (raw input: the API links frameworks). */
  familyLinks: { node: number; up: number; rel: number; downward: boolean }[];
  /** Requirements whose parents form a cycle (with a child under one of them). */
  cycles: { size: number; framework: number; child: boolean }[];
  /** Requirements whose parent id is absent from the snapshot. */
  dangling: { framework: number; withChild: boolean }[];
  /** Consecutive links through these requirements (created early, never retired). */
  chains: { node: number; rel: number }[][];
  evidence: {
    controls: number[];
    createdAt: number;
    collectedShift: number;
    validFor: number | null;
    system: number;
    reviews: { status: number; at: number; idPrefix: number }[];
  }[];
  marks: { req: number; system: number; createdAt: number; retiredAfter: number | null }[];
  exclusions: { req: number; system: number; createdAt: number; retiredAfter: number | null }[];
  systemFrameworks: { system: number; framework: number; span: MaybeSpan }[];
  /** AI systems deleted at an instant: their assignments and not-applicable marks are retired then. */
  systemDeletes: { system: number; at: number }[];
  threats: { reqs: number[]; span: MaybeSpan; linkSpans: MaybeSpan[] }[];
}

/** No lifespan `staticWeight` times in staticWeight + 1; else created at `from` and, half of the time, deleted `length` later. */
export const spanArb = (maxFrom: number, staticWeight: number): fc.Arbitrary<MaybeSpan> =>
  fc.oneof(
    { weight: staticWeight, arbitrary: fc.constant(null) },
    {
      weight: 1,
      arbitrary: fc.record({ from: fc.integer({ min: 0, max: maxFrom }), length: fc.option(fc.integer({ min: 0, max: 8 }), { nil: null, freq: 2 }) }),
    },
  );

export const shapeArb: fc.Arbitrary<Shape> = fc.record({
  frameworks: fc.integer({ min: 1, max: 3 }),
  frameworkSpans: fc.array(spanArb(4, 4), { minLength: 3, maxLength: 3 }),
  requirements: fc.array(
    fc.record({
      parent: fc.integer({ min: -3, max: 30 }),
      withdrawn: fc.boolean(),
      idPrefix: fc.integer({ min: 0, max: 60 }),
      span: spanArb(6, 3),
      versions: fc.oneof(
        { weight: 3, arbitrary: fc.constant<{ gap: number; parent: number; withdrawn: boolean }[]>([]) },
        {
          weight: 1,
          arbitrary: fc.array(
            fc.record({ gap: fc.integer({ min: 1, max: 5 }), parent: fc.integer({ min: -3, max: 30 }), withdrawn: fc.constantFrom(false, false, true) }),
            { minLength: 1, maxLength: 2 },
          ),
        },
      ),
    }),
    { minLength: 1, maxLength: 14 },
  ),
  controls: fc.array(
    fc.record({
      exists: fc.constantFrom(true, true, true, true, false),
      status: fc.constantFrom(3, 3, 3, 3, 0, 1, 2, 4),
      at: fc.integer({ min: 0, max: 4 }),
      /** 0: none; otherwise accepted evidence, valid for that long (≥ 9: forever). */
      evidence: fc.integer({ min: 0, max: 12 }),
      deletedAfter: fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.integer({ min: 0, max: 10 }) }),
    }),
    { minLength: 1, maxLength: 5 },
  ),
  statusChanges: fc.array(
    fc.record({
      control: fc.nat(10),
      system: fc.constantFrom(0, 0, 0, 1, 2),
      status: fc.integer({ min: 0, max: IMPLEMENTATION_STATUSES.length + 1 }),
      at: time,
      idPrefix: fc.nat(20),
    }),
    { maxLength: 8 },
  ),
  mappings: fc.array(
    fc.record({
      req: fc.nat(30),
      control: fc.nat(10),
      createdAt: fc.integer({ min: 0, max: 8 }),
      retiredAfter: fc.option(fc.nat(8), { nil: null, freq: 3 }),
      rel: fc.nat(3),
      firstRevisionLate: fc.constantFrom(false, false, false, true),
      revisions: fc.array(fc.record({ rel: fc.nat(3), at: time, idPrefix: fc.nat(10) }), { maxLength: 2 }),
      idPrefix: fc.nat(50),
    }),
    { minLength: 2, maxLength: 20, size: 'medium' },
  ),
  links: fc.array(
    fc.record({
      source: fc.nat(30),
      target: fc.nat(30),
      rel: fc.nat(3),
      createdAt: time,
      retiredAfter: fc.option(fc.nat(8), { nil: null, freq: 3 }),
      /** The same pair linked the other way too (raw input: the API forbids it), with this relationship. */
      reverse: fc.option(fc.nat(3), { nil: null, freq: 6 }),
    }),
    { maxLength: 12, size: 'medium' },
  ),
  familyLinks: fc.array(fc.record({ node: fc.nat(30), up: fc.integer({ min: 1, max: 3 }), rel: fc.nat(3), downward: fc.boolean() }), {
    maxLength: 2,
  }),
  cycles: fc.array(fc.record({ size: fc.integer({ min: 1, max: 3 }), framework: fc.nat(2), child: fc.boolean() }), { maxLength: 1 }),
  dangling: fc.array(fc.record({ framework: fc.nat(2), withChild: fc.boolean() }), { maxLength: 2 }),
  chains: fc.array(fc.array(fc.record({ node: fc.nat(30), rel: fc.constantFrom(0, 0, 1, 2, 3) }), { minLength: 3, maxLength: 5 }), {
    maxLength: 2,
  }),
  evidence: fc.array(
    fc.record({
      controls: fc.array(fc.nat(10), { minLength: 1, maxLength: 2 }),
      createdAt: time,
      collectedShift: fc.integer({ min: -3, max: 2 }),
      validFor: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null, freq: 2 }),
      system: fc.constantFrom(0, 0, 1, 2),
      reviews: fc.array(fc.record({ status: fc.constantFrom(0, 0, 0, 1, 2), at: time, idPrefix: fc.nat(10) }), {
        maxLength: 3,
      }),
    }),
    { maxLength: 10 },
  ),
  marks: fc.array(
    fc.record({ req: fc.nat(30), system: fc.constantFrom(0, 0, 1, 2), createdAt: time, retiredAfter: fc.option(fc.nat(6), { nil: null }) }),
    { maxLength: 3 },
  ),
  exclusions: fc.array(
    fc.record({ req: fc.nat(30), system: fc.constantFrom(0, 0, 1, 2), createdAt: time, retiredAfter: fc.option(fc.nat(6), { nil: null }) }),
    { maxLength: 4 },
  ),
  systemFrameworks: fc.array(fc.record({ system: fc.integer({ min: 1, max: 2 }), framework: fc.nat(2), span: spanArb(8, 2) }), { maxLength: 4 }),
  systemDeletes: fc.array(fc.record({ system: fc.integer({ min: 1, max: 2 }), at: time }), { maxLength: 1 }),
  threats: fc.array(
    fc.record({ reqs: fc.array(fc.nat(30), { maxLength: 3 }), span: spanArb(8, 2), linkSpans: fc.array(spanArb(8, 1), { maxLength: 3 }) }),
    { maxLength: 3 },
  ),
});

export const queryArb: fc.Arbitrary<RefQuery> = fc.record({
  at: fc.oneof(fc.integer({ min: 0, max: MAX_TIME + 6 }), fc.integer({ min: 6, max: MAX_TIME + 6 })),
  aiSystemId: fc.constantFrom(null, null, 1, 2, 3),
  viaCrosswalks: fc.constantFrom(true, true, true, false),
  maxDepth: fc.constantFrom(0, 1, 2, 3, 3, 3, 4),
});
