/**
 * `blockhost-vm-login install|uninstall [--root <dir>] [--config <file>] [--no-activate]`
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type InstallReport, installVmLogin, uninstallVmLogin } from './install.js';

export const VM_LOGIN_USAGE = `usage: blockhost-vm-login install [--root <dir>] [--config <file>] [--no-activate] [--no-warm-up]
       blockhost-vm-login uninstall [--root <dir>] [--no-activate]

install    writes the wallet-login helpers, PAM and sshd config, the signing
           service unit and the config; creates group blockhost-wallet; on the
           live system validates (sshd -t) and reloads sshd, starts the service
uninstall  removes all of it again (wallet users fall back to normal login)
--root     operate on a system tree in <dir> instead of /
--config   the vm-login.json to install (default: keep the one in place)
--no-activate  only write files (no sshd -t, no systemctl)
--no-warm-up   skip the warm-up login (it checks the helpers run with this
               node and leaves their V8 code caches; without it the first
               successful login makes them)
`;

export interface VmLoginCliIo {
  bundleDir: string;
  out: (text: string) => void;
  errOut: (text: string) => void;
}

function printReport(io: VmLoginCliIo, r: InstallReport): void {
  for (const p of r.written) io.out(`wrote   ${p}\n`);
  for (const p of r.removed) io.out(`removed ${p}\n`);
  for (const a of r.actions) io.out(`ran     ${a}\n`);
  for (const w of r.warnings) io.errOut(`warning: ${w}\n`);
}

export function runVmLoginCli(argv: readonly string[], io: VmLoginCliIo): number {
  const [command, ...rest] = argv;
  let root = '/';
  let configFile: string | undefined;
  let activate: boolean | undefined;
  let warmUp: boolean | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--root') root = resolve(value());
      else if (a === '--config' && command === 'install') configFile = value();
      else if (a === '--no-activate') activate = false;
      else if (a === '--no-warm-up' && command === 'install') warmUp = false;
      else throw new Error(`unknown option ${a}`);
    } catch (e) {
      io.errOut(`blockhost-vm-login: ${(e as Error).message}\n${VM_LOGIN_USAGE}`);
      return 2;
    }
  }
  if (command === 'install') {
    let configText: string | undefined;
    if (configFile !== undefined) {
      try {
        configText = readFileSync(configFile, 'utf8');
      } catch (e) {
        io.errOut(`blockhost-vm-login: cannot read ${configFile}: ${(e as Error).message}\n`);
        return 1;
      }
    }
    const r = installVmLogin({
      root,
      bundleDir: io.bundleDir,
      configText,
      activate,
      warmUp,
    });
    if (r.isErr()) {
      io.errOut(`blockhost-vm-login: ${r.error.message}\n`);
      return 1;
    }
    printReport(io, r.value);
    io.out('wallet login installed\n');
    return 0;
  }
  if (command === 'uninstall') {
    const r = uninstallVmLogin({ root, activate });
    if (r.isErr()) {
      io.errOut(`blockhost-vm-login: ${r.error.message}\n`);
      return 1;
    }
    printReport(io, r.value);
    io.out('wallet login removed\n');
    return 0;
  }
  if (command === '--help' || command === '-h' || command === 'help') {
    io.out(VM_LOGIN_USAGE);
    return 0;
  }
  io.errOut(VM_LOGIN_USAGE);
  return 2;
}
