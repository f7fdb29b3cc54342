/**
 * Compiles `contracts/**.sol` with solc-js and renders the typed modules in `src/generated/`.
 * Build tooling, not part of the package's API: run it with `npm run build:contracts`.
 * The staleness test calls `renderArtifacts()` and compares with the committed files.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const contractsDir = join(packageDir, 'contracts');
export const generatedDir = join(packageDir, 'src', 'generated');

/** The contracts whose ABI and bytecode the package ships, with the name of their TS exports. */
export const CONTRACTS = [
  { name: 'BlockhostSubscriptions', id: 'blockhostSubscriptions', test: false },
  { name: 'AccessCredentialNFT', id: 'accessCredentialNft', test: false },
  { name: 'TestStablecoin', id: 'testStablecoin', test: true },
  { name: 'TestPriceFeed', id: 'testPriceFeed', test: true },
  { name: 'TestSmartWallet', id: 'testSmartWallet', test: true },
  { name: 'TestSmartWalletFactory', id: 'testSmartWalletFactory', test: true },
  { name: 'TestFeeToken', id: 'testFeeToken', test: true },
  { name: 'TestUsdtLikeToken', id: 'testUsdtLikeToken', test: true },
  { name: 'TestSequencerUptimeFeed', id: 'testSequencerUptimeFeed', test: true },
] as const;

/** Compiler settings; changing them changes the bytecode, so they are part of the artifacts. */
export const SOLC_SETTINGS = {
  optimizer: { enabled: true, runs: 200 },
  // Cancun: PUSH0/MCOPY are live on Ethereum and the common L2s; later forks are not everywhere.
  evmVersion: 'cancun',
  outputSelection: {
    '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] },
  },
} as const;

interface SolcOutput {
  errors?: { severity: 'error' | 'warning' | 'info'; formattedMessage: string }[];
  contracts?: Record<
    string,
    Record<
      string,
      {
        abi: unknown[];
        evm: { bytecode: { object: string }; deployedBytecode: { object: string } };
      }
    >
  >;
}

interface Solc {
  version(): string;
  compile(input: string, callbacks: { import: (path: string) => unknown }): string;
}

function listSources(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listSources(full));
    else if (entry.name.endsWith('.sol')) out.push(full);
  }
  return out.sort();
}

export interface CompiledContract {
  name: string;
  id: string;
  test: boolean;
  source: string;
  abi: unknown[];
  bytecode: string;
  deployedBytecode: string;
}

/** Compiles every source; throws with solc's messages on any compiler error (build tooling). */
export function compileContracts(): { solcVersion: string; contracts: CompiledContract[] } {
  const require = createRequire(import.meta.url);
  const solc = require('solc') as Solc;
  const sources: Record<string, { content: string }> = {};
  for (const file of listSources(contractsDir)) {
    // Source unit names are stable relative paths: they end up in the metadata hash.
    const unit = `contracts/${relative(contractsDir, file).split(sep).join('/')}`;
    sources[unit] = { content: readFileSync(file, 'utf8') };
  }
  const findImports = (path: string) => {
    if (!path.startsWith('@openzeppelin/contracts/')) return { error: `not found: ${path}` };
    try {
      return { contents: readFileSync(require.resolve(path), 'utf8') };
    } catch {
      return { error: `not found: ${path}` };
    }
  };
  const input = { language: 'Solidity', sources, settings: SOLC_SETTINGS };
  const output = JSON.parse(
    solc.compile(JSON.stringify(input), { import: findImports }),
  ) as SolcOutput;
  const errors = (output.errors ?? []).filter((e) => e.severity === 'error');
  if (errors.length > 0) throw new Error(errors.map((e) => e.formattedMessage).join('\n'));
  const contracts = CONTRACTS.map((c) => {
    const entry = Object.entries(output.contracts ?? {}).find(([, byName]) => c.name in byName);
    if (!entry) throw new Error(`solc produced no contract ${c.name}`);
    const [source, byName] = entry;
    const compiled = byName[c.name]!;
    return {
      ...c,
      source,
      abi: compiled.abi,
      bytecode: `0x${compiled.evm.bytecode.object}`,
      deployedBytecode: `0x${compiled.evm.deployedBytecode.object}`,
    };
  });
  return { solcVersion: solc.version(), contracts };
}

/** The generated files as `{ fileName: text }`, deterministic for the same sources and solc. */
export function renderArtifacts(): Record<string, string> {
  const { solcVersion, contracts } = compileContracts();
  const header = (source: string) =>
    [
      `// Generated from ${source} by \`npm run build:contracts -w @blockhost/chain\`. Do not edit.`,
      `// solc ${solcVersion}, optimizer ${SOLC_SETTINGS.optimizer.runs} runs, evm ${SOLC_SETTINGS.evmVersion}.`,
      '',
    ].join('\n');
  const files: Record<string, string> = {};
  for (const c of contracts) {
    const doc = c.test
      ? '/** TEST ONLY: for tests and local demos, never for production. */\n'
      : '';
    files[`${c.name}.ts`] = [
      header(c.source),
      `${doc}export const ${c.id}Abi = ${JSON.stringify(c.abi, null, 2)} as const;`,
      '',
      `${doc}export const ${c.id}Bytecode = '${c.bytecode}' as const;`,
      '',
      `${doc}export const ${c.id}DeployedBytecode = '${c.deployedBytecode}' as const;`,
      '',
    ].join('\n');
  }
  files['index.ts'] = [
    '// Generated by `npm run build:contracts -w @blockhost/chain`. Do not edit.',
    `export const SOLC_VERSION = '${solcVersion}';`,
    ...contracts.map(
      (c) =>
        `export { ${c.id}Abi, ${c.id}Bytecode, ${c.id}DeployedBytecode } from './${c.name}.js';`,
    ),
    '',
  ].join('\n');
  return files;
}

/** Reads the committed generated files (same keys as `renderArtifacts`). */
export function readCommittedArtifacts(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of [...CONTRACTS.map((c) => `${c.name}.ts`), 'index.ts']) {
    try {
      files[name] = readFileSync(join(generatedDir, name), 'utf8');
    } catch {
      files[name] = '';
    }
  }
  return files;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  const files = renderArtifacts();
  for (const [name, text] of Object.entries(files)) writeFileSync(join(generatedDir, name), text);
  console.log(
    `wrote ${Object.keys(files).length} files to ${relative(process.cwd(), generatedDir) || '.'} in ${Date.now() - started} ms`,
  );
}
