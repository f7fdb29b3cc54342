#!/usr/bin/env node
// Kept in git so that npm links the command when it installs the workspace,
// before `npm run build` has made dist/. The program itself is the bundled
// CommonJS file VMs get (dist/bin/blockhost-vm-login).
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const program = fileURLToPath(new URL('../dist/bin/blockhost-vm-login', import.meta.url));
if (!existsSync(program)) {
  process.stderr.write('blockhost-vm-login is not built yet: run `npm run build` first\n');
  process.exit(2);
}
createRequire(import.meta.url)(program);
