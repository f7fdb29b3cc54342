/** The pages of the wizard: login, the five steps, the summary, progress, complete. */
import { formatEther } from 'viem';
import { FINALIZE_STEPS, type FinalizeState } from '../finalize/state.js';
import type { MachineFacts } from '../machine/types.js';
import type { Settings } from '../settings.js';
import { esc, field, page } from './html.js';
import { type Errors, type Raw, STEP_IDS, STEP_TITLES, type StepId } from './steps.js';

const csrfInput = (t: string) => `<input type="hidden" name="_csrf" value="${esc(t)}">`;

export function nav(current: StepId | 'summary', done: ReadonlySet<string>): string {
  const items = [...STEP_IDS, 'summary' as const].map((id, i) => {
    const title = id === 'summary' ? 'Summary' : STEP_TITLES[id];
    const here = id === current;
    const reachable =
      here || done.has(id) || id === STEP_IDS[0] || done.has([...STEP_IDS, 'summary'][i - 1]!);
    const label = `<span class="num">${i + 1}</span> ${esc(title)}${done.has(id) && !here ? ' <span class="sr-only">(done)</span>' : ''}`;
    return `<li class="${here ? 'here' : done.has(id) ? 'done' : ''}">${
      reachable && !here
        ? `<a href="${id === 'summary' ? '/summary' : `/step/${id}`}">${label}</a>`
        : `<span${here ? ' aria-current="step"' : ''}>${label}</span>`
    }</li>`;
  });
  return `<nav aria-label="Setup steps"><ol class="steps">${items.join('')}</ol></nav>`;
}

export function loginPage(csrf: string, error?: string): string {
  return page({
    title: 'Enter the one-time code',
    body: `<p>The code is on this machine's console (and in <code>journalctl -u blockhost-wizard</code>). It is valid for 4 hours and opens one session.</p>
<form method="post" action="/login" class="card">
${csrfInput(csrf)}
${field({ name: 'code', label: 'One-time code', error, autocomplete: 'off', help: '8 characters, e.g. ABCD-EFGH; letters are not case-sensitive', required: true })}
<div class="actions"><button type="submit">Continue</button></div>
</form>`,
  });
}

export function messagePage(title: string, text: string, status = ''): string {
  return page({ title, body: `<div class="card ${status}"><p>${esc(text)}</p></div>` });
}

type Ctx = {
  csrf: string;
  raw: Raw;
  errors: Errors;
  notes: Record<string, string>;
  facts: MachineFacts;
  done: ReadonlySet<string>;
};

function form(step: StepId, c: Ctx, intro: string, fields: string): string {
  const n = Object.keys(c.errors).length;
  return page({
    title: STEP_TITLES[step],
    nav: nav(step, c.done),
    body: `${n ? `<div class="card bad" role="alert"><p>${n === 1 ? 'One field needs' : `${n} fields need`} attention: nothing was saved.</p></div>` : ''}
<p class="intro">${intro}</p>
<form method="post" action="/step/${step}" class="card" novalidate>
${csrfInput(c.csrf)}
${fields}
<div class="actions">${step !== STEP_IDS[0] ? `<a class="button secondary" href="/step/${STEP_IDS[STEP_IDS.indexOf(step) - 1]}">Back</a>` : ''}<button type="submit">Check and continue</button></div>
</form>`,
  });
}

const f = (c: Ctx, name: string, label: string, extra: Partial<Parameters<typeof field>[0]> = {}) =>
  field({ name, label, value: c.raw[name], error: c.errors[name], note: c.notes[name], ...extra });

export function networkPage(c: Ctx): string {
  const bridges = c.facts.bridges.map((b) => ({
    value: b.name,
    label: b.address ? `${b.name} (${b.address})` : b.name,
  }));
  return form(
    'network',
    c,
    'The VMs get their IPv4 addresses from a pool on the bridge they are attached to.',
    `${f(c, 'bridge', 'Bridge', { type: 'select', options: bridges })}
${f(c, 'cidr', 'IPv4 subnet', { help: "CIDR of the bridge's network, e.g. 192.168.1.0/24" })}
${f(c, 'gateway', 'Gateway', { help: "The VMs' default route; inside the subnet" })}
<div class="row">${f(c, 'range_start', 'Pool: first address')}${f(c, 'range_end', 'Pool: last address')}</div>
${f(c, 'dns', 'DNS servers', { help: 'IPv4 addresses, separated by commas' })}`,
  );
}

