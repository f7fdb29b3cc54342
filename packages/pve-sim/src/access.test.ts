import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AccessState,
  accessIndex,
  emptyAccess,
  evaluateNeed,
  privilegesAt,
} from './access.js';

function world(): AccessState {
  const a = emptyAccess();
  a.users['ops@pve'] = {
    enable: true,
    expire: 0,
    groups: ['admins'],
    tokens: {
      t: { privsep: true, expire: 0, secret: 's' },
      full: { privsep: false, expire: 0, secret: 's' },
    },
  };
  a.groups.admins = {};
  a.roles.Vm = { privs: ['VM.Audit', 'VM.PowerMgmt'], special: false };
  a.roles.Audit = { privs: ['VM.Audit'], special: false };
  return a;
}

describe('PVE ACL semantics', () => {
  it('propagates down the tree, and a non-propagating entry only counts on its own path', () => {
    const a = world();
    a.acl.push({ path: '/vms', type: 'user', ugid: 'ops@pve', roleid: 'Vm', propagate: true });
    expect([...privilegesAt(a, 'ops@pve', '/vms/100')].sort()).toEqual([
      'VM.Audit',
      'VM.PowerMgmt',
    ]);
    a.acl[0] = { ...a.acl[0]!, propagate: false };
    expect(privilegesAt(a, 'ops@pve', '/vms/100').size).toBe(0);
    expect(privilegesAt(a, 'ops@pve', '/vms').size).toBe(2);
  });

  it('lets a more specific path replace what a parent gave, and NoAccess take everything', () => {
    const a = world();
    a.acl.push({ path: '/', type: 'user', ugid: 'ops@pve', roleid: 'Vm', propagate: true });
    a.acl.push({
      path: '/vms/100',
      type: 'user',
      ugid: 'ops@pve',
      roleid: 'Audit',
      propagate: true,
    });
    expect([...privilegesAt(a, 'ops@pve', '/vms/100')]).toEqual(['VM.Audit']);
    expect(privilegesAt(a, 'ops@pve', '/vms/101').has('VM.PowerMgmt')).toBe(true);
    a.acl.push({
      path: '/vms/101',
      type: 'user',
      ugid: 'ops@pve',
      roleid: 'NoAccess',
      propagate: true,
    });
    expect(privilegesAt(a, 'ops@pve', '/vms/101').size).toBe(0);
  });

  it('grants through groups, user entries winning over group entries', () => {
    const a = world();
    a.acl.push({ path: '/vms', type: 'group', ugid: 'admins', roleid: 'Vm', propagate: true });
    expect(privilegesAt(a, 'ops@pve', '/vms/5').has('VM.PowerMgmt')).toBe(true);
    a.acl.push({ path: '/vms', type: 'user', ugid: 'ops@pve', roleid: 'Audit', propagate: true });
    expect([...privilegesAt(a, 'ops@pve', '/vms/5')]).toEqual(['VM.Audit']);
  });

  it("gives a privilege-separated token the intersection of its own and its user's privileges", () => {
    const a = world();
    a.acl.push({ path: '/vms', type: 'token', ugid: 'ops@pve!t', roleid: 'Vm', propagate: true });
    expect(privilegesAt(a, 'ops@pve!t', '/vms/1').size).toBe(0);
    a.acl.push({ path: '/vms', type: 'user', ugid: 'ops@pve', roleid: 'Audit', propagate: true });
    expect([...privilegesAt(a, 'ops@pve!t', '/vms/1')]).toEqual(['VM.Audit']);
    // Without privilege separation a token is its user.
    expect([...privilegesAt(a, 'ops@pve!full', '/vms/1')]).toEqual(['VM.Audit']);
    expect(privilegesAt(a, 'ops@pve!nope', '/vms/1').size).toBe(0);
  });

  it('names the alternative of an or-check that is closest to passing', () => {
    const a = world();
    a.acl.push({ path: '/', type: 'user', ugid: 'ops@pve', roleid: 'Audit', propagate: true });
    const need = {
      kind: 'or' as const,
      of: [
        { kind: 'perm' as const, path: '/', privs: ['Sys.Audit', 'Sys.Modify'], any: false },
        { kind: 'perm' as const, path: '/nodes/pve1', privs: ['Sys.AccessNetwork'], any: false },
      ],
    };
    expect(evaluateNeed(a, 'ops@pve', need)).toMatchObject({
      path: '/nodes/pve1',
      privs: ['Sys.AccessNetwork'],
    });
  });

  it('gives root@pam everything and nobody else root-only calls', () => {
    const a = world();
    expect(privilegesAt(a, 'root@pam', '/anything').has('Sys.Modify')).toBe(true);
    expect(evaluateNeed(a, 'ops@pve', { kind: 'root' })).toMatchObject({ rootOnly: true });
    expect(evaluateNeed(a, 'root@pam', { kind: 'root' })).toBeNull();
  });

  it('reports the first missing privilege of an all-of check and all names of an any-of check', () => {
    const a = world();
    a.acl.push({ path: '/vms', type: 'user', ugid: 'ops@pve', roleid: 'Audit', propagate: true });
    expect(
      evaluateNeed(a, 'ops@pve', {
        kind: 'perm',
        path: '/vms/7',
        privs: ['VM.Audit', 'VM.Allocate'],
        any: false,
      }),
    ).toMatchObject({
      path: '/vms/7',
      privs: ['VM.Allocate'],
      any: false,
    });
    expect(
      evaluateNeed(a, 'ops@pve', {
        kind: 'perm',
        path: '/vms/7',
        privs: ['VM.GuestAgent.Audit', 'VM.GuestAgent.Unrestricted'],
        any: true,
      }),
    ).toMatchObject({ privs: ['VM.GuestAgent.Audit', 'VM.GuestAgent.Unrestricted'], any: true });
  });
});

