/**
 * Generic OSCAL catalog (JSON, OSCAL 1.0 to 1.2) → one `CatalogFrameworkEntry`. Pure: takes the
 * parsed JSON, does no I/O.
 */
import { indexParams } from './oscal-params.js';
import { assignRefIds, type RefIdCandidate } from './oscal-refids.js';
import { renderStatement, type StatementContext } from './oscal-statement.js';
import type { CatalogFramework, CatalogFrameworkEntry, CatalogRequirement } from './types.js';
import {
  arrayOrEmpty,
  isObject,
  objectAt,
  optionalArrayAt,
  optionalString,
  stringAt,
  type UntypedObject,
} from './untyped-data.js';

/** Framework metadata from the caller; `version` defaults to the catalog's `metadata.version`. */
export type OscalFrameworkInput = Omit<CatalogFramework, 'version'> & { version?: string };

export interface OscalCatalogResult {
  entry: CatalogFrameworkEntry;
  warnings: string[];
}

interface OscalNode extends RefIdCandidate {
  raw: UntypedObject;
  title: string;
  kind: string;
  sortOrder: number;
  withdrawn: boolean;
}

/**
 * Rules: groups at any depth become requirements of kind `group`; controls and their nested
 * controls (enhancements, CSF subcategories) become requirements whose kind is the control's
 * `class`, else `control`. refIds come from `assignRefIds`; `sourceId` is always the OSCAL id;
 * statements come from `renderStatement`. Output is parents-first, siblings in document order
 * (`groups` and `controls` in the order the keys appear). Throws, naming the JSON path, when the
 * document is not an OSCAL catalog. A group without an id (OSCAL allows it) gets one from its
 * position among the groups: `group-2` for the second top-level group, `group-2.1` for its first.
 * Warnings are prefixed with the framework refId.
 */
export function parseOscalCatalog(document: unknown, framework: OscalFrameworkInput): OscalCatalogResult {
  const warnings: string[] = [];
  const warn = (message: string): void => void warnings.push(`${framework.refId}: ${message}`);
  const catalog = readCatalogRoot(document);
  const nodes = collectNodes(catalog, warn);
  const refIds = assignRefIds(nodes, warn);
  const refIdByOscalId = new Map<string, string>();
  nodes.forEach((node, index) => {
    if (refIdByOscalId.has(node.oscalId)) warn(`OSCAL id "${node.oscalId}" is used more than once`);
    else refIdByOscalId.set(node.oscalId, refIds[index]!);
  });
  const partNames = indexPartNames(nodes, refIds);
  const refIdOf = (id: string): string | undefined => refIdByOscalId.get(id) ?? partNames.get(id);
  const ctx: StatementContext = { params: indexParams(catalog, warn), refIdOf, warn };
  const requirements = nodes.map((node, index) => toRequirement(node, index, refIds, ctx));
  const metadata = objectAt(catalog.metadata, '$.catalog.metadata');
  const version = framework.version ?? optionalString(metadata.version) ?? '';
  return { entry: { framework: { ...framework, version }, requirements, threats: [] }, warnings };
}

/** `$.catalog` with a `metadata` object, or a clear error. */
function readCatalogRoot(document: unknown): UntypedObject {
  if (!isObject(document)) {
    throw new Error(`Not an OSCAL catalog: $ must be a JSON object with a "catalog" property`);
  }
  if (!isObject(document.catalog)) {
    const keys = Object.keys(document).join(', ') || 'none';
    throw new Error(`Not an OSCAL catalog: $.catalog is missing or not an object (top-level keys: ${keys})`);
  }
  objectAt(document.catalog.metadata, '$.catalog.metadata');
  return document.catalog;
}

