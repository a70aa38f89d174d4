"""Length of the longest strictly increasing subsequence (DP / patience sorting)."""

PROBLEM = {
    "id": "longest_increasing_subsequence",
    "title": "Longest Increasing Subsequence",
    "statement": """\
Return the length of the longest **strictly** increasing subsequence of `nums`. A subsequence keeps
the order of the chosen elements but need not be contiguous. The empty list has answer `0`.

Implement `longest_increasing_subsequence(nums: list[int]) -> int`.

**Constraints**

- `0 <= len(nums) <= 10^5`
- `-10^9 <= nums[i] <= 10^9`

**Example 1**

```
Input:  nums = [10, 9, 2, 5, 3, 7, 101, 18]
Output: 4
```

One longest subsequence is `[2, 3, 7, 101]`.

**Example 2**

```
Input:  nums = [7, 7, 7, 7]
Output: 1
```

Equal values do not increase.
""",
    "io": "function",
    "entry_point": "longest_increasing_subsequence",
    "starter_code": """\
def longest_increasing_subsequence(nums: list[int]) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["dynamic-programming", "binary-search", "lis"],
    "checker": "exact",
    "tests": [
        {"args": [[10, 9, 2, 5, 3, 7, 101, 18]], "expected": 4},
        {"args": [[7, 7, 7, 7]], "expected": 1},
        {"args": [[]], "expected": 0},
        {"args": [[42]], "expected": 1},
        {"args": [[0, 1, 0, 3, 2, 3]], "expected": 4},
        {"args": [[5, 4, 3, 2, 1]], "expected": 1},
        {"args": [[1, 2, 3, 4, 5, 6]], "expected": 6},
        {"args": [[1, 3, 3, 3, 2, 4]], "expected": 3},
        {"args": [[-1000000000, 1000000000, -999999999, 999999999]], "expected": 3},
        {"args": [[3, 10, 2, 1, 20, 4, 6, 7]], "expected": 4},
        {"args": [[2, 2, 1, 1, 3, 3, 2, 4]], "expected": 3},
    ],
    "efficiency": {
        "seed": 1020,
        "generator": """\
def generate(rng):
    noisy = [rng.randint(-10**9, 10**9) for _ in range(3500)]
    # a rising trend with noise and many repeated values: long answers
    trend = [i // 3 + rng.randint(-40, 40) for i in range(3500)]
    return [{"args": [noisy]}, {"args": [trend]}]
""",
    },
    "solutions": [
        {
            "label": "patience sorting with bisect",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_left


def longest_increasing_subsequence(nums):
    tails = []  # tails[k]: smallest tail of an increasing subsequence of length k + 1
    for x in nums:
        i = bisect_left(tails, x)
        if i == len(tails):
            tails.append(x)
        else:
            tails[i] = x
    return len(tails)
""",
        },
        {
            "label": "patience sorting with a hand-written binary search",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
def longest_increasing_subsequence(nums):
    tails = []
    for x in nums:
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < x:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(x)
        else:
            tails[lo] = x
    return len(tails)
""",
        },
        {
            "label": "Fenwick tree of prefix maxima over value ranks",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
def longest_increasing_subsequence(nums):
    rank = {v: i + 1 for i, v in enumerate(sorted(set(nums)))}
    size = len(rank)
    tree = [0] * (size + 1)
    best = 0
    for x in nums:
        r = rank[x]
        # longest subsequence ending in a value of rank < r
        i, length = r - 1, 0
        while i > 0:
            if tree[i] > length:
                length = tree[i]
            i -= i & -i
        length += 1
        best = max(best, length)
        i = r
        while i <= size:
            if tree[i] < length:
                tree[i] = length
            i += i & -i
    return best
""",
        },
        {
            "label": "segment tree of maxima over value ranks",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
def longest_increasing_subsequence(nums):
    values = sorted(set(nums))
    rank = {v: i for i, v in enumerate(values)}
    size = 1
    while size < len(values):
        size *= 2
    tree = [0] * (2 * size)
    for x in nums:
        # maximum over ranks [0, rank[x])
        lo, hi = size, size + rank[x]
        length = 0
        while lo < hi:
            if lo & 1:
                length = max(length, tree[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                length = max(length, tree[hi])
            lo //= 2
            hi //= 2
        length += 1
        i = size + rank[x]
        while i and tree[i] < length:
            tree[i] = length
            i //= 2
    return tree[1]
""",
        },
        {
            "label": "quadratic DP over all earlier elements",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def longest_increasing_subsequence(nums):
    best_end = []  # best_end[i]: longest increasing subsequence ending at i
    for i, x in enumerate(nums):
        longest = 0
        for j in range(i):
            if nums[j] < x and best_end[j] > longest:
                longest = best_end[j]
        best_end.append(longest + 1)
    return max(best_end, default=0)
""",
        },
        {
            "label": "quadratic DP with a generator max",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def longest_increasing_subsequence(nums):
    dp = []
    for i, x in enumerate(nums):
        dp.append(1 + max((dp[j] for j in range(i) if nums[j] < x), default=0))
    return max(dp, default=0)
""",
        },
    ],
}
