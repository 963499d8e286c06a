/** `npm run cli -- <command>`: operator commands that work on the database directly. */
import { Command } from 'commander';
import { seedCommand } from './seed.js';
import { tokenCommand } from './token.js';
import { auditCommand } from './audit.js';

const program = new Command('crosswalk')
  .description('Crosswalk operator commands (they use CROSSWALK_DATA_DIR like the server)')
  .showHelpAfterError();

program.addCommand(seedCommand());
program.addCommand(tokenCommand());
program.addCommand(auditCommand());

await program.parseAsync(process.argv);
