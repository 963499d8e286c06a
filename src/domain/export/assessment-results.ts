/**
 * OSCAL assessment-results (JSON, OSCAL 1.1.2, the structure of NIST's published examples) of one
 * coverage evaluation: one result for the scope at the instant, one finding per evaluated
 * requirement, one observation per control reaching any of them, and a back-matter resource per
 * item of evidence those controls have, referenced by hash. Pure.
 *
 * Mapping:
 * - finding.target: `statement-id` of the requirement (`<id>_smt`, where `<id>` is the OSCAL id
 *   the requirement was imported with, e.g. `ac-2.1`, else a token made from its refId);
 *   target.status.state COVERED → `satisfied` (reason `pass`); PARTIAL and UNCOVERED →
 *   `not-satisfied` (reason `fail`); NOT_APPLICABLE → `satisfied` with reason `other` and
 *   implementation-status `not-applicable` (OSCAL has no third state). implementation-status:
 *   COVERED → implemented, PARTIAL → partial. The Crosswalk status, framework, refId and gap
 *   reasons are props in the Crosswalk namespace; the description says it in words.
 * - observations: one per control, `methods: [EXAMINE]`, collected at the instant, with the
 *   control's state in the scope; `relevant-evidence` points (`#uuid`) at back-matter resources.
 * - back-matter resources: one per item of evidence (FILE: an rlink to `/v1/blobs/<sha256>` with
 *   its SHA-256 hash; LINK: an rlink to its URL; ATTESTATION: the description only), and one
 *   standing in for the assessment plan `import-ap` must name (Crosswalk's coverage rules are the
 *   plan; there is no separate plan document).
 * - uuids are version-5 (name-based) uuids of stable natural keys — the scope, the instant, the
 *   crosswalk options, framework and requirement refIds, control refIds, evidence hashes/URLs —
 *   so exporting the same evaluation again gives the same uuids. The document's own uuid is
 *   derived from its content: it changes exactly when the content does (OSCAL wants a new
 *   document uuid per revision). `last-modified` is when the document was produced.
 * - Schema-valid (1.1.2 and 1.2.1) whatever the data: single-line fields (titles, prop values) get
 *   their white space runs and line breaks as one space (`oneLine`); evidence URLs are
 *   percent-encoded where RFC 3986 wants it.
 */
import type { ControlState, CoverageStatus } from '../coverage/index.js';
import type { EvidenceStatus } from '../vocabulary.js';
import type { CoverageExport, ReportRequirement } from './coverage-report.js';
import { coverageFileStem, reasonsText } from './coverage-report.js';
import { jsonDocument, mapEach, MEDIA_TYPES, sha256Of, type ExportDocument } from './document.js';
import { jsonChunks, streamArray, streamObject } from './json-stream.js';
import type { EvidenceContent } from './evidence-content.js';
import { uuidV5 } from './uuid.js';

export const OSCAL_VERSION = '1.1.2';
/** Namespace of Crosswalk's own OSCAL props. */
export const CROSSWALK_OSCAL_NS = 'urn:crosswalk:oscal';

/** An item of evidence behind a control, as it stood at the instant. */
export interface ObservedEvidence extends EvidenceContent {
  /** epoch ms */
  collectedAt: number;
  validUntil: number | null;
  /** The latest review at or before the instant; PENDING_REVIEW before any. */
  statusAtInstant: EvidenceStatus;
  reviewedAt: number | null;
  /** The AI system it was gathered for; null: the organisation. */
  aiSystem: string | null;
}

export interface ObservedControl {
  refId: string;
  title: string;
  /** Its state in the scope at the instant (the coverage engine's). */
  state: ControlState | null;
  /** Its evidence in scope, read when needed (the same each time: the document reads it more than once). */
  evidence: () => readonly ObservedEvidence[];
}

export interface AssessmentExport extends CoverageExport {
  /** Every control reaching an evaluated requirement, by refId. */
  controls: ObservedControl[];
}

interface Prop {
  name: string;
  ns?: string;
  value: string;
}

const prop = (name: string, value: string | number | boolean): Prop => ({ name, ns: CROSSWALK_OSCAL_NS, value: oneLine(String(value)) });

/**
 * Text for OSCAL's single-line fields (markup-line titles, string values: no line break, no
 * white space at either end): each run of white space, line breaks included, becomes one space.
 */
