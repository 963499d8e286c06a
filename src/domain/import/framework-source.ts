/**
 * The one rule for writing a document into an existing framework, whatever its format (OSCAL
 * catalog, CISO Assistant framework library): a framework records the document it was imported
 * from (its identity — an OSCAL catalog's uuid, a CISO Assistant framework's URN — and its title);
 * a document whose identity or title differs is another document and is refused, unless the caller
 * says to replace the source (`replaceSource: true`, CLI `--replace-source`). A framework that
 * records no source (seeded, created through the API) accepts any document and records it.
 */
import type { FrameworkSource } from '../catalog/types.js';
import { ImportDocumentError, type LookupFramework } from './types.js';

/**
 * Why `document` is not the one `framework` was imported from (null: it is, or the framework
 * records none): its identity or its title differ from the recorded ones. `what` names the
 * document in the message ("this catalog", "this library").
 */
export function sourceConflict(framework: LookupFramework, document: FrameworkSource, what = 'this catalog'): string | null {
  const differs: string[] = [];
  if (framework.sourceUuid && document.uuid && framework.sourceUuid !== document.uuid) differs.push(`uuid ${document.uuid}, not ${framework.sourceUuid}`);
  if (framework.sourceTitle && document.title && framework.sourceTitle !== document.title) differs.push(`title "${document.title}", not "${framework.sourceTitle}"`);
  if (differs.length === 0) return null;
  return (
    `${what} is another document than the one the framework was imported from (${differs.join('; ')}): ` +
    'import it as another framework (frameworkRefId), or give replaceSource: true (CLI --replace-source) to update this framework from it'
  );
}

/**
 * Refuses (ImportDocumentError at `location`, field `replaceSource`) a document that is not the
 * recorded source of the existing framework `refId`, unless `replaceSource`.
 */
export function refuseOtherSource(
  existing: LookupFramework | undefined,
  document: FrameworkSource,
  options: { refId: string; replaceSource: boolean; location: string; what?: string },
): void {
  if (!existing || options.replaceSource) return;
  const problem = sourceConflict(existing, document, options.what);
  if (problem) throw new ImportDocumentError(options.location, `${problem} (framework "${options.refId}")`, 'replaceSource');
}
