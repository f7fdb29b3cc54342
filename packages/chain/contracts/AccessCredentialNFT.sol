// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {IAccessCredentialNFT} from "./interfaces/IAccessCredentialNFT.sol";
import {IBlockhostSubscriptions} from "./interfaces/IBlockhostSubscriptions.sol";

/// @title BlockHost access credential
/// @notice One token per subscription, holding the VM's connection details encrypted with a key
/// only the customer's wallet can re-derive. Whoever owns the token may log in to the VM.
/// Its holder also controls the subscription (the subscriptions contract asks
/// `holderOfSubscription`).
/// @dev Minting is exactly-once per subscription and bound to it, enforced here: the subscription
/// must exist, the token goes to its buyer, a second mint reverts and `tokenOfSubscription` tells
/// a recovering minter which token already exists. So a leaked minter key cannot pre-mint tokens
/// of future subscriptions or mint anyone's token to itself. Only the admin (not the minter) can
/// move a token against its owner's will (`reassignToken`, a repair).
contract AccessCredentialNFT is IAccessCredentialNFT, ERC721, AccessControlDefaultAdminRules, IERC4906 {
    using Strings for uint256;

    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    uint256 public constant MAX_USER_ENCRYPTED = 1024;

    error SubscriptionAlreadyMinted(uint256 subscriptionId, uint256 tokenId);
    error SubscriptionNotFound(uint256 subscriptionId);
    error RecipientNotBuyer(uint256 subscriptionId, address to, address buyer);
    error InvalidSubscriptionId();
    error UserEncryptedTooLong(uint256 length, uint256 max);
    error ZeroAddress();

    /// @dev One slot per token: its subscription and whom it was minted to (the buyer).
    struct TokenRecord {
        uint96 subscriptionId;
        address mintedTo;
    }

    /// @dev Storage, not immutable: runtime code stays identical across deployments
    /// (verifyDeployment compares it). Set once, here.
    IBlockhostSubscriptions private _subscriptions;

    uint256 private _minted;
    mapping(uint256 tokenId => TokenRecord) private _tokens;
    mapping(uint256 subscriptionId => uint256) private _tokenOfSubscription;
    mapping(uint256 tokenId => bytes) private _userEncrypted;

    /// @param adminDelay seconds a transfer of the admin role waits before it can be accepted
    constructor(
        string memory name_,
        string memory symbol_,
        address admin,
        address minter,
        address subscriptions_,
        uint48 adminDelay
    ) ERC721(name_, symbol_) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (minter == address(0) || subscriptions_ == address(0)) revert ZeroAddress();
        _grantRole(MINTER_ROLE, minter);
        _subscriptions = IBlockhostSubscriptions(subscriptions_);
    }

    /// @notice Mints the access token of `subscriptionId` to its buyer `to`. Token ids start at 1.
    function mint(address to, uint256 subscriptionId, bytes calldata userEncrypted)
        external
        onlyRole(MINTER_ROLE)
        returns (uint256 tokenId)
    {
        if (subscriptionId == 0) revert InvalidSubscriptionId();
        uint256 existing = _tokenOfSubscription[subscriptionId];
        if (existing != 0) revert SubscriptionAlreadyMinted(subscriptionId, existing);
        address buyer = _buyerOf(subscriptionId);
        if (to != buyer) revert RecipientNotBuyer(subscriptionId, to, buyer);
        _checkLength(userEncrypted);
        tokenId = ++_minted;
        _tokenOfSubscription[subscriptionId] = tokenId;
        _tokens[tokenId] = TokenRecord(SafeCast.toUint96(subscriptionId), to);
        _userEncrypted[tokenId] = userEncrypted;
        // _mint, not _safeMint: a wallet contract without a receiver hook must not block the host.
        _mint(to, tokenId);
        emit AccessTokenMinted(tokenId, subscriptionId, to);
    }

    /// @notice Replaces the encrypted connection details (after a key fix or a host change).
    function updateUserEncrypted(uint256 tokenId, bytes calldata userEncrypted) external onlyRole(MINTER_ROLE) {
        _requireOwned(tokenId);
        _checkLength(userEncrypted);
        _userEncrypted[tokenId] = userEncrypted;
        emit UserEncryptedUpdated(tokenId, _tokens[tokenId].subscriptionId);
        emit MetadataUpdate(tokenId);
    }

    /// @notice Admin repair: moves a token to `to` whoever holds it (e.g. one minted wrongly, or a
    /// customer's lost wallet). Emits `Transfer` and `AccessTokenReassigned`; nothing when `to`
    /// already holds it. The minter (the hot server key) cannot do this.
    function reassignToken(uint256 tokenId, address to) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (to == address(0)) revert ZeroAddress();
        address from = _requireOwned(tokenId);
        if (from == to) return;
        _transfer(from, to, tokenId);
        emit AccessTokenReassigned(tokenId, _tokens[tokenId].subscriptionId, from, to);
    }

    function getUserEncrypted(uint256 tokenId) external view returns (bytes memory) {
        _requireOwned(tokenId);
        return _userEncrypted[tokenId];
    }

    function subscriptionOf(uint256 tokenId) external view returns (uint256) {
        _requireOwned(tokenId);
        return _tokens[tokenId].subscriptionId;
    }

    function mintedTo(uint256 tokenId) external view returns (address) {
        _requireOwned(tokenId);
        return _tokens[tokenId].mintedTo;
    }

    /// @notice The token of a subscription, or 0 if none was minted.
    function tokenOfSubscription(uint256 subscriptionId) external view returns (uint256) {
        return _tokenOfSubscription[subscriptionId];
    }

    /// @notice The owner of the subscription's token, or address(0) when none was minted: the
    /// subscription's controller.
    function holderOfSubscription(uint256 subscriptionId) external view returns (address) {
        uint256 tokenId = _tokenOfSubscription[subscriptionId];
        return tokenId == 0 ? address(0) : _ownerOf(tokenId);
    }

    /// @notice The subscriptions contract this credential belongs to.
    function subscriptions() external view returns (address) {
        return address(_subscriptions);
    }

    function totalSupply() external view returns (uint256) {
        return _minted;
    }

    /// @notice On-chain metadata: JSON with an SVG image and the subscription id as an attribute.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        string memory id = tokenId.toString();
        string memory sub = uint256(_tokens[tokenId].subscriptionId).toString();
        string memory json = string.concat(
            '{"name":"BlockHost access #',
            id,
            '","description":"Access credential for BlockHost subscription #',
            sub,
            '. The owner of this token may log in to the subscription\'s VM by signing with their wallet.",',
            '"image":"data:image/svg+xml;base64,',
            Base64.encode(bytes(_svg(id, sub))),
            '","attributes":[{"trait_type":"Subscription","display_type":"number","value":',
            sub,
            "}]}"
        );
        return string.concat("data:application/json;base64,", Base64.encode(bytes(json)));
    }

    function supportsInterface(bytes4 interfaceId)
        public
        view
        override(ERC721, AccessControlDefaultAdminRules, IERC165)
        returns (bool)
    {
        return interfaceId == type(IAccessCredentialNFT).interfaceId || interfaceId == bytes4(0x49064906)
            || super.supportsInterface(interfaceId);
    }

    /// @dev The buyer of an existing subscription (the subscriptions contract is ours, set once).
    function _buyerOf(uint256 subscriptionId) private view returns (address) {
        try _subscriptions.getSubscription(subscriptionId) returns (IBlockhostSubscriptions.Subscription memory s) {
            return s.subscriber;
        } catch {
            revert SubscriptionNotFound(subscriptionId);
        }
    }

    function _checkLength(bytes calldata data) private pure {
        if (data.length > MAX_USER_ENCRYPTED) revert UserEncryptedTooLong(data.length, MAX_USER_ENCRYPTED);
    }

    function _svg(string memory id, string memory sub) private pure returns (string memory) {
        return string.concat(
            '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 240" width="400" height="240">',
            '<rect width="400" height="240" rx="16" fill="#0f172a"/>',
            '<rect x="16" y="16" width="368" height="208" rx="10" fill="none" stroke="#38bdf8" stroke-width="2"/>',
            '<text x="36" y="70" font-family="monospace" font-size="28" fill="#f8fafc">BlockHost</text>',
            '<text x="36" y="104" font-family="monospace" font-size="16" fill="#94a3b8">access credential</text>',
            '<text x="36" y="170" font-family="monospace" font-size="20" fill="#38bdf8">subscription #',
            sub,
            '</text><text x="36" y="200" font-family="monospace" font-size="14" fill="#94a3b8">token #',
            id,
            "</text></svg>"
        );
    }
}
