"""Three sum (two pointers): sorted two-pointer sweep, hashing, binary search, brute force."""

PROBLEM = {
    "id": "three_sum",
    "title": "Three Sum",
    "statement": """\
Given a list of integers `nums`, return every **distinct** triplet of values `[a, b, c]` taken from
three different positions of `nums` with `a + b + c == 0`.

Output format (it is compared exactly):

- each triplet is sorted ascending, `a <= b <= c`;
- no triplet appears twice, even if it can be formed from different positions;
- the list of triplets is sorted in lexicographic order.

Implement `Solution.threeSum(self, nums: list[int]) -> list[list[int]]`.

**Constraints**

- `0 <= len(nums) <= 3000`
- `-10^5 <= nums[i] <= 10^5`

**Examples**

```
threeSum([-1, 0, 1, 2, -1, -4])  ->  [[-1, -1, 2], [-1, 0, 1]]
threeSum([0, 0, 0, 0])           ->  [[0, 0, 0]]
threeSum([0, 1, 1])              ->  []
```
""",
    "io": "class",
    "entry_point": "Solution.threeSum",
    "starter_code": """\
class Solution:
    def threeSum(self, nums: list[int]) -> list[list[int]]:
        ...
""",
    "difficulty": "medium",
    "tags": ["two-pointers", "sorting", "hashing"],
    "checker": "exact",
    "tests": [
        {"args": [[-1, 0, 1, 2, -1, -4]], "expected": [[-1, -1, 2], [-1, 0, 1]]},
        {"args": [[0, 1, 1]], "expected": []},
        {"args": [[0, 0, 0]], "expected": [[0, 0, 0]]},
        {"args": [[0, 0, 0, 0]], "expected": [[0, 0, 0]]},
        {"args": [[]], "expected": []},
        {"args": [[1, 2]], "expected": []},
        {"args": [[-2, 0, 1, 1, 2]], "expected": [[-2, 0, 2], [-2, 1, 1]]},
        {"args": [[3, -2, 1, 0]], "expected": []},
        {"args": [[-4, -2, -2, -2, 0, 1, 2, 2, 2, 3, 3, 4, 4, 6, 6]],
         "expected": [[-4, -2, 6], [-4, 0, 4], [-4, 1, 3], [-4, 2, 2], [-2, -2, 4], [-2, 0, 2]]},
        {"args": [[-1, 0, 1, 0]], "expected": [[-1, 0, 1]]},
        {"args": [[1, -1, -1, 0]], "expected": [[-1, 0, 1]]},
        {"args": [[-100000, 50000, 50000, 0, 100000, -50000]],
         "expected": [[-100000, 0, 100000], [-100000, 50000, 50000], [-50000, 0, 50000]]},
    ],
    "efficiency": {
        "seed": 2401,
        "generator": """\
def generate(rng):
    tests = []
    for n in (240, 240, 240):
        tests.append({"args": [[rng.randint(-1000, 1000) for _ in range(n)]]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "brute force over combinations",
            "complexity": "O(n^3) time, O(answer) space",
            "time_class": 3,
            "code": """\
from itertools import combinations


class Solution:
    def threeSum(self, nums):
        found = set()
        for triple in combinations(sorted(nums), 3):
            if sum(triple) == 0:
                found.add(triple)
        return [list(t) for t in sorted(found)]
""",
        },
        {
            "label": "sort and two pointers",
            "complexity": "O(n^2) time, O(1) extra space besides the output",
            "time_class": 1,
            "code": """\
class Solution:
    def threeSum(self, nums):
        nums = sorted(nums)
        n = len(nums)
        result = []
        for i in range(n - 2):
            if nums[i] > 0:
                break
            if i > 0 and nums[i] == nums[i - 1]:
                continue
            lo, hi = i + 1, n - 1
            while lo < hi:
                total = nums[i] + nums[lo] + nums[hi]
                if total < 0:
                    lo += 1
                elif total > 0:
                    hi -= 1
                else:
                    result.append([nums[i], nums[lo], nums[hi]])
                    lo += 1
                    while lo < hi and nums[lo] == nums[lo - 1]:
                        lo += 1
                    hi -= 1
        return result
""",
        },
        {
            "label": "hash set of seen values per first element",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def threeSum(self, nums):
        nums = sorted(nums)
        found = set()
        for i in range(len(nums) - 2):
            if i > 0 and nums[i] == nums[i - 1]:
                continue
            seen = set()
            for j in range(i + 1, len(nums)):
                c = -nums[i] - nums[j]
                if c in seen:
                    found.add((nums[i], c, nums[j]))
                seen.add(nums[j])
        return [list(t) for t in sorted(found)]
""",
        },
        {
            "label": "pairs of distinct values with a counter",
            "complexity": "O(d^2) time for d distinct values, O(d) space",
            "time_class": 1,
            "code": """\
from collections import Counter


class Solution:
    def threeSum(self, nums):
        count = Counter(nums)
        values = sorted(count)
        result = []
        for i, a in enumerate(values):
            if a > 0:
                break
            for b in values[i:]:
                c = -a - b
                if c < b:
                    break
                if c not in count:
                    continue
                if a == b == c:
                    ok = count[a] >= 3
                elif a == b:
                    ok = count[a] >= 2
                elif b == c:
                    ok = count[b] >= 2
                else:
                    ok = True
                if ok:
                    result.append([a, b, c])
        return result
""",
        },
        {
            "label": "binary search for the third value",
            "complexity": "O(n^2 log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_left


class Solution:
    def threeSum(self, nums):
        nums = sorted(nums)
        n = len(nums)
        found = set()
        for i in range(n - 2):
            for j in range(i + 1, n - 1):
                c = -nums[i] - nums[j]
                k = bisect_left(nums, c, j + 1)
                if k < n and nums[k] == c:
                    found.add((nums[i], nums[j], c))
        return [list(t) for t in sorted(found)]
""",
        },
        {
            "label": "pairs with membership test in the rest",
            "complexity": "O(n^3) time (membership scans in C), O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def threeSum(self, nums):
        nums = sorted(nums)
        n = len(nums)
        found = set()
        for i in range(n - 2):
            for j in range(i + 1, n - 1):
                if -nums[i] - nums[j] in nums[j + 1:]:
                    found.add((nums[i], nums[j], -nums[i] - nums[j]))
        return [list(t) for t in sorted(found)]
""",
        },
        {
            "label": "brute force triple loop",
            "complexity": "O(n^3) time, O(answer) space",
            "time_class": 3,
            "code": """\
class Solution:
    def threeSum(self, nums):
        n = len(nums)
        found = set()
        for i in range(n):
            for j in range(i + 1, n):
                for k in range(j + 1, n):
                    if nums[i] + nums[j] + nums[k] == 0:
                        found.add(tuple(sorted((nums[i], nums[j], nums[k]))))
        return [list(t) for t in sorted(found)]
""",
        },
    ],
}
