"""Single number II (bit manipulation): every value appears three times except one."""

PROBLEM = {
    "id": "single_number_ii",
    "title": "Single Number II",
    "statement": """\
In the list `nums` every value appears **exactly three times**, except one value that appears
exactly once. Return that value. Values are 32-bit signed integers and may be negative.

Implement `Solution.singleNumber(self, nums: list[int]) -> int`.

**Constraints**

- `1 <= len(nums) <= 3 * 10^4`, `len(nums) % 3 == 1`
- `-2^31 <= nums[i] <= 2^31 - 1`

**Examples**

```
singleNumber([2, 2, 3, 2])               ->  3
singleNumber([0, 1, 0, 1, 0, 1, 99])     ->  99
singleNumber([-2, -2, 1, 1, 1, -2, -7])  ->  -7
```
""",
    "io": "class",
    "entry_point": "Solution.singleNumber",
    "starter_code": """\
class Solution:
    def singleNumber(self, nums: list[int]) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["bit-manipulation", "hashing", "counting"],
    "checker": "exact",
    "tests": [
        {"args": [[2, 2, 3, 2]], "expected": 3},
        {"args": [[0, 1, 0, 1, 0, 1, 99]], "expected": 99},
        {"args": [[-2, -2, 1, 1, 1, -2, -7]], "expected": -7},
        {"args": [[5]], "expected": 5},
        {"args": [[-1]], "expected": -1},
        {"args": [[-2147483648, 7, 7, 7]], "expected": -2147483648},
        {"args": [[2147483647, 0, 0, 0]], "expected": 2147483647},
        {"args": [[3, 3, 3, -5]], "expected": -5},
        {"args": [[1, 1, 1, 0]], "expected": 0},
        {"args": [[-7, -7, -7, -3, 6, 6, 6]], "expected": -3},
        {"args": [[-2147483648, -2147483648, 2147483647, -2147483648]], "expected": 2147483647},
        {"args": [[4, -4, 4, -4, 4, -4, 12]], "expected": 12},
    ],
    "efficiency": {
        "seed": 2901,
        "generator": """\
def generate(rng):
    tests = []
    for m in (1000, 1000, 1000):
        values = rng.sample(range(-2**31, 2**31), m + 1)
        single = values.pop()
        nums = values * 3
        rng.shuffle(nums)
        # the single value comes last, so scans that stop at it still read everything
        tests.append({"args": [nums + [single]]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "hash map of counts",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
from collections import Counter


class Solution:
    def singleNumber(self, nums):
        for value, count in Counter(nums).items():
            if count == 1:
                return value
        raise ValueError("no single value")
""",
        },
        {
            "label": "ones/twos bit state machine",
            "complexity": "O(n) time, O(1) space",
            "time_class": 1,
            "code": """\
class Solution:
    def singleNumber(self, nums):
        ones = twos = 0
        for x in nums:
            ones = (ones ^ x) & ~twos
            twos = (twos ^ x) & ~ones
        return ones
""",
        },
        {
            "label": "three times the distinct sum",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def singleNumber(self, nums):
        return (3 * sum(set(nums)) - sum(nums)) // 2
""",
        },
        {
            "label": "count each of the 32 bits modulo 3",
            "complexity": "O(32 n) time, O(1) space",
            "time_class": 2,
            "code": """\
class Solution:
    def singleNumber(self, nums):
        result = 0
        for bit in range(32):
            total = 0
            for x in nums:
                total += (x >> bit) & 1
            if total % 3:
                result |= 1 << bit
        # reinterpret the 32-bit pattern as a signed integer
        return result - (1 << 32) if result >= 1 << 31 else result
""",
        },
        {
            "label": "list.count for every element",
            "complexity": "O(n^2) time (counting in C), O(1) space",
            "time_class": 3,
            "code": """\
class Solution:
    def singleNumber(self, nums):
        for x in nums:
            if nums.count(x) == 1:
                return x
        raise ValueError("no single value")
""",
        },
        {
            "label": "brute force counting loop",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
class Solution:
    def singleNumber(self, nums):
        for x in nums:
            count = 0
            for y in nums:
                if y == x:
                    count += 1
            if count == 1:
                return x
        raise ValueError("no single value")
""",
        },
    ],
}
