/**
 * What an XML document must not hold before it is parsed (src/domain/import/oscal-xml.ts): a
 * DOCTYPE or ENTITY declaration, an entity XML does not define, or a comment, CDATA section or
 * processing instruction that is never closed. One linear pass over the text.
 */

/** A problem with an XML document: where (`line L, column C`) and why. */
export class XmlDocumentError extends Error {
  constructor(
    readonly location: string,
    reason: string,
  ) {
    super(reason);
  }
}

/** Markup whose inside is not scanned for declarations or entities: comments, CDATA sections, processing instructions. */
const OPAQUE: readonly (readonly [open: string, close: string])[] = [
  ['<!--', '-->'],
  ['<![CDATA[', ']]>'],
  ['<?', '?>'],
];

/** XML's predefined entities and character references: the only ones decoded. */
const XML_ENTITY = /^(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-fA-F]+)$/;

/** `line L, column C` of `index` in `text`. */
function locationAt(text: string, index: number): string {
  const before = text.slice(0, index);
  return `line ${before.split('\n').length}, column ${index - before.lastIndexOf('\n')}`;
}

/**
 * Refuses DOCTYPE and ENTITY declarations and entities other than XML's own (`&copy;` is HTML's),
 * outside comments, CDATA sections and processing instructions. One pass over the text: a comment,
 * CDATA section or instruction that is never closed is refused at once (a regular expression
 * searching for each one's end would take time quadratic in the number of openings).
 */
export function refuseUnsafeXml(text: string): void {
  let from = 0;
  for (let i = text.indexOf('<'); ; i = text.indexOf('<', i + 1)) {
    refuseForeignEntities(text, from, i === -1 ? text.length : i);
    if (i === -1) return;
    const opaque = OPAQUE.find(([open]) => text.startsWith(open, i));
    if (opaque) {
      const end = text.indexOf(opaque[1], i + opaque[0].length);
      if (end === -1) throw new XmlDocumentError(locationAt(text, i), `not well-formed XML: "${opaque[0]}" is never closed by "${opaque[1]}"`);
      i = end + opaque[1].length - 1;
      from = i + 1;
      continue;
    }
    from = i;
    const declaration = /^<!(DOCTYPE|ENTITY)\b/i.exec(text.slice(i, i + 10));
    if (declaration) {
      throw new XmlDocumentError(
        locationAt(text, i),
        `XML with a ${declaration[1]!.toUpperCase()} declaration is refused: Crosswalk resolves no external entities and expands no declared entities (OSCAL needs neither); remove the DOCTYPE`,
      );
    }
  }
}

/** Refuses an entity reference in text[from, to) that XML does not define. */
function refuseForeignEntities(text: string, from: number, to: number): void {
  for (let a = text.indexOf('&', from); a !== -1 && a < to; a = text.indexOf('&', a + 1)) {
    const reference = /^&([^\s&;<]{1,32});/.exec(text.slice(a, a + 35));
    if (reference && !XML_ENTITY.test(reference[1]!)) {
      throw new XmlDocumentError(
        locationAt(text, a),
        `the entity "&${reference[1]};" is not one of XML's (&lt; &gt; &amp; &quot; &apos; and character references such as &#169;); write the character itself or its character reference`,
      );
    }
  }
}
