/**
 * OSCAL XML → the OSCAL JSON model, so that the JSON import handlers read XML unchanged.
 *
 * Rules (the OSCAL XML ↔ JSON conversion, for the models Crosswalk reads):
 * - The root element becomes the one top-level key (`<catalog>` → `{ "catalog": … }`); namespace
 *   prefixes and `xmlns` declarations are dropped.
 * - Attributes become fields of the same name (strings).
 * - Elements that may repeat become arrays under their group-as name (`control` → `controls`,
 *   `prop` → `props`, `with-id` → `with-ids`, …, see GROUP_AS), even when they occur once;
 *   wrapper elements (`<revisions>`) become the array of their items.
 * - An element with only text (and inline markup) becomes a string. Markup fields (MARKUP_FIELDS:
 *   the markup-line `title`, `label`, `text`, … and markup-multiline `remarks`, `description`, …)
 *   keep their inline markup as Markdown (`<em>` → `*…*`, `<strong>` → `**…**`, `<code>` →
 *   backticks, `<a href>` → `[text](href)`, `<insert type="param" id-ref="x"/>` →
 *   `{{ insert: param, x }}`); `*` and backticks in their text are escaped (`\*`); runs of XML
 *   white space become one space. Every other element is a plain string field (a parameter's
 *   `<value>`, `<with-id>`, `<version>`, a party's `<name>`, …): its text as written, trimmed, with
 *   nothing escaped (`<value>*.example.com</value>` → `*.example.com`, as in OSCAL JSON).
 * - Markup-multiline (paragraphs, lists, headings, tables, `<pre>`) becomes Markdown text: blocks
 *   joined by a blank line, list items as `- ` (or `1. `) lines. In `<part>` and `<guideline>` the
 *   blocks are the `prose` field; in other elements (`<remarks>`, `<description>`) the element's value.
 * - An element with attributes and text keeps the text in the field OSCAL names for it
 *   (`<hash algorithm>` → `value`, `<document-id scheme>` → `identifier`, …); so do the elements
 *   the JSON model always has as objects, attributes or not (`<document-id>` → `{ identifier }`).
 * - `<as-is>true</as-is>` becomes the boolean, `percentage` and `target-coverage` numbers; an
 *   empty element (`<include-all/>`) becomes `{}`.
 *
 * Safety: a document with a DOCTYPE (and so any entity declaration), or with an entity XML does not
 * define (`&copy;`), is refused before it is parsed, in one linear pass, so no external entity is
 * resolved and no entity is expanded; only XML's predefined entities and character references are
 * decoded.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { refuseUnsafeXml, XmlDocumentError } from './xml-safety.js';

export { XmlDocumentError } from './xml-safety.js';

/** Repeating elements → their JSON array name (OSCAL's group-as names). */
const GROUP_AS: Readonly<Record<string, string>> = {
  // catalog and controls
  group: 'groups',
  control: 'controls',
  param: 'params',
  part: 'parts',
  prop: 'props',
  link: 'links',
  constraint: 'constraints',
  test: 'tests',
  guideline: 'guidelines',
  value: 'values',
  choice: 'choice',
  // metadata and back-matter
  revision: 'revisions',
  'document-id': 'document-ids',
  role: 'roles',
  location: 'locations',
  party: 'parties',
  'responsible-party': 'responsible-parties',
  'responsible-role': 'responsible-roles',
  'party-uuid': 'party-uuids',
  'external-id': 'external-ids',
  'email-address': 'email-addresses',
  'telephone-number': 'telephone-numbers',
  address: 'addresses',
  'addr-line': 'addr-lines',
  'location-uuid': 'location-uuids',
  'member-of-organization': 'member-of-organizations',
  url: 'urls',
  action: 'actions',
  resource: 'resources',
  rlink: 'rlinks',
  hash: 'hashes',
  // profile
  import: 'imports',
  'include-controls': 'include-controls',
  'exclude-controls': 'exclude-controls',
  'insert-controls': 'insert-controls',
  'with-id': 'with-ids',
  matching: 'matching',
  'set-parameter': 'set-parameters',
  alter: 'alters',
  add: 'adds',
  remove: 'removes',
  // mapping-collection
  mapping: 'mappings',
  map: 'maps',
  source: 'sources',
  target: 'targets',
  qualifier: 'qualifiers',
  'unmapped-control': 'unmapped-controls',
};

