import type { EvidenceResolvers } from '../generated/resolvers-types.js';
import { integrityView } from '../../services/evidence-file-service.js';
import { toIntegrity } from './integrity.js';

export const integrity: EvidenceResolvers['integrity'] = async (row, _, ctx) => {
  if (row.kind !== 'FILE' || !row.sha256) return null;
  const [blob, events] = await Promise.all([
    ctx.loaders.blobBySha256.load(row.sha256),
    ctx.loaders.integrityEventsBySha256.load(row.sha256),
  ]);
  return toIntegrity(integrityView(row.sha256, blob, blob ? events : []));
};
