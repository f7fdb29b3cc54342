// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * TEST KIT: the reference IPv6 broker's registry. For each broker (named by its
 * requests contract) it publishes the secp256k1 public key hosts encrypt their
 * requests to, and the address the broker answers from (hosts accept answers
 * only from it).
 */
contract BrokerRegistry {
    struct Broker {
        bytes publicKey;
        address responder;
        bool active;
    }

    address public immutable owner;
    mapping(address requests => Broker) private brokers;

    event BrokerRegistered(address indexed requests, address indexed responder, bytes publicKey);
    event BrokerRemoved(address indexed requests);

    error NotOwner();
    error BadPublicKey(uint256 length);
    error ZeroAddress();

    constructor() {
        owner = msg.sender;
    }

    modifier onlyOwner() {
        if (msg.sender != owner) revert NotOwner();
        _;
    }

    /// @param publicKey uncompressed secp256k1 key (65 bytes, 0x04…)
    function registerBroker(address requests, bytes calldata publicKey, address responder)
        external
        onlyOwner
    {
        if (publicKey.length != 65 || publicKey[0] != 0x04) revert BadPublicKey(publicKey.length);
        if (requests == address(0) || responder == address(0)) revert ZeroAddress();
        brokers[requests] = Broker(publicKey, responder, true);
        emit BrokerRegistered(requests, responder, publicKey);
    }

    function removeBroker(address requests) external onlyOwner {
        brokers[requests].active = false;
        emit BrokerRemoved(requests);
    }

    /// @return publicKey empty for an unknown broker
    function getBroker(address requests)
        external
        view
        returns (bytes memory publicKey, address responder, bool active)
    {
        Broker storage b = brokers[requests];
        return (b.publicKey, b.responder, b.active);
    }
}
