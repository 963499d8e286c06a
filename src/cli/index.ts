/** `npm run cli -- <command>`: operator commands that work on the database directly. */
import { Command } from 'commander';
import { reportFailure } from './shared.js';
import { EXIT_CONFIG } from '../startup-failure.js';

/**
 * Each command's module, loaded only when it is needed: a run of `token list` does not import the
 * export or the import code (a process's start is most of what a short command costs).
 */
const COMMANDS: Record<string, () => Promise<Command>> = {
  seed: async () => (await import('./seed.js')).seedCommand(),
  token: async () => (await import('./token.js')).tokenCommand(),
  audit: async () => (await import('./audit.js')).auditCommand(),
  import: async () => (await import('./import.js')).importCommand(),
  export: async () => (await import('./export.js')).exportCommand(),
  evidence: async () => (await import('./evidence.js')).evidenceCommand(),
  blobs: async () => (await import('./blobs.js')).blobsCommand(),
  coverage: async () => (await import('./coverage.js')).coverageCommand(),
  migrate: async () => (await import('./migrate.js')).migrateCommand(),
};

const program = new Command('crosswalk')
  .description('Crosswalk operator commands (they use CROSSWALK_DATA_DIR like the server)');

// The command named on the command line alone; every command for anything else (the program's
// --help, no command, an unknown one), so the help and commander's suggestions list them all.
const named = process.argv[2];
const loaders = named !== undefined && Object.hasOwn(COMMANDS, named) ? [COMMANDS[named]!] : Object.values(COMMANDS);
for (const command of await Promise.all(loaders.map((load) => load()))) program.addCommand(command);

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

