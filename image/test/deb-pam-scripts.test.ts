/**
 * The VM package's maintainer scripts hook PAM in sh (they must run while
 * node is being removed); `blockhost-vm-login install` hooks it in
 * TypeScript. Both must write the same /etc/pam.d/sshd: the sh functions run
 * here on the same texts as addPamInclude/removePamInclude/hasPamInclude.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addPamInclude, hasPamInclude, removePamInclude } from '@blockhost/pam-verifier';
import { afterAll, describe, expect, it } from 'vitest';
import {
  pamShellFunctions,
  vmLoginPostinst,
  vmLoginPostrm,
  vmLoginPrerm,
} from '../src/deb/vm-login.js';

const dir = mkdtempSync(join(tmpdir(), 'blockhost-pam-sh-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Debian 13's /etc/pam.d/sshd (openssh-server 10), abridged comments. */
const DEBIAN_SSHD = `# PAM configuration for the Secure Shell service

# Standard Un*x authentication.
@include common-auth

# Disallow non-root logins when /etc/nologin exists.
account    required     pam_nologin.so

# Standard Un*x authorization.
@include common-account

session [success=ok ignore=ignore module_unknown=ignore default=bad]        pam_selinux.so close
session    required     pam_loginuid.so
session    optional     pam_keyinit.so force revoke
@include common-session
session    optional     pam_motd.so  motd=/run/motd.dynamic
session    optional     pam_motd.so noupdate
session    optional     pam_mail.so standard noenv # [1]
session    required     pam_limits.so
session    required     pam_env.so # [1]
session    required     pam_env.so envfile=/etc/default/locale
session [success=ok ignore=ignore module_unknown=ignore default=bad]        pam_selinux.so open

# Standard Un*x password updating.
@include common-password
`;

const CASES: Record<string, string> = {
  debian: DEBIAN_SSHD,
  'already hooked': addPamInclude(DEBIAN_SSHD)!,
  'hooked with blanks around the include': DEBIAN_SSHD.replace(
    '@include common-auth',
    '# BlockHost wallet login (blockhost-vm-login)\n  @include blockhost-wallet-auth  \n@include common-auth',
  ),
  'indented common-auth': DEBIAN_SSHD.replace('@include common-auth', '   @include   common-auth '),
  'no common-auth, auth lines':
    'account required pam_unix.so\nauth required pam_unix.so\nauth optional pam_x.so\n',
  'optional -auth line first': '-auth optional pam_systemd_home.so\nauth required pam_unix.so\n',
  'no auth stack': 'account required pam_unix.so\nsession required pam_unix.so\n',
};

function runSh(fn: string, text: string): { status: number | null; stdout: string } {
  const file = join(dir, 'sshd');
  writeFileSync(file, text);
  const r = spawnSync('sh', ['-ec', `${pamShellFunctions()}\n${fn} "$1"`, 'sh', file], {
    encoding: 'utf8',
  });
  return { status: r.status, stdout: r.stdout };
}

describe('the PAM hook in sh equals the installer’s', () => {
  for (const [name, text] of Object.entries(CASES)) {
    it(name, () => {
      const has = runSh('pam_has_include', text);
      expect(has.status === 0, 'pam_has_include').toBe(hasPamInclude(text));

      const added = addPamInclude(text);
      const add = runSh('pam_add_include', text);
      if (added === undefined) {
        expect(add.status).toBe(3);
      } else {
        expect(add.status).toBe(0);
        // awk ends every line with a newline; these texts all do already.
        expect(hasPamInclude(text) ? text : add.stdout).toBe(added);
      }

      const remove = runSh('pam_remove_include', text);
      expect(remove.status).toBe(0);
      expect(remove.stdout).toBe(removePamInclude(text));
      if (added !== undefined) {
        expect(runSh('pam_remove_include', added).stdout).toBe(removePamInclude(added));
      }
    });
  }

  it('the maintainer scripts are valid sh (dash -n) and carry the same functions', () => {
    for (const [name, script] of Object.entries({
      postinst: vmLoginPostinst(),
      prerm: vmLoginPrerm(),
      postrm: vmLoginPostrm(),
    })) {
      const r = spawnSync('dash', ['-n'], { input: script, encoding: 'utf8' });
      expect(r.status, `${name}: ${r.stderr}`).toBe(0);
      expect(script, name).toContain(pamShellFunctions());
      expect(script.startsWith('#!/bin/sh\n'), name).toBe(true);
    }
    // Unhooking comes before dpkg removes anything (prerm), and again on purge (postrm).
    expect(vmLoginPrerm()).toMatch(/if \[ "\$1" = remove \]; then\n\tpam_unhook/);
    expect(vmLoginPostrm()).toMatch(/remove \| purge\)[\s\S]*pam_unhook/);
  });
});