export const oneLine = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A URL as an OSCAL uri-reference (RFC 3986: ASCII only): spaces and non-ASCII characters percent-encoded. */
export function uriReference(url: string): string {
  try {
    return new URL(url).href;
  } catch {
    return encodeURI(url);
  }
}

/** OSCAL `token`: a letter or `_`, then letters, digits, `.`, `-`, `_`. */
const TOKEN = /^[\p{L}_][\p{L}\p{N}.\-_]*$/u;

/** A requirement's id as an OSCAL token: its OSCAL source id when it is one, else a token made from its refId. */
export function requirementToken(r: Pick<ReportRequirement, 'refId' | 'sourceId'>): string {
  if (r.sourceId && TOKEN.test(r.sourceId)) return r.sourceId;
  const slug = r.refId
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return /^[\p{L}_]/u.test(slug) ? slug : `_${slug}`;
}

const STATE: Record<CoverageStatus, { state: 'satisfied' | 'not-satisfied'; reason: 'pass' | 'fail' | 'other'; implementation?: string }> = {
  COVERED: { state: 'satisfied', reason: 'pass', implementation: 'implemented' },
  PARTIAL: { state: 'not-satisfied', reason: 'fail', implementation: 'partial' },
  UNCOVERED: { state: 'not-satisfied', reason: 'fail' },
  NOT_APPLICABLE: { state: 'satisfied', reason: 'other', implementation: 'not-applicable' },
};