/** Depth-first, parents before children; validates ids and array shapes as it goes. */
function collectNodes(catalog: UntypedObject, warn: (message: string) => void): OscalNode[] {
  const nodes: OscalNode[] = [];
  const visitChildren = (
    container: UntypedObject,
    path: string,
    parentIndex: number | null,
    keys: readonly string[],
  ): void => {
    let sortOrder = 0;
    for (const key of Object.keys(container).filter((k) => keys.includes(k))) {
      optionalArrayAt(container[key], `${path}.${key}`).forEach((child, position) => {
        const childPath = `${path}.${key}[${position}]`;
        const groupPath = key === 'groups' ? `${groupPaths.get(container) ?? 'group-'}${groupPaths.has(container) ? '.' : ''}${position + 1}` : null;
        const node = readNode(child, childPath, groupPath, parentIndex, sortOrder++, warn);
        if (groupPath !== null) groupPaths.set(node.raw, groupPath);
        if (node.oscalId === groupPath) unnamedGroups++;
        nodes.push(node);
        const childKeys = key === 'groups' ? ['groups', 'controls'] : ['controls'];
        visitChildren(node.raw, childPath, nodes.length - 1, childKeys);
      });
    }
  };
  // Groups may lack an id (optional in OSCAL; the Australian ISM has none): they get one from their position.
  const groupPaths = new Map<UntypedObject, string>();
  let unnamedGroups = 0;
  visitChildren(catalog, '$.catalog', null, ['groups', 'controls']);
  if (unnamedGroups) warn(`${unnamedGroups} group(s) have no id; each is given one from its position among the groups (group-1, group-1.2, …)`);
  return nodes;
}

/** `groupPath`: for a group, the id it gets when it has none (`group-1.2`); null for a control. */
function readNode(
  value: unknown,
  path: string,
  groupPath: string | null,
  parentIndex: number | null,
  sortOrder: number,
  warn: (message: string) => void,
): OscalNode {
  const raw = objectAt(value, path);
  const isGroup = groupPath !== null;
  const oscalId = isGroup && raw.id === undefined ? groupPath : stringAt(raw.id, `${path}.id`);
  for (const key of ['props', 'params', 'parts', 'links']) optionalArrayAt(raw[key], `${path}.${key}`);
  let title = optionalString(raw.title)?.trim() ?? '';
  if (!title) {
    warn(`${path} ("${oscalId}") has no title; its id is used`);
    title = oscalId;
  }
  const kind = isGroup ? 'group' : optionalString(raw.class) || 'control';
  const withdrawn = isWithdrawn(raw);
  return { raw, oscalId, label: labelProp(raw), parentIndex, title, kind, sortOrder, withdrawn };
}

/**
 * Printable names of labelled statement items, for links that point into a control's statement
 * (800-53 `#ac-2_smt.k` → `AC-2k`): the control's refId, then the item labels without their
 * trailing dots, joined by dots.
 */
function indexPartNames(nodes: readonly OscalNode[], refIds: readonly string[]): Map<string, string> {
  const names = new Map<string, string>();
  const visit = (parts: unknown, refId: string, labels: readonly string[]): void => {
    for (const part of arrayOrEmpty(parts).filter(isObject)) {
      const label = labelProp(part)?.replace(/\.$/, '');
      const chain = label ? [...labels, label] : labels;
      const id = optionalString(part.id);
      if (id !== undefined && chain.length > 0) names.set(id, refId + chain.join('.'));
      visit(part.parts, refId, chain);
    }
  };
  nodes.forEach((node, index) => visit(node.raw.parts, refIds[index]!, []));
  return names;
}

/** The first `label` prop without a `class`, else the first `label` prop. */
function labelProp(raw: UntypedObject): string | undefined {
  const labels = arrayOrEmpty(raw.props).filter(isObject).filter((prop) => prop.name === 'label');
  const chosen = labels.find((prop) => prop.class === undefined) ?? labels[0];
  return chosen === undefined ? undefined : optionalString(chosen.value)?.trim() || undefined;
}

/** `props` has name `status` with value `withdrawn`, compared case-insensitively. */
function isWithdrawn(raw: UntypedObject): boolean {
  return arrayOrEmpty(raw.props)
    .filter(isObject)
    .some(
      (prop) =>
        optionalString(prop.name)?.trim().toLowerCase() === 'status' &&
        optionalString(prop.value)?.trim().toLowerCase() === 'withdrawn',
    );
}

function toRequirement(
  node: OscalNode,
  index: number,
  refIds: readonly string[],
  ctx: StatementContext,
): CatalogRequirement {
  const warnFor = (message: string): void => ctx.warn(`${refIds[index]!}: ${message}`);
  const statement = renderStatement(node.raw, node.withdrawn, { ...ctx, warn: warnFor });
  if (!statement && node.kind !== 'group' && !node.withdrawn) warnFor('has no statement or other prose');
  return {
    refId: refIds[index]!,
    sourceId: node.oscalId,
    title: node.title,
    statement,
    parentRefId: node.parentIndex === null ? null : refIds[node.parentIndex]!,
    kind: node.kind,
    withdrawn: node.withdrawn,
    sortOrder: node.sortOrder,
  };
}