/** `parent/child` pairs where a GROUP_AS element occurs once, as an object (a location's one address). */
const SINGLE_IN = new Set(['location/address']);

/** Elements that are objects in the JSON model, their text in the named field (with or without attributes). */
const TEXT_FIELD: Readonly<Record<string, string>> = {
  hash: 'value',
  'document-id': 'identifier',
  base64: 'value',
  'telephone-number': 'number',
  'external-id': 'id',
};

/** Fields that are numbers in the JSON model (OSCAL decimals); XML writes them as text. */
const NUMBER_FIELDS = new Set(['percentage', 'target-coverage']);

/** `value` as the JSON model has it: a number for NUMBER_FIELDS that hold one, else unchanged. */
const typed = (field: string, value: unknown): unknown =>
  NUMBER_FIELDS.has(field) && typeof value === 'string' && /^\s*-?\d+(\.\d+)?([eE][-+]?\d+)?\s*$/.test(value) ? Number(value) : value;

/**
 * Elements whose content is OSCAL markup (markup-line or markup-multiline in the OSCAL 1.1/1.2
 * models), converted to Markdown; the text of any other element is a plain string.
 */
const MARKUP_FIELDS = new Set([
  // markup-line
  'title',
  'label',
  'text',
  'choice',
  'caption',
  'purpose',
  // markup-multiline
  'remarks',
  'description',
  'usage',
  'statement',
  'prose',
  'adjustment-justification',
]);

/** Elements whose markup-multiline content is the `prose` field rather than the element's value. */
const PROSE_HOLDERS = new Set(['part', 'guideline']);

const BLOCKS = new Set(['p', 'ul', 'ol', 'table', 'pre', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'blockquote', 'hr']);
const INLINE = new Set(['em', 'i', 'strong', 'b', 'code', 'q', 'sub', 'sup', 'a', 'img', 'insert', 'br', 'span']);

/** How deep elements may nest (OSCAL content needs a few dozen levels at most). */
export const MAX_XML_DEPTH = 100;

/** One node of fast-xml-parser's ordered output. */
type XmlNode = { '#text': string } | ({ [tag: string]: XmlNode[] } & { ':@'?: Record<string, string> });

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  removeNSPrefix: true,
  trimValues: false,
  parseTagValue: false,
  parseAttributeValue: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  processEntities: true,
  // Decodes character references (`&#x2014;`); with DOCTYPE refused no declared entity exists.
  htmlEntities: true,
  maxNestedTags: MAX_XML_DEPTH,
});

/** True when the text starts (after a byte-order mark, white space) like an XML document. */
export const looksLikeXml = (text: string): boolean => /^\s*</.test(text);

/**
 * Parses OSCAL XML into the JSON model (see the rules above). Throws XmlDocumentError for a
 * DOCTYPE, a document that is not well-formed, or one without a root element.
 */
export function readOscalXml(text: string): Record<string, unknown> {
  refuseUnsafeXml(text);
  const valid = XMLValidator.validate(text);
  if (valid !== true) {
    throw new XmlDocumentError(`line ${valid.err.line}, column ${valid.err.col}`, `not well-formed XML: ${valid.err.msg}`);
  }
  let nodes: XmlNode[];
  try {
    nodes = parser.parse(text) as XmlNode[];
  } catch (error) {
    const message = (error as Error).message;
    throw new XmlDocumentError('line 1', /nested/i.test(message) ? `the XML elements are nested more than ${MAX_XML_DEPTH} deep` : `cannot read the XML: ${message}`);
  }
  const root = nodes.find((n) => tagOf(n) !== null);
  if (!root) throw new XmlDocumentError('line 1', 'the XML document has no root element');
  const name = tagOf(root)!;
  return { [name]: elementValue(name, root) };
}

function tagOf(node: XmlNode): string | null {
  for (const key of Object.keys(node)) if (key !== ':@' && key !== '#text') return key;
  return null;
}

const childrenOf = (node: XmlNode, tag: string): XmlNode[] => (node as Record<string, XmlNode[]>)[tag] ?? [];
const attributesOf = (node: XmlNode): Record<string, string> => (node as { ':@'?: Record<string, string> })[':@'] ?? {};
const isText = (node: XmlNode): node is { '#text': string } => '#text' in node;

