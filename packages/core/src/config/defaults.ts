/**
 * Every default of the three config files, in one place. The schemas read
 * them from here and `blockhost config show` prints the merged result.
 */
export const DEFAULTS = {
  db: {
    database_path: '/var/lib/blockhost/blockhost.db',
    vmid_range: { start: 10000, end: 19999 },
    ipv4_dns: ['1.1.1.1', '9.9.9.9'],
    ipv6_mode: 'off',
    ipv6_broker: {
      answer_timeout_s: 900,
      max_requests: 3,
      handshake_timeout_s: 180,
      interface: 'wg-broker',
      table: 51820,
    },
    grace_days: 7,
    suspend_mode: 'shutdown',
    reprovision_after_destroy: true,
  },
  web3: {
    deploy_block: 0,
    poll_interval_ms: 2000,
    max_log_range: 2000,
    use_finalized: false,
  },
  blockhost: {
    server_key_file: '/etc/blockhost/server.key',
    token_file: '/etc/blockhost/pve-token',
    snippets_storage: 'local',
    snippets_dir: '/var/lib/vz/snippets',
    bridge: 'vmbr0',
    pool: 'blockhost',
    placement: 'most-free-memory',
    max_parallel_provisions: 2,
    clones_per_storage: 1,
    http_listen: '127.0.0.1:9107',
    vm_user: 'user',
    vm_ssh_port: 22,
    vm_signing_port: 8443,
    vm_login_bundle_dir: '/usr/lib/blockhost/vm-login',
    agent_timeout_s: 300,
    reconcile_interval_ms: 15_000,
    max_concurrent_jobs: 8,
    max_attempts: 8,
    retry_base_ms: 2_000,
    retry_max_ms: 300_000,
    max_cursor_lag_blocks: 50,
    sweep_interval_ms: 600_000,
  },
} as const;

/** Grace period bounds in days (lifecycle.md). */
export const GRACE_DAYS_MIN = 1;
export const GRACE_DAYS_MAX = 90;

/**
 * Confirmations before an event counts, per chain id (chain.md): mainnet 12,
 * Sepolia 5, a local anvil 0, anything else 10.
 */
export function defaultConfirmations(chainId: number): number {
  switch (chainId) {
    case 1:
      return 12;
    case 11155111:
      return 5;
    case 31337:
      return 0;
    default:
      return 10;
  }
}

/**
 * Tolerance between chain time and the host clock (seconds) unless configured:
 * 15 minutes, or none on a local dev chain (anvil, 31337), where tests and
 * demos move time forward on purpose.
 */
export function defaultMaxClockSkewSeconds(chainId: number): number | null {
  return chainId === 31337 ? null : 900;
}
