// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {IERC1271} from "@openzeppelin/contracts/interfaces/IERC1271.sol";
import {IERC721Receiver} from "@openzeppelin/contracts/token/ERC721/IERC721Receiver.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";

/// @notice TEST ONLY. A minimal ERC-1271 smart-contract wallet owned by one EOA: a signature is
/// valid when the owner signed the hash (for an EIP-191 message, the owner's personal_sign of
/// that message). The owner can make the wallet call other contracts, e.g. to buy subscriptions.
contract TestSmartWallet is IERC1271, IERC721Receiver {
    bytes4 private constant MAGIC_VALUE = 0x1626ba7e;
    address public owner;

    error NotOwner(address caller);
    error CallFailed(bytes reason);

    constructor(address owner_) {
        owner = owner_;
    }

    function isValidSignature(bytes32 hash, bytes calldata signature) external view returns (bytes4) {
        (address signer, ECDSA.RecoverError err,) = ECDSA.tryRecover(hash, signature);
        if (err == ECDSA.RecoverError.NoError && signer == owner) return MAGIC_VALUE;
        return 0xffffffff;
    }

    function execute(address target, uint256 value, bytes calldata data) external payable returns (bytes memory) {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        (bool ok, bytes memory result) = target.call{value: value}(data);
        if (!ok) revert CallFailed(result);
        return result;
    }

    /// @notice Several calls in one transaction (like ERC-4337 wallets' executeBatch).
    function executeBatch(address[] calldata targets, uint256[] calldata values, bytes[] calldata data)
        external
        payable
    {
        if (msg.sender != owner) revert NotOwner(msg.sender);
        for (uint256 i = 0; i < targets.length; i++) {
            (bool ok, bytes memory result) = targets[i].call{value: values[i]}(data[i]);
            if (!ok) revert CallFailed(result);
        }
    }

    function onERC721Received(address, address, uint256, bytes calldata) external pure returns (bytes4) {
        return IERC721Receiver.onERC721Received.selector;
    }

    receive() external payable {}
}