/** The JSON value of one element (see the rules at the top). */
function elementValue(tag: string, node: XmlNode): unknown {
  const attributes = attributesOf(node);
  const children = childrenOf(node, tag);
  const elements = children.filter((c) => !isText(c));
  const hasText = children.some((c) => isText(c) && /[^ \t\r\n]/.test(c['#text']));
  const onlyInline = elements.every((c) => INLINE.has(tagOf(c)!));
  const hasAttributes = Object.keys(attributes).length > 0;

  if (tag === 'as-is' && !hasAttributes && elements.length === 0) return xmlTrim(textOf(children)) === 'true';
  const proseHolder = PROSE_HOLDERS.has(tag);
  // A plain string field (not markup): its text as written, nothing escaped.
  if (!hasAttributes && !proseHolder && hasText && elements.length === 0 && !MARKUP_FIELDS.has(tag) && !Object.hasOwn(TEXT_FIELD, tag)) {
    return xmlTrim(textOf(children));
  }
  // Text (with inline markup) and no attributes: a string.
  const textField = Object.hasOwn(TEXT_FIELD, tag) ? TEXT_FIELD[tag]! : null;
  if (!hasAttributes && !proseHolder && !textField && (hasText || elements.length > 0) && onlyInline) return inlineMarkdown(children, false);
  // Markup-multiline as the element's value (remarks, description, usage, …).
  const markup = elements.every((c) => BLOCKS.has(tagOf(c)!) || INLINE.has(tagOf(c)!));
  if (!hasAttributes && !proseHolder && markup && elements.some((c) => BLOCKS.has(tagOf(c)!))) {
    return blocksMarkdown(children);
  }
  // A wrapper of repeated items (`<revisions><revision/>…`).
  if (!hasAttributes && !hasText && elements.length > 0) {
    const itemTag = tagOf(elements[0]!)!;
    if (GROUP_AS[itemTag] === tag && elements.every((c) => tagOf(c) === itemTag)) {
      return elements.map((c) => elementValue(itemTag, c));
    }
  }

  const object: Record<string, unknown> = Object.fromEntries(Object.entries(attributes).map(([k, v]) => [k, typed(k, v)]));
  // A TEXT_FIELD element is an object in the JSON model even without attributes (`document-id`).
  if (hasText && elements.length === 0 && !proseHolder) {
    object[textField ?? 'value'] = xmlTrim(textOf(children));
    return object;
  }
  // Markup and text among the fields (a part's paragraphs) are its prose, in document order.
  const prose: XmlNode[] = [];
  for (const child of children) {
    if (isText(child)) {
      if (/[^ \t\r\n]/.test(child['#text'])) prose.push(child);
      continue;
    }
    const childTag = tagOf(child)!;
    if (BLOCKS.has(childTag) || INLINE.has(childTag)) {
      prose.push(child);
      continue;
    }
    const value = elementValue(childTag, child);
    const group = SINGLE_IN.has(`${tag}/${childTag}`) ? undefined : GROUP_AS[childTag];
    if (group) ((object[group] ??= []) as unknown[]).push(value);
    else {
      object[childTag] = typed(childTag, value);
    }
  }
  if (prose.length) object.prose = blocksMarkdown(prose);
  return object;
}

/** Without leading and trailing XML white space (space, tab, CR, LF). */
const xmlTrim = (text: string): string => text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');

/** The concatenated text of nodes (no markup). */
function textOf(nodes: readonly XmlNode[]): string {
  return nodes.map((n) => (isText(n) ? n['#text'] : textOf(childrenOf(n, tagOf(n)!)))).join('');
}

