import type { HostConfig } from '../config/load.js';
import type { DaemonPorts } from '../engine.js';
import type { Logger } from '../log.js';

/** Proxmox and cloud-init wiring from the config. (Filled in with @blockhost/proxmox.) */
export function createDefaultPorts(_config: HostConfig, _log: Logger): DaemonPorts {
  throw new Error('Proxmox wiring is not built yet');
}
