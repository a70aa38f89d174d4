"""Two sum (hashing): hash map, sorting, brute force."""

PROBLEM = {
    "id": "two_sum",
    "title": "Two Sum",
    "statement": """\
Given a list of integers `nums` and an integer `target`, return the indices `[i, j]` of the two
elements with `nums[i] + nums[j] == target`, with `i < j`. Every input has **exactly one** such pair
of indices. The same element may not be used twice, but two different positions may hold equal
values.

Implement `Solution.twoSum(self, nums: list[int], target: int) -> list[int]`.

**Constraints**

- `2 <= len(nums) <= 10^5`
- `-10^9 <= nums[i] <= 10^9`, `-2 * 10^9 <= target <= 2 * 10^9`
- exactly one pair `i < j` has `nums[i] + nums[j] == target`

**Examples**

```
twoSum([2, 7, 11, 15], 9)  ->  [0, 1]
twoSum([3, 2, 4], 6)       ->  [1, 2]
twoSum([3, 3], 6)          ->  [0, 1]
```
""",
    "io": "class",
    "entry_point": "Solution.twoSum",
    "starter_code": """\
class Solution:
    def twoSum(self, nums: list[int], target: int) -> list[int]:
        ...
""",
    "difficulty": "easy",
    "tags": ["hashing", "arrays", "two-pointers"],
    "checker": "exact",
    "tests": [
        {"args": [[2, 7, 11, 15], 9], "expected": [0, 1]},
        {"args": [[3, 2, 4], 6], "expected": [1, 2]},
        {"args": [[3, 3], 6], "expected": [0, 1]},
        {"args": [[1, 5, 9, 3], 12], "expected": [2, 3]},
        {"args": [[-3, 4, 3, 90], 0], "expected": [0, 2]},
        {"args": [[0, 4, 3, 0], 0], "expected": [0, 3]},
        {"args": [[5, 1, 5, 7], 10], "expected": [0, 2]},
        {"args": [[1000000000, -1000000000, 999999999, 1000000000], 2000000000], "expected": [0, 3]},
        {"args": [[-1, -2, -3, -4, -5], -8], "expected": [2, 4]},
        {"args": [[4, 6], 10], "expected": [0, 1]},
        {"args": [[2, 5, 5, 11], 10], "expected": [1, 2]},
    ],
    "efficiency": {
        "seed": 2201,
        "generator": """\
def generate(rng):
    tests = []
    for n in (4000, 4000, 4000):
        while True:
            nums = rng.sample(range(-10**9, 10**9), n)
            target = nums[-2] + nums[-1]
            seen, pairs = set(), 0
            for x in nums:
                if target - x in seen:
                    pairs += 1
                seen.add(x)
            if pairs == 1:
                break
        tests.append({"args": [nums, target]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "one-pass hash map",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def twoSum(self, nums, target):
        first_index = {}
        for j, x in enumerate(nums):
            i = first_index.get(target - x)
            if i is not None:
                return [i, j]
            if x not in first_index:
                first_index[x] = j
        return []
""",
        },
        {
            "label": "two-pass hash map",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def twoSum(self, nums, target):
        last_index = {x: i for i, x in enumerate(nums)}
        for i, x in enumerate(nums):
            j = last_index.get(target - x)
            if j is not None and j != i:
                return [i, j]
        return []
""",
        },
        {
            "label": "sorted indices with two pointers",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def twoSum(self, nums, target):
        order = sorted(range(len(nums)), key=lambda k: nums[k])
        lo, hi = 0, len(order) - 1
        while lo < hi:
            total = nums[order[lo]] + nums[order[hi]]
            if total == target:
                return sorted([order[lo], order[hi]])
            if total < target:
                lo += 1
            else:
                hi -= 1
        return []
""",
        },
        {
            "label": "binary search for each complement",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_left


class Solution:
    def twoSum(self, nums, target):
        pairs = sorted((x, i) for i, x in enumerate(nums))
        values = [x for x, _ in pairs]
        for k, (x, i) in enumerate(pairs):
            m = bisect_left(values, target - x, k + 1)
            if m < len(values) and values[m] == target - x:
                return sorted([i, pairs[m][1]])
        return []
""",
        },
        {
            "label": "brute force, search the rest of the list",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def twoSum(self, nums, target):
        for i, x in enumerate(nums):
            if target - x in nums[i + 1:]:
                return [i, nums.index(target - x, i + 1)]
        return []
""",
        },
        {
            "label": "brute force pairs",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
class Solution:
    def twoSum(self, nums, target):
        n = len(nums)
        for i in range(n):
            for j in range(i + 1, n):
                if nums[i] + nums[j] == target:
                    return [i, j]
        return []
""",
        },
    ],
}
