import { parsePropertyString } from '@blockhost/proxmox/schema';
import { blobStore, guestFileBytes, runGuestCommand, storeGuestFile } from '../guest.js';
import { fail, paramError } from '../sim-error.js';
import type { SimVm } from '../state.js';
import { agentReady, parseNet } from './qemu.js';
import { bool, type HandlerCtx, type HandlerTable, int, str } from './types.js';

function readyVm({ sim, params }: HandlerCtx): SimVm {
  const vm = sim.vm(str(params.node)!, int(params.vmid)!);
  agentReady(sim, vm);
  return vm;
}

function interfaces(vm: SimVm) {
  const out: Array<Record<string, unknown>> = [
    {
      name: 'lo',
      'hardware-address': '00:00:00:00:00:00',
      'ip-addresses': [{ 'ip-address': '127.0.0.1', 'ip-address-type': 'ipv4', prefix: 8 }],
    },
  ];
  for (const [k, v] of Object.entries(vm.config)) {
    const m = /^net([0-9]+)$/.exec(k);
    if (!m) continue;
    const net = parseNet(v);
    const ipc = vm.config[`ipconfig${m[1]}`];
    const cfg = ipc
      ? parsePropertyString(ipc, {
          ip: { optional: true },
          ip6: { optional: true },
          gw: { optional: true },
          gw6: { optional: true },
        }).values
      : {};
    const addrs: Array<Record<string, unknown>> = [];
    for (const [key, type] of [
      ['ip', 'ipv4'],
      ['ip6', 'ipv6'],
    ] as const) {
      const cidr = cfg[key];
      if (!cidr?.includes('/')) continue;
      const [addr, prefix] = cidr.split('/');
      addrs.push({ 'ip-address': addr, 'ip-address-type': type, prefix: Number(prefix) });
    }
    out.push({
      name: `eth${m[1]}`,
      'hardware-address': (net.macaddr ?? '').toLowerCase(),
      'ip-addresses': addrs,
    });
  }
  return out;
}

export const agentHandlers: HandlerTable = {
  'POST /nodes/{node}/qemu/{vmid}/agent/ping': (ctx) => {
    readyVm(ctx);
    return { result: {} };
  },

  'POST /nodes/{node}/qemu/{vmid}/agent': (ctx) => {
    const vm = readyVm(ctx);
    const command = str(ctx.params.command);
    if (command === 'ping') return { result: {} };
    if (command === 'get-host-name') return { result: { 'host-name': vm.guest.hostname } };
    if (command === 'network-get-interfaces') return { result: interfaces(vm) };
    throw fail(`Agent error: command '${command}' is not simulated by blockhost-pve-sim`);
  },

  'GET /nodes/{node}/qemu/{vmid}/agent/get-host-name': (ctx) => ({
    result: { 'host-name': readyVm(ctx).guest.hostname },
  }),

  'GET /nodes/{node}/qemu/{vmid}/agent/network-get-interfaces': (ctx) => ({
    result: interfaces(readyVm(ctx)),
  }),

  'GET /nodes/{node}/qemu/{vmid}/agent/get-osinfo': (ctx) => {
    readyVm(ctx);
    return {
      result: {
        id: 'debian',
        name: 'Debian GNU/Linux',
        'pretty-name': 'Debian GNU/Linux 13 (trixie)',
        'version-id': '13',
        'kernel-release': '6.12.0-amd64',
        machine: 'x86_64',
      },
    };
  },

  'POST /nodes/{node}/qemu/{vmid}/agent/exec': (ctx) => {
    const vm = readyVm(ctx);
    const command = ctx.params.command;
    const argv = Array.isArray(command) ? command : [String(command)];
    if (argv.length === 0 || argv[0] === '')
      throw paramError({ command: 'command must not be empty' });
    const inputData = str(ctx.params['input-data']);
    const pid = vm.guest.nextPid++;
    const broken = vm.brokenPrograms?.[argv[0] ?? ''];
    const outcome = broken
      ? { exitcode: broken.exitcode, outData: '', errData: broken.stderr, simulated: true }
      : runGuestCommand(vm.guest, blobStore(ctx.sim.state), argv, inputData);
    vm.guest.execs.push({ pid, at: ctx.sim.now(), command: argv, inputData, ...outcome });
    ctx.sim.markDirty();
    return { pid };
  },

  'GET /nodes/{node}/qemu/{vmid}/agent/exec-status': (ctx) => {
    const vm = readyVm(ctx);
    const pid = int(ctx.params.pid)!;
    const rec = vm.guest.execs.find((e) => e.pid === pid);
    if (!rec) throw fail(`Agent error: Invalid parameter 'pid': no such process ${pid}`);
    return {
      exited: 1,
      exitcode: rec.exitcode,
      ...(rec.outData ? { 'out-data': rec.outData } : {}),
      ...(rec.errData ? { 'err-data': rec.errData } : {}),
    };
  },

  'POST /nodes/{node}/qemu/{vmid}/agent/file-write': (ctx) => {
    const vm = readyVm(ctx);
    const file = str(ctx.params.file)!;
    const content = str(ctx.params.content) ?? '';
    const encode = bool(ctx.params.encode) ?? true;
    let b64: string;
    if (encode) b64 = Buffer.from(content, 'utf8').toString('base64');
    else {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(content)) {
        throw fail("Agent error: Guest agent command failed, error was 'base64 decoding failed'");
      }
      b64 = content;
    }
    const prev = vm.guest.files[file];
    vm.guest.files[file] = storeGuestFile(blobStore(ctx.sim.state), Buffer.from(b64, 'base64'), {
      permissions: prev?.permissions,
      owner: prev?.owner,
    });
    vm.guest.fileWrites.push({ at: ctx.sim.now(), file, contentBase64: b64 });
    ctx.sim.markDirty();
    return null;
  },

  'GET /nodes/{node}/qemu/{vmid}/agent/file-read': (ctx) => {
    const vm = readyVm(ctx);
    const file = str(ctx.params.file)!;
    const f = vm.guest.files[file];
    if (!f) throw fail(`Agent error: Failed to open file '${file}': No such file or directory`);
    const bytes = guestFileBytes(blobStore(ctx.sim.state), f);
    const offset = int(ctx.params.offset) ?? 0;
    const count = int(ctx.params.count) ?? 16 * 1024 * 1024;
    const slice = bytes.subarray(offset, offset + count);
    const decode = bool(ctx.params.decode) ?? true;
    return {
      content: decode ? slice.toString('utf8') : slice.toString('base64'),
      ...(offset + count < bytes.length ? { truncated: 1 } : {}),
    };
  },
};
