"""Maximum subarray sum (arrays): Kadane, divide and conquer, brute force."""

PROBLEM = {
    "id": "max_subarray_sum",
    "title": "Maximum Subarray Sum",
    "statement": """\
Given a non-empty list of integers `nums`, return the largest sum of a **non-empty contiguous**
subarray `nums[i] + nums[i + 1] + ... + nums[j]` with `0 <= i <= j < len(nums)`.

Write a function `max_subarray_sum(nums: list[int]) -> int`.

**Constraints**

- `1 <= len(nums) <= 10^5`
- `-10^4 <= nums[i] <= 10^4`

**Examples**

```
max_subarray_sum([-2, 1, -3, 4, -1, 2, 1, -5, 4])  ->  6     # [4, -1, 2, 1]
max_subarray_sum([-3, -1, -2])                     ->  -1    # the subarray must not be empty
```
""",
    "io": "function",
    "entry_point": "max_subarray_sum",
    "starter_code": """\
def max_subarray_sum(nums: list[int]) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["arrays", "kadane", "divide-and-conquer"],
    "checker": "exact",
    "tests": [
        {"args": [[-2, 1, -3, 4, -1, 2, 1, -5, 4]], "expected": 6},
        {"args": [[1]], "expected": 1},
        {"args": [[-7]], "expected": -7},
        {"args": [[-3, -1, -2]], "expected": -1},
        {"args": [[5, 4, -1, 7, 8]], "expected": 23},
        {"args": [[0, 0, 0]], "expected": 0},
        {"args": [[2, -1, 2]], "expected": 3},
        {"args": [[1, -100, 1, 1]], "expected": 2},
        {"args": [[-1, 3, -5, 4, -2, 6]], "expected": 8},
        {"args": [[-10000, -10000, 10000, -1, 10000, -10000]], "expected": 19999},
        {"args": [[4, -5, 4]], "expected": 4},
        {"args": [[-2, -3, 4, -1, -2, 1, 5, -3]], "expected": 7},
    ],
    "efficiency": {
        "seed": 2101,
        "generator": """\
def generate(rng):
    tests = []
    for n in (4500, 4500, 4500):
        tests.append({"args": [[rng.randint(-10000, 10000) for _ in range(n)]]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "kadane",
            "complexity": "O(n) time, O(1) space",
            "time_class": 1,
            "code": """\
def max_subarray_sum(nums):
    best = current = nums[0]
    for x in nums[1:]:
        current = max(x, current + x)
        best = max(best, current)
    return best
""",
        },
        {
            "label": "running prefix minimum",
            "complexity": "O(n) time, O(1) space",
            "time_class": 1,
            "code": """\
def max_subarray_sum(nums):
    best = nums[0]
    prefix = 0
    lowest = 0
    for x in nums:
        prefix += x
        if prefix - lowest > best:
            best = prefix - lowest
        if prefix < lowest:
            lowest = prefix
    return best
""",
        },
        {
            "label": "prefix sums array",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
from itertools import accumulate


def max_subarray_sum(nums):
    prefix = [0] + list(accumulate(nums))
    best = nums[0]
    lowest = prefix[0]
    for j in range(1, len(prefix)):
        best = max(best, prefix[j] - lowest)
        lowest = min(lowest, prefix[j])
    return best
""",
        },
        {
            "label": "divide and conquer",
            "complexity": "O(n log n) time, O(log n) space",
            "time_class": 2,
            "code": """\
def max_subarray_sum(nums):
    def solve(lo, hi):
        if lo == hi:
            return nums[lo]
        mid = (lo + hi) // 2
        best = max(solve(lo, mid), solve(mid + 1, hi))
        total, left = 0, float("-inf")
        for i in range(mid, lo - 1, -1):
            total += nums[i]
            if total > left:
                left = total
        total, right = 0, float("-inf")
        for i in range(mid + 1, hi + 1):
            total += nums[i]
            if total > right:
                right = total
        return max(best, left + right)

    return solve(0, len(nums) - 1)
""",
        },
        {
            "label": "brute force running sum",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
def max_subarray_sum(nums):
    n = len(nums)
    best = nums[0]
    for i in range(n):
        total = 0
        for j in range(i, n):
            total += nums[j]
            if total > best:
                best = total
    return best
""",
        },
        {
            "label": "brute force over prefix sums",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def max_subarray_sum(nums):
    n = len(nums)
    prefix = [0] * (n + 1)
    for i, x in enumerate(nums):
        prefix[i + 1] = prefix[i] + x
    best = nums[0]
    for i in range(n):
        base = prefix[i]
        for j in range(i + 1, n + 1):
            if prefix[j] - base > best:
                best = prefix[j] - base
    return best
""",
        },
    ],
}
