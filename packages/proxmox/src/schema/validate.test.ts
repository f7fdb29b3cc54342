import { describe, expect, it } from 'vitest';
import { parsePropertyString } from './property-string.js';
import { matchPath, pveSchema } from './schema.js';
import type { MethodDef } from './types.js';
import { paramDefFor, validateParams } from './validate.js';

const method = (verb: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string): MethodDef =>
  pveSchema().paths[path]![verb]!;
const config = method('PUT', '/nodes/{node}/qemu/{vmid}/config');
const base = { node: 'pve1', vmid: '100' };

describe('request validation against the PVE schema', () => {
  it('accepts a valid update and coerces form strings to the schema types', () => {
    const r = validateParams(config, {
      ...base,
      cores: '4',
      onboot: '1',
      memory: '2048',
      net0: 'virtio,bridge=vmbr0',
    });
    expect(r.errors).toEqual({});
    expect(r.params).toMatchObject({ vmid: 100, cores: 4, onboot: true, memory: '2048' });
  });

  it('names an unknown parameter like PVE does', () => {
    const r = validateParams(config, { ...base, coers: '4' });
    expect(r.errors).toEqual({
      coers:
        'property is not defined in schema and the schema does not allow additional properties',
    });
  });

  it('reports ill-typed values, enums, ranges and missing parameters', () => {
    expect(validateParams(config, { ...base, cores: 'many' }).errors.cores).toBe(
      "type check ('integer') failed - got 'many'",
    );
    expect(validateParams(config, { ...base, cores: '0' }).errors.cores).toBe(
      'value must have a minimum value of 1',
    );
    expect(validateParams(config, { ...base, scsihw: 'fast' }).errors.scsihw).toMatch(
      /does not have a value in the enumeration/,
    );
    expect(validateParams(config, { ...base, onboot: 'perhaps' }).errors.onboot).toMatch(
      /type check \('boolean'\)/,
    );
    expect(validateParams(config, { node: 'pve1' }).errors.vmid).toBe(
      'property is missing and it is not optional',
    );
    expect(validateParams(config, { ...base, vmid: '99' }).errors.vmid).toBe(
      'value must have a minimum value of 100',
    );
  });

  it('maps net0 … net31 to net[n] and refuses indexes outside the range', () => {
    expect(paramDefFor(config, 'net31')).toBeDefined();
    expect(paramDefFor(config, 'net32')).toBeUndefined();
    expect(paramDefFor(config, 'scsi30')).toBeDefined();
    expect(paramDefFor(config, 'scsi31')).toBeUndefined();
    expect(paramDefFor(config, 'net01')).toBeUndefined();
  });

  it('checks property strings key by key', () => {
    expect(validateParams(config, { ...base, net0: 'virtio,brige=vmbr0' }).errors.net0).toMatch(
      /brige: property is not defined/,
    );
    expect(
      validateParams(config, { ...base, net0: 'virtio=01:00:00:00:00:01' }).errors.net0,
    ).toMatch(/unicast MAC/);
    expect(
      validateParams(config, {
        ...base,
        ipconfig0: 'ip=10.0.0.5/24,gw=10.0.0.1,ip6=2001:db8::5/64',
      }).errors,
    ).toEqual({});
    expect(
      validateParams(config, { ...base, ipconfig0: 'ip=10.0.0.5,gw=10.0.0.1' }).errors.ipconfig0,
    ).toMatch(/ip: value does not look like a valid IPv4 CIDR/);
    expect(
      validateParams(config, { ...base, ipconfig0: 'address=10.0.0.5/24' }).errors.ipconfig0,
    ).toMatch(/address: property is not defined/);
    expect(
      validateParams(config, { ...base, cicustom: 'user=local:snippets/a.yaml' }).errors,
    ).toEqual({});
    expect(
      validateParams(config, { ...base, cicustom: 'users=local:snippets/a.yaml' }).errors.cicustom,
    ).toMatch(/users: property/);
    expect(
      validateParams(config, { ...base, scsi0: 'local-lvm:32,iothread=1,ssd=1' }).errors,
    ).toEqual({});
    expect(
      validateParams(config, { ...base, scsi0: 'local-lvm:32,iothreads=1' }).errors.scsi0,
    ).toMatch(/iothreads/);
  });

  it('checks named formats: tags, node names, addresses', () => {
    expect(validateParams(config, { ...base, tags: 'blockhost;sub-1' }).errors).toEqual({});
    expect(validateParams(config, { ...base, tags: 'bad tag!' }).errors.tags).toMatch(
      /invalid tag/,
    );
    expect(validateParams(config, { node: 'pve_1', vmid: '100' }).errors.node).toMatch(
      /valid node name/,
    );
    expect(
      validateParams(config, { ...base, nameserver: '1.1.1.1 2606:4700::1111' }).errors,
    ).toEqual({});
    expect(
      validateParams(config, { ...base, nameserver: 'dns.example' }).errors.nameserver,
    ).toMatch(/valid IP/);
  });

  it('takes arrays for array parameters (agent exec command)', () => {
    const exec = method('POST', '/nodes/{node}/qemu/{vmid}/agent/exec');
    const r = validateParams(exec, { ...base, command: ['usermod', '-c', 'x', 'user'] });
    expect(r.errors).toEqual({});
    expect(r.params.command).toEqual(['usermod', '-c', 'x', 'user']);
  });

  it('routes concrete paths to schema paths, literals before parameters', () => {
    const m = matchPath(pveSchema(), '/nodes/pve1/qemu/101/status/current');
    expect(m?.template).toBe('/nodes/{node}/qemu/{vmid}/status/current');
    expect(m?.pathParams).toEqual({ node: 'pve1', vmid: '101' });
    const t = matchPath(
      pveSchema(),
      `/nodes/pve1/tasks/${encodeURIComponent('UPID:pve1:1:2:3:qmstart:101:root@pam:')}/status`,
    );
    expect(t?.pathParams.upid).toBe('UPID:pve1:1:2:3:qmstart:101:root@pam:');
    expect(matchPath(pveSchema(), '/nodes/pve1/qemu/101/nonsense')).toBeNull();
  });

  it('parses keyAlias shorthands of property strings', () => {
    const net = config.params['net[n]']!.format as Record<string, never>;
    const p = parsePropertyString('virtio=BC:24:11:00:00:01,bridge=vmbr0,firewall=1', net);
    expect(p.errors).toEqual([]);
    expect(p.values).toEqual({
      model: 'virtio',
      macaddr: 'BC:24:11:00:00:01',
      bridge: 'vmbr0',
      firewall: '1',
    });
  });
});
