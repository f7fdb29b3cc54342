import { describe, expect, it } from 'vitest';
import { NoNodeFitsError } from '../errors.js';
import { choosePlacement, nodeCapacities } from './placement.js';
import type { ClusterResource } from './resources.js';

const GiB = 1024 ** 3;
const node = (n: string, memGiB: number, usedGiB: number, status = 'online'): ClusterResource => ({
  id: `node/${n}`,
  type: 'node',
  node: n,
  status,
  maxmem: memGiB * GiB,
  mem: usedGiB * GiB,
  maxcpu: 8,
});
const storage = (n: string, totalGiB: number, usedGiB: number): ClusterResource => ({
  id: `storage/${n}/local-lvm`,
  type: 'storage',
  node: n,
  storage: 'local-lvm',
  maxdisk: totalGiB * GiB,
  disk: usedGiB * GiB,
});
const vm = (
  n: string,
  vmid: number,
  memGiB: number,
  status: string,
  template = 0,
): ClusterResource => ({
  id: `qemu/${vmid}`,
  type: 'qemu',
  node: n,
  vmid,
  status,
  maxmem: memGiB * GiB,
  template,
});

const needs = { cores: 2, memoryMiB: 4096, diskGiB: 20, storage: 'local-lvm' };

describe('placement', () => {
  const resources = [
    node('a', 32, 10),
    node('b', 64, 4),
    node('c', 16, 2),
    storage('a', 500, 10),
    storage('b', 500, 10),
    storage('c', 500, 10),
    vm('a', 100, 8, 'running'),
    vm('b', 101, 30, 'stopped'),
    vm('b', 9000, 40, 'stopped', 1),
  ];

  it('counts stopped VMs as committed and leaves templates out', () => {
    const [a, b] = nodeCapacities(resources, ['a', 'b'], 'local-lvm');
    // a: host uses 10 - 8 (running VM) = 2 GiB, VMs commit 8 GiB.
    expect(a!.memory).toMatchObject({ host: 2 * GiB, committed: 8 * GiB, free: 22 * GiB });
    // b: host 4 GiB, the stopped VM 30 GiB, the template nothing.
    expect(b!.memory).toMatchObject({ host: 4 * GiB, committed: 30 * GiB, free: 30 * GiB });
  });

  it('picks the node with most free memory, first fit, or round-robin', () => {
    const caps = nodeCapacities(resources, ['a', 'b', 'c'], 'local-lvm');
    expect(choosePlacement(caps, needs, 'most-free-memory')._unsafeUnwrap().node).toBe('b');
    expect(choosePlacement(caps, needs, 'first')._unsafeUnwrap().node).toBe('a');
    let cursor = 0;
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      const p = choosePlacement(caps, needs, 'round-robin', cursor)._unsafeUnwrap();
      seen.push(p.node);
      cursor = p.cursor;
    }
    expect(seen).toEqual(['a', 'b', 'c', 'a']);
  });

  it('skips offline nodes and nodes without room, and names the plan when none fits', () => {
    const caps = nodeCapacities(
      [...resources.filter((r) => r.node !== 'b'), node('b', 64, 4, 'offline')],
      ['a', 'b', 'c'],
      'local-lvm',
    );
    const big = { ...needs, memoryMiB: 20 * 1024 };
    expect(choosePlacement(caps, big, 'most-free-memory')._unsafeUnwrap().node).toBe('a');
    const huge = { ...needs, memoryMiB: 100 * 1024, diskGiB: 1000 };
    const e = choosePlacement(caps, huge, 'first')._unsafeUnwrapErr();
    expect(e).toBeInstanceOf(NoNodeFitsError);
    expect(e.shortMessage).toBe(
      'no node has room for a VM with 2 cores, 102400 MiB memory and 1000 GiB on local-lvm',
    );
    expect(e.reasons.b).toBe('node is offline');
    expect(e.reasons.a).toMatch(
      /22528 MiB memory free, needs 102400.*GiB free on local-lvm, needs 1000/,
    );
  });

  it('tells a full cluster (room later: retryable) from a plan no node can ever hold', () => {
    // Node c (16 GiB) is full of stopped VMs: no room now, but a 4 GiB plan fits it once they go.
    const full = nodeCapacities(
      [node('c', 16, 2), storage('c', 500, 10), vm('c', 200, 14, 'stopped')],
      ['c'],
      'local-lvm',
    );
    const now = choosePlacement(full, needs, 'first')._unsafeUnwrapErr();
    expect(now.reasons.c).toMatch(/MiB memory free, needs 4096/);
    expect(now.retryable).toBe(true);
    // 32 GiB of memory: more than the node has at all.
    const never = choosePlacement(full, { ...needs, memoryMiB: 32 * 1024 }, 'first');
    expect(never._unsafeUnwrapErr().retryable).toBe(false);
    // An offline node may come back: wait for it.
    const offline = nodeCapacities([node('c', 16, 2, 'offline')], ['c'], 'local-lvm');
    expect(choosePlacement(offline, needs, 'first')._unsafeUnwrapErr().retryable).toBe(true);
  });

  it('explains a node without numbers (no Sys.Audit)', () => {
    const caps = nodeCapacities(
      [{ id: 'node/a', type: 'node', node: 'a', status: 'online' }],
      ['a'],
      'local-lvm',
    );
    expect(choosePlacement(caps, needs, 'first')._unsafeUnwrapErr().reasons.a).toMatch(
      /Sys.Audit on \/nodes\/a/,
    );
  });
});
