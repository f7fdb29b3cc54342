#!/usr/bin/env node
// Kept in git so that npm links the command when it installs the workspace,
// before `npm run build` has made dist/.
import { existsSync } from 'node:fs';

const program = new URL('../dist/blockhost-wizard.js', import.meta.url);
if (!existsSync(program)) {
  process.stderr.write('blockhost-wizard is not built yet: run `npm run build` first\n');
  process.exit(2);
}
await import(program.href);
