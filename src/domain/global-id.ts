/**
 * Opaque global ids: base64url of `<Type>:<row id>`. Decoding checks the type, so an id of
 * another type, or garbage, decodes to null and behaves exactly like an id that does not exist.
 */
export const NODE_TYPES = [
  'Framework',
  'Requirement',
  'Control',
  'ControlStatusChange',
  'Mapping',
  'RequirementLink',
  'Evidence',
  'EvidenceReview',
  'AISystem',
  'NotApplicableMark',
  'Threat',
  'ApiToken',
  'AuditEntry',
  'Baseline',
] as const;
export type NodeType = (typeof NODE_TYPES)[number];

export function toGlobalId(type: NodeType, id: number | string): string {
  return Buffer.from(`${type}:${id}`, 'utf8').toString('base64url');
}

/** The row id behind a global id of the expected type, or null. */
export function fromGlobalId(globalId: string, expected: NodeType): number | null {
  const decoded = decodeGlobalId(globalId);
  if (!decoded || decoded.type !== expected) return null;
  return decoded.id;
}

export function decodeGlobalId(globalId: string): { type: NodeType; id: number } | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(globalId)) return null;
  const text = Buffer.from(globalId, 'base64url').toString('utf8');
  const match = /^([A-Za-z]+):([1-9][0-9]{0,15})$/.exec(text);
  if (!match) return null;
  const type = match[1] as NodeType;
  const id = Number(match[2]);
  if (!NODE_TYPES.includes(type) || !Number.isSafeInteger(id)) return null;
  // Reject non-canonical encodings so each object has exactly one id.
  if (toGlobalId(type, id) !== globalId) return null;
  return { type, id };
}
