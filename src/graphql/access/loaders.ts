import DataLoader from 'dataloader';
import type { Actor } from '../../domain/actor.js';
import type { Services } from '../../services/index.js';
import type { ApiTokenRow, AuditRow } from '../../services/rows.js';
import { byIdLoader } from '../loader-helpers.js';

/** Tokens and audit entries are read by ADMINs only (the services refuse anyone else). */
export const accessLoaders = ({ tokens, audit }: Services, actor: Actor) => {
  let ownToken: Promise<ApiTokenRow | null> | undefined;
  return {
    tokenById: byIdLoader((ids) => tokens.findByIds(actor, ids)),
    /** The caller's own token (any role may read it), read once per request. */
    viewerToken: () => (ownToken ??= tokens.ownToken(actor)),
    auditEntryBySeq: new DataLoader<number, AuditRow | null>(async (seqs) => {
      const rows = new Map((await audit.findByIds(actor, seqs)).map((r) => [r.seq, r]));
      return seqs.map((seq) => rows.get(seq) ?? null);
    }),
  };
};
