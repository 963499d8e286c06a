import type { Repositories } from '../../db/repositories/index.js';
import DataLoader from 'dataloader';
import { byIdLoader } from '../loader-helpers.js';

export const accessLoaders = (repos: Repositories) => ({
  tokenById: byIdLoader((ids) => repos.tokens.findByIds(ids)),
  auditEntryBySeq: new DataLoader<number, Awaited<ReturnType<typeof repos.audit.findBySeqs>>[number] | null>(async (seqs) => {
    const rows = new Map((await repos.audit.findBySeqs(seqs)).map((r) => [r.seq, r]));
    return seqs.map((seq) => rows.get(seq) ?? null);
  }),
});
