import { describe, expect, it } from 'vitest';
import {
  netmaskOf,
  pveCicustomUser,
  pveContainerNetwork,
  pveNocloudMetaData,
  pveNocloudNetworkConfig,
} from '../src/index.js';

describe('PVE NoCloud network-config', () => {
  it('has the shape PVE writes for a static IPv4 NIC with DNS', () => {
    const text = pveNocloudNetworkConfig({
      net0: 'virtio=BC:24:11:0A:0B:0C,bridge=vmbr0',
      ipconfig0: 'ip=10.77.0.10/24,gw=10.77.0.1',
      nameserver: '10.77.0.1 9.9.9.9',
      searchdomain: 'example.net',
    })._unsafeUnwrap();
    expect(text).toBe(
      [
        'version: 1',
        'config:',
        '    - type: physical',
        '      name: eth0',
        "      mac_address: 'bc:24:11:0a:0b:0c'",
        '      subnets:',
        '      - type: static',
        "        address: '10.77.0.10'",
        "        netmask: '255.255.255.0'",
        "        gateway: '10.77.0.1'",
        '    - type: nameserver',
        '      address:',
        "      - '10.77.0.1'",
        "      - '9.9.9.9'",
        '      search:',
        "      - 'example.net'",
        '',
      ].join('\n'),
    );
  });

  it('covers IPv6, DHCP, SLAAC and a second NIC', () => {
    const text = pveNocloudNetworkConfig({
      net0: 'model=virtio,macaddr=bc:24:11:00:00:01,bridge=vmbr0',
      ipconfig0: 'ip=dhcp,ip6=2001:db8::5/64,gw6=2001:db8::1',
      net1: 'e1000=BC:24:11:00:00:02,bridge=vmbr1',
      ipconfig1: 'ip6=auto',
    })._unsafeUnwrap();
    expect(text).toContain('      - type: dhcp4\n');
    expect(text).toContain(
      "      - type: static6\n        address: '2001:db8::5/64'\n        gateway: '2001:db8::1'\n",
    );
    expect(text).toContain(
      "      name: eth1\n      mac_address: 'bc:24:11:00:00:02'\n      subnets:\n      - type: ipv6_slaac\n",
    );
    expect(text).not.toContain('nameserver');
  });

  it('uses the fallback DNS only when the VM has none, as PVE uses the host’s', () => {
    const base = { net0: 'virtio=BC:24:11:00:00:01', ipconfig0: 'ip=10.0.0.2/8,gw=10.0.0.1' };
    const dns = { nameservers: ['192.0.2.53'], searchDomains: ['lan'] };
    expect(pveNocloudNetworkConfig(base, { fallbackDns: dns })._unsafeUnwrap()).toContain(
      "- '192.0.2.53'",
    );
    expect(
      pveNocloudNetworkConfig(
        { ...base, nameserver: '10.0.0.53' },
        { fallbackDns: dns },
      )._unsafeUnwrap(),
    ).not.toContain('192.0.2.53');
    expect(pveNocloudNetworkConfig(base)._unsafeUnwrap()).toContain("netmask: '255.0.0.0'");
  });

  it('refuses what PVE would refuse, naming the key', () => {
    const e = (c: Record<string, string>) => pveNocloudNetworkConfig(c)._unsafeUnwrapErr().message;
    expect(e({})).toMatch(/net0.*no network device/);
    expect(e({ net0: 'virtio,bridge=vmbr0' })).toMatch(/net0.*MAC/);
    expect(e({ net0: 'bridge=vmbr0' })).toMatch(/net0.*NIC model/);
    expect(e({ net0: 'virtio=BC:24:11:00:00:01', ipconfig0: 'ip=10.0.0.300/24' })).toMatch(
      /ipconfig0 ip/,
    );
    expect(e({ net0: 'virtio=BC:24:11:00:00:01', ipconfig0: 'ip=10.0.0.3/24,gw=nope' })).toMatch(
      /ipconfig0 gw/,
    );
    expect(e({ net0: 'virtio=BC:24:11:00:00:01', ipconfig0: 'ip=10.0.0.3/24,mtu=1400' })).toMatch(
      /unknown key 'mtu'/,
    );
    expect(e({ net0: 'virtio=BC:24:11:00:00:01', nameserver: 'dns.example' })).toMatch(
      /nameserver/,
    );
  });

  it('netmasks', () => {
    expect([0, 8, 20, 24, 31, 32].map(netmaskOf)).toEqual([
      '0.0.0.0',
      '255.0.0.0',
      '255.255.240.0',
      '255.255.255.0',
      '255.255.255.254',
      '255.255.255.255',
    ]);
  });
});

describe('PVE NoCloud meta-data and cicustom', () => {
  it('gives a new instance-id when the user-data or network changes', () => {
    const a = pveNocloudMetaData({ userData: '#cloud-config\n', networkConfig: 'version: 1\n' });
    expect(a).toMatch(/^instance-id: [0-9a-f]{40}\n$/);
    expect(pveNocloudMetaData({ userData: '#cloud-config\n', networkConfig: 'version: 1\n' })).toBe(
      a,
    );
    expect(
      pveNocloudMetaData({ userData: '#cloud-config\nx: 1\n', networkConfig: 'version: 1\n' }),
    ).not.toBe(a);
    expect(pveNocloudMetaData({ userData: '', networkConfig: '', hostname: 'vm-1' })).toContain(
      'local-hostname: vm-1\n',
    );
  });

  it('finds the user snippet of cicustom', () => {
    expect(
      pveCicustomUser({ cicustom: 'user=local:snippets/blockhost-7.yaml' })._unsafeUnwrap(),
    ).toEqual({
      storage: 'local',
      volume: 'snippets/blockhost-7.yaml',
      file: 'blockhost-7.yaml',
    });
    expect(pveCicustomUser({ cicustom: 'network=local:snippets/n.yaml' }).isErr()).toBe(true);
    expect(pveCicustomUser({}).isErr()).toBe(true);
  });

  it('derives the container network from net0/ipconfig0', () => {
    expect(
      pveContainerNetwork({
        net0: 'virtio=BC:24:11:00:00:09,bridge=vmbr0',
        ipconfig0: 'ip=10.77.0.12/24,gw=10.77.0.1,ip6=fd00::12/64,gw6=fd00::1',
      })._unsafeUnwrap(),
    ).toEqual({
      mac: 'bc:24:11:00:00:09',
      addresses: ['10.77.0.12', 'fd00::12'],
      gatewayAddresses: ['10.77.0.1/24', 'fd00::1/64'],
    });
    expect(
      pveContainerNetwork({ net0: 'virtio=BC:24:11:00:00:09', ipconfig0: 'ip=dhcp' }).isErr(),
    ).toBe(true);
  });
});
