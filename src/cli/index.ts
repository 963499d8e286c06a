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

const program = new Command('crosswalk')
  .description('Crosswalk operator commands (they use CROSSWALK_DATA_DIR like the server)')
  .showHelpAfterError();

program.addCommand(seedCommand());
program.addCommand(tokenCommand());
program.addCommand(auditCommand());
program.addCommand(importCommand());
program.addCommand(exportCommand());
program.addCommand(evidenceCommand());
program.addCommand(blobsCommand());
program.addCommand(coverageCommand());

await program.parseAsync(process.argv);
