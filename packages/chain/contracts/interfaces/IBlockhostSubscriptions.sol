// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/// @notice What a BlockHost host and its customers rely on. `supportsInterface` answers true
/// for this interface id, which is how `verifyDeployment` recognises the contract.
/// @dev Who controls a subscription (may cancel it): the owner of its access NFT once minted,
/// the buyer (`subscriber`) before. `controllerOf` answers it.
interface IBlockhostSubscriptions {
    struct Plan {
        uint256 id;
        string name;
        uint256 pricePerDayUsdCents;
        uint32 cores;
        uint32 memoryMiB;
        uint32 diskGiB;
        bool active;
    }

    struct Subscription {
        uint256 id;
        uint256 planId;
        address subscriber;
        uint256 expiresAt;
        bool cancelled;
    }

    // Event names and field order of the original contract, plus the plan's VM resources.
    event PlanCreated(
        uint256 indexed planId, string name, uint256 pricePerDayUsdCents, uint32 cores, uint32 memoryMiB, uint32 diskGiB
    );
    event PlanUpdated(
        uint256 indexed planId,
        string name,
        uint256 pricePerDayUsdCents,
        uint32 cores,
        uint32 memoryMiB,
        uint32 diskGiB,
        bool active
    );
    event SubscriptionCreated(
        uint256 indexed subscriptionId,
        uint256 indexed planId,
        address indexed subscriber,
        uint256 expiresAt,
        uint256 paidAmount,
        address paymentToken,
        bytes userEncrypted
    );
    event SubscriptionExtended(
        uint256 indexed subscriptionId,
        uint256 indexed planId,
        address indexed extendedBy,
        uint256 newExpiresAt,
        uint256 paidAmount,
        address paymentToken
    );
    /// @dev `subscriber` is the subscription's controller when it was cancelled: the access NFT's
    /// holder once minted, the buyer before (the buyer only, before the NFT followed the subscription).
    event SubscriptionCancelled(uint256 indexed subscriptionId, uint256 indexed planId, address indexed subscriber);

    // Not in the original.
    /// @notice The admin undid an operator's cancellation; the subscription is live again.
    event SubscriptionRestored(uint256 indexed subscriptionId, uint256 indexed planId, address indexed restoredBy);
    /// @notice The access NFT whose holders control the subscriptions (set once).
    event AccessCredentialLinked(address indexed nft);

    // Administration (not in the original).
    event PaymentTokenSet(address indexed token, bool accepted, uint8 decimals);
    event PriceFeedSet(address indexed feed, uint256 maxStaleness);
    event SequencerUptimeFeedSet(address indexed feed, uint256 gracePeriod);
    event Withdrawn(address indexed token, address indexed to, uint256 amount);

    function buySubscription(uint256 planId, uint256 days_, address token, uint256 maxAmount, bytes calldata userEncrypted)
        external
        payable
        returns (uint256 subscriptionId);

    function extendSubscription(uint256 subscriptionId, uint256 days_, address token, uint256 maxAmount)
        external
        payable
        returns (uint256 newExpiresAt);

    function cancelSubscription(uint256 subscriptionId) external;

    /// @notice Who may cancel: the access NFT's holder once minted, the buyer before.
    function controllerOf(uint256 subscriptionId) external view returns (address);

    function getPlan(uint256 planId) external view returns (Plan memory);

    function getSubscription(uint256 subscriptionId) external view returns (Subscription memory);

    function quote(uint256 planId, uint256 days_, address token) external view returns (uint256 amount);

    function planCount() external view returns (uint256);

    function subscriptionCount() external view returns (uint256);

    function getPaymentTokens() external view returns (address[] memory);
}
