import { BlockhostError, type BlockhostErrorOptions } from '@blockhost/core';

/** A step of building a root or running a container failed; `step` names it. */
export class ContainerKitError extends BlockhostError {
  readonly code = 'CONTAINER_KIT';
  readonly step: string;
  constructor(step: string, message: string, options: BlockhostErrorOptions = {}) {
    super(`${step}: ${message}`, options);
    this.step = step;
  }
}

/** The kit drives debootstrap, mount, ip and systemd-nspawn: it needs root. */
export function requireRoot(step: string): ContainerKitError | null {
  if (process.getuid?.() === 0) return null;
  return new ContainerKitError(step, 'needs root (debootstrap, mount, ip netns, systemd-nspawn)', {
    hint: 'run the tests as root, as .ci/run does',
  });
}
