/** Parses YAML text for a catalog parser: syntax errors throw, YAML warnings are reported. */
import { parseDocument } from 'yaml';

/**
 * Rules: the text must be one well-formed YAML document (errors throw, prefixed with `fileLabel`);
 * the parser's own warnings (e.g. unknown tags) are appended to `warnings`, never dropped.
 */
export function parseYamlText(text: string, fileLabel: string, warnings: string[]): unknown {
  const document = parseDocument(text);
  if (document.errors.length > 0) {
    const first = document.errors[0]!;
    throw new Error(`${fileLabel}: invalid YAML: ${first.message}`);
  }
  for (const warning of document.warnings) warnings.push(`${fileLabel}: YAML warning: ${warning.message}`);
  return document.toJS() as unknown;
}
