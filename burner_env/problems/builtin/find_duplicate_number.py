"""Find the duplicate number (arrays, cycle detection, binary search on values)."""

PROBLEM = {
    "id": "find_duplicate_number",
    "title": "Find the Duplicate Number",
    "statement": """\
A list `nums` holds `n + 1` integers, each in the range `[1, n]`. Exactly one value occurs more than
once (it may occur two or more times); every other value occurs at most once. Return the repeated
value.

Implement `Solution.findDuplicate(self, nums: list[int]) -> int`.

**Constraints**

- `1 <= n <= 10^5`, `len(nums) == n + 1`
- `1 <= nums[i] <= n`
- exactly one value is repeated

**Examples**

```
findDuplicate([1, 3, 4, 2, 2])  ->  2
findDuplicate([3, 1, 3, 4, 2])  ->  3
findDuplicate([2, 2, 2, 2, 2])  ->  2
```
""",
    "io": "class",
    "entry_point": "Solution.findDuplicate",
    "starter_code": """\
class Solution:
    def findDuplicate(self, nums: list[int]) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["arrays", "two-pointers", "cycle-detection", "binary-search"],
    "checker": "exact",
    "tests": [
        {"args": [[1, 3, 4, 2, 2]], "expected": 2},
        {"args": [[3, 1, 3, 4, 2]], "expected": 3},
        {"args": [[1, 1]], "expected": 1},
        {"args": [[2, 2, 2, 2, 2]], "expected": 2},
        {"args": [[1, 4, 4, 2, 4]], "expected": 4},
        {"args": [[2, 1, 2]], "expected": 2},
        {"args": [[1, 2, 3, 4, 5, 6, 7, 8, 9, 9]], "expected": 9},
        {"args": [[9, 1, 2, 3, 4, 5, 6, 7, 8, 9]], "expected": 9},
        {"args": [[3, 3, 3, 1]], "expected": 3},
        {"args": [[1, 5, 3, 2, 4, 1]], "expected": 1},
        {"args": [[6, 2, 4, 1, 3, 5, 7, 7]], "expected": 7},
    ],
    "efficiency": {
        "seed": 2103,
        "generator": """\
def generate(rng):
    tests = []
    for copies in (2, 2, 4):
        n = 5000
        dup = rng.randint(1, n)
        others = [v for v in range(1, n + 1) if v != dup]
        rng.shuffle(others)
        others = others[: n + 1 - copies]
        # every copy of the repeated value sits near the end of the list
        tail = [dup] * copies + others[-3:]
        rng.shuffle(tail)
        tests.append({"args": [others[:-3] + tail]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "hash set",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def findDuplicate(self, nums):
        seen = set()
        for x in nums:
            if x in seen:
                return x
            seen.add(x)
        raise ValueError("no duplicate")
""",
        },
        {
            "label": "Floyd cycle detection",
            "complexity": "O(n) time, O(1) space",
            "time_class": 1,
            "code": """\
class Solution:
    def findDuplicate(self, nums):
        slow = fast = nums[0]
        while True:
            slow = nums[slow]
            fast = nums[nums[fast]]
            if slow == fast:
                break
        slow = nums[0]
        while slow != fast:
            slow = nums[slow]
            fast = nums[fast]
        return slow
""",
        },
        {
            "label": "counting array",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def findDuplicate(self, nums):
        count = [0] * len(nums)
        for x in nums:
            count[x] += 1
            if count[x] > 1:
                return x
        raise ValueError("no duplicate")
""",
        },
        {
            "label": "sort a copy, scan neighbours",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def findDuplicate(self, nums):
        ordered = sorted(nums)
        for i in range(1, len(ordered)):
            if ordered[i] == ordered[i - 1]:
                return ordered[i]
        raise ValueError("no duplicate")
""",
        },
        {
            "label": "binary search on the value range",
            "complexity": "O(n log n) time, O(1) space",
            "time_class": 1,
            "code": """\
class Solution:
    def findDuplicate(self, nums):
        lo, hi = 1, len(nums) - 1
        while lo < hi:
            mid = (lo + hi) // 2
            at_most_mid = 0
            for x in nums:
                if x <= mid:
                    at_most_mid += 1
            if at_most_mid > mid:
                hi = mid
            else:
                lo = mid + 1
        return lo
""",
        },
        {
            "label": "brute force membership in the rest",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def findDuplicate(self, nums):
        for i, x in enumerate(nums):
            if x in nums[i + 1:]:
                return x
        raise ValueError("no duplicate")
""",
        },
        {
            "label": "brute force pairs",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
class Solution:
    def findDuplicate(self, nums):
        n = len(nums)
        for i in range(n):
            for j in range(i + 1, n):
                if nums[i] == nums[j]:
                    return nums[i]
        raise ValueError("no duplicate")
""",
        },
    ],
}