export function storagePage(c: Ctx): string {
  const opts = (content: string) =>
    c.facts.storages
      .filter((s) => s.content.includes(content))
      .map((s) => ({ value: s.id, label: `${s.id} (${s.type})` }));
  return form(
    'storage',
    c,
    "Where the VMs' disks, their cloud-init snippets and the downloaded cloud image go.",
    `${f(c, 'vm_storage', 'VM disks', { type: 'select', options: opts('images') })}
${f(c, 'snippets_storage', 'Cloud-init snippets', { type: 'select', options: opts('snippets') })}
${f(c, 'import_storage', 'Image downloads', { type: 'select', options: opts('import'), help: "A storage with import content; the template's cloud image is downloaded there" })}`,
  );
}

export function blockchainPage(c: Ctx, keyAddress: string | undefined): string {
  return form(
    'blockchain',
    c,
    'The chain the host sells on, the contracts, and the first plan customers can buy.',
    `<fieldset><legend>Chain</legend>
${f(c, 'chain_id', 'Chain id', { inputmode: 'numeric', help: 'e.g. 1 (Ethereum), 11155111 (Sepolia), 8453 (Base)' })}
${f(c, 'rpc_urls', 'RPC URLs', { type: 'textarea', help: 'One per line; later ones are fallbacks. Checked now: the chain id and head block.' })}
</fieldset>
<fieldset><legend>Contracts</legend>
${f(c, 'mode', 'Contracts', {
  type: 'radio',
  options: [
    { value: 'new', label: 'Deploy new contracts' },
    { value: 'existing', label: 'Use existing contracts' },
  ],
})}
<div data-show-when="mode=existing">
${f(c, 'subscriptions', 'Subscriptions contract (existing)')}
${f(c, 'nft', 'Access NFT contract (existing)')}
</div>
${f(c, 'deployer_key', 'Deployer private key', {
  type: 'password',
  autocomplete: 'off',
  help: keyAddress
    ? `A key is stored on the server for ${keyAddress}; leave empty to keep it.`
    : 'Pays for the deployment and funds the server key. Kept on the server only, never shown again, deleted when setup completes.',
})}
${f(c, 'admin', 'Admin wallet (optional)', { help: 'Holds the admin role (payment tokens, withdrawals); default: the deployer' })}
${f(c, 'server_funding', 'Fund the server key with', { help: 'Native coin sent from the deployer to the generated server key for gas (minting NFTs)', inputmode: 'decimal' })}
${f(c, 'payment_tokens', 'Accepted payment tokens', { type: 'textarea', help: 'ERC-20 USD stablecoin addresses, one per line' })}
</fieldset>
<fieldset><legend>First plan</legend>
${f(c, 'plan_name', 'Name')}
${f(c, 'plan_price', 'Price per day (USD)', { inputmode: 'decimal' })}
<div class="row">${f(c, 'plan_cores', 'Cores', { inputmode: 'numeric' })}${f(c, 'plan_memory', 'Memory (MiB)', { inputmode: 'numeric' })}${f(c, 'plan_disk', 'Disk (GiB)', { inputmode: 'numeric' })}</div>
</fieldset>
${f(c, 'grace_days', 'Grace period (days)', { inputmode: 'numeric', help: 'How long an expired VM is kept suspended before it is destroyed (1–90)' })}`,
  );
}