describe('PVE pool semantics (RPCEnvironment compile_acl_path)', () => {
  const vms = (a: AccessState, path: string, who = 'ops@pve') =>
    [...privilegesAt(a, who, path)].sort();

  it('a pool member VM or storage gets the roles held on /pool/<pool>; a VM outside it does not', () => {
    const a = world();
    a.pools.bh = { vms: [100], storage: ['local-lvm'] };
    a.acl.push({ path: '/pool/bh', type: 'user', ugid: 'ops@pve', roleid: 'Vm', propagate: true });
    expect(vms(a, '/vms/100')).toEqual(['VM.Audit', 'VM.PowerMgmt']);
    expect(vms(a, '/vms/101')).toEqual([]);
    expect(vms(a, '/vms')).toEqual([]);
    a.roles.Store = { privs: ['Datastore.AllocateSpace'], special: false };
    a.acl.push({
      path: '/pool/bh',
      type: 'user',
      ugid: 'ops@pve',
      roleid: 'Store',
      propagate: true,
    });
    expect(vms(a, '/storage/local-lvm')).toContain('Datastore.AllocateSpace');
    expect(vms(a, '/storage/local')).toEqual([]);
  });

  it('the pool entry need not propagate (it is the pool path itself), and gives nothing below the member', () => {
    const a = world();
    a.pools.bh = { vms: [100], storage: [] };
    a.acl.push({ path: '/pool/bh', type: 'user', ugid: 'ops@pve', roleid: 'Vm', propagate: false });
    expect(vms(a, '/vms/100')).toEqual(['VM.Audit', 'VM.PowerMgmt']);
    expect(vms(a, '/vms/100/whatever')).toEqual([]);
  });

  it('adds to what the path itself gives; NoAccess on the VM keeps it out, NoAccess on the pool wins over its own roles', () => {
    const a = world();
    a.pools.bh = { vms: [100, 101], storage: [] };
    a.acl.push({
      path: '/pool/bh',
      type: 'user',
      ugid: 'ops@pve',
      roleid: 'Audit',
      propagate: true,
    });
    a.acl.push({ path: '/vms/100', type: 'user', ugid: 'ops@pve', roleid: 'Vm', propagate: true });
    expect(vms(a, '/vms/100')).toEqual(['VM.Audit', 'VM.PowerMgmt']);
    a.acl.push({
      path: '/vms/101',
      type: 'user',
      ugid: 'ops@pve',
      roleid: 'NoAccess',
      propagate: true,
    });
    expect(vms(a, '/vms/101')).toEqual([]);
    a.acl.push({
      path: '/pool/bh',
      type: 'user',
      ugid: 'ops@pve',
      roleid: 'NoAccess',
      propagate: true,
    });
    expect(vms(a, '/vms/100')).toEqual([]);
  });

  it('a privilege-separated token gets its own pool roles intersected with its user’s', () => {
    const a = world();
    a.pools.bh = { vms: [100], storage: [] };
    a.acl.push({
      path: '/pool/bh',
      type: 'token',
      ugid: 'ops@pve!t',
      roleid: 'Vm',
      propagate: true,
    });
    expect(vms(a, '/vms/100', 'ops@pve!t')).toEqual([]); // the user holds nothing there
    a.acl.push({
      path: '/pool/bh',
      type: 'user',
      ugid: 'ops@pve',
      roleid: 'Audit',
      propagate: true,
    });
    expect(vms(a, '/vms/100', 'ops@pve!t')).toEqual(['VM.Audit']);
    expect(vms(a, '/vms/100', 'ops@pve!full')).toEqual(['VM.Audit']);
  });

  it('nested pools: /pool/a/b inherits what propagates from /pool/a', () => {
    const a = world();
    a.pools.a = { vms: [], storage: [] };
    a.pools['a/b'] = { vms: [200], storage: [] };
    a.acl.push({ path: '/pool/a', type: 'user', ugid: 'ops@pve', roleid: 'Vm', propagate: true });
    expect(vms(a, '/vms/200')).toEqual(['VM.Audit', 'VM.PowerMgmt']);
    a.acl[a.acl.length - 1] = { ...a.acl[a.acl.length - 1]!, propagate: false };
    expect(vms(a, '/vms/200')).toEqual([]);
  });
});

