/**
 * The VM template as a root: Debian 13 with what the Debian genericcloud
 * image brings that matters to a BlockHost VM's first boot — cloud-init (its
 * NoCloud source reads PVE's cidata drive), netplan rendering for
 * systemd-networkd with systemd-resolved (the trixie cloud images' network
 * stack), OpenSSH, the QEMU guest agent the daemon talks through, sudo,
 * CA certificates. Like a fresh image it has no SSH host keys, no machine id
 * and no apt package lists: cloud-init makes the keys, and its `packages`
 * step runs apt-get update itself. Node.js is deliberately absent: the
 * daemon's user-data installs Debian's `nodejs` at first boot.
 */
import type { RootRecipe } from '../roots/recipe.js';

export const VM_TEMPLATE_RECIPE: RootRecipe = {
  name: 'vm-template',
  suite: 'trixie',
  packages: [
    'systemd-sysv',
    'systemd-resolved',
    'dbus',
    'cloud-init',
    'netplan.io',
    'openssh-server',
    'qemu-guest-agent',
    'sudo',
    'ca-certificates',
    'iproute2',
    'iputils-ping',
    'procps',
    'less',
  ],
  setup: [
    '# What an image build removes: identity of the build, package lists',
    'rm -f /etc/ssh/ssh_host_*',
    'rm -f /var/lib/dbus/machine-id',
    'apt-get clean',
    'rm -rf /var/lib/apt/lists/*',
    '',
  ].join('\n'),
};
