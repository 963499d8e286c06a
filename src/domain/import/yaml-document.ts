/**
 * YAML import documents → the same value a JSON document gives (OSCAL's YAML encoding is its
 * JSON model written as YAML).
 *
 * Rules: one YAML 1.2 document (core schema: `true`, numbers and `null` as in JSON, dates stay
 * strings); duplicate keys and syntax errors are refused with their line and column; a document
 * that uses aliases more than MAX_YAML_ALIASES times in all is refused as an alias bomb (the
 * "billion laughs" of YAML), before anything is expanded past that count.
 */
import { parseDocument } from 'yaml';

/** How many alias resolutions one document may need; OSCAL content uses none. */
export const MAX_YAML_ALIASES = 100;

/** A problem with a YAML document: where (`line L, column C`) and why. */
export class YamlDocumentError extends Error {
  constructor(
    readonly location: string,
    reason: string,
  ) {
    super(reason);
  }
}

/**
 * True when the text starts like a YAML mapping: after comments, blank lines, `%YAML` and `---`,
 * the first line is `key:` (then a space or the line's end). A CSV header never looks like that.
 */
export function looksLikeYaml(text: string): boolean {
  for (const line of text.split('\n', 200)) {
    const trimmed = line.trimEnd();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith('%') || trimmed === '---') continue;
    return /^["']?[A-Za-z_$][\w$.-]*["']?\s*:(\s|$)/.test(trimmed);
  }
  return false;
}

export function readYaml(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, prettyErrors: true });
  const error = document.errors[0];
  if (error) {
    const at = error.linePos?.[0];
    const where = at ? `line ${at.line}, column ${at.col}` : 'line 1';
    if (/call stack/i.test(error.message)) throw new YamlDocumentError(where, 'the YAML is nested too deeply to read');
    throw new YamlDocumentError(where, `not valid YAML: ${error.message.split('\n')[0]}`);
  }
  try {
    return document.toJS({ maxAliasCount: MAX_YAML_ALIASES }) as unknown;
  } catch (cause) {
    if (cause instanceof RangeError) throw new YamlDocumentError('$', 'the YAML is nested too deeply to read');
    if (/alias/i.test((cause as Error).message)) {
      throw new YamlDocumentError(
        '$',
        `YAML that expands aliases more than ${MAX_YAML_ALIASES} times is refused (an alias bomb expands a small file into a huge one); write the content out without anchors and aliases`,
      );
    }
    throw new YamlDocumentError('$', `cannot read the YAML: ${(cause as Error).message}`);
  }
}
