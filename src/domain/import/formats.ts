/**
 * The import dispatcher: the list of format handlers, reading the content's syntax (JSON or
 * CSV) and detecting the format when the caller does not name it.
 *
 * To add a format (e.g. BUNDLE, the native JSON bundle): write an `ImportFormatHandler` whose
 * `format` is its IMPORT_FORMATS value and add it to IMPORT_FORMAT_HANDLERS below — that is the
 * one registration. Its `detect` makes auto-detection recognise the document; `read` returns a
 * plan (a CatalogBundle for the catalog graph, baselines, REPLACE scopes, and `steps` for
 * whatever else it writes in the same transaction). A JSON handler is asked before the built-in
 * OSCAL ones are consulted only if it is listed before them.
 */
import { bundleFormat } from './bundle-format.js';
import { cisoLibraryFormat } from './ciso-format.js';
import { csvControlsFormat, csvLinksFormat, csvMappingsFormat } from './csv-formats.js';
import { readCsv } from './csv.js';
import { readEncodedDocument } from './encodings.js';
import { oscalCatalogFormat } from './oscal-catalog-format.js';
import { mappingCollectionFormat } from './oscal-mapping-format.js';
import { oscalProfileFormat } from './oscal-profile-format.js';
import { unsupportedOscalModel } from './oscal-models.js';
import { ImportDocumentError, type ImportDocument, type ImportFormat, type ImportFormatHandler } from './types.js';

export const IMPORT_FORMAT_HANDLERS: readonly ImportFormatHandler[] = [
  oscalCatalogFormat,
  oscalProfileFormat,
  mappingCollectionFormat,
  csvMappingsFormat,
  csvControlsFormat,
  csvLinksFormat,
  bundleFormat,
  cisoLibraryFormat,
];

export function handlerFor(format: ImportFormat): ImportFormatHandler | undefined {
  return IMPORT_FORMAT_HANDLERS.find((h) => h.format === format);
}

/** The formats that can be imported now (a listed IMPORT_FORMATS value may lack a handler yet). */
export const supportedFormats = (): ImportFormat[] => IMPORT_FORMAT_HANDLERS.map((h) => h.format);

/**
 * Reads the content's syntax: JSON when `syntax` says so or when it starts with `{` or `[`
 * (after a byte-order mark and white space), CSV otherwise. OSCAL XML and YAML (told from the
 * content, see encodings.ts) are read into the JSON model unless `syntax` is CSV.
 */
export function readDocument(text: string, syntax: 'json' | 'csv' | null): ImportDocument {
  const body = text.replace(/^\ufeff/, '');
  const looksJson = /^\s*[{[]/.test(body);
  const encoded = syntax !== 'csv' && !looksJson ? readEncodedDocument(body) : null;
  if (encoded) return encoded;
  if (syntax === 'json' || (syntax === null && looksJson)) {
    try {
      return { syntax: 'json', value: JSON.parse(body) as unknown };
    } catch (error) {
      throw new ImportDocumentError(jsonErrorLocation(body, (error as Error).message), `not valid JSON: ${(error as Error).message}`);
    }
  }
  return { syntax: 'csv', table: readCsv(text) };
}

/** `line L, column C` of a JSON.parse error when its message gives a position. */
function jsonErrorLocation(text: string, message: string): string {
  const lineColumn = /line (\d+) column (\d+)/.exec(message);
  if (lineColumn) return `line ${lineColumn[1]}, column ${lineColumn[2]}`;
  const position = /position (\d+)/.exec(message);
  if (!position) return '$';
  const before = text.slice(0, Number(position[1]));
  const line = before.split('\n').length;
  return `line ${line}, column ${before.length - before.lastIndexOf('\n')}`;
}

/** The handler for `format`, or the one that recognises the document. */
export function chooseHandler(document: ImportDocument, format: ImportFormat | null): ImportFormatHandler {
  const unsupported = document.syntax === 'json' ? unsupportedOscalModel(document.value) : null;
  if (unsupported) throw new ImportDocumentError('$', unsupported, format === null ? null : 'format');
  if (format !== null) {
    const handler = handlerFor(format);
    if (!handler) {
      throw new ImportDocumentError('', `format ${format} cannot be imported yet (available: ${supportedFormats().join(', ')})`, 'format');
    }
    return handler;
  }
  const handler = IMPORT_FORMAT_HANDLERS.find((h) => h.syntax === document.syntax && h.detect(document));
  if (handler) return handler;
  if (document.syntax === 'json') {
    const keys = typeof document.value === 'object' && document.value !== null ? Object.keys(document.value).join(', ') || 'none' : 'not an object';
    throw new ImportDocumentError(
      '$',
      `cannot tell the format: a ${(document.encoding ?? 'json').toUpperCase()} document with top-level ${document.encoding === 'xml' ? 'element' : 'keys'} ${keys} is none of ${supportedFormats().join(', ')}; give the format`,
      'format',
    );
  }
  throw new ImportDocumentError(
    'line 1',
    `cannot tell the format from the CSV header (${document.table.header.join(', ')}): CSV mappings need requirement, control and relationship columns, CSV controls need control and title, CSV links need source_requirement, target_requirement and relationship; give the format`,
    'format',
  );
}
