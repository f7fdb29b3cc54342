// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @notice TEST ONLY. A Chainlink L2 sequencer-uptime feed: `answer` 0 = the sequencer is up,
/// 1 = down; `startedAt` = when that status began. Anyone may set it.
contract TestSequencerUptimeFeed is AggregatorV3Interface {
    uint8 public constant decimals = 0;
    uint80 private _round;
    int256 private _answer;
    uint256 private _startedAt;

    constructor(bool down, uint256 startedAt) {
        setStatus(down, startedAt);
    }

    /// @notice The sequencer went down (or came back up) at `startedAt`.
    function setStatus(bool down, uint256 startedAt) public {
        _round++;
        _answer = down ? int256(1) : int256(0);
        _startedAt = startedAt;
    }

    function description() external pure returns (string memory) {
        return "L2 Sequencer Uptime Status Feed";
    }

    function version() external pure returns (uint256) {
        return 1;
    }

    function getRoundData(uint80 roundId) external view returns (uint80, int256, uint256, uint256, uint80) {
        return (roundId, _answer, _startedAt, block.timestamp, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_round, _answer, _startedAt, block.timestamp, _round);
    }
}
