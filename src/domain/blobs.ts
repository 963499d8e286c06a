/**
 * Evidence files (blobs): content addresses, integrity vocabulary, and the metadata rules of the
 * upload and download routes. Pure: no I/O.
 */
import { create as createContentDisposition } from 'content-disposition';
import { CONTROL_CHARACTERS, INVISIBLE_CHARACTERS, invisibleCharacter } from './keys.js';

/** Lowercase hex SHA-256: the address of a stored file. */
export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

/** The address in canonical form (lowercase), or null when `value` is not a hex SHA-256. */
export function normaliseSha256(value: string): string | null {
  const lower = value.trim().toLowerCase();
  return SHA256_PATTERN.test(lower) ? lower : null;
}

/** What the latest check of a stored file found. */
export const BLOB_INTEGRITY_STATUSES = ['INTACT', 'MISSING', 'CORRUPT'] as const;
export type BlobIntegrityStatus = (typeof BLOB_INTEGRITY_STATUSES)[number];

/** How a stored file was checked: hashed while uploading, downloading, by evidenceVerify, or by a scan. */
export const INTEGRITY_CHECK_SOURCES = ['UPLOAD', 'DOWNLOAD', 'VERIFY', 'SCAN'] as const;
export type IntegrityCheckSource = (typeof INTEGRITY_CHECK_SOURCES)[number];

/** Default of CROSSWALK_MAX_UPLOAD_BYTES: 100 MiB. */
export const DEFAULT_MAX_UPLOAD_BYTES = 100 * 1024 * 1024;

export const MAX_FILENAME_LENGTH = 255;
export const MAX_MEDIA_TYPE_LENGTH = 255;
export const DEFAULT_MEDIA_TYPE = 'application/octet-stream';

/**
 * Why `name` is not acceptable as a file name (metadata only, never used as a path), or null.
 * Refused: empty, longer than 255 characters, control characters, invisible or bidirectional
 * formatting characters (as in keys: `invoice_\u202Efdp.exe` would show as "invoice_exe.pdf"),
 * path separators, `.`/`..`.
 */
export function filenameProblem(name: string): string | null {
  if (name.length === 0 || name.length > MAX_FILENAME_LENGTH) return `must be 1 to ${MAX_FILENAME_LENGTH} characters`;
  if (CONTROL_CHARACTERS.test(name)) return 'must not contain control characters';
  const invisible = invisibleCharacter(name);
  if (invisible) {
    return `must not contain invisible or text-direction characters (found ${invisible}, which can disguise the name or its extension): give the name without it`;
  }
  if (/[/\\]/.test(name)) return 'must be a file name, not a path (no / or \\)';
  if (name === '.' || name === '..') return 'must be a file name, not . or ..';
  if (name.trim() !== name) return 'must not start or end with spaces';
  return null;
}

const DISGUISING_CHARACTERS = new RegExp(`${CONTROL_CHARACTERS.source}|${INVISIBLE_CHARACTERS.source}`, 'g');

const TOKEN = "[!#$%&'*+.^_`|~0-9a-z-]+";
const MEDIA_TYPE = new RegExp(`^${TOKEN}/${TOKEN}(\\s*;\\s*${TOKEN}=(${TOKEN}|"[^"\\\\\\u0000-\\u001f]*"))*$`, 'i');

/** A media type in canonical form (type/subtype lowercased, parameters kept), or null when malformed. */
export function normaliseMediaType(value: string): string | null {
  const trimmed = value.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_MEDIA_TYPE_LENGTH || !MEDIA_TYPE.test(trimmed)) return null;
  const [essence, ...params] = trimmed.split(';');
  return [essence!.toLowerCase(), ...params.map((p) => p.trim())].join('; ');
}

/**
 * A `Content-Disposition: attachment` header value for `filename` (RFC 6266, formatted by the
 * `content-disposition` package: the name as `filename`, and for a name that is not plain ASCII
 * an ASCII fallback plus the exact name in `filename*=UTF-8''…`). Control, invisible and
 * text-direction characters become `_` first (a name stored before they were refused must not
 * disguise its extension in the browser's download).
 */
export function contentDisposition(stored: string): string {
  return createContentDisposition(stored.replace(DISGUISING_CHARACTERS, '_'));
}