/** `#…` omitted when empty: OSCAL arrays hold at least one item. */
function nonEmpty<K extends string, T>(key: K, items: readonly T[]): { [P in K]?: T[] } {
  return (items.length ? { [key]: [...items] } : {}) as { [P in K]?: T[] };
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * The document, produced as it is written (json-stream.ts): observations, findings and
 * back-matter resources one at a time. Its uuid hashes the content first (a pass that writes
 * nothing), then the document is written.
 */
export function assessmentResults(data: AssessmentExport): ExportDocument {
  const scopeName = data.aiSystem === null ? 'the organisation' : `AI system "${oneLine(data.aiSystem)}"`;
  const asOf = iso(data.asOf);
  const run = JSON.stringify([data.aiSystem, asOf, data.viaCrosswalks, data.maxCrosswalkDepth]);
  const id = (...parts: (string | number | null)[]) => uuidV5(JSON.stringify([run, ...parts]));
  const evidenceUuid = (e: ObservedEvidence) => uuidV5(JSON.stringify(['evidence', e.kind, e.sha256 ?? e.url ?? '', e.title, e.collectedAt, e.aiSystem]));

  // Evidence resources, deduplicated (the same item may support several controls): first occurrence wins.
  function* resources(): Generator<Record<string, unknown>> {
    const seen = new Set<string>();
    for (const c of data.controls) {
      for (const e of c.evidence()) {
        const uuid = evidenceUuid(e);
        if (seen.has(uuid)) continue;
        seen.add(uuid);
        yield evidenceResource(e, uuid);
      }
    }
  }

  const observationUuid = new Map<string, string>();
  for (const c of data.controls) observationUuid.set(c.refId, id('observation', c.refId));
  const observation = (c: ObservedControl) => {
    const items = c.evidence();
    const evidence = items.map((e) => ({
      href: `#${evidenceUuid(e)}`,
      description: `${e.kind} evidence "${e.title}"${e.sha256 ? ` (SHA-256 ${e.sha256})` : e.url ? ` (${e.url})` : ''}: ${e.statusAtInstant} at ${asOf}${e.validUntil !== null ? `, valid until ${iso(e.validUntil)}` : ''}.`,
      props: [prop('evidence-status', e.statusAtInstant)],
    }));
    return {
      uuid: id('observation', c.refId),
      title: `Control ${c.refId}: ${oneLine(c.title)}`,
      description:
        `State of control ${c.refId} in ${scopeName} at ${asOf}: ${c.state ?? 'did not exist'}. ` +
        (items.length ? `${items.length} item(s) of evidence in scope.` : 'No evidence in scope.'),
      props: [prop('control', c.refId), ...(c.state ? [prop('control-state', c.state)] : [])],
      methods: ['EXAMINE'],
      ...nonEmpty('relevant-evidence', evidence),
      collected: asOf,
    };
  };

  function* findings(): Generator<Record<string, unknown>> {
    for (const f of data.frameworks) {
      const tokens = frameworkTokens(f.requirements());
      let i = 0;
      for (const r of f.requirements()) {
        const mapping = STATE[r.status];
        const related = [...new Set(r.controls.map((c) => c.control))].map((c) => ({ 'observation-uuid': observationUuid.get(c)! }));
        yield {
          uuid: id('finding', r.framework, r.refId),
          title: `${r.refId}${oneLine(r.title) ? `: ${oneLine(r.title)}` : ''} (${oneLine(f.name)})`,
          description: findingText(r, f.name),
          props: [
            prop('framework', r.framework),
            prop('requirement', r.refId),
            prop('coverage-status', r.status),
            prop('leaf', r.leaf),
            ...(r.inferred ? [prop('inferred', true)] : []),
            ...r.reasons.map((reason) => prop('gap-reason', reason.code)),
          ],
          target: {
            type: 'statement-id',
            'target-id': `${tokens[i++]}_smt`,
            status: { state: mapping.state, reason: mapping.reason },
            ...(mapping.implementation ? { 'implementation-status': { state: mapping.implementation } } : {}),
          },
          ...nonEmpty('related-observations', related),
        };
      }
    }
  }

  const what = (f: AssessmentExport['frameworks'][number]) => `${f.name}${f.version ? ` ${f.version}` : ''} (${f.refId})`;
  function* selections(): Generator<Record<string, unknown>> {
    for (const f of data.frameworks) {
      if (!f.requirementCount) continue;
      const controlIds = frameworkTokens(f.requirements()).map((token) => ({ 'control-id': token }));
      yield { description: `${what(f)}: ${f.requirementCount} requirement(s) evaluated`, 'include-controls': controlIds };
    }
  }
  /** Frameworks in scope without an evaluated requirement: OSCAL 1.2 wants a selection to include something. */
  const unselected = data.frameworks.filter((f) => !f.requirementCount).map(what);
  const anySelection = data.frameworks.some((f) => f.requirementCount > 0);
  const anyFinding = anySelection;

  const planUuid = id('assessment-plan');
  const t = data.totals;
  const result = streamObject({
    uuid: id('result'),
    title: `Crosswalk coverage of ${scopeName} at ${asOf}`,
    description:
      `Coverage of ${data.frameworks.length} framework(s) in ${scopeName} at ${asOf}` +
      `${data.viaCrosswalks ? `, with crosswalk inference up to ${data.maxCrosswalkDepth} link(s)` : ', without crosswalk inference'}. ` +
      `Leaf requirements: ${t.total} (${t.covered} covered, ${t.partial} partial, ${t.uncovered} uncovered, ${t.notApplicable} not applicable).`,
    start: asOf,
    end: asOf,
    props: [
      prop('scope', data.aiSystem ?? 'organisation'),
      prop('via-crosswalks', data.viaCrosswalks),
      prop('max-crosswalk-depth', data.maxCrosswalkDepth),
      prop('leaves-total', t.total),
      prop('leaves-covered', t.covered),
      prop('leaves-partial', t.partial),
      prop('leaves-uncovered', t.uncovered),
      prop('leaves-not-applicable', t.notApplicable),
    ],
    'reviewed-controls': streamObject({
      ...(unselected.length ? { description: `In scope without requirements to evaluate: ${unselected.join('; ')}.` } : {}),
      // With nothing to select, "all" of the (empty) plan: OSCAL 1.2 requires include-all or include-controls.
      'control-selections': anySelection
        ? streamArray(selections)
        : [{ description: 'No framework is in scope: no requirement was evaluated.', 'include-all': {} }],
    }),
    ...(data.controls.length ? { observations: streamArray(() => mapEach(data.controls, observation)) } : {}),
    ...(anyFinding ? { findings: streamArray(findings) } : {}),
  });
  const backMatter = streamObject({
    resources: streamArray(function* () {
      yield {
        uuid: planUuid,
        title: 'Assessment plan: Crosswalk coverage rules',
        description:
          'There is no separate assessment plan. The results are Crosswalk\'s coverage evaluation: a leaf requirement is COVERED when a FULL ' +
          'mapping (own, inherited or inferred through crosswalk links) reaches a control that is EFFECTIVE (implemented, with current accepted ' +
          'evidence) in the scope at the instant, PARTIAL when only PARTIAL mappings do, UNCOVERED otherwise; requirements marked not ' +
          'applicable are NOT_APPLICABLE; parents roll their leaves up.',
      };
      yield* resources();
    }),
  });
  const metadata = {
    title: `Crosswalk coverage assessment results: ${scopeName} at ${asOf}`,
    'last-modified': iso(data.generatedAt),
    version: asOf,
    'oscal-version': OSCAL_VERSION,
    remarks:
      'Generated by Crosswalk. One finding per evaluated requirement: COVERED is satisfied (pass); PARTIAL and UNCOVERED are not-satisfied ' +
      '(fail); NOT_APPLICABLE is satisfied with reason other and implementation-status not-applicable. Evidence is referenced by SHA-256 ' +
      '(files) or URL (links) in the back-matter.',
  };
  const document = () => {
    // The document uuid changes exactly when the content does (not when only last-modified does):
    // the hash of the compact JSON of everything else, read in a first pass.
    const { 'last-modified': _lastModified, ...stable } = metadata;
    const uuid = uuidV5(`assessment-results:${sha256Of(jsonChunks(streamArray([stable, planUuid, result, backMatter]), 0))}`);
    return streamObject({
      'assessment-results': streamObject({
        uuid,
        metadata,
        'import-ap': { href: `#${planUuid}` },
        results: streamArray([result]),
        'back-matter': backMatter,
      }),
    });
  };
  return {
    filename: `${coverageFileStem('assessment-results', data)}.json`,
    mediaType: MEDIA_TYPES.OSCAL_JSON,
    chunks: () => jsonDocument(document()),
  };
}

/** The OSCAL token of each requirement of a framework, in order; a token met again gets `-2`, `-3`, … */
function frameworkTokens(requirements: Iterable<ReportRequirement>): string[] {
  const seenTimes = new Map<string, number>();
  const tokens: string[] = [];
  for (const r of requirements) {
    const token = requirementToken(r);
    const seen = seenTimes.get(token) ?? 0;
    seenTimes.set(token, seen + 1);
    tokens.push(seen > 0 ? `${token}-${seen + 1}` : token);
  }
  return tokens;
}

/** The back-matter resource of an item of evidence. */
function evidenceResource(e: ObservedEvidence, uuid: string): Record<string, unknown> {
  const rlink =
    e.kind === 'FILE' && e.sha256
      ? { href: `/v1/blobs/${e.sha256}`, ...(e.mediaType ? { 'media-type': oneLine(e.mediaType) } : {}), hashes: [{ algorithm: 'SHA-256', value: e.sha256 }] }
      : e.url
        ? { href: uriReference(e.url) }
        : null;
  const props = [
    prop('evidence-kind', e.kind),
    ...(e.filename ? [prop('filename', e.filename)] : []),
    ...(e.sizeBytes !== null ? [prop('size-bytes', e.sizeBytes)] : []),
    prop('collected', iso(e.collectedAt)),
    ...(e.validUntil !== null ? [prop('valid-until', iso(e.validUntil))] : []),
    ...(e.aiSystem !== null ? [prop('ai-system', e.aiSystem)] : []),
  ];
  return {
    uuid,
    title: oneLine(e.title) || `${e.kind} evidence`,
    ...(e.description.trim() ? { description: e.description } : {}),
    props,
    ...(rlink ? { rlinks: [rlink] } : {}),
  };
}

function findingText(r: ReportRequirement, frameworkName: string): string {
  const what = `Requirement ${r.refId} of ${frameworkName} is ${r.status}`;
  if (r.status === 'NOT_APPLICABLE') return `${what}: it (or an ancestor) is marked not applicable in the scope.`;
  if (!r.leaf) {
    const s = r.summary;
    return `${what} (rolled up from ${s.total} leaf requirement(s): ${s.covered} covered, ${s.partial} partial, ${s.uncovered} uncovered, ${s.notApplicable} not applicable).`;
  }
  if (r.status === 'COVERED') return `${what}: control ${r.decidedBy} is EFFECTIVE and FULL-mapped${r.inferred ? ' (inferred through crosswalk links)' : ''}.`;
  const partialBy = r.status === 'PARTIAL' && r.decidedBy ? ` Partly met by control ${r.decidedBy}${r.inferred ? ' (inferred)' : ''}.` : '';
  return `${what}.${partialBy} Gap reasons: ${reasonsText(r.reasons) || 'none'}.`;
}
