/**
 * Compiles the reference broker's contracts (`contracts/*.sol`) with solc-js into the typed
 * modules in `src/generated/`. Build tooling: `npm run build:contracts -w @blockhost/broker-kit`.
 * The staleness test renders again and compares with the committed files.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const kitDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const contractsDir = join(kitDir, 'contracts');
const generatedDir = join(kitDir, 'src', 'generated');

export const BROKER_CONTRACTS = [
  { name: 'BrokerRegistry', id: 'brokerRegistry' },
  { name: 'BrokerRequests', id: 'brokerRequests' },
] as const;

/** The same settings as @blockhost/chain's contracts. */
const SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  evmVersion: 'cancun',
  outputSelection: { '*': { '*': ['abi', 'evm.bytecode.object'] } },
} as const;

interface SolcOutput {
  errors?: { severity: string; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<string, { abi: unknown[]; evm: { bytecode: { object: string } } }>
  >;
}

/** The generated files as `{ fileName: text }`; throws with solc's messages on a compile error. */
export function renderBrokerArtifacts(): Record<string, string> {
  const require = createRequire(import.meta.url);
  const solc = require('solc') as { version(): string; compile(input: string): string };
  const sources: Record<string, { content: string }> = {};
  for (const f of readdirSync(contractsDir)
    .filter((n) => n.endsWith('.sol'))
    .sort()) {
    sources[`contracts/${f}`] = { content: readFileSync(join(contractsDir, f), 'utf8') };
  }
  const out = JSON.parse(
    solc.compile(JSON.stringify({ language: 'Solidity', sources, settings: SETTINGS })),
  ) as SolcOutput;
  const errors = (out.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const files: Record<string, string> = {};
  for (const c of BROKER_CONTRACTS) {
    const unit = `contracts/${c.name}.sol`;
    const compiled = out.contracts?.[unit]?.[c.name];
    if (!compiled) throw new Error(`solc produced no contract ${c.name}`);
    files[`${c.name}.ts`] = [
      `// Generated from ${unit} by \`npm run build:contracts -w @blockhost/broker-kit\`. Do not edit.`,
      `// solc ${solc.version()}, optimizer ${SETTINGS.optimizer.runs} runs, evm ${SETTINGS.evmVersion}.`,
      '',
      `export const ${c.id}Abi = ${JSON.stringify(compiled.abi, null, 2)} as const;`,
      '',
      `export const ${c.id}Bytecode = '0x${compiled.evm.bytecode.object}' as const;`,
      '',
    ].join('\n');
  }
  return files;
}

export function readCommittedBrokerArtifacts(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const c of BROKER_CONTRACTS) {
    try {
      files[`${c.name}.ts`] = readFileSync(join(generatedDir, `${c.name}.ts`), 'utf8');
    } catch {
      files[`${c.name}.ts`] = '';
    }
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const files = renderBrokerArtifacts();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(generatedDir, name), text);
  console.log(
    `wrote ${Object.keys(files).length} files to ${relative(process.cwd(), generatedDir)}`,
  );
}
