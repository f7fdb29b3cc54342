// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControlDefaultAdminRules} from "@openzeppelin/contracts/access/extensions/AccessControlDefaultAdminRules.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuardTransient} from "@openzeppelin/contracts/utils/ReentrancyGuardTransient.sol";
import {SafeCast} from "@openzeppelin/contracts/utils/math/SafeCast.sol";
import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {IAccessCredentialNFT} from "./interfaces/IAccessCredentialNFT.sol";
import {IBlockhostSubscriptions} from "./interfaces/IBlockhostSubscriptions.sol";

/// @title BlockHost subscriptions
/// @notice Customers buy time on a plan (VM size + daily USD price) with a listed USD stablecoin,
/// or with the native coin priced by a Chainlink-style feed. The host's daemon follows the events.
/// Whoever holds a subscription's access NFT controls it (the buyer until it is minted).
/// @dev Roles: DEFAULT_ADMIN_ROLE (the operator's own wallet: roles, payment tokens, price feeds,
/// withdraw, undoing an operator's cancel; changes hands only by a delayed two-step transfer) and
/// OPERATOR_ROLE (the host's hot server key: plans, cancellation). A leaked server key cannot move
/// funds, and what it can do (cancel) the admin can undo.
contract BlockhostSubscriptions is IBlockhostSubscriptions, AccessControlDefaultAdminRules, ReentrancyGuardTransient {
    using SafeERC20 for IERC20;

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice `token` value that means "pay with the chain's native coin".
    address public constant NATIVE = address(0);
    uint256 public constant MIN_DAYS = 1;
    uint256 public constant MAX_DAYS = 3650;
    uint256 public constant MAX_USER_ENCRYPTED = 1024;
    uint256 public constant MAX_PLAN_NAME = 64;
    /// @notice Payment tokens need at least cent precision, so every price is exact.
    uint8 public constant MIN_TOKEN_DECIMALS = 2;
    uint8 public constant MAX_TOKEN_DECIMALS = 36;
    uint8 public constant MAX_FEED_DECIMALS = 18;
    /// @notice Longest accepted feed staleness: a 24 h heartbeat plus a generous margin.
    uint256 public constant MAX_STALENESS = 2 days;
    uint256 public constant MAX_SEQUENCER_GRACE = 1 days;

    error PlanNotFound(uint256 planId);
    error PlanInactive(uint256 planId);
    error InvalidPlan(string field);
    error SubscriptionNotFound(uint256 subscriptionId);
    error SubscriptionIsCancelled(uint256 subscriptionId);
    /// @dev "Subscriber" here means the subscription's controller (see `controllerOf`).
    error NotSubscriberOrOperator(uint256 subscriptionId, address caller);
    error NotCancelledByOperator(uint256 subscriptionId);
    error InvalidDays(uint256 days_, uint256 min, uint256 max);
    error UserEncryptedTooLong(uint256 length, uint256 max);
    error TokenNotAccepted(address token);
    error InvalidTokenDecimals(address token);
    error PaymentShortfall(address token, uint256 expected, uint256 received);
    error NativePaymentDisabled();
    error InvalidFeed(address feed);
    error InvalidStaleness(uint256 maxStaleness, uint256 max);
    error InvalidPrice(int256 answer);
    error StalePrice(uint256 updatedAt, uint256 maxStaleness, uint256 now_);
    error SequencerDown();
    error SequencerGracePeriodNotOver(uint256 upSince, uint256 gracePeriod, uint256 now_);
    error InvalidGracePeriod(uint256 gracePeriod, uint256 max);
    error PriceAboveMaximum(uint256 price, uint256 maxAmount);
    error InsufficientPayment(uint256 sent, uint256 price);
    error UnexpectedNativeValue(uint256 sent);
    error ZeroAddress();
    error NativeTransferFailed(address to, uint256 amount);
    error InvalidAccessCredential(address nft);
    error AccessCredentialAlreadyLinked(address nft);

    /// @dev One storage slot per plan (the name lives apart: only `getPlan` reads it).
    struct PlanRecord {
        uint96 pricePerDayUsdCents; // 0 = no such plan (a plan's price is never 0)
        uint32 cores;
        uint32 memoryMiB;
        uint32 diskGiB;
        bool active;
    }

    /// @dev One storage slot per subscription.
    struct SubscriptionRecord {
        address subscriber; // the buyer; address(0) = no such subscription
        uint48 expiresAt;
        uint40 planId;
        uint8 status; // ACTIVE, CANCELLED or CANCELLED_BY_OPERATOR
    }

    uint8 private constant ACTIVE = 0;
    uint8 private constant CANCELLED = 1;
    uint8 private constant CANCELLED_BY_OPERATOR = 2;

    /// @dev The deploying account may link the access NFT once (it is usually not the admin).
    /// Storage, not immutable: runtime code stays identical across deployments (verifyDeployment
    /// compares it); cleared by the link.
    address private _deployer;

    uint256 private _planCount;
    uint256 private _subscriptionCount;
    mapping(uint256 planId => PlanRecord) private _plans;
    mapping(uint256 planId => string) private _planNames;
    mapping(uint256 subscriptionId => SubscriptionRecord) private _subscriptions;

    /// @dev decimals + 1 of each accepted token (0 = not accepted), so one slot answers both.
    mapping(address token => uint256) private _tokenDecimalsPlusOne;
    address[] private _paymentTokens;

    /// @notice The access NFT: its holders control their subscriptions.
    IAccessCredentialNFT public accessCredential;

    // One slot each: what a native payment reads.
    AggregatorV3Interface private _priceFeed;
    uint8 private _priceFeedDecimals;
    uint32 private _priceFeedMaxStaleness;
    AggregatorV3Interface private _sequencerFeed;
    uint32 private _sequencerGracePeriod;

    /// @param admin the operator's wallet (DEFAULT_ADMIN_ROLE)
    /// @param operator the host's server key (OPERATOR_ROLE)
    /// @param paymentTokens USD stablecoins accepted from the start
    /// @param feed native-coin/USD feed, or address(0) for no native payment
    /// @param maxStaleness seconds a feed answer stays usable (ignored without a feed)
    /// @param adminDelay seconds a transfer of the admin role waits before it can be accepted
    constructor(
        address admin,
        address operator,
        address[] memory paymentTokens,
        address feed,
        uint256 maxStaleness,
        uint48 adminDelay
    ) AccessControlDefaultAdminRules(adminDelay, admin) {
        if (operator == address(0)) revert ZeroAddress();
        _deployer = msg.sender;
        _grantRole(OPERATOR_ROLE, operator);
        for (uint256 i = 0; i < paymentTokens.length; i++) {
            _setPaymentToken(paymentTokens[i], true);
        }
        if (feed != address(0)) _setPriceFeed(feed, maxStaleness);
    }

    // ---------------------------------------------------------------- customers

    /// @notice Buys `days_` days of an active plan; `userEncrypted` is the customer's signature
    /// ECIES-encrypted to the host's key (see the chain spec). Excess native value is refunded.
    function buySubscription(uint256 planId, uint256 days_, address token, uint256 maxAmount, bytes calldata userEncrypted)
        external
        payable
        nonReentrant
        returns (uint256 subscriptionId)
    {
        _checkDays(days_);
        if (userEncrypted.length > MAX_USER_ENCRYPTED) {
            revert UserEncryptedTooLong(userEncrypted.length, MAX_USER_ENCRYPTED);
        }
        PlanRecord memory plan = _plan(planId);
        if (!plan.active) revert PlanInactive(planId);
        uint256 amount = _price(plan.pricePerDayUsdCents, days_, token);

        subscriptionId = ++_subscriptionCount;
        uint256 expiresAt = block.timestamp + days_ * 1 days;
        // planId fits: createPlan keeps the count within uint40.
        _subscriptions[subscriptionId] =
            SubscriptionRecord(msg.sender, SafeCast.toUint48(expiresAt), uint40(planId), ACTIVE);
        emit SubscriptionCreated(subscriptionId, planId, msg.sender, expiresAt, amount, token, userEncrypted);

        _collect(amount, token, maxAmount);
    }

    /// @notice Anyone may pay for more days (gifting). Works on an inactive plan and revives an
    /// expired subscription: the new expiry is max(expiresAt, now) + days.
    function extendSubscription(uint256 subscriptionId, uint256 days_, address token, uint256 maxAmount)
        external
        payable
        nonReentrant
        returns (uint256 newExpiresAt)
    {
        _checkDays(days_);
        SubscriptionRecord storage sub = _subscription(subscriptionId);
        if (sub.status != ACTIVE) revert SubscriptionIsCancelled(subscriptionId);
        uint256 planId = sub.planId;
        uint256 amount = _price(_plans[planId].pricePerDayUsdCents, days_, token);

        newExpiresAt = _maxWithNow(sub.expiresAt) + days_ * 1 days;
        sub.expiresAt = SafeCast.toUint48(newExpiresAt);
        emit SubscriptionExtended(subscriptionId, planId, msg.sender, newExpiresAt, amount, token);

        _collect(amount, token, maxAmount);
    }

    /// @notice The subscription's controller (its NFT's holder, or the buyer before the NFT is
    /// minted) or the operator ends a subscription; the host suspends its VM. A controller's
    /// cancel is final; an operator's can be undone by the admin (`restoreSubscription`).
    function cancelSubscription(uint256 subscriptionId) external {
        SubscriptionRecord storage sub = _subscription(subscriptionId);
        address controller = _controller(subscriptionId, sub.subscriber);
        uint8 status;
        if (msg.sender == controller) status = CANCELLED;
        else if (hasRole(OPERATOR_ROLE, msg.sender)) status = CANCELLED_BY_OPERATOR;
        else revert NotSubscriberOrOperator(subscriptionId, msg.sender);
        if (sub.status != ACTIVE) revert SubscriptionIsCancelled(subscriptionId);
        sub.status = status;
        emit SubscriptionCancelled(subscriptionId, sub.planId, controller);
    }

    // ---------------------------------------------------------------- views

    function getPlan(uint256 planId) external view returns (Plan memory) {
        PlanRecord memory p = _plan(planId);
        return Plan(planId, _planNames[planId], p.pricePerDayUsdCents, p.cores, p.memoryMiB, p.diskGiB, p.active);
    }

    function getSubscription(uint256 subscriptionId) external view returns (Subscription memory) {
        SubscriptionRecord memory s = _subscription(subscriptionId);
        return Subscription(subscriptionId, s.planId, s.subscriber, s.expiresAt, s.status != ACTIVE);
    }

    /// @notice Who controls the subscription: its access NFT's holder, or the buyer before the
    /// NFT is minted.
    function controllerOf(uint256 subscriptionId) external view returns (address) {
        return _controller(subscriptionId, _subscription(subscriptionId).subscriber);
    }

    /// @notice True when the operator cancelled it (the admin may restore it).
    function cancelledByOperator(uint256 subscriptionId) external view returns (bool) {
        return _subscription(subscriptionId).status == CANCELLED_BY_OPERATOR;
    }

    /// @notice What `days_` days of `planId` cost in `token` (address(0): native coin, in wei).
    function quote(uint256 planId, uint256 days_, address token) external view returns (uint256 amount) {
        _checkDays(days_);
        return _price(_plan(planId).pricePerDayUsdCents, days_, token);
    }

    function planCount() external view returns (uint256) {
        return _planCount;
    }

    function subscriptionCount() external view returns (uint256) {
        return _subscriptionCount;
    }

    function getPaymentTokens() external view returns (address[] memory) {
        return _paymentTokens;
    }

    /// @notice Decimals of an accepted payment token; reverts if it is not accepted.
    function paymentTokenDecimals(address token) external view returns (uint8) {
        uint256 d = _tokenDecimalsPlusOne[token];
        if (d == 0) revert TokenNotAccepted(token);
        return uint8(d - 1);
    }

    function priceFeed() external view returns (address) {
        return address(_priceFeed);
    }

    function priceFeedDecimals() external view returns (uint8) {
        return _priceFeedDecimals;
    }

    function priceFeedMaxStaleness() external view returns (uint256) {
        return _priceFeedMaxStaleness;
    }

    function sequencerUptimeFeed() external view returns (address) {
        return address(_sequencerFeed);
    }

    function sequencerGracePeriod() external view returns (uint256) {
        return _sequencerGracePeriod;
    }

    function supportsInterface(bytes4 interfaceId) public view override returns (bool) {
        return interfaceId == type(IBlockhostSubscriptions).interfaceId || super.supportsInterface(interfaceId);
    }

    // ---------------------------------------------------------------- operator

    function createPlan(string calldata name, uint256 pricePerDayUsdCents, uint32 cores, uint32 memoryMiB, uint32 diskGiB)
        external
        onlyRole(OPERATOR_ROLE)
        returns (uint256 planId)
    {
        _checkPlan(name, pricePerDayUsdCents, cores, memoryMiB, diskGiB);
        planId = ++_planCount;
        if (planId > type(uint40).max) revert InvalidPlan("id");
        _plans[planId] = PlanRecord(uint96(pricePerDayUsdCents), cores, memoryMiB, diskGiB, true);
        _planNames[planId] = name;
        emit PlanCreated(planId, name, pricePerDayUsdCents, cores, memoryMiB, diskGiB);
    }

    function updatePlan(
        uint256 planId,
        string calldata name,
        uint256 pricePerDayUsdCents,
        uint32 cores,
        uint32 memoryMiB,
        uint32 diskGiB,
        bool active
    ) external onlyRole(OPERATOR_ROLE) {
        PlanRecord memory current = _plan(planId);
        _checkPlan(name, pricePerDayUsdCents, cores, memoryMiB, diskGiB);
        PlanRecord memory next = PlanRecord(uint96(pricePerDayUsdCents), cores, memoryMiB, diskGiB, active);
        bool sameName = keccak256(bytes(name)) == keccak256(bytes(_planNames[planId]));
        if (sameName && keccak256(abi.encode(current)) == keccak256(abi.encode(next))) return;
        _plans[planId] = next;
        if (!sameName) _planNames[planId] = name;
        emit PlanUpdated(planId, name, pricePerDayUsdCents, cores, memoryMiB, diskGiB, active);
    }

    // ---------------------------------------------------------------- admin

    /// @notice Links the access NFT whose holders control the subscriptions: once, by the
    /// deploying account or the admin. The NFT must name this contract.
    function linkAccessCredential(address nft) external {
        address current = address(accessCredential);
        if (current != address(0)) revert AccessCredentialAlreadyLinked(current);
        if (msg.sender != _deployer && !hasRole(DEFAULT_ADMIN_ROLE, msg.sender)) {
            revert AccessControlUnauthorizedAccount(msg.sender, DEFAULT_ADMIN_ROLE);
        }
        if (_readAddress(nft, IAccessCredentialNFT.subscriptions.selector) != address(this)) {
            revert InvalidAccessCredential(nft);
        }
        accessCredential = IAccessCredentialNFT(nft);
        delete _deployer;
        emit AccessCredentialLinked(nft);
    }

    /// @notice Undoes an operator's cancellation (e.g. by a leaked server key). The expiry is
    /// unchanged; a controller's own cancellation is final and cannot be undone.
    function restoreSubscription(uint256 subscriptionId) external onlyRole(DEFAULT_ADMIN_ROLE) {
        SubscriptionRecord storage sub = _subscription(subscriptionId);
        if (sub.status != CANCELLED_BY_OPERATOR) revert NotCancelledByOperator(subscriptionId);
        sub.status = ACTIVE;
        emit SubscriptionRestored(subscriptionId, sub.planId, msg.sender);
    }

    /// @notice Accepts (with 2..36 decimals) or stops accepting a USD stablecoin.
    function setPaymentToken(address token, bool accepted) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPaymentToken(token, accepted);
    }

    /// @notice Enables native-coin payment with `feed` (native/USD), or disables it with address(0).
    /// `maxStaleness` (1 s .. 2 days) should be the feed's heartbeat plus a margin.
    function setPriceFeed(address feed, uint256 maxStaleness) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPriceFeed(feed, maxStaleness);
    }

    /// @notice On an L2: a Chainlink sequencer-uptime feed. Native payments stop while the
    /// sequencer is down and for `gracePeriod` seconds (at most 1 day) after it is back, when
    /// the price feed may still be stale. address(0) removes it.
    function setSequencerUptimeFeed(address feed, uint256 gracePeriod) external onlyRole(DEFAULT_ADMIN_ROLE) {
        if (gracePeriod > MAX_SEQUENCER_GRACE) revert InvalidGracePeriod(gracePeriod, MAX_SEQUENCER_GRACE);
        if (feed == address(0)) gracePeriod = 0;
        else if (feed.code.length == 0) revert InvalidFeed(feed);
        if (address(_sequencerFeed) == feed && _sequencerGracePeriod == gracePeriod) return;
        _sequencerFeed = AggregatorV3Interface(feed);
        _sequencerGracePeriod = uint32(gracePeriod);
        emit SequencerUptimeFeedSet(feed, gracePeriod);
    }

    /// @notice Moves collected funds (`token` address(0): native coin) to `to`.
    function withdraw(address token, address to, uint256 amount) external onlyRole(DEFAULT_ADMIN_ROLE) nonReentrant {
        if (to == address(0)) revert ZeroAddress();
        if (token == NATIVE) {
            (bool ok,) = to.call{value: amount}("");
            if (!ok) revert NativeTransferFailed(to, amount);
        } else {
            IERC20(token).safeTransfer(to, amount);
        }
        emit Withdrawn(token, to, amount);
    }

    // ---------------------------------------------------------------- internals

    function _plan(uint256 planId) private view returns (PlanRecord memory plan) {
        plan = _plans[planId];
        if (plan.pricePerDayUsdCents == 0) revert PlanNotFound(planId);
    }

    function _subscription(uint256 subscriptionId) private view returns (SubscriptionRecord storage sub) {
        sub = _subscriptions[subscriptionId];
        if (sub.subscriber == address(0)) revert SubscriptionNotFound(subscriptionId);
    }

    function _controller(uint256 subscriptionId, address buyer) private view returns (address) {
        IAccessCredentialNFT nft = accessCredential;
        if (address(nft) != address(0)) {
            address holder = nft.holderOfSubscription(subscriptionId);
            if (holder != address(0)) return holder;
        }
        return buyer;
    }

    function _checkDays(uint256 days_) private pure {
        if (days_ < MIN_DAYS || days_ > MAX_DAYS) revert InvalidDays(days_, MIN_DAYS, MAX_DAYS);
    }

    function _checkPlan(string calldata name, uint256 price, uint32 cores, uint32 memoryMiB, uint32 diskGiB)
        private
        pure
    {
        uint256 nameLength = bytes(name).length;
        if (nameLength == 0 || nameLength > MAX_PLAN_NAME) revert InvalidPlan("name");
        // uint96 cents: far beyond any price, and cents × days × 10^36 cannot overflow.
        if (price == 0 || price > type(uint96).max) revert InvalidPlan("pricePerDayUsdCents");
        if (cores == 0) revert InvalidPlan("cores");
        if (memoryMiB == 0) revert InvalidPlan("memoryMiB");
        if (diskGiB == 0) revert InvalidPlan("diskGiB");
    }

    /// @dev Stablecoins are valued at $1: cents × days × 10^(decimals − 2), exact because listed
    /// tokens have at least 2 decimals. The native coin is priced by the feed and rounded up, so
    /// rounding never favours the payer.
    function _price(uint256 centsPerDay, uint256 days_, address token) private view returns (uint256) {
        uint256 cents = centsPerDay * days_;
        if (token != NATIVE) {
            uint256 d = _tokenDecimalsPlusOne[token];
            if (d == 0) revert TokenNotAccepted(token);
            return cents * 10 ** (d - 1 - MIN_TOKEN_DECIMALS);
        }
        AggregatorV3Interface feed = _priceFeed;
        if (address(feed) == address(0)) revert NativePaymentDisabled();
        _checkSequencer();
        (, int256 answer,, uint256 updatedAt,) = feed.latestRoundData();
        if (answer <= 0) revert InvalidPrice(answer);
        uint256 maxStaleness = _priceFeedMaxStaleness;
        bool stale;
        assembly ("memory-safe") {
            // updatedAt == 0 or now − updatedAt > maxStaleness: no overflow whatever the feed
            // reports (a timestamp ahead of the block counts as fresh), and no branch (see below).
            let age := mul(gt(timestamp(), updatedAt), sub(timestamp(), updatedAt))
            stale := or(iszero(updatedAt), gt(age, maxStaleness))
        }
        if (stale) revert StalePrice(updatedAt, maxStaleness, block.timestamp);
        // wei = cents / 100 USD ÷ (answer / 10^feedDecimals USD per coin) × 10^18
        uint256 numerator = cents * 1e18 * 10 ** _priceFeedDecimals;
        uint256 denominator = 100 * uint256(answer);
        return (numerator + denominator - 1) / denominator;
    }

    /// @dev On L2s the price feed is only as fresh as the sequencer: refuse while it is down and
    /// during the grace period after it came back (Chainlink's recommendation).
    function _checkSequencer() private view {
        AggregatorV3Interface seq = _sequencerFeed;
        if (address(seq) == address(0)) return;
        (, int256 status, uint256 upSince,,) = seq.latestRoundData();
        // status 0 = up; startedAt 0 = no valid round yet (treated as down)
        if (status != 0 || upSince == 0) revert SequencerDown();
        uint256 grace = _sequencerGracePeriod;
        bool waiting;
        assembly ("memory-safe") {
            // up for at most `grace` seconds (or since a time ahead of the block), branch-free
            let upFor := mul(gt(timestamp(), upSince), sub(timestamp(), upSince))
            waiting := iszero(gt(upFor, grace))
        }
        if (waiting) revert SequencerGracePeriodNotOver(upSince, grace, block.timestamp);
    }

    /// @dev max(t, now) without a branch. Gas must not depend on the block's timestamp: wallets
    /// and viem send with the exact gas estimate, made a block or two before the transaction is
    /// mined, and a costlier path taken only then would run out of gas.
    function _maxWithNow(uint256 t) private view returns (uint256 m) {
        assembly ("memory-safe") {
            m := xor(t, mul(xor(t, timestamp()), gt(timestamp(), t)))
        }
    }

    function _collect(uint256 amount, address token, uint256 maxAmount) private {
        if (amount > maxAmount) revert PriceAboveMaximum(amount, maxAmount);
        if (token == NATIVE) {
            if (msg.value < amount) revert InsufficientPayment(msg.value, amount);
            uint256 excess = msg.value - amount;
            if (excess > 0) {
                (bool ok,) = msg.sender.call{value: excess}("");
                if (!ok) revert NativeTransferFailed(msg.sender, excess);
            }
        } else {
            if (msg.value != 0) revert UnexpectedNativeValue(msg.value);
            // Measure what arrived: a fee-on-transfer token must not pay less than the price.
            IERC20 erc20 = IERC20(token);
            uint256 before = erc20.balanceOf(address(this));
            erc20.safeTransferFrom(msg.sender, address(this), amount);
            uint256 balance = erc20.balanceOf(address(this));
            if (balance < before + amount) {
                revert PaymentShortfall(token, amount, balance > before ? balance - before : 0);
            }
        }
    }

    function _setPaymentToken(address token, bool accepted) private {
        if (token == address(0)) revert ZeroAddress();
        uint256 current = _tokenDecimalsPlusOne[token];
        uint8 decimals = 0;
        if (accepted) {
            bool ok;
            (ok, decimals) = _readDecimals(token);
            if (!ok || decimals < MIN_TOKEN_DECIMALS || decimals > MAX_TOKEN_DECIMALS) {
                revert InvalidTokenDecimals(token);
            }
            if (current == uint256(decimals) + 1) return; // already accepted as is
            if (current == 0) _paymentTokens.push(token);
            _tokenDecimalsPlusOne[token] = uint256(decimals) + 1;
        } else {
            if (current == 0) return; // not accepted anyway
            decimals = uint8(current - 1);
            delete _tokenDecimalsPlusOne[token];
            uint256 last = _paymentTokens.length - 1;
            for (uint256 i = 0; i <= last; i++) {
                if (_paymentTokens[i] == token) {
                    _paymentTokens[i] = _paymentTokens[last];
                    _paymentTokens.pop();
                    break;
                }
            }
        }
        emit PaymentTokenSet(token, accepted, decimals);
    }

    function _setPriceFeed(address feed, uint256 maxStaleness) private {
        uint8 decimals = 0;
        if (feed == address(0)) {
            maxStaleness = 0;
        } else {
            if (maxStaleness == 0 || maxStaleness > MAX_STALENESS) revert InvalidStaleness(maxStaleness, MAX_STALENESS);
            bool ok;
            (ok, decimals) = _readDecimals(feed);
            if (!ok || decimals > MAX_FEED_DECIMALS) revert InvalidFeed(feed);
        }
        if (
            address(_priceFeed) == feed && _priceFeedDecimals == decimals && _priceFeedMaxStaleness == maxStaleness
        ) return;
        _priceFeed = AggregatorV3Interface(feed);
        _priceFeedDecimals = decimals;
        _priceFeedMaxStaleness = uint32(maxStaleness);
        emit PriceFeedSet(feed, maxStaleness);
    }

    /// @dev `decimals()` of a token or feed, without trusting it: no code, a revert, short return
    /// data or a value above 255 all mean "not usable" (callers bound it further).
    /// A try/catch would not do: calling an address without code "succeeds" and the decoding
    /// failure then reverts the whole transaction.
    function _readDecimals(address target) private view returns (bool ok, uint8 decimals) {
        if (target.code.length == 0) return (false, 0);
        (bool success, bytes memory data) = target.staticcall(abi.encodeWithSelector(IERC20Metadata.decimals.selector));
        if (!success || data.length < 32) return (false, 0);
        uint256 d = abi.decode(data, (uint256));
        if (d > type(uint8).max) return (false, 0);
        return (true, uint8(d));
    }

    /// @dev An address-returning view of `target`, or address(0) when it has none (same reasons).
    function _readAddress(address target, bytes4 selector) private view returns (address) {
        if (target.code.length == 0) return address(0);
        (bool success, bytes memory data) = target.staticcall(abi.encodeWithSelector(selector));
        if (!success || data.length < 32) return address(0);
        uint256 value = abi.decode(data, (uint256));
        return value > type(uint160).max ? address(0) : address(uint160(value));
    }
}
