/**
 * OSCAL parameter insertions (`{{ insert: param, ac-1_prm_1 }}`) rendered the way NIST prints
 * them in SP 800-53: `[Assignment: organization-defined personnel or roles]`,
 * `[Selection (one or more): a; b]`.
 */
import { plainMarkup } from './oscal-markup.js';
import { arrayOrEmpty, isObject, optionalString, type UntypedObject } from './untyped-data.js';

export type ParamIndex = ReadonlyMap<string, UntypedObject>;

const INSERTION = /\{\{\s*insert:\s*([\w-]+)\s*,\s*([^\s}]+)\s*\}\}/g;
/** Selections may nest insertions; deeper than this is treated as a cycle. */
const MAX_DEPTH = 8;

/**
 * Gathers every parameter by id from the whole catalog: catalog-level, group-level and control
 * (at any depth) `params`. A repeated id keeps the first definition and warns.
 */
export function indexParams(catalog: UntypedObject, warn: (message: string) => void): ParamIndex {
  const index = new Map<string, UntypedObject>();
  const visit = (node: UntypedObject): void => {
    for (const param of arrayOrEmpty(node.params)) {
      const id = isObject(param) ? optionalString(param.id) : undefined;
      if (!isObject(param) || id === undefined) continue;
      if (index.has(id)) warn(`parameter id "${id}" is defined more than once; the first is used`);
      else index.set(id, param);
    }
    for (const key of ['groups', 'controls'] as const) {
      for (const child of arrayOrEmpty(node[key])) if (isObject(child)) visit(child);
    }
  };
  visit(catalog);
  return index;
}

/** Replaces every `{{ insert: param, id }}` in `prose` with the parameter's readable form. */
export function renderInsertions(
  prose: string,
  params: ParamIndex,
  warn: (message: string) => void,
  depth = 0,
): string {
  return prose.replace(INSERTION, (_match, type: string, id: string) => {
    if (type !== 'param') {
      warn(`unsupported insertion type "${type}" for "${id}"; rendered as [${id}]`);
      return `[${id}]`;
    }
    return describeParam(id, params, warn, depth);
  });
}

/**
 * Text is made plain by `plainMarkup`. Precedence: a set `values` list (printed as-is), then `select`, then `label` (Assignment),
 * then `guidelines` prose (Assignment); a parameter with none of these, or an unknown id, is
 * printed as `[Assignment: <id>]` with a warning.
 */
function describeParam(id: string, params: ParamIndex, warn: (message: string) => void, depth: number): string {
  const param = params.get(id);
  if (param === undefined) {
    warn(`insertion refers to unknown parameter "${id}"`);
    return `[Assignment: ${id}]`;
  }
  if (depth >= MAX_DEPTH) {
    warn(`parameter "${id}" nests insertions more than ${MAX_DEPTH} deep (cycle?)`);
    return `[Assignment: ${id}]`;
  }
  const values = stringsOf(param.values);
  if (values.length > 0) return values.join(', ');
  if (isObject(param.select)) return describeSelection(param.select, params, warn, depth);
  const label = optionalString(param.label)?.trim();
  if (label) return `[Assignment: ${renderInsertions(plainMarkup(label), params, warn, depth + 1)}]`;
  const guidelines = arrayOrEmpty(param.guidelines)
    .map((g) => plainMarkup((isObject(g) && optionalString(g.prose)) || '').trim())
    .filter(Boolean);
  if (guidelines.length > 0) return `[Assignment: ${guidelines.join(' ')}]`;
  warn(`parameter "${id}" has no values, select, label or guidelines`);
  return `[Assignment: ${id}]`;
}

/** `[Selection: a; b]`, or `[Selection (one or more): a; b]` when `how-many` is `one-or-more`. */
function describeSelection(
  select: UntypedObject,
  params: ParamIndex,
  warn: (message: string) => void,
  depth: number,
): string {
  const choices = stringsOf(select.choice).map((choice) =>
    renderInsertions(plainMarkup(choice), params, warn, depth + 1).replace(/\s+/g, ' ').trim(),
  );
  const howMany = optionalString(select['how-many']);
  const heading = howMany === 'one-or-more' ? 'Selection (one or more)' : 'Selection';
  return `[${heading}: ${choices.join('; ')}]`;
}

function stringsOf(value: unknown): string[] {
  return arrayOrEmpty(value).filter((item): item is string => typeof item === 'string');
}
