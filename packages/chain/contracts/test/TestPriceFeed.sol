// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

import {AggregatorV3Interface} from "../interfaces/AggregatorV3Interface.sol";

/// @notice TEST ONLY. A Chainlink-style feed whose answer and timestamp anyone may set.
contract TestPriceFeed is AggregatorV3Interface {
    uint8 public immutable decimals;
    uint80 private _round;
    int256 private _answer;
    uint256 private _updatedAt;

    constructor(uint8 decimals_, int256 answer) {
        decimals = decimals_;
        setAnswer(answer);
    }

    /// @notice New answer, timestamped now (a fresh round).
    function setAnswer(int256 answer) public {
        setRoundData(answer, block.timestamp);
    }

    /// @notice New answer with an explicit `updatedAt`, e.g. to simulate a stale feed.
    function setRoundData(int256 answer, uint256 updatedAt) public {
        _round++;
        _answer = answer;
        _updatedAt = updatedAt;
    }

    function description() external pure returns (string memory) {
        return "TEST / USD";
    }

    function version() external pure returns (uint256) {
        return 4;
    }

    function getRoundData(uint80 roundId)
        external
        view
        returns (uint80, int256, uint256, uint256, uint80)
    {
        return (roundId, _answer, _updatedAt, _updatedAt, roundId);
    }

    function latestRoundData() external view returns (uint80, int256, uint256, uint256, uint80) {
        return (_round, _answer, _updatedAt, _updatedAt, _round);
    }
}
