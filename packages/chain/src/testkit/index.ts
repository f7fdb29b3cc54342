/**
 * `@blockhost/chain/testkit`: TEST TOOLING, never for production chains. A
 * real anvil chain (needs the optional peer dependency
 * `@foundry-rs/anvil-linux-amd64`), a faulty-RPC proxy, and test contracts (a
 * mintable stablecoin, a Chainlink-style price feed, ERC-1271/6492 smart
 * wallets) with their ABIs.
 *
 * @packageDocumentation
 * @module @blockhost/chain/testkit
 */
export {
  testPriceFeedAbi,
  testPriceFeedBytecode,
  testSmartWalletAbi,
  testSmartWalletBytecode,
  testSmartWalletFactoryAbi,
  testSmartWalletFactoryBytecode,
  testStablecoinAbi,
  testStablecoinBytecode,
} from '../generated/index.js';
export {
  type Anvil,
  type AnvilAccount,
  AnvilError,
  type StartAnvilOptions,
  startAnvil,
} from './anvil.js';
export {
  type DeployTestBlockhostParameters,
  deployTestBlockhost,
} from './deploy-test.js';
export {
  type RangeErrorStyle,
  type RpcProxy,
  type RpcProxyStats,
  type StartRpcProxyOptions,
  startRpcProxy,
} from './rpc-proxy.js';
export {
  deployTestPriceFeed,
  deployTestSmartWallet,
  deployTestSmartWalletFactory,
  deployTestStablecoin,
  mintTestStablecoin,
  predictTestSmartWallet,
  setTestPrice,
  smartWalletExecute,
  smartWalletExecuteBatch,
  type TestPriceFeedAbi,
  type TestPriceFeedOptions,
  type TestSmartWalletAbi,
  type TestSmartWalletFactoryAbi,
  type TestStablecoinAbi,
  type TestStablecoinOptions,
  testSmartWalletDeployCall,
} from './test-contracts.js';
