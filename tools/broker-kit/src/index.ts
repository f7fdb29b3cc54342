/**
 * @blockhost/broker-kit: TEST KIT, never shipped to hosts. A reference IPv6 tunnel broker for
 * the host's broker-client tests: its registry and requests contracts (Solidity, compiled with
 * solc; committed artifacts), deployment on anvil, a responder that assigns /120s from a pool and
 * answers on chain, and its WireGuard end in a network namespace.
 *
 * @packageDocumentation
 */
export { type DeployedBroker, deployBroker, removeBroker } from './deploy.js';
export { brokerRegistryAbi, brokerRegistryBytecode } from './generated/BrokerRegistry.js';
export { brokerRequestsAbi, brokerRequestsBytecode } from './generated/BrokerRequests.js';
export { LAB_UNDERLAY, startTunnelLab, type TunnelLab } from './lab.js';
export { createPrefixPool, type PrefixPool } from './pool.js';
export {
  type BrokerResponder,
  type BrokerResponderOptions,
  type ResponderFault,
  type SeenRequest,
  startBrokerResponder,
} from './responder.js';
export { type BrokerWireguard, startBrokerWireguard } from './wireguard-end.js';
