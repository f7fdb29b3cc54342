export {
  type AptProxy,
  type AptProxyOptions,
  type AptProxyStats,
  cachePathFor,
  startAptProxy,
} from './apt/proxy.js';
export { type Relay, startRelay } from './apt/relay.js';
export {
  APT_PROXY_CONF,
  type BootOptions,
  bootContainer,
  type CloudInitStatus,
  type Container,
  type ContainerFile,
  type ContainerNetworkOptions,
  type ExecOptions,
  type ExecResult,
  type NoCloudSeed,
  VETH_MATCH_UNIT,
} from './container/boot.js';
export {
  type AptSourceFile,
  aptSourceUris,
  type DebianMirrors,
  hostDebianMirrors,
  pickDebianMirrors,
} from './debian/mirror.js';
export { ContainerKitError } from './errors.js';
export { type BridgeNetwork, reapStaleNetworks } from './net/bridge.js';
export { createNetns, linkNetns, type Netns } from './net/netns.js';
export {
  startWireguardGo,
  type WireguardGo,
  wireguardInterfaceName,
} from './net/wireguard-go.js';
export { describeFailure, type RunOptions, type RunResult, run } from './process/run.js';
export { type Supervised, startSupervised } from './process/supervised.js';
export {
  netmaskOf,
  type PveContainerNetwork,
  type PveDns,
  type PveIpConfig,
  type PveMetaDataParameters,
  type PveNic,
  type PveVmConfig,
  parsePveIpConfig,
  parsePveNet,
  pveCicustomUser,
  pveContainerNetwork,
  pveNics,
  pveNocloudMetaData,
  pveNocloudNetworkConfig,
} from './pve/nocloud.js';
export { VM_TEMPLATE_RECIPE } from './recipes/vm-template.js';
export {
  type BuiltRoot,
  debianSources,
  type EnsureRootOptions,
  ensureRoot,
} from './roots/build-root.js';
export {
  checkRecipe,
  defaultCacheDir,
  ROOT_FORMAT,
  type RootRecipe,
  recipeId,
  rootDir,
} from './roots/recipe.js';
export {
  type OpensshLoginParameters,
  type OpensshLoginResult,
  opensshWalletLogin,
} from './ssh/wallet-login.js';
