// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC165} from "@openzeppelin/contracts/interfaces/IERC165.sol";
import {IERC4906} from "@openzeppelin/contracts/interfaces/IERC4906.sol";
import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";
import {Base64} from "@openzeppelin/contracts/utils/Base64.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {IAccessCredentialNFT} from "./interfaces/IAccessCredentialNFT.sol";

/// @title BlockHost access credential
/// @notice One token per subscription, holding the VM's connection details encrypted with a key
/// only the customer's wallet can re-derive. Whoever owns the token may log in to the VM.
/// @dev Minting is exactly-once per subscription, enforced here: a second mint reverts and
/// `tokenOfSubscription` tells a recovering minter which token already exists.
contract AccessCredentialNFT is IAccessCredentialNFT, ERC721, AccessControl, IERC4906 {
    using Strings for uint256;

    bytes32 public constant MINTER_ROLE = keccak256("MINTER_ROLE");
    uint256 public constant MAX_USER_ENCRYPTED = 1024;

    error SubscriptionAlreadyMinted(uint256 subscriptionId, uint256 tokenId);
    error InvalidSubscriptionId();
    error UserEncryptedTooLong(uint256 length, uint256 max);
    error ZeroAddress();

    /// @notice The subscriptions contract this credential belongs to (informational).
    address public subscriptions;

    uint256 private _minted;
    mapping(uint256 tokenId => uint256) private _subscriptionOf;
    mapping(uint256 subscriptionId => uint256) private _tokenOfSubscription;
    mapping(uint256 tokenId => bytes) private _userEncrypted;

    constructor(string memory name_, string memory symbol_, address admin, address minter, address subscriptions_)
        ERC721(name_, symbol_)
    {
        if (admin == address(0) || minter == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
        _grantRole(MINTER_ROLE, minter);
        subscriptions = subscriptions_;
    }

    /// @notice Mints the access token of `subscriptionId` to `to`. Token ids start at 1.
    function mint(address to, uint256 subscriptionId, bytes calldata userEncrypted)
        external
        onlyRole(MINTER_ROLE)
        returns (uint256 tokenId)
    {
        if (subscriptionId == 0) revert InvalidSubscriptionId();
        uint256 existing = _tokenOfSubscription[subscriptionId];
        if (existing != 0) revert SubscriptionAlreadyMinted(subscriptionId, existing);
        _checkLength(userEncrypted);
        tokenId = ++_minted;
        _tokenOfSubscription[subscriptionId] = tokenId;
        _subscriptionOf[tokenId] = subscriptionId;
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
        emit UserEncryptedUpdated(tokenId, _subscriptionOf[tokenId]);
        emit MetadataUpdate(tokenId);
    }

    function getUserEncrypted(uint256 tokenId) external view returns (bytes memory) {
        _requireOwned(tokenId);
        return _userEncrypted[tokenId];
    }

    function subscriptionOf(uint256 tokenId) external view returns (uint256) {
        _requireOwned(tokenId);
        return _subscriptionOf[tokenId];
    }

    /// @notice The token of a subscription, or 0 if none was minted.
    function tokenOfSubscription(uint256 subscriptionId) external view returns (uint256) {
        return _tokenOfSubscription[subscriptionId];
    }

    function totalSupply() external view returns (uint256) {
        return _minted;
    }

    /// @notice On-chain metadata: JSON with an SVG image and the subscription id as an attribute.
    function tokenURI(uint256 tokenId) public view override returns (string memory) {
        _requireOwned(tokenId);
        string memory id = tokenId.toString();
        string memory sub = _subscriptionOf[tokenId].toString();
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
        override(ERC721, AccessControl, IERC165)
        returns (bool)
    {
        return interfaceId == type(IAccessCredentialNFT).interfaceId || interfaceId == bytes4(0x49064906)
            || super.supportsInterface(interfaceId);
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
