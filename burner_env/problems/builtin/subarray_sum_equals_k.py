"""Subarray sum equals k (prefix sums + hashing), with divide-and-conquer and brute-force references."""

PROBLEM = {
    "id": "subarray_sum_equals_k",
    "title": "Subarray Sum Equals K",
    "statement": """\
Given a list of integers `nums` (negative values allowed) and an integer `k`, return the number of
non-empty contiguous subarrays `nums[i..j]` (`i <= j`) whose elements sum to `k`. Subarrays at
different positions count separately even if their contents are equal.

Implement `Solution.subarraySum(self, nums: list[int], k: int) -> int`.

**Constraints**

- `0 <= len(nums) <= 2 * 10^4`
- `-1000 <= nums[i] <= 1000`, `-10^7 <= k <= 10^7`

**Examples**

```
subarraySum([1, 1, 1], 2)     ->  2
subarraySum([1, 2, 3], 3)     ->  2     # [1, 2] and [3]
subarraySum([0, 0, 0], 0)     ->  6
```
""",
    "io": "class",
    "entry_point": "Solution.subarraySum",
    "starter_code": """\
class Solution:
    def subarraySum(self, nums: list[int], k: int) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["prefix-sums", "hashing", "divide-and-conquer"],
    "checker": "exact",
    "tests": [
        {"args": [[1, 1, 1], 2], "expected": 2},
        {"args": [[1, 2, 3], 3], "expected": 2},
        {"args": [[1], 0], "expected": 0},
        {"args": [[0], 0], "expected": 1},
        {"args": [[0, 0, 0], 0], "expected": 6},
        {"args": [[1, -1, 0], 0], "expected": 3},
        {"args": [[-1, -1, 1], 0], "expected": 1},
        {"args": [[3, 4, 7, 2, -3, 1, 4, 2], 7], "expected": 4},
        {"args": [[], 0], "expected": 0},
        {"args": [[1, 2, 1, 2, 1], 3], "expected": 4},
        {"args": [[-5], -5], "expected": 1},
        {"args": [[1000, 1000, 1000], 2000], "expected": 2},
        {"args": [[1, -1, 1, -1], 0], "expected": 4},
        {"args": [[2, -2, 2, -2, 2], 2], "expected": 6},
    ],
    "efficiency": {
        "seed": 2701,
        "generator": """\
def generate(rng):
    tests = []
    for n, k in ((3500, 0), (3500, 5), (3500, -3)):
        tests.append({"args": [[rng.randint(-10, 10) for _ in range(n)], k]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "prefix sums with a hash map of counts",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def subarraySum(self, nums, k):
        seen = {0: 1}
        prefix = count = 0
        for x in nums:
            prefix += x
            count += seen.get(prefix - k, 0)
            seen[prefix] = seen.get(prefix, 0) + 1
        return count
""",
        },
        {
            "label": "accumulate and a Counter",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
from collections import Counter
from itertools import accumulate


class Solution:
    def subarraySum(self, nums, k):
        seen = Counter([0])
        count = 0
        for prefix in accumulate(nums):
            count += seen[prefix - k]
            seen[prefix] += 1
        return count
""",
        },
        {
            "label": "divide and conquer over the crossing sums",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
from collections import Counter


class Solution:
    def subarraySum(self, nums, k):
        def solve(lo, hi):
            if hi - lo == 1:
                return 1 if nums[lo] == k else 0
            mid = (lo + hi) // 2
            total = solve(lo, mid) + solve(mid, hi)
            suffixes = Counter()
            running = 0
            for i in range(mid - 1, lo - 1, -1):
                running += nums[i]
                suffixes[running] += 1
            running = 0
            for j in range(mid, hi):
                running += nums[j]
                total += suffixes.get(k - running, 0)
            return total

        return solve(0, len(nums)) if nums else 0
""",
        },
        {
            "label": "brute force with a running sum",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
class Solution:
    def subarraySum(self, nums, k):
        n = len(nums)
        count = 0
        for i in range(n):
            total = 0
            for j in range(i, n):
                total += nums[j]
                if total == k:
                    count += 1
        return count
""",
        },
        {
            "label": "brute force over pairs of prefix sums",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def subarraySum(self, nums, k):
        prefix = [0]
        for x in nums:
            prefix.append(prefix[-1] + x)
        count = 0
        for i in range(len(prefix)):
            for j in range(i + 1, len(prefix)):
                if prefix[j] - prefix[i] == k:
                    count += 1
        return count
""",
        },
        {
            "label": "accumulate every suffix and count",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
from itertools import accumulate


class Solution:
    def subarraySum(self, nums, k):
        return sum(list(accumulate(nums[i:])).count(k) for i in range(len(nums)))
""",
        },
    ],
}
