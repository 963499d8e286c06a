/**
 * What the OSCAL import formats (catalog, profile, mapping-collection) share: detection by the
 * root key, the checks of a framework refId given by the caller, the sourceNote of an imported
 * document, and inferring a framework from the ids a document names.
 */
import { keyProblem } from '../keys.js';
import { isObject } from '../catalog/untyped-data.js';
import { ImportDocumentError, type CatalogLookup, type ImportDocument } from './types.js';

export const jsonRoot = (document: ImportDocument, key: string): boolean =>
  document.syntax === 'json' && isObject(document.value) && isObject(document.value[key]);

/** A framework refId given by the caller must look like one (the rule frameworkCreate checks). */
export function checkRefId(value: string, field: string): string {
  const problem = keyProblem(value);
  if (problem) throw new ImportDocumentError('', `${field} ${problem}`, field);
  return value;
}

/** The refId of an existing framework given by the caller (`field`), or an error naming what it is for. */
export async function existingFramework(lookup: CatalogLookup, refId: string, field: string, what: string): Promise<string> {
  checkRefId(refId, field);
  if (!(await lookup.framework(refId))) {
    throw new ImportDocumentError('', `framework "${refId}" (${what}) does not exist: import its catalog first`, field);
  }
  return refId;
}

/**
 * Where an OSCAL document came from, for a sourceNote: `what`, then those of its version, OSCAL
 * version and uuid it has (else the SHA-256 of its text), comma-separated. The file name is not
 * part of it: the same content under another name is the same document.
 */
export function sourceNote(what: string, from: { version?: string | null; oscalVersion?: string | null; uuid?: string | null; sha256: string }): string {
  return [
    what,
    from.version ? `version ${from.version}` : null,
    from.oscalVersion ? `OSCAL ${from.oscalVersion}` : null,
    from.uuid ? `uuid ${from.uuid}` : `sha256 ${from.sha256}`,
  ]
    .filter(Boolean)
    .join(', ');
}

export type Inference =
  | { refId: string; warning: { location: string; message: string }; problem?: undefined; ambiguous?: undefined }
  | { refId: null; problem: string; ambiguous: boolean; warning?: undefined };

/** The framework holding most of `ids` (a unique best), or why there is none. */
export async function inferFramework(lookup: CatalogLookup, ids: readonly string[], location: string, what: string): Promise<Inference> {
  const distinct = [...new Set(ids)];
  if (distinct.length === 0) return { refId: null, problem: `${what} name no ids to find the framework by`, ambiguous: false };
  let found = await lookup.frameworksHoldingIds(distinct);
  // Found nowhere as written: try again ignoring case (CSF's `de.ae-02` for `DE.AE-02`), saying so.
  const ignoringCase = found.length === 0;
  if (ignoringCase) found = await lookup.frameworksHoldingIds(distinct, { ignoreCase: true });
  const [best, second] = found;
  if (!best) return { refId: null, problem: `none of ${what} (${distinct.length} ids) is a requirement of any framework here`, ambiguous: false };
  if (second && second.matched === best.matched) {
    const tied = found.filter((f) => f.matched === best.matched).map((f) => `"${f.frameworkRefId}"`);
    return { refId: null, problem: `${what} are found equally in the frameworks ${tied.join(', ')} (${best.matched} ids each)`, ambiguous: true };
  }
  return {
    refId: best.frameworkRefId,
    warning: {
      location,
      message: `framework of ${what} inferred as "${best.frameworkRefId}" (${best.matched} of ${distinct.length} ids found there${ignoringCase ? ' when case is ignored' : ''}); name it to choose another`,
    },
  };
}
