#!/bin/sh
# BlockHost first-boot hook (template; image/src/first-boot.ts fills in the @…@ values).
#
# Proxmox's automated installer copies this file to /var/lib/proxmox-first-boot/
# and proxmox-first-boot.service runs it once after the install, with the
# ordering as argument ("fully-up"). A failing run leaves the service's
# pending flag in place and runs again on the next boot, so every step here
# is safe to repeat after a partial run.
#
# The installer copies only this hook onto the new system. The packages stay
# on the install medium (/blockhost/packages on the ISO): the hook finds that
# medium among the ISO 9660 block devices, checks it is the one it was built
# with (the hash of its SHA256SUMS is below), and copies the packages to
# /var/lib/blockhost-install before installing them.
set -eu

BLOCKHOST_VERSION='@VERSION@'
TESTING='@TESTING@'
SUMS_SHA256='@SUMS_SHA256@'

# Test seam: every file path below lives under this prefix (a fake root in
# image/test); empty on a real host.
P="${BLOCKHOST_FIRSTBOOT_PREFIX:-}"
WAIT_SECONDS="${BLOCKHOST_FIRSTBOOT_WAIT:-120}"

STATE="$P/var/lib/blockhost-install"
MNT="$P/run/blockhost-install-medium"
ISSUE_DIR="$P/etc/issue.d"
STATUS_ISSUE="$ISSUE_DIR/blockhost-first-boot.issue"
WIZARD_ISSUE="$ISSUE_DIR/blockhost-wizard.issue"
SETUP_COMPLETE="$P/var/lib/blockhost/.setup-complete"
SSHD_DROPIN="$P/etc/ssh/sshd_config.d/50-blockhost-testing.conf"

log() { printf 'blockhost-first-boot: %s\n' "$*" >&2; }

# Redraws the login prompts so a changed /etc/issue.d shows at once.
refresh_console() { agetty --reload >/dev/null 2>&1 || true; }

# One line on the console's login prompt (replaced by the wizard's code later).
status() {
  mkdir -p "$ISSUE_DIR"
  printf '\nBlockHost %s: %s\n\n' "$BLOCKHOST_VERSION" "$1" >"$STATUS_ISSUE.tmp"
  mv -f "$STATUS_ISSUE.tmp" "$STATUS_ISSUE"
  refresh_console
}

reported=''
fail() {
  log "FAILED: $1"
  status "first-boot setup failed: $1. It runs again at the next boot (journalctl -u proxmox-first-boot)."
  reported=1
  exit 1
}

mounted=''
on_exit() {
  rc=$?
  if [ -n "$mounted" ]; then
    umount "$MNT" >/dev/null 2>&1 || true
    mounted=''
  fi
  rm -rf "$STATE/incoming"
  # A command that failed under `set -e` still leaves a word on the console.
  if [ "$rc" -ne 0 ] && [ -z "$reported" ]; then
    status "first-boot setup stopped (exit $rc). It runs again at the next boot (journalctl -u proxmox-first-boot)." || true
  fi
}
trap on_exit EXIT
trap 'exit 1' HUP INT TERM

hash_of() { sha256sum <"$1" | cut -d' ' -f1; }

# $1 holds SHA256SUMS (the one this hook was built with) and every file it lists.
staged_ok() {
  [ -f "$1/SHA256SUMS" ] && [ "$(hash_of "$1/SHA256SUMS")" = "$SUMS_SHA256" ] &&
    (cd "$1" && sha256sum --quiet --strict -c SHA256SUMS) >/dev/null 2>&1
}

unmount_medium() {
  if [ -n "$mounted" ]; then
    umount "$MNT" || log "could not unmount $MNT"
    mounted=''
  fi
}

