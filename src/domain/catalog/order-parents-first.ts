/** Orders hierarchical items so every parent precedes its children. */

interface Hierarchical {
  refId: string;
  parentRefId: string | null;
}

/**
 * Rules: a depth-first walk from the roots in input order, children in input order, so input
 * that is already parents-first keeps its order. An item whose parent is not in the list is
 * treated as a root. Items caught in a parent cycle are appended at the end in input order.
 */
export function orderParentsFirst<T extends Hierarchical>(items: readonly T[]): T[] {
  const known = new Set(items.map((item) => item.refId));
  const children = new Map<string, T[]>();
  const roots: T[] = [];
  for (const item of items) {
    if (item.parentRefId !== null && known.has(item.parentRefId)) {
      const siblings = children.get(item.parentRefId) ?? [];
      siblings.push(item);
      children.set(item.parentRefId, siblings);
    } else {
      roots.push(item);
    }
  }
  const ordered: T[] = [];
  const placed = new Set<T>();
  const visit = (item: T): void => {
    if (placed.has(item)) return;
    placed.add(item);
    ordered.push(item);
    for (const child of children.get(item.refId) ?? []) visit(child);
  };
  roots.forEach(visit);
  for (const item of items) if (!placed.has(item)) ordered.push(item);
  return ordered;
}