const PATHS = [
  '/',
  '/vms',
  '/vms/100',
  '/vms/101',
  '/vms/102',
  '/storage',
  '/storage/local',
  '/pool/a',
  '/pool/a/b',
  '/pool/c',
  '/nodes/pve',
];
const PRINCIPALS = ['ops@pve', 'ops@pve!t', 'ops@pve!full', 'dev@pve', 'root@pam', 'ghost@pve'];

const entry = fc.record({
  path: fc.constantFrom(...PATHS),
  type: fc.constantFrom('user' as const, 'group' as const, 'token' as const),
  ugid: fc.constantFrom('ops@pve', 'dev@pve', 'admins', 'ops@pve!t', 'ops@pve!full'),
  roleid: fc.constantFrom('Vm', 'Audit', 'NoAccess', 'Administrator', 'PVEVMUser'),
  propagate: fc.boolean(),
});

function indexedWorld(acl: AccessState['acl'], members: number[][], storages: boolean[]) {
  const a = world();
  a.users['dev@pve'] = { enable: true, expire: 0, groups: [], tokens: {} };
  ['a', 'a/b', 'c'].forEach((id, i) => {
    a.pools[id] = { vms: members[i] ?? [], storage: storages[i] ? ['local'] : [] };
  });
  a.acl = acl;
  return a;
}

describe('accessIndex', () => {
  it('answers every privilege question as the unindexed state does', () => {
    fc.assert(
      fc.property(
        fc.array(entry, { maxLength: 12 }),
        fc.array(fc.subarray([100, 101, 102]), { minLength: 3, maxLength: 3 }),
        fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }),
        (acl, members, storages) => {
          const a = indexedWorld(acl, members, storages);
          const index = accessIndex(a);
          for (const who of PRINCIPALS) {
            for (const path of PATHS) {
              const plain = [...privilegesAt(a, who, path)].sort();
              // Asked twice: the second answer comes partly from the index's memory.
              expect([...privilegesAt(a, who, path, index)].sort()).toEqual(plain);
              expect([...privilegesAt(a, who, path, index)].sort()).toEqual(plain);
            }
          }
        },
      ),
      { numRuns: 200 },
    );
  });
});
