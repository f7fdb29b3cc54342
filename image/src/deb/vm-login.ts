/**
 * `blockhost-vm-login`, for VM templates: the wallet login's programs and
 * system files, taken from `@blockhost/pam-verifier` — the same functions
 * that make the cloud-init recipe (`readHelperBundles`,
 * `vmLoginSystemFiles`), so the package and the daemon's user-data cannot
 * drift. Two places differ, by Debian policy: the signing service's unit goes
 * to /usr/lib/systemd/system (a package's units live there; the installer's
 * copy in /etc/systemd/system, when cloud-init writes one, still wins), and
 * the wallet group comes from a sysusers.d entry.
 *
 * The maintainer scripts wire PAM the way `blockhost-vm-login install` does
 * (the include line before `@include common-auth`, marked), in sh so they
 * also run while node is being removed, and safely:
 * - the include is added only when its snippet is there, and removed again
 *   when an operator deleted the snippet (a missing included file would break
 *   sshd's whole PAM stack);
 * - `sshd -t` after the change; on failure the previous /etc/pam.d/sshd comes
 *   back and the configure step fails, so nothing is left half-wired;
 * - an upgrade keeps the include (the snippet is a conffile and stays);
 *   a removal takes the include out in prerm, before dpkg deletes anything,
 *   and purge makes sure again — /etc/pam.d/sshd is as it was before.
 */
import {
  HELPER_CODE_CACHES,
  LIB_DIR,
  PAM_INCLUDE_MARKER,
  PAM_SNIPPET_NAME,
  PAM_SNIPPET_PATH,
  PAM_SSHD_PATH,
  readHelperBundles,
  SIGNER_UNIT_NAME,
  SIGNER_UNIT_PATH,
  VM_LOGIN_CONFIG_PATH,
  vmLoginSystemFiles,
  WALLET_GROUP,
} from '@blockhost/pam-verifier';
import { BuildError } from '../errors.js';
import { PackageTree } from './tree.js';

export const VM_LOGIN_PACKAGE = 'blockhost-vm-login';
export const PACKAGED_SIGNER_UNIT_PATH = `/usr/lib/systemd/system/${SIGNER_UNIT_NAME}`;
export const VM_LOGIN_SYSUSERS = `/usr/lib/sysusers.d/${VM_LOGIN_PACKAGE}.conf`;

/** The files of the package (without docs), from the helper bundles in `bundleDir`. */
export function vmLoginTree(bundleDir: string): PackageTree {
  const bundles = readHelperBundles(bundleDir);
  if (bundles.isErr())
    throw new BuildError('input', bundles.error.message, {
      hint: 'run `npm run build` first (the helpers are packages/pam-verifier/dist/bin)',
    });
  const tree = new PackageTree();
  for (const f of [...bundles.value, ...vmLoginSystemFiles()]) {
    const path = f.path === SIGNER_UNIT_PATH ? PACKAGED_SIGNER_UNIT_PATH : f.path;
    tree.file(path, f.content, f.mode);
  }
  tree.file(
    VM_LOGIN_SYSUSERS,
    `# The group whose members log in over SSH with their wallet (blockhost-vm-login).\ng ${WALLET_GROUP} -\n`,
  );
  return tree;
}

const INCLUDE_LINE = `@include ${PAM_SNIPPET_NAME}`;

/**
 * Shell functions shared by the maintainer scripts: the sh twins of
 * `hasPamInclude`, `addPamInclude` and `removePamInclude` (a test runs both
 * on the same texts).
 */
export function pamShellFunctions(): string {
  return `PAM_SSHD=${PAM_SSHD_PATH}
PAM_SNIPPET=${PAM_SNIPPET_PATH}
PAM_MARKER='${PAM_INCLUDE_MARKER}'
PAM_INCLUDE='${INCLUDE_LINE}'

# 0 when $1 has the include line (surrounding blanks allowed).
pam_has_include() {
	grep -q '^[[:space:]]*${INCLUDE_LINE}[[:space:]]*$' "$1"
}

# $1 with the marker and the include before the first "@include common-auth",
# else before the first auth line; exit 3 when it has no auth stack at all.
pam_add_include() {
	awk -v inc="$PAM_INCLUDE" -v marker="$PAM_MARKER" '
		{ line[NR] = $0 }
		END {
			at = 0
			for (i = 1; i <= NR; i++) if (line[i] ~ /^[[:space:]]*@include[[:space:]]+common-auth[[:space:]]*$/) { at = i; break }
			if (!at) for (i = 1; i <= NR; i++) if (line[i] ~ /^[[:space:]]*-?auth[[:space:]]/) { at = i; break }
			if (!at) exit 3
			for (i = 1; i <= NR; i++) { if (i == at) { print marker; print inc } print line[i] }
		}' "$1"
}

# $1 without the marker and the include line.
pam_remove_include() {
	awk -v inc="$PAM_INCLUDE" -v marker="$PAM_MARKER" '
		{ t = $0; gsub(/^[[:space:]]+|[[:space:]]+$/, "", t); if (t == inc || $0 == marker) next; print }' "$1"
}

# Replaces $PAM_SSHD by the text in file $1, atomically, keeping its mode.
pam_replace() {
	chmod 0644 "$1"
	mv -f "$1" "$PAM_SSHD"
}

pam_unhook() {
	[ -f "$PAM_SSHD" ] || return 0
	pam_has_include "$PAM_SSHD" || return 0
	pam_remove_include "$PAM_SSHD" >"$PAM_SSHD.blockhost-new"
	pam_replace "$PAM_SSHD.blockhost-new"
}
`;
}