export function proxmoxPage(c: Ctx): string {
  const nodes = c.facts.nodes.map((n) => ({
    value: n,
    label: n === c.facts.nodeName ? `${n} (this node)` : n,
  }));
  const templates = c.facts.vms
    .filter((v) => v.template)
    .map((v) => ({ value: String(v.vmid), label: `${v.vmid} ${v.name ?? ''} on ${v.node}` }));
  return form(
    'proxmox',
    c,
    'How BlockHost reaches Proxmox: a token with only the privileges it needs, scoped to its own resource pool, and the VM template.',
    `${f(c, 'api_url', 'Proxmox API URL')}
${f(c, 'fingerprint', 'TLS certificate fingerprint', { help: "SHA-256, pinned (detected from this node's certificate)" })}
${f(c, 'nodes', 'Nodes for VMs', { type: 'checkboxes', options: nodes })}
<fieldset><legend>The token to create</legend>
<div class="row">${f(c, 'userid', 'User')}${f(c, 'token_name', 'Token name')}</div>
<div class="row">${f(c, 'role', 'Role')}${f(c, 'pool', 'Resource pool')}</div>
</fieldset>
<fieldset><legend>VM template</legend>
${f(c, 'template_mode', 'Template', {
  type: 'radio',
  options: [
    { value: 'build', label: 'Build from a cloud image' },
    {
      value: 'existing',
      label: 'Use an existing template',
      disabled: templates.length === 0,
      note: templates.length ? undefined : '(none on this cluster)',
    },
  ],
})}
<div data-show-when="template_mode=build">
${f(c, 'template_vmid', 'Template VMID', { inputmode: 'numeric' })}
${f(c, 'image_url', 'Cloud image URL', { help: 'Checked now: it must answer' })}
${f(c, 'checksum', 'Checksum (optional)', { help: "sha512:<hex> or sha256:<hex>, from the image's SHA512SUMS" })}
</div>
${templates.length ? `<div data-show-when="template_mode=existing">${f(c, 'existing_template', 'Existing template', { type: 'select', options: templates })}</div>` : ''}
</fieldset>`,
  );
}

export function ipv6Page(c: Ctx): string {
  return form(
    'ipv6',
    c,
    'Optional: public IPv6 addresses for the VMs, from a routed prefix or a tunnel broker.',
    `${f(c, 'mode', 'IPv6 for VMs', {
      type: 'radio',
      options: [
        { value: 'off', label: 'None' },
        { value: 'manual', label: 'A routed prefix I have' },
        { value: 'broker', label: 'From a tunnel broker (WireGuard)' },
      ],
    })}
<div data-show-when="mode=manual">${f(c, 'prefix', 'Routed prefix', { help: 'e.g. 2001:db8:42::/120, routed to this host' })}</div>
<div data-show-when="mode=broker">${f(c, 'registry', 'Broker registry contract', { help: 'the broker publishes this address; it holds the broker’s key' })}${f(c, 'requests', 'Broker requests contract', { help: 'where the host submits its request for a prefix' })}</div>`,
  );
}

const row = (k: string, v: string) => `<tr><th scope="row">${esc(k)}</th><td>${esc(v)}</td></tr>`;

