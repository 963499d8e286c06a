/** `npm run cli -- <command>`: operator commands that work on the database directly. */
import { Command } from 'commander';
import { seedCommand } from './seed.js';
import { tokenCommand } from './token.js';
import { auditCommand } from './audit.js';
import { importCommand } from './import.js';
import { exportCommand } from './export.js';
import { evidenceCommand } from './evidence.js';
import { coverageCommand } from './coverage.js';
import { blobsCommand } from './blobs.js';
import { reportFailure } from './shared.js';
import { EXIT_CONFIG } from '../startup-failure.js';

const program = new Command('crosswalk')
  .description('Crosswalk operator commands (they use CROSSWALK_DATA_DIR like the server)');

program.addCommand(seedCommand());
program.addCommand(tokenCommand());
program.addCommand(auditCommand());
program.addCommand(importCommand());
program.addCommand(exportCommand());
program.addCommand(evidenceCommand());
program.addCommand(blobsCommand());
program.addCommand(coverageCommand());

oneLineUsageErrors(program);
try {
  await program.parseAsync(process.argv);
} catch (error) {
  reportFailure(error);
}

/**
 * Commander's usage errors (unknown option, missing argument) on every command: one line naming
 * the --help to read, exit code 2 like every other usage or configuration mistake.
 */
function oneLineUsageErrors(command: Command): void {
  command
    .configureOutput({
      outputError: (message, write) => write(`${message.trimEnd()} (see: npm run cli -- ${[...commandPath(command), '--help'].join(' ')})\n`),
    })
    .exitOverride((error) => {
      process.exit(error.exitCode === 0 ? 0 : EXIT_CONFIG);
    });
  for (const sub of command.commands) oneLineUsageErrors(sub);
}

/** The names of a command and its parents below the program (`['token', 'create']`). */
function commandPath(command: Command): string[] {
  const names: string[] = [];
  for (let c: Command | null = command; c?.parent; c = c.parent) names.unshift(c.name());
  return names;
}

