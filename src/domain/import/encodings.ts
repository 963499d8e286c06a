/**
 * OSCAL's XML and YAML encodings read into the JSON model, so every JSON handler reads them
 * unchanged. The encoding is told from the content: `<` first → XML (oscal-xml.ts), a
 * `key:` line first → YAML (yaml-document.ts). Errors become ImportDocumentErrors at their line.
 */
import { looksLikeXml, readOscalXml, XmlDocumentError } from './oscal-xml.js';
import { ImportDocumentError, type ImportDocument } from './types.js';
import { looksLikeYaml, readYaml, YamlDocumentError } from './yaml-document.js';

/** The document as a JSON-model value when the text is XML or YAML; null when it is neither (CSV, JSON). */
export function readEncodedDocument(text: string): ImportDocument | null {
  try {
    if (looksLikeXml(text)) return { syntax: 'json', value: readOscalXml(text), encoding: 'xml' };
    if (looksLikeYaml(text)) return { syntax: 'json', value: readYaml(text), encoding: 'yaml' };
  } catch (error) {
    if (error instanceof XmlDocumentError || error instanceof YamlDocumentError) throw new ImportDocumentError(error.location, error.message);
    throw error;
  }
  return null;
}
