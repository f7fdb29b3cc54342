/**
 * Schema migrations of the daemon's SQLite journal, applied in order inside
 * one transaction each. Never edit a shipped migration: append a new one.
 *
 * Chain values that are uint256 on chain (ids, prices) are stored as decimal
 * TEXT so nothing is truncated; they are sorted numerically in code.
 */
export const MIGRATIONS: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'initial',
    sql: `
CREATE TABLE chain_cursor (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  block_timestamp INTEGER NOT NULL,
  state TEXT NOT NULL DEFAULT '{}',
  updated_at INTEGER NOT NULL
);

CREATE TABLE events (
  key TEXT PRIMARY KEY,
  block_number INTEGER NOT NULL,
  block_hash TEXT NOT NULL,
  tx_hash TEXT NOT NULL,
  log_index INTEGER NOT NULL,
  contract TEXT NOT NULL,
  name TEXT NOT NULL,
  args TEXT NOT NULL,
  subscription_id TEXT,
  plan_id TEXT,
  token_id TEXT,
  removed INTEGER NOT NULL DEFAULT 0,
  seen_at INTEGER NOT NULL
);
CREATE INDEX events_by_subscription ON events (subscription_id) WHERE subscription_id IS NOT NULL;
CREATE INDEX events_by_plan ON events (plan_id) WHERE plan_id IS NOT NULL;
CREATE INDEX events_by_token ON events (token_id) WHERE token_id IS NOT NULL;
CREATE INDEX events_by_block ON events (block_number, log_index);

CREATE TABLE plans (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  price_cents TEXT NOT NULL,
  cores INTEGER NOT NULL,
  memory_mib INTEGER NOT NULL,
  disk_gib INTEGER NOT NULL,
  active INTEGER NOT NULL
);

CREATE TABLE subscriptions (
  id TEXT PRIMARY KEY,
  plan_id TEXT NOT NULL,
  subscriber TEXT NOT NULL,
  expires_at INTEGER NOT NULL,
  cancelled INTEGER NOT NULL,
  user_encrypted TEXT NOT NULL,
  created_block INTEGER NOT NULL,
  -- txHash:logIndex of SubscriptionCreated: which purchase this id names now.
  created_key TEXT NOT NULL
);

CREATE TABLE tokens (
  token_id TEXT PRIMARY KEY,
  owner TEXT NOT NULL,
  subscription_id TEXT UNIQUE
);

CREATE TABLE subscription_status (
  subscription_id TEXT PRIMARY KEY,
  key_error TEXT,
  -- An operator-supplied replacement for a bad userEncrypted (same format: ECIES to the
  -- server key), used by every later mint or re-provisioning.
  key_override TEXT,
  attention TEXT,
  attention_detail TEXT,
  updated_at INTEGER NOT NULL
);

CREATE TABLE vms (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id TEXT NOT NULL,
  -- The purchase (subscriptions.created_key) this VM was made for.
  subscription_key TEXT NOT NULL,
  generation INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('provisioning', 'running', 'suspended', 'destroyed', 'failed')),
  node TEXT,
  vmid INTEGER,
  name TEXT,
  ipv4 TEXT,
  ipv6 TEXT,
  suspended_at INTEGER,
  allowed_wallet TEXT,
  failure TEXT,
  hold INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (subscription_id, generation)
);

CREATE TABLE allocations (
  kind TEXT NOT NULL CHECK (kind IN ('vmid', 'ipv4', 'ipv6')),
  value TEXT NOT NULL,
  vm_id INTEGER NOT NULL REFERENCES vms (id),
  PRIMARY KEY (kind, value)
);
CREATE INDEX allocations_by_vm ON allocations (vm_id);

CREATE TABLE jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  subscription_id TEXT NOT NULL,
  vm_id INTEGER REFERENCES vms (id),
  kind TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('queued', 'running', 'done', 'failed', 'needs_operator', 'cancelled')),
  step TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  run_after INTEGER NOT NULL,
  payload TEXT NOT NULL,
  last_error TEXT,
  node TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  finished_at INTEGER
);
-- One job per subscription at a time: the database refuses a second one. A job
-- waiting for an operator still holds its subscription, so nothing races it.
CREATE UNIQUE INDEX jobs_one_active_per_subscription ON jobs (subscription_id)
  WHERE state IN ('queued', 'running', 'needs_operator');
CREATE INDEX jobs_by_state ON jobs (state, run_after);

-- Which process runs jobs (the daemon, or a CLI when the daemon is down).
CREATE TABLE runner_lease (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  owner TEXT NOT NULL,
  pid INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
`,
  },
  {
    version: 2,
    name: 'recovery',
    sql: `
-- When a record was adopted from the Proxmox cluster (the journal had lost it), else NULL.
ALTER TABLE vms ADD COLUMN adopted_at INTEGER;

-- What the last recovery could not settle (a second VM of one subscription, an address two
-- VMs are configured with): for the operator, replaced on every recovery.
CREATE TABLE recovery_issues (
  subscription_id TEXT NOT NULL,
  vmid INTEGER NOT NULL,
  reason TEXT NOT NULL,
  detail TEXT NOT NULL,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, vmid)
);
`,
  },
  {
    version: 3,
    name: 'refusals',
    sql: `
-- Decisions refused because an input could not be trusted (an owner change or a destroy a quorum
-- of RPCs did not confirm): for the operator (\`blockhost doctor\`), newest kept.
CREATE TABLE refusals (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  reason TEXT NOT NULL,
  subscription_id TEXT,
  detail TEXT NOT NULL
);
`,
  },
  {
    version: 4,
    name: 'ipv6-broker',
    sql: `
-- The IPv6 broker client (ipv6/broker-client.ts): one row, the current request and its answer.
CREATE TABLE ipv6_broker (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  state TEXT NOT NULL CHECK (state IN ('requesting', 'waiting', 'answered', 'failed')),
  -- Why it is in that state, or a notice while in it (a stable code: answer-undecryptable, …).
  reason TEXT,
  message TEXT,
  -- What the request was made for: a config change makes a new request.
  registry TEXT NOT NULL,
  requests TEXT NOT NULL,
  wg_public_key TEXT NOT NULL,
  -- Requests sent for this row (the first and the repeats after a deadline).
  attempts INTEGER NOT NULL DEFAULT 0,
  -- The encrypted payload of the current request, kept to find it again after a crash.
  payload TEXT,
  prepared_block INTEGER,
  request_id TEXT,
  request_block INTEGER,
  request_tx TEXT,
  -- Unix ms: the deadline of the current request counts from here, across restarts.
  requested_at INTEGER,
  -- The last block read for answers.
  scanned_to INTEGER,
  -- The accepted answer (JSON), its transaction and when.
  answer TEXT,
  answer_tx TEXT,
  answered_at INTEGER,
  updated_at INTEGER NOT NULL
);

-- What happened, for \`blockhost ipv6 status\` (the newest rows are kept).
CREATE TABLE ipv6_broker_log (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  at INTEGER NOT NULL,
  state TEXT NOT NULL,
  reason TEXT,
  message TEXT NOT NULL
);
`,
  },
  {
    version: 5,
    name: 'scan-window',
    sql: `
-- The scanner's reorg window, one row per remembered block: a commit writes the blocks it adds
-- and deletes those it drops, where the cursor's state used to carry the whole window (the logs
-- of up to 256 blocks, megabytes on a busy contract) and was rewritten on every commit.
-- \`sig\` tells an unchanged block from a rewritten one without reading \`block\` (JSON).
CREATE TABLE scan_window (
  number INTEGER PRIMARY KEY,
  sig TEXT NOT NULL,
  block TEXT NOT NULL
);
-- Move a window kept in the cursor's state; an empty sig makes the next commit rewrite the row.
INSERT INTO scan_window (number, sig, block)
  SELECT CAST(json_extract(b.value, '$.number') AS INTEGER), '', b.value
  FROM chain_cursor, json_each(chain_cursor.state, '$.blocks') AS b
  WHERE json_valid(chain_cursor.state);
UPDATE chain_cursor SET state = json_remove(state, '$.blocks')
  WHERE json_valid(state) AND json_type(state, '$.blocks') IS NOT NULL;
`,
  },
];