export function vmLoginPostinst(): string {
  return `#!/bin/sh
# ${VM_LOGIN_PACKAGE} postinst: the wallet group, the run directory, and the
# include of the wallet lines in sshd's PAM stack (see the package's README).
set -e

${pamShellFunctions()}
pam_hook() {
	if [ ! -f "$PAM_SSHD" ]; then
		echo "${VM_LOGIN_PACKAGE}: $PAM_SSHD is missing (openssh-server not configured?): PAM not hooked" >&2
		return 0
	fi
	if [ ! -f "$PAM_SNIPPET" ]; then
		# An include of a missing file breaks every sshd login: never leave one.
		pam_unhook
		echo "${VM_LOGIN_PACKAGE}: $PAM_SNIPPET was removed: wallet login left unhooked" >&2
		return 0
	fi
	pam_has_include "$PAM_SSHD" && return 0
	cp -p "$PAM_SSHD" "$PAM_SSHD.blockhost-old"
	if ! pam_add_include "$PAM_SSHD" >"$PAM_SSHD.blockhost-new"; then
		rm -f "$PAM_SSHD.blockhost-new" "$PAM_SSHD.blockhost-old"
		echo "${VM_LOGIN_PACKAGE}: $PAM_SSHD has no auth stack to hook into: PAM not hooked" >&2
		return 0
	fi
	pam_replace "$PAM_SSHD.blockhost-new"
	if command -v sshd >/dev/null && ! sshd -t; then
		mv -f "$PAM_SSHD.blockhost-old" "$PAM_SSHD"
		echo "${VM_LOGIN_PACKAGE}: sshd -t failed: $PAM_SSHD restored" >&2
		return 1
	fi
	rm -f "$PAM_SSHD.blockhost-old"
}

case "$1" in
configure | abort-upgrade | abort-deconfigure | abort-remove)
	systemd-sysusers \${DPKG_ROOT:+--root="$DPKG_ROOT"} ${VM_LOGIN_PACKAGE}.conf
	systemd-tmpfiles \${DPKG_ROOT:+--root="$DPKG_ROOT"} --create blockhost-login.conf || true
	pam_hook
	if [ -z "\${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]; then
		systemctl --system daemon-reload >/dev/null || true
		# The sshd drop-in (keyboard-interactive for the wallet group) takes effect.
		deb-systemd-invoke reload ssh.service >/dev/null 2>&1 || true
		# The signing page needs this VM's config (cloud-init or the operator writes it,
		# then \`blockhost-vm-login install\` enables it); restart it if it runs.
		if [ -f ${VM_LOGIN_CONFIG_PATH} ]; then
			deb-systemd-helper enable ${SIGNER_UNIT_NAME} >/dev/null || true
			deb-systemd-invoke restart ${SIGNER_UNIT_NAME} >/dev/null || true
		fi
	fi
	;;
esac

exit 0
`;
}

export function vmLoginPrerm(): string {
  return `#!/bin/sh
# ${VM_LOGIN_PACKAGE} prerm: on removal, unhook PAM first (before dpkg deletes the
# helpers) and stop the signing page. An upgrade keeps everything wired.
set -e

${pamShellFunctions()}
if [ "$1" = remove ]; then
	pam_unhook
	if [ -z "\${DPKG_ROOT:-}" ] && [ -d /run/systemd/system ]; then
		deb-systemd-invoke stop ${SIGNER_UNIT_NAME} >/dev/null 2>&1 || true
	fi
fi

exit 0
`;
}

export function vmLoginPostrm(): string {
  const caches = HELPER_CODE_CACHES.map((c) => `"\${DPKG_ROOT:-}${LIB_DIR}/${c}"`).join(' ');
  return `#!/bin/sh
# ${VM_LOGIN_PACKAGE} postrm: the V8 code caches the helpers made (not dpkg's files)
# go on remove; on purge also the VM's login config and the installer's unit
# copy, and PAM is checked once more to carry no include. The group stays
# (files may still belong to it), as \`blockhost-vm-login uninstall\` leaves it.
set -e

${pamShellFunctions()}
case "$1" in
remove | purge)
	rm -f ${caches}
	pam_unhook
	if command -v deb-systemd-helper >/dev/null; then
		deb-systemd-helper disable ${SIGNER_UNIT_NAME} >/dev/null || true
	fi
	;;
esac
if [ "$1" = purge ]; then
	rm -f "\${DPKG_ROOT:-}${VM_LOGIN_CONFIG_PATH}" "\${DPKG_ROOT:-}${SIGNER_UNIT_PATH}"
	if command -v deb-systemd-helper >/dev/null; then
		deb-systemd-helper purge ${SIGNER_UNIT_NAME} >/dev/null || true
	fi
fi
if [ "$1" = remove ] || [ "$1" = purge ]; then
	if [ -d /run/systemd/system ]; then
		systemctl --system daemon-reload >/dev/null || true
		deb-systemd-invoke reload ssh.service >/dev/null 2>&1 || true
	fi
fi

exit 0
`;
}