stage_packages() {
  if staged_ok "$STATE/medium"; then
    log "packages already staged in $STATE/medium"
    return 0
  fi
  mkdir -p "$STATE" "$MNT"
  chmod 0700 "$STATE"
  for dev in $(blkid -c /dev/null -o device -t TYPE=iso9660 2>/dev/null || true); do
    if ! mount -o ro -t iso9660 "$dev" "$MNT" >/dev/null 2>&1; then
      log "$dev: cannot mount it, skipped"
      continue
    fi
    mounted=1
    if [ ! -f "$MNT/blockhost/SHA256SUMS" ] || [ "$(hash_of "$MNT/blockhost/SHA256SUMS")" != "$SUMS_SHA256" ]; then
      log "$dev: not the BlockHost medium this host was installed from, skipped"
      unmount_medium
      continue
    fi
    log "copying the packages from $dev"
    rm -rf "$STATE/incoming"
    mkdir -p "$STATE/incoming"
    cp -R "$MNT/blockhost/SHA256SUMS" "$MNT/blockhost/packages" "$STATE/incoming/" ||
      fail "cannot copy the packages from $dev to $STATE (disk full?)"
    unmount_medium
    if staged_ok "$STATE/incoming"; then
      rm -rf "$STATE/medium"
      mv "$STATE/incoming" "$STATE/medium"
      return 0
    fi
    log "$dev: the copied packages do not match SHA256SUMS (a damaged medium?)"
    rm -rf "$STATE/incoming"
  done
  fail "the BlockHost install medium was not found: plug in the USB stick (or attach the ISO) and reboot"
}

ensure_user() {
  if grep -q '^blockhost:' "$P/etc/passwd"; then
    return 0
  fi
  log "creating the system user blockhost"
  useradd ${P:+--prefix "$P"} --system --user-group --home-dir /var/lib/blockhost \
    --no-create-home --shell /usr/sbin/nologin --comment BlockHost blockhost ||
    fail "cannot create the system user blockhost"
}

install_packages() {
  set --
  for f in "$STATE/medium/packages/"*.deb; do
    [ -f "$f" ] && set -- "$@" "$f"
  done
  [ "$#" -gt 0 ] || fail "no packages in $STATE/medium/packages"
  # A run interrupted inside dpkg leaves packages half-configured; finish them first.
  dpkg --configure -a >/dev/null 2>&1 || log "dpkg --configure -a reported errors"
  # Without a subscription the enterprise repository refuses the update; the
  # Debian lists still arrive, and they are what nodejs comes from.
  apt-get update || log "apt-get update reported errors; continuing with the lists it fetched"
  log "installing nodejs and: $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends \
    -o DPkg::Lock::Timeout=600 nodejs "$@" ||
    fail "apt-get install of the BlockHost packages failed"
}

# Only on --testing ISOs: root logs in over SSH with the build's test key or
# the known password. A release ISO's hook leaves sshd as Proxmox set it.
testing_ssh() {
  [ "$TESTING" = 1 ] || return 0
  mkdir -p "$(dirname "$SSHD_DROPIN")"
  printf '%s\n' '# BlockHost --testing ISO: root SSH with the test key or the known password' \
    'PermitRootLogin yes' 'PasswordAuthentication yes' >"$SSHD_DROPIN"
  systemctl reload-or-restart ssh.service || log "could not reload ssh.service"
}

start_wizard() {
  if [ -e "$SETUP_COMPLETE" ]; then
    log "setup is already complete: the wizard is not started"
    rm -f "$STATUS_ISSUE"
    refresh_console
    return 0
  fi
  systemctl enable blockhost-wizard.service || fail "cannot enable blockhost-wizard.service"
  systemctl start blockhost-wizard.service ||
    fail "blockhost-wizard.service did not start (journalctl -u blockhost-wizard)"
  # The wizard writes its URL and one-time code to $WIZARD_ISSUE.
  waited=0
  while [ ! -s "$WIZARD_ISSUE" ] && [ "$waited" -lt "$WAIT_SECONDS" ]; do
    if systemctl is-failed --quiet blockhost-wizard.service; then
      fail "blockhost-wizard.service failed (journalctl -u blockhost-wizard)"
    fi
    sleep 1
    waited=$((waited + 1))
  done
  if [ -s "$WIZARD_ISSUE" ]; then
    rm -f "$STATUS_ISSUE"
    refresh_console
    log "the wizard's address and one-time code are on the console ($WIZARD_ISSUE)"
  else
    status "the setup wizard is running; its one-time code: journalctl -u blockhost-wizard"
    log "no $WIZARD_ISSUE after ${WAIT_SECONDS}s; the code is in: journalctl -u blockhost-wizard"
  fi
}

log "BlockHost $BLOCKHOST_VERSION first-boot setup (${1:-run by hand})"
status "first-boot setup is running: installing the BlockHost packages..."
stage_packages
ensure_user
install_packages
testing_ssh
start_wizard
log "done"
