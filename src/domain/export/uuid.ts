/**
 * Name-based UUIDs (RFC 9562 version 5: SHA-1 of a namespace and a name). Exports derive every
 * OSCAL uuid from stable natural keys with them, so exporting the same data again gives the same
 * uuids.
 */
import { createHash } from 'node:crypto';

/** Crosswalk's namespace for export uuids (the v5 uuid of "crosswalk" in the RFC URL namespace). */
export const CROSSWALK_UUID_NAMESPACE = 'e8847eeb-42c3-5596-8695-26c8f905c422';

const HEX_UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The version-5 uuid of `name` in `namespace` (lower case). */
export function uuidV5(name: string, namespace: string = CROSSWALK_UUID_NAMESPACE): string {
  if (!HEX_UUID.test(namespace)) throw new RangeError(`not a uuid: ${namespace}`);
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = (bytes[6]! & 0x0f) | 0x50;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
