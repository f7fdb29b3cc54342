import type { ReturnDef } from '@blockhost/proxmox/schema';
import { describe, expect, it } from 'vitest';
import { checkReturns } from './returns.js';

const vmList: ReturnDef = {
  type: 'array',
  items: {
    type: 'object',
    properties: {
      vmid: { type: 'integer' },
      name: { type: 'string', optional: true },
      template: { type: 'boolean', optional: true },
      'net[n]': { type: 'string', optional: true },
    },
  },
};

describe('checkReturns', () => {
  it('accepts an answer that matches, extra properties included', () => {
    expect(
      checkReturns(vmList, [
        { vmid: 100, name: 'a', template: 0, net0: 'virtio', extra: { any: 'thing' } },
        { vmid: 101 },
      ]),
    ).toEqual([]);
  });

  it('names where each problem is: array index, property, numbered property', () => {
    expect(
      checkReturns(vmList, [
        { vmid: 100 },
        { name: 7 },
        { vmid: 1.5, template: 'yes', net0: 'ok', net3: 4 },
      ]),
    ).toEqual([
      'data[1].vmid: missing',
      'data[1].name: expected string, got number',
      'data[2].vmid: expected integer, got 1.5',
      'data[2].template: expected boolean (0/1), got "yes"',
      'data[2].net3: expected string, got number',
    ]);
  });

  it('refuses a wrong shape and a missing required answer', () => {
    expect(checkReturns(vmList, { vmid: 1 })).toEqual(['data: expected array']);
    expect(checkReturns({ type: 'object', properties: {} }, [1])).toEqual([
      'data: expected object',
    ]);
    expect(checkReturns({ type: 'string' }, null)).toEqual(['data: missing (expected string)']);
    expect(checkReturns({ type: 'null' }, null)).toEqual([]);
    expect(checkReturns({ type: 'number' }, '1', 'answer')).toEqual([
      'answer: expected number, got "1"',
    ]);
  });
});
