import type { EvidenceAttachInput } from '../generated/resolvers-types.js';
import type { EvidenceAttachFields } from '../../services/evidence-file-service.js';
import { inputId, optionalInputId } from '../ids.js';

/** Service fields of one attach input (global ids decoded; unknown ones become 0 → NOT_FOUND). */
export const attachFields = (input: EvidenceAttachInput): EvidenceAttachFields => ({
  ...input,
  controlIds: input.controlIds.map((id) => inputId(id, 'Control')),
  aiSystemId: optionalInputId(input.aiSystemId, 'AISystem'),
});
