/**
 * CoSAI Risk Map prose → readable text. CoSAI writes prose as a list of paragraphs in which a
 * nested list is a bullet list, and refers to other entries with `{{controlX}}`, `{{riskX}}`
 * and to its sources with `{{ref:source-id}}`.
 */

/** Resolves a `{{…}}` token (without braces) to display text, or undefined if unknown. */
export type TokenResolver = (token: string) => string | undefined;

const TOKEN = /\{\{\s*([^{}]+?)\s*\}\}/g;

/**
 * Rules: paragraphs are separated by a blank line; a nested list becomes `- item` lines; runs of
 * whitespace collapse to one space; each token becomes what `resolve` returns, and an unresolved
 * token becomes its bare name with a warning. A lone string is treated as one paragraph.
 */
export function renderCosaiProse(
  value: unknown,
  resolve: TokenResolver,
  warn: (message: string) => void,
): string {
  const blocks = Array.isArray(value) ? value : [value];
  return blocks
    .map((block) =>
      Array.isArray(block)
        ? block.map((item) => `- ${line(item, resolve, warn)}`).join('\n')
        : line(block, resolve, warn),
    )
    .filter(Boolean)
    .join('\n\n');
}

function line(value: unknown, resolve: TokenResolver, warn: (message: string) => void): string {
  if (value === undefined || value === null) return '';
  if (typeof value !== 'string') {
    warn(`unsupported prose item ${JSON.stringify(value)}; ignored`);
    return '';
  }
  return value
    .replace(TOKEN, (_match, token: string) => {
      const resolved = resolve(token);
      if (resolved === undefined) warn(`unresolved reference {{${token}}}`);
      return resolved ?? token.replace(/^ref:/, '');
    })
    .replace(/\s+/g, ' ')
    .trim();
}
