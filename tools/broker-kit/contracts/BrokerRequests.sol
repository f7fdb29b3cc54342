// SPDX-License-Identifier: MIT
pragma solidity ^0.8.24;

/**
 * TEST KIT: the reference IPv6 broker's requests contract. A host submits its
 * request (ECIES-encrypted to the broker's registry key) naming its access NFT
 * contract; the id fits the 8 bytes that prefix the broker's answer.
 */
contract BrokerRequests {
    struct Request {
        address requester;
        address nftContract;
        uint64 blockNumber;
    }

    uint256 public constant MAX_PAYLOAD_BYTES = 1024;
    uint64 public requestCount;
    mapping(uint64 requestId => Request) private requests;

    event RequestSubmitted(
        uint64 indexed requestId,
        address indexed requester,
        address indexed nftContract,
        bytes encryptedPayload
    );

    error EmptyPayload();
    error PayloadTooLong(uint256 length, uint256 max);
    error NotAContract(address nftContract);

    function submitRequest(address nftContract, bytes calldata encryptedPayload)
        external
        returns (uint64 requestId)
    {
        if (encryptedPayload.length == 0) revert EmptyPayload();
        if (encryptedPayload.length > MAX_PAYLOAD_BYTES) {
            revert PayloadTooLong(encryptedPayload.length, MAX_PAYLOAD_BYTES);
        }
        if (nftContract.code.length == 0) revert NotAContract(nftContract);
        requestId = ++requestCount;
        requests[requestId] = Request(msg.sender, nftContract, uint64(block.number));
        emit RequestSubmitted(requestId, msg.sender, nftContract, encryptedPayload);
    }

    function getRequest(uint64 requestId)
        external
        view
        returns (address requester, address nftContract, uint64 blockNumber)
    {
        Request storage r = requests[requestId];
        return (r.requester, r.nftContract, r.blockNumber);
    }
}
