/**
 * The import parse worker thread (see import-parse-offload.ts): reads an import's text (JSON,
 * OSCAL XML or YAML, CSV: readDocument) off the main thread, then hands the document back one
 * slice at a time, each when the main thread asks for it (document-slices.ts), so the main
 * thread never deserializes more than one slice per turn of its event loop.
 */
import { parentPort, threadId } from 'node:worker_threads';
import { sliceDocument, type DocumentSlice } from '../domain/import/document-slices.js';
import { readDocument } from '../domain/import/formats.js';
import { ImportDocumentError } from '../domain/import/types.js';
import type { ParseReply, ParseRequest } from './import-parse-offload.js';

/** Per open job: its slices and the next one, read ahead so that each reply says whether it is the last. */
const open = new Map<number, { slices: Generator<DocumentSlice, void, undefined>; ahead: IteratorResult<DocumentSlice, void> }>();

function reply(id: number, slices: Generator<DocumentSlice, void, undefined>, current: IteratorResult<DocumentSlice, void>): ParseReply {
  const ahead = current.done ? current : slices.next();
  const done = ahead.done === true;
  if (done) open.delete(id);
  else open.set(id, { slices, ahead });
  return { id, slice: current.done ? [] : current.value, done, threadId };
}

parentPort!.on('message', (message: ParseRequest) => {
  try {
    if (message.kind === 'cancel') {
      open.delete(message.id);
      return;
    }
    if (message.kind === 'next') {
      const job = open.get(message.id);
      if (!job) throw new Error(`import parse worker: no document open for job ${message.id}`);
      parentPort!.postMessage(reply(message.id, job.slices, job.ahead));
      return;
    }
    const document = readDocument(message.text, message.syntax);
    const slices = sliceDocument(document);
    parentPort!.postMessage(reply(message.id, slices, slices.next()));
  } catch (error) {
    open.delete(message.id);
    const failure: ParseReply =
      error instanceof ImportDocumentError
        ? { id: message.id, documentError: { location: error.location, reason: error.reason, field: error.field } }
        : { id: message.id, failure: String((error as Error)?.stack ?? error) };
    parentPort!.postMessage(failure);
  }
});
