#!/usr/bin/env bash
# Installs the Debian packages the test suite needs (as root), once.
# Skips apt entirely when everything is already installed.
set -euo pipefail
PACKAGES=(
  openssh-server openssh-client pamtester   # real sshd + Linux-PAM logins (pam-verifier, proxmox SFTP)
  chromium                                  # real browser: the VM signing page (pam-verifier), the customer site (portal)
  openssl                                   # password hashes for the release image tests (openssl passwd -6)
  util-linux passwd coreutils               # unshare, useradd --prefix, stdbuf (sshd test sandbox)
  systemd                                   # systemd-analyze verify/security of the shipped units
  debootstrap systemd-container             # Debian 13 roots booted with real systemd (VMs, host install)
  wireguard-go wireguard-tools iproute2 iputils-ping  # real WireGuard tunnels in network namespaces
  xorriso                                   # the ISO step on a synthetic ISO
  lintian dpkg-dev fakeroot                 # building and checking the .deb packages
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "missing Debian packages: ${missing[*]} (run as root, or install them: apt-get install ${missing[*]})" >&2
  exit 2
fi
echo "installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
