/** The document as a whole cannot be imported; nothing is written. */
export class ImportDocumentError extends Error {
  constructor(
    readonly location: string,
    readonly reason: string,
    /** The request field at fault, e.g. `frameworkRefId`. */
    readonly field: string | null = null,
  ) {
    super(location ? `${location}: ${reason}` : reason);
  }
}
