/** OSCAL markup-line / markup-multiline (a Markdown subset) reduced to plain readable text. */

/**
 * Rules: `[text](href)` becomes `text`; `**strong**` becomes `strong`. Other characters are
 * kept, so a bare `[Assignment: …]` (no `(href)` right after it) is never touched.
 */
export function plainMarkup(text: string): string {
  return text.replace(/\[([^\]]*)\]\([^)\s]*\)/g, '$1').replace(/\*\*([^*]+)\*\*/g, '$1');
}