export function summaryPage(
  s: Partial<Settings>,
  csrf: string,
  done: ReadonlySet<string>,
  missing: StepId[],
): string {
  const parts: string[] = [];
  if (s.network)
    parts.push(
      `<h2>Network</h2><table>${row('Bridge', s.network.bridge)}${row('Subnet', s.network.cidr)}${row('Gateway', s.network.gateway)}${row('Pool', `${s.network.rangeStart} – ${s.network.rangeEnd}`)}${row('DNS', s.network.dns.join(', '))}</table>`,
    );
  if (s.storage)
    parts.push(
      `<h2>Storage</h2><table>${row('VM disks', s.storage.vmStorage)}${row('Snippets', `${s.storage.snippetsStorage} (${s.storage.snippetsDir})`)}${row('Image downloads', s.storage.importStorage)}</table>`,
    );
  if (s.chain) {
    const c = s.chain;
    parts.push(
      `<h2>Blockchain</h2><table>${row('Chain', String(c.chainId))}${row('RPC', c.rpcUrls.join(', '))}${row('Contracts', c.mode === 'new' ? 'deploy new' : `existing ${c.subscriptions}, ${c.nft}`)}${row('Deployer', c.deployer)}${row('Admin', c.admin)}${row('Server key funding', `${formatEther(BigInt(c.serverFundingWei))}`)}${row('Payment tokens', c.paymentTokens.join(', ') || 'none')}${row('First plan', `${c.plan.name}: $${(Number(c.plan.priceCents) / 100).toFixed(2)}/day, ${c.plan.cores} ${c.plan.cores === 1 ? 'core' : 'cores'}, ${c.plan.memoryMiB} MiB, ${c.plan.diskGiB} GiB`)}${row('Grace period', `${c.graceDays} days`)}</table>`,
    );
  }
  if (s.proxmox) {
    const p = s.proxmox;
    parts.push(
      `<h2>Proxmox</h2><table>${row('API', p.apiUrl)}${row('Nodes', p.nodes.join(', '))}${row('Token', `${p.userid}!${p.tokenName} (role ${p.roleId}, pool ${p.pool})`)}${row('Template', p.template.mode === 'build' ? `build VMID ${p.template.vmid} from ${p.template.imageUrl}` : `existing VMID ${p.template.vmid}`)}</table>`,
    );
  }
  if (s.ipv6)
    parts.push(
      `<h2>IPv6</h2><table>${row('Mode', s.ipv6.mode === 'manual' ? `routed prefix ${s.ipv6.prefix}` : s.ipv6.mode === 'broker' ? `tunnel broker (registry ${s.ipv6.broker?.registry}, requests ${s.ipv6.broker?.requests})` : 'none')}</table>`,
    );
  return page({
    title: 'Summary',
    nav: nav('summary', done),
    body: `<div class="card summary">${parts.join('')}</div>
${missing.length ? `<div class="card bad" role="alert"><p>Still to do: ${missing.map((m) => `<a href="/step/${m}">${esc(STEP_TITLES[m])}</a>`).join(', ')}</p></div>` : `<form method="post" action="/finalize" class="card">${csrfInput(csrf)}<p>Setup deploys the contracts, creates the Proxmox token, writes the config files, builds the template, enables the services and reboots. Each step can be continued if it stops.</p><div class="actions"><button type="submit">Set up this host</button></div></form>`}`,
  });
}

export function progressPage(state: FinalizeState | null, csrf: string, canRetry: boolean): string {
  const steps = FINALIZE_STEPS.map((st) => {
    const x = state?.steps[st.id] ?? { status: 'pending' as const };
    const word = { pending: 'waiting', running: 'running', done: 'done', failed: 'failed' }[
      x.status
    ];
    return `<li class="st ${x.status}" data-step="${st.id}"><span class="badge">${word}</span> <span class="t">${esc(st.title)}</span>${x.detail ? `<div class="detail">${esc(x.detail)}</div>` : ''}${x.error ? `<div class="error">${esc(x.error)}</div>` : ''}</li>`;
  }).join('');
  const finished = Boolean(state?.finished);
  const failed = FINALIZE_STEPS.some((st) => state?.steps[st.id].status === 'failed');
  return page({
    title: finished ? 'Setup complete' : failed ? 'Setup stopped' : 'Setting up',
    refresh: finished || failed ? undefined : 2,
    body: `<div id="progress" data-live="${finished || failed ? 'no' : 'yes'}">
<p class="intro" role="status">${finished ? 'This host is set up. It reboots now; afterwards the monitor service watches the chain and the wizard is off.' : failed ? 'A step failed. Fix the cause, then continue: finished steps are not repeated.' : 'Working… this page updates by itself.'}</p>
<ol class="progress card">${steps}</ol>
${failed && canRetry ? `<form method="post" action="/finalize" class="card">${csrfInput(csrf)}<div class="actions"><a class="button secondary" href="/step/blockchain">Enter the deployer key again</a><button type="submit">Continue setup</button></div></form>` : ''}
</div>`,
  });
}
