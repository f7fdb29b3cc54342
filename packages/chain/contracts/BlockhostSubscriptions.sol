// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AccessControl} from "@openzeppelin/contracts/access/AccessControl.sol";
import {IERC20} from "@openzeppelin/contracts/token/ERC20/IERC20.sol";
import {IERC20Metadata} from "@openzeppelin/contracts/token/ERC20/extensions/IERC20Metadata.sol";
import {SafeERC20} from "@openzeppelin/contracts/token/ERC20/utils/SafeERC20.sol";
import {ReentrancyGuard} from "@openzeppelin/contracts/utils/ReentrancyGuard.sol";
import {AggregatorV3Interface} from "./interfaces/AggregatorV3Interface.sol";
import {IBlockhostSubscriptions} from "./interfaces/IBlockhostSubscriptions.sol";

/// @title BlockHost subscriptions
/// @notice Customers buy time on a plan (VM size + daily USD price) with a listed USD stablecoin,
/// or with the native coin priced by a Chainlink-style feed. The host's daemon follows the events.
/// @dev Roles: DEFAULT_ADMIN_ROLE (the operator's own wallet: roles, payment tokens, price feed,
/// withdraw) and OPERATOR_ROLE (the host's server key: plans, cancellation). A leaked server key
/// cannot move the funds.
contract BlockhostSubscriptions is IBlockhostSubscriptions, AccessControl, ReentrancyGuard {
    using SafeERC20 for IERC20;

    bytes32 public constant OPERATOR_ROLE = keccak256("OPERATOR_ROLE");
    /// @notice `token` value that means "pay with the chain's native coin".
    address public constant NATIVE = address(0);
    uint256 public constant MIN_DAYS = 1;
    uint256 public constant MAX_DAYS = 3650;
    uint256 public constant MAX_USER_ENCRYPTED = 1024;
    uint256 public constant MAX_PLAN_NAME = 64;

    error PlanNotFound(uint256 planId);
    error PlanInactive(uint256 planId);
    error InvalidPlan(string field);
    error SubscriptionNotFound(uint256 subscriptionId);
    error SubscriptionIsCancelled(uint256 subscriptionId);
    error NotSubscriberOrOperator(uint256 subscriptionId, address caller);
    error InvalidDays(uint256 days_, uint256 min, uint256 max);
    error UserEncryptedTooLong(uint256 length, uint256 max);
    error TokenNotAccepted(address token);
    error InvalidTokenDecimals(address token);
    error NativePaymentDisabled();
    error InvalidFeed(address feed);
    error InvalidPrice(int256 answer);
    error StalePrice(uint256 updatedAt, uint256 maxStaleness, uint256 now_);
    error PriceAboveMaximum(uint256 price, uint256 maxAmount);
    error InsufficientPayment(uint256 sent, uint256 price);
    error UnexpectedNativeValue(uint256 sent);
    error ZeroAddress();
    error NativeTransferFailed(address to, uint256 amount);

    uint256 private _planCount;
    uint256 private _subscriptionCount;
    mapping(uint256 planId => Plan) private _plans;
    mapping(uint256 subscriptionId => Subscription) private _subscriptions;

    /// @dev decimals + 1 of each accepted token (0 = not accepted), so one slot answers both.
    mapping(address token => uint256) private _tokenDecimalsPlusOne;
    address[] private _paymentTokens;

    AggregatorV3Interface public priceFeed;
    uint8 public priceFeedDecimals;
    uint256 public priceFeedMaxStaleness;

    /// @param admin the operator's wallet (DEFAULT_ADMIN_ROLE)
    /// @param operator the host's server key (OPERATOR_ROLE)
    /// @param paymentTokens USD stablecoins accepted from the start
    /// @param feed native-coin/USD feed, or address(0) for no native payment
    /// @param maxStaleness seconds a feed answer stays usable (ignored without a feed)
    constructor(
        address admin,
        address operator,
        address[] memory paymentTokens,
        address feed,
        uint256 maxStaleness
    ) {
        if (admin == address(0) || operator == address(0)) revert ZeroAddress();
        _grantRole(DEFAULT_ADMIN_ROLE, admin);
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
        Plan storage plan = _plan(planId);
        if (!plan.active) revert PlanInactive(planId);
        uint256 amount = _price(plan.pricePerDayUsdCents, days_, token);

        subscriptionId = ++_subscriptionCount;
        uint256 expiresAt = block.timestamp + days_ * 1 days;
        _subscriptions[subscriptionId] = Subscription(subscriptionId, planId, msg.sender, expiresAt, false);
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
        Subscription storage sub = _subscription(subscriptionId);
        if (sub.cancelled) revert SubscriptionIsCancelled(subscriptionId);
        uint256 amount = _price(_plans[sub.planId].pricePerDayUsdCents, days_, token);

        uint256 base = sub.expiresAt > block.timestamp ? sub.expiresAt : block.timestamp;
        newExpiresAt = base + days_ * 1 days;
        sub.expiresAt = newExpiresAt;
        emit SubscriptionExtended(subscriptionId, sub.planId, msg.sender, newExpiresAt, amount, token);

        _collect(amount, token, maxAmount);
    }

    /// @notice The subscriber or the operator ends a subscription; the host suspends its VM.
    function cancelSubscription(uint256 subscriptionId) external {
        Subscription storage sub = _subscription(subscriptionId);
        if (msg.sender != sub.subscriber && !hasRole(OPERATOR_ROLE, msg.sender)) {
            revert NotSubscriberOrOperator(subscriptionId, msg.sender);
        }
        if (sub.cancelled) revert SubscriptionIsCancelled(subscriptionId);
        sub.cancelled = true;
        emit SubscriptionCancelled(subscriptionId, sub.planId, sub.subscriber);
    }

    // ---------------------------------------------------------------- views

    function getPlan(uint256 planId) external view returns (Plan memory) {
        return _plan(planId);
    }

    function getSubscription(uint256 subscriptionId) external view returns (Subscription memory) {
        return _subscription(subscriptionId);
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
        _plans[planId] = Plan(planId, name, pricePerDayUsdCents, cores, memoryMiB, diskGiB, true);
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
        _plan(planId);
        _checkPlan(name, pricePerDayUsdCents, cores, memoryMiB, diskGiB);
        _plans[planId] = Plan(planId, name, pricePerDayUsdCents, cores, memoryMiB, diskGiB, active);
        emit PlanUpdated(planId, name, pricePerDayUsdCents, cores, memoryMiB, diskGiB, active);
    }

    // ---------------------------------------------------------------- admin

    function setPaymentToken(address token, bool accepted) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPaymentToken(token, accepted);
    }

    /// @notice Enables native-coin payment with `feed` (native/USD), or disables it with address(0).
    function setPriceFeed(address feed, uint256 maxStaleness) external onlyRole(DEFAULT_ADMIN_ROLE) {
        _setPriceFeed(feed, maxStaleness);
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

    function _plan(uint256 planId) private view returns (Plan storage plan) {
        plan = _plans[planId];
        if (plan.id == 0) revert PlanNotFound(planId);
    }

    function _subscription(uint256 subscriptionId) private view returns (Subscription storage sub) {
        sub = _subscriptions[subscriptionId];
        if (sub.id == 0) revert SubscriptionNotFound(subscriptionId);
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
        if (price == 0) revert InvalidPlan("pricePerDayUsdCents");
        if (cores == 0) revert InvalidPlan("cores");
        if (memoryMiB == 0) revert InvalidPlan("memoryMiB");
        if (diskGiB == 0) revert InvalidPlan("diskGiB");
    }

    /// @dev Stablecoins are valued at $1: cents * days * 10^decimals / 100. The native coin is
    /// priced by the feed and rounded up, so rounding never favours the payer.
    function _price(uint256 centsPerDay, uint256 days_, address token) private view returns (uint256) {
        uint256 cents = centsPerDay * days_;
        if (token != NATIVE) {
            uint256 d = _tokenDecimalsPlusOne[token];
            if (d == 0) revert TokenNotAccepted(token);
            return (cents * 10 ** (d - 1)) / 100;
        }
        AggregatorV3Interface feed = priceFeed;
        if (address(feed) == address(0)) revert NativePaymentDisabled();
        (, int256 answer,, uint256 updatedAt,) = feed.latestRoundData();
        if (answer <= 0) revert InvalidPrice(answer);
        if (updatedAt == 0 || updatedAt + priceFeedMaxStaleness < block.timestamp) {
            revert StalePrice(updatedAt, priceFeedMaxStaleness, block.timestamp);
        }
        // wei = cents / 100 USD ÷ (answer / 10^feedDecimals USD per coin) × 10^18
        uint256 numerator = cents * 1e18 * 10 ** priceFeedDecimals;
        uint256 denominator = 100 * uint256(answer);
        return (numerator + denominator - 1) / denominator;
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
            IERC20(token).safeTransferFrom(msg.sender, address(this), amount);
        }
    }

    function _setPaymentToken(address token, bool accepted) private {
        if (token == address(0)) revert ZeroAddress();
        uint256 current = _tokenDecimalsPlusOne[token];
        uint8 decimals = 0;
        if (accepted) {
            bool ok;
            (ok, decimals) = _readDecimals(token);
            if (!ok) revert InvalidTokenDecimals(token);
            if (current == 0) _paymentTokens.push(token);
            _tokenDecimalsPlusOne[token] = uint256(decimals) + 1;
        } else if (current != 0) {
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
        if (feed == address(0)) {
            priceFeed = AggregatorV3Interface(address(0));
            priceFeedDecimals = 0;
            priceFeedMaxStaleness = 0;
        } else {
            if (maxStaleness == 0) revert InvalidFeed(feed);
            (bool ok, uint8 decimals) = _readDecimals(feed);
            if (!ok) revert InvalidFeed(feed);
            priceFeed = AggregatorV3Interface(feed);
            priceFeedDecimals = decimals;
            priceFeedMaxStaleness = maxStaleness;
        }
        emit PriceFeedSet(feed, maxStaleness);
    }

    /// @dev `decimals()` of a token or feed, without trusting it: no code, a revert, short return
    /// data or more than 36 decimals (10^decimals × cents could overflow) all mean "not usable".
    /// A try/catch would not do: calling an address without code "succeeds" and the decoding
    /// failure then reverts the whole transaction.
    function _readDecimals(address target) private view returns (bool ok, uint8 decimals) {
        if (target.code.length == 0) return (false, 0);
        (bool success, bytes memory data) = target.staticcall(abi.encodeWithSelector(IERC20Metadata.decimals.selector));
        if (!success || data.length < 32) return (false, 0);
        uint256 d = abi.decode(data, (uint256));
        if (d > 36) return (false, 0);
        return (true, uint8(d));
    }
}