/** Inline content as one line of Markdown; `keepSpace` keeps white space as written (inside `<pre>`). */
function inlineMarkdown(nodes: readonly XmlNode[], keepSpace: boolean): string {
  const out = nodes
    .map((node) => {
      // Markdown's own emphasis and code characters in text are escaped, as in OSCAL JSON.
      if (isText(node)) return keepSpace ? node['#text'] : node['#text'].replace(/[*`]/g, '\\$&');
      const tag = tagOf(node)!;
      const attributes = attributesOf(node);
      const inner = () => inlineMarkdown(childrenOf(node, tag), keepSpace);
      switch (tag) {
        case 'em':
        case 'i':
          return `*${inner()}*`;
        case 'strong':
        case 'b':
          return `**${inner()}**`;
        case 'code':
          return `\`${textOf(childrenOf(node, tag))}\``;
        case 'q':
          return `"${inner()}"`;
        case 'sub':
          return `~${inner()}~`;
        case 'sup':
          return `^${inner()}^`;
        case 'a':
          return attributes.href ? `[${inner()}](${attributes.href})` : inner();
        case 'img':
          return `![${attributes.alt ?? ''}](${attributes.src ?? ''})`;
        case 'insert':
          return `{{ insert: ${attributes.type ?? 'param'}, ${attributes['id-ref'] ?? ''} }}`;
        case 'br':
          return keepSpace ? '\n' : ' ';
        default:
          return inner();
      }
    })
    .join('');
  // XML white space only (space, tab, CR, LF): a no-break space is content.
  return keepSpace ? out : out.replace(/[ \t\r\n]+/g, ' ').replace(/^ | $/g, '');
}

/** Block content (paragraphs, lists, …; stray inline content counts as a paragraph) as Markdown. */
function blocksMarkdown(nodes: readonly XmlNode[], indent = ''): string {
  const blocks: string[] = [];
  let loose: XmlNode[] = [];
  const flush = () => {
    const text = inlineMarkdown(loose, false);
    if (text) blocks.push(indent + text);
    loose = [];
  };
  for (const node of nodes) {
    const tag = isText(node) ? null : tagOf(node)!;
    if (tag === null || !BLOCKS.has(tag)) {
      loose.push(node);
      continue;
    }
    flush();
    const children = childrenOf(node, tag);
    if (tag === 'p') blocks.push(indent + inlineMarkdown(children, false));
    else if (/^h[1-6]$/.test(tag)) blocks.push(`${indent}${'#'.repeat(Number(tag[1]))} ${inlineMarkdown(children, false)}`);
    else if (tag === 'ul' || tag === 'ol') blocks.push(listMarkdown(tag, children, indent));
    else if (tag === 'pre') blocks.push(`${indent}\`\`\`\n${inlineMarkdown(children, true)}\n${indent}\`\`\``);
    else if (tag === 'blockquote') blocks.push(blocksMarkdown(children, `${indent}> `));
    else if (tag === 'table') blocks.push(tableMarkdown(children, indent));
    else if (tag === 'hr') blocks.push(`${indent}---`);
  }
  flush();
  return blocks.filter((b) => b.trim() !== '').join('\n\n');
}

/** `- item` (or `1. item`) lines; a nested list is indented by two spaces. */
function listMarkdown(tag: 'ul' | 'ol', items: readonly XmlNode[], indent: string): string {
  const lines: string[] = [];
  let n = 0;
  for (const item of items) {
    if (isText(item) || tagOf(item) !== 'li') continue;
    n++;
    const children = childrenOf(item, 'li');
    const inline = children.filter((c) => isText(c) || !BLOCKS.has(tagOf(c)!));
    const nested = children.filter((c) => !isText(c) && BLOCKS.has(tagOf(c)!));
    lines.push(`${indent}${tag === 'ol' ? `${n}.` : '-'} ${inlineMarkdown(inline, false)}`);
    if (nested.length) lines.push(blocksMarkdown(nested, `${indent}  `).replace(/\n\n/g, '\n'));
  }
  return lines.join('\n');
}

/** A table as a Markdown pipe table: the first row is the header. */
function tableMarkdown(nodes: readonly XmlNode[], indent: string): string {
  const rows: string[][] = [];
  const collect = (list: readonly XmlNode[]) => {
    for (const node of list) {
      if (isText(node)) continue;
      const tag = tagOf(node)!;
      if (tag === 'tr') {
        rows.push(
          childrenOf(node, 'tr')
            .filter((c) => !isText(c))
            .map((cell) => inlineMarkdown(childrenOf(cell, tagOf(cell)!), false).replace(/\|/g, '\\|')),
        );
      } else collect(childrenOf(node, tag)); // thead, tbody
    }
  };
  collect(nodes);
  if (!rows.length) return '';
  const width = rows.reduce((most, row) => Math.max(most, row.length), 0);
  const line = (cells: string[]) => `${indent}| ${[...cells, ...Array(width - cells.length).fill('')].join(' | ')} |`;
  return [line(rows[0]!), `${indent}|${' --- |'.repeat(width)}`, ...rows.slice(1).map(line)].join('\n');
}
