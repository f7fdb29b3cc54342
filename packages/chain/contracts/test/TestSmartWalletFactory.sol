// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {TestSmartWallet} from "./TestSmartWallet.sol";

/// @notice TEST ONLY. Deploys TestSmartWallets with CREATE2, so a wallet's address is known
/// before it exists: what ERC-6492 signatures of not-yet-deployed wallets need (the signature
/// carries this factory and the `deploy` call that would create the wallet).
contract TestSmartWalletFactory {
    event WalletDeployed(address indexed wallet, address indexed owner, bytes32 salt);

    /// @notice Deploys the wallet of (`owner`, `salt`); returns the existing one when already there.
    function deploy(address owner, bytes32 salt) external returns (address wallet) {
        wallet = predict(owner, salt);
        if (wallet.code.length > 0) return wallet;
        TestSmartWallet created = new TestSmartWallet{salt: salt}(owner);
        emit WalletDeployed(address(created), owner, salt);
        return address(created);
    }

    /// @notice The address `deploy(owner, salt)` creates (CREATE2).
    function predict(address owner, bytes32 salt) public view returns (address) {
        bytes32 codeHash = keccak256(abi.encodePacked(type(TestSmartWallet).creationCode, abi.encode(owner)));
        return address(uint160(uint256(keccak256(abi.encodePacked(bytes1(0xff), address(this), salt, codeHash)))));
    }
}
