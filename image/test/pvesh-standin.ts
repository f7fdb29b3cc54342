/**
 * A `pvesh` for the test container, answering from the Proxmox simulator:
 * the wizard's root `prepare` step asks `pvesh get <path> --output-format
 * json` for nodes, storages and VMs, and this program asks the simulator's
 * API the same (root's bootstrap token, the simulator's certificate pinned by
 * fingerprint). It is the simulator's own data: the one stand-in of these
 * tests stays the simulator.
 */
export const PVESH_PATH = '/usr/local/bin/pvesh';
export const PVESH_SIM_CONFIG = '/etc/blockhost-test/pve-sim.json';

export function pveshStandIn(): string {
  return `#!/usr/bin/node
'use strict';
// Test stand-in for pvesh: pvesh get <path> [--type T] --output-format json, from the PVE simulator.
const https = require('node:https');
const fs = require('node:fs');
const sim = JSON.parse(fs.readFileSync(${JSON.stringify(PVESH_SIM_CONFIG)}, 'utf8'));
const args = process.argv.slice(2);
if (args[0] !== 'get' || !args[1]) { process.stderr.write('pvesh stand-in: only "get <path>"\\n'); process.exit(2); }
const query = new URLSearchParams();
for (let i = 2; i < args.length; i++) {
  if (args[i] === '--output-format') { i++; continue; }
  if (args[i].startsWith('--')) { query.set(args[i].slice(2), args[i + 1]); i++; }
}
const q = query.toString();
const req = https.request(sim.url + '/api2/json' + args[1] + (q ? '?' + q : ''), {
  headers: { Authorization: 'PVEAPIToken=' + sim.tokenId + '=' + sim.secret },
  rejectUnauthorized: false,
}, (res) => {
  if (res.socket.getPeerCertificate().fingerprint256 !== sim.fingerprint) { process.stderr.write('pvesh stand-in: certificate mismatch\\n'); process.exit(1); }
  let body = '';
  res.setEncoding('utf8').on('data', (d) => { body += d; }).on('end', () => {
    if (res.statusCode !== 200) { process.stderr.write(body + '\\n'); process.exit(1); }
    process.stdout.write(JSON.stringify(JSON.parse(body).data) + '\\n');
  });
});
req.on('error', (e) => { process.stderr.write('pvesh stand-in: ' + e.message + '\\n'); process.exit(1); });
req.end();
`;
}
