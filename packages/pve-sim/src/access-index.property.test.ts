import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type AccessState, accessIndex, emptyAccess, privilegesAt } from './access.js';

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

function state(acl: AccessState['acl'], members: number[][], storages: boolean[]): AccessState {
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
  a.users['dev@pve'] = { enable: true, expire: 0, groups: [], tokens: {} };
  a.groups.admins = {};
  a.roles.Vm = { privs: ['VM.Audit', 'VM.PowerMgmt'], special: false };
  a.roles.Audit = { privs: ['VM.Audit', 'Datastore.Audit'], special: false };
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
          const a = state(acl, members, storages);
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
