/**
 * Building DOM nodes. Text always goes in as text nodes (never as HTML): names and titles from the
 * API cannot inject markup, and the page's Trusted Types policy forbids HTML string sinks anyway.
 */
export type Child = Node | string | number | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

/** `<tag attributes>children</tag>`; boolean true sets an empty attribute, false/null/undefined omit it. */
export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Attributes = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
  append(element, children);
  return element;
}

export function append(parent: Node, children: Child[]): void {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    parent.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
}

/** Replaces an element's content. */
export function replace(parent: Element, ...children: Child[]): void {
  parent.replaceChildren();
  append(parent, children);
}

/** The element with this id (the page's skeleton defines them all). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`dashboard: #${id} is missing from the page`);
  return element as T;
}

/** A table with a caption, a header row and body rows. */
export function table(caption: string, headers: string[], rows: Child[][], options: { numericFrom?: number; className?: string } = {}): HTMLTableElement {
  const numericFrom = options.numericFrom ?? Number.POSITIVE_INFINITY;
  return h(
    'table',
    { class: options.className },
    h('caption', {}, caption),
    h('thead', {}, h('tr', {}, ...headers.map((title, i) => h('th', { scope: 'col', class: i >= numericFrom ? 'num' : undefined }, title)))),
    h(
      'tbody',
      {},
      ...rows.map((cells) =>
        h('tr', {}, ...cells.map((cell, i) => (i === 0 ? h('th', { scope: 'row' }, cell) : h('td', { class: i >= numericFrom ? 'num' : undefined }, cell)))),
      ),
    ),
  );
}
