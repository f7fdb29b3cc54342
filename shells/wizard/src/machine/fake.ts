/**
 * A described machine for tests and demos: its facts come from a JSON file,
 * its effects are recorded in a directory (units enabled, reboot requested)
 * instead of done, and its admin token is the one the description names
 * (the Proxmox simulator's bootstrap token).
 */
import { appendFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { factsSchema, type MachineEffects, type MachineFacts } from './types.js';

export const descriptionSchema = z.strictObject({
  facts: factsSchema,
  /** Where enableUnits and reboot leave their record. */
  effectsDir: z.string(),
  adminToken: z.strictObject({ id: z.string(), secretFile: z.string() }),
});

export type MachineDescription = z.output<typeof descriptionSchema>;

export function readDescription(file: string): MachineDescription {
  return descriptionSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

export function describedFacts(d: MachineDescription): MachineFacts {
  return d.facts;
}

export function describedEffects(d: MachineDescription): MachineEffects {
  mkdirSync(d.effectsDir, { recursive: true });
  return {
    fileOwner: () => undefined,
    async withAdminToken(use) {
      const secret = readFileSync(d.adminToken.secretFile, 'utf8').trim();
      return use({ id: d.adminToken.id, secret });
    },
    async enableUnits(units) {
      appendFileSync(join(d.effectsDir, 'enabled-units'), units.map((u) => `${u}\n`).join(''));
    },
    async reboot() {
      writeFileSync(join(d.effectsDir, 'reboot-requested'), `${new Date().toISOString()}\n`);
    },
  };
}
