// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice The BlockHost-specific part of the access NFT (ERC-721 itself is separate).
interface IAccessCredentialNFT {
    event AccessTokenMinted(uint256 indexed tokenId, uint256 indexed subscriptionId, address indexed to);
    event UserEncryptedUpdated(uint256 indexed tokenId, uint256 indexed subscriptionId);
    /// @notice The admin moved a token to `to` (a repair; the ERC-721 `Transfer` is emitted too).
    event AccessTokenReassigned(
        uint256 indexed tokenId, uint256 indexed subscriptionId, address indexed from, address to
    );

    function mint(address to, uint256 subscriptionId, bytes calldata userEncrypted) external returns (uint256 tokenId);

    function updateUserEncrypted(uint256 tokenId, bytes calldata userEncrypted) external;

    function getUserEncrypted(uint256 tokenId) external view returns (bytes memory);

    function subscriptionOf(uint256 tokenId) external view returns (uint256);

    function tokenOfSubscription(uint256 subscriptionId) external view returns (uint256);

    /// @notice The owner of the subscription's token, or address(0) when none was minted.
    function holderOfSubscription(uint256 subscriptionId) external view returns (address);

    /// @notice Whom the token was minted to: always its subscription's buyer.
    function mintedTo(uint256 tokenId) external view returns (address);

    function subscriptions() external view returns (address);

    function totalSupply() external view returns (uint256);
}
