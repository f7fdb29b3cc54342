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
  testFeeTokenAbi,
  testFeeTokenBytecode,
  testPriceFeedAbi,
  testPriceFeedBytecode,
  testSequencerUptimeFeedAbi,
  testSequencerUptimeFeedBytecode,
  testSmartWalletAbi,
  testSmartWalletBytecode,
  testSmartWalletFactoryAbi,
  testSmartWalletFactoryBytecode,
  testStablecoinAbi,
  testStablecoinBytecode,
  testUsdtLikeTokenAbi,
  testUsdtLikeTokenBytecode,
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
  type ProxiedCall,
  type RangeErrorStyle,
  type ResponseHook,
  type RpcProxy,
  type RpcProxyStats,
  type StartRpcProxyOptions,
  startRpcProxy,
} from './rpc-proxy.js';
export {
  deployTestFeeToken,
  deployTestPriceFeed,
  deployTestSequencerUptimeFeed,
  deployTestSmartWallet,
  deployTestSmartWalletFactory,
  deployTestStablecoin,
  deployTestUsdtLikeToken,
  mintTestStablecoin,
  predictTestSmartWallet,
  setTestPrice,
  setTestSequencerStatus,
  smartWalletExecute,
  smartWalletExecuteBatch,
  type TestFeeTokenAbi,
  type TestFeeTokenOptions,
  type TestPriceFeedAbi,
  type TestPriceFeedOptions,
  type TestSequencerUptimeFeedAbi,
  type TestSmartWalletAbi,
  type TestSmartWalletFactoryAbi,
  type TestStablecoinAbi,
  type TestStablecoinOptions,
  type TestUsdtLikeTokenAbi,
  testSmartWalletDeployCall,
} from './test-contracts.js';
