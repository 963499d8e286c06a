/**
 * Renders the prose parts of an OSCAL control or group as readable text: sub-item labels kept
 * (`a.`, `1.`, `(a)`), nesting shown by two-space indentation, parameters rendered by
 * `renderInsertions`, Markdown reduced by `plainMarkup`.
 */
import { plainMarkup } from './oscal-markup.js';
import { renderInsertions, type ParamIndex } from './oscal-params.js';
import { arrayOrEmpty, isObject, optionalString, type UntypedObject } from './untyped-data.js';

export interface StatementContext {
  params: ParamIndex;
  /** The refId produced for an OSCAL id, for naming the successors of withdrawn items. */
  refIdOf(oscalId: string): string | undefined;
  warn(message: string): void;
}

const INDENT = '  ';
const WITHDRAWAL_RELS = new Map([
  ['incorporated-into', 'incorporated into'],
  ['moved-to', 'moved to'],
]);

/**
 * Rules, first non-empty wins: the `statement` part(s); the `overview` part(s); the first part
 * with any prose; for a withdrawn item, `[Withdrawn: Incorporated into AC-6.]` built from its
 * `incorporated-into`/`moved-to` links (underscore spellings too); otherwise ''.
 */
export function renderStatement(node: UntypedObject, withdrawn: boolean, ctx: StatementContext): string {
  const parts = arrayOrEmpty(node.parts).filter(isObject);
  const named = (name: string): string =>
    parts.filter((part) => part.name === name).map((part) => renderPart(part, ctx)).filter(Boolean).join('\n');
  const firstWithProse = (): string => parts.map((part) => renderPart(part, ctx)).find(Boolean) ?? '';
  const prose = named('statement') || named('overview') || firstWithProse();
  return prose || (withdrawn ? withdrawalNote(node, ctx) : '');
}

/** A part's own prose, then its sub-parts one level deeper, each prefixed with its label. */
function renderPart(part: UntypedObject, ctx: StatementContext): string {
  const lines: string[] = [];
  const prose = renderProse(optionalString(part.prose) ?? '', ctx);
  if (prose) lines.push(prose);
  for (const child of arrayOrEmpty(part.parts).filter(isObject)) appendItem(child, 0, lines, ctx);
  return lines.join('\n');
}

function appendItem(part: UntypedObject, depth: number, lines: string[], ctx: StatementContext): void {
  const label = labelOf(part);
  const prose = renderProse(optionalString(part.prose) ?? '', ctx);
  const text = [label, prose].filter(Boolean).join(' ');
  if (text) lines.push(indentLines(text, INDENT.repeat(depth)));
  for (const child of arrayOrEmpty(part.parts).filter(isObject)) appendItem(child, depth + 1, lines, ctx);
}

/** Markup made plain, insertions rendered, whitespace tidied per line. */
function renderProse(prose: string, ctx: StatementContext): string {
  const rendered = renderInsertions(plainMarkup(prose), ctx.params, ctx.warn);
  return rendered
    .split('\n')
    .map((line) => line.replace(/[ \t]+/g, ' ').trim())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function withdrawalNote(node: UntypedObject, ctx: StatementContext): string {
  const successors = new Map<string, string[]>();
  for (const link of arrayOrEmpty(node.links).filter(isObject)) {
    const rel = (optionalString(link.rel) ?? '').toLowerCase().replace(/_/g, '-');
    const phrase = WITHDRAWAL_RELS.get(rel);
    const href = optionalString(link.href);
    if (phrase === undefined || href === undefined) continue;
    // A URL or DOI names a document elsewhere, not an id of this catalog: kept as written.
    if (isExternalReference(href)) {
      successors.set(phrase, [...(successors.get(phrase) ?? []), href]);
      continue;
    }
    const targetId = href.replace(/^#/, '');
    const target = ctx.refIdOf(targetId);
    if (target === undefined) ctx.warn(`withdrawn "${String(node.id)}" links to unknown id "${targetId}"`);
    successors.set(phrase, [...(successors.get(phrase) ?? []), target ?? targetId]);
  }
  if (successors.size === 0) return '[Withdrawn.]';
  const clauses = [...successors].map(([phrase, targets]) => `${phrase} ${targets.join(', ')}`);
  const text = clauses.join('; ');
  return `[Withdrawn: ${text.charAt(0).toUpperCase()}${text.slice(1)}.]`;
}

/** A link to something outside the catalog: a URL (`https:`, `urn:`, `doi:` …, or `//host`), `www.…`, or a bare DOI (`10.6028/…`). */
export function isExternalReference(href: string): boolean {
  return !href.startsWith('#') && /^(?:[a-z][a-z0-9+.-]*:|\/\/|www\.|10\.\d{4,9}\/)/i.test(href);
}

function labelOf(part: UntypedObject): string {
  for (const prop of arrayOrEmpty(part.props).filter(isObject)) {
    if (prop.name === 'label') return optionalString(prop.value)?.trim() ?? '';
  }
  return '';
}

function indentLines(text: string, indent: string): string {
  return text
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
}
