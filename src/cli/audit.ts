/**
 * `npm run cli -- audit verify|export`: checks the audit trail's hash chain and exports it.
 *
 * The chain shows any change, removal or reordering of an entry, but not a cut-off tail (the
 * remaining entries still chain correctly) nor a tail rewritten with fresh hashes. Both are
 * caught by comparing with a head hash kept outside the database: `audit export` prints it,
 * `audit verify --head <hash>` checks that the trail still contains it.
 */
import { Command } from 'commander';
import { CLI_ACTOR } from '../domain/actor.js';
import { SHA256_PATTERN } from '../domain/blobs.js';
import { ChainVerifier, GENESIS_HASH } from '../domain/audit-chain.js';
import { rowContent } from '../services/audit-trail.js';
import { UsageError, Output, withDatabase } from './shared.js';

export function auditCommand(): Command {
  const audit = new Command('audit').description('verify and export the tamper-evident audit trail');

  audit
    .command('verify')
    .description('re-hash the whole trail; exit code 1 when it is broken or lacks the given head hash')
    .option('--head <hash>', 'a head hash recorded earlier (from `audit export`): fail when the trail no longer contains it')
    .action((options: { head?: string }) =>
      withDatabase(async ({ services }) => {
        const head = options.head?.trim().toLowerCase();
        if (head !== undefined && !SHA256_PATTERN.test(head)) throw new UsageError('--head must be a SHA-256 hash: 64 hexadecimal characters');
        const result = await services.audit.verify(CLI_ACTOR, head === undefined ? {} : { head });
        if (result.firstBrokenSeq !== null) {
          console.log(
            `BROKEN: the audit trail is broken at seq ${result.firstBrokenSeq} ` +
              `(${result.entries} entries checked; last intact head ${result.headHash}).`,
          );
          process.exitCode = 1;
          return;
        }
        console.log(`Intact: ${result.entries} entries, head hash ${result.headHash}.`);
        if (head === undefined) return;
        if (result.headSeq == null) {
          console.log(
            `BROKEN: the trail does not contain the head hash ${head}: entries up to it were removed or rewritten (e.g. a cut-off tail).`,
          );
          process.exitCode = 1;
        } else {
          console.log(`The trail contains the given head hash (seq ${result.headSeq}); nothing before it was removed or rewritten.`);
        }
      }),
    );

  audit
    .command('export')
    .description('write every entry as a JSON line, then {"headHash": ..., "entries": N}; exit code 1 when the chain is broken')
    .option('--out <file>', 'write to this file instead of standard output')
    .action((options: { out?: string }) =>
      withDatabase(async ({ services }) => {
        const output = await Output.open(options.out);
        // With the data on standard output, messages go to standard error.
        const say = options.out ? (m: string) => console.log(m) : (m: string) => console.error(m);
        const verifier = new ChainVerifier();
        let firstBrokenSeq: number | null = null;
        let entries = 0;
        let headHash = GENESIS_HASH;
        try {
          for await (const row of services.audit.entries(CLI_ACTOR)) {
            const content = rowContent(row);
            if (firstBrokenSeq === null) firstBrokenSeq = verifier.check({ content, prevHash: row.prevHash, hash: row.hash });
            await output.write(JSON.stringify({ ...content, prevHash: row.prevHash, hash: row.hash }) + '\n');
            entries++;
            headHash = row.hash;
          }
          await output.write(JSON.stringify({ headHash, entries }) + '\n');
        } catch (error) {
          output.discard();
          throw error;
        }
        await output.close();
        say(`Exported ${entries} audit entries${options.out ? ` to ${options.out}` : ''}. Head hash (also the last line):`);
        say('');
        say(`    ${headHash}`);
        say('');
        say(
          'Keep this hash outside the database (a ticket, a signed e-mail, write-once storage). Later,\n' +
            `\`npm run cli -- audit verify --head ${headHash}\` fails if the trail no longer contains it,\n` +
            'which reveals entries removed from the end or a rewritten tail that the chain alone cannot show.',
        );
        if (firstBrokenSeq !== null) {
          say(`\nWARNING: the chain is broken at seq ${firstBrokenSeq}; the entries from there on (and the head hash) cannot be trusted.`);
          process.exitCode = 1;
        }
      }),
    );

  return audit;
}
