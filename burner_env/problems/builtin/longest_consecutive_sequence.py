"""Longest consecutive sequence (hashing): set scan, union-find, quadratic walks."""

PROBLEM = {
    "id": "longest_consecutive_sequence",
    "title": "Longest Consecutive Sequence",
    "statement": """\
Given an unsorted list of integers `nums`, return the length of the longest run of consecutive
integers `x, x + 1, ..., x + k - 1` whose values all occur in `nums`. The order of the elements in
`nums` does not matter and repeated values count once. An empty list gives `0`.

Write a function `longest_consecutive(nums: list[int]) -> int`.

**Constraints**

- `0 <= len(nums) <= 10^5`
- `-10^9 <= nums[i] <= 10^9`

**Examples**

```
longest_consecutive([100, 4, 200, 1, 3, 2])           ->  4    # 1, 2, 3, 4
longest_consecutive([0, 3, 7, 2, 5, 8, 4, 6, 0, 1])   ->  9    # 0 .. 8
longest_consecutive([1, 2, 0, 1])                     ->  3
```
""",
    "io": "function",
    "entry_point": "longest_consecutive",
    "starter_code": """\
def longest_consecutive(nums: list[int]) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["hashing", "arrays", "union-find"],
    "checker": "exact",
    "tests": [
        {"args": [[100, 4, 200, 1, 3, 2]], "expected": 4},
        {"args": [[0, 3, 7, 2, 5, 8, 4, 6, 0, 1]], "expected": 9},
        {"args": [[]], "expected": 0},
        {"args": [[5]], "expected": 1},
        {"args": [[1, 2, 0, 1]], "expected": 3},
        {"args": [[2, 2, 2]], "expected": 1},
        {"args": [[1, 3, 5, 7]], "expected": 1},
        {"args": [[-1, -3, -2, 10, 11]], "expected": 3},
        {"args": [[1000000000, -1000000000, 999999999]], "expected": 2},
        {"args": [[9, 1, 4, 7, 3, -1, 0, 5, 8, -1, 6]], "expected": 7},
        {"args": [[-2, -1, 0, 1, 2]], "expected": 5},
        {"args": [[10, 5, 12, 3, 55, 30, 4, 11, 2]], "expected": 4},
    ],
    "efficiency": {
        "seed": 2202,
        "generator": """\
def generate(rng):
    tests = []
    for run in (1400, 1400, 1400):
        start = rng.randint(-10**6, 10**6)
        nums = list(range(start, start + run))
        nums += [rng.randint(-10**9, 10**9) for _ in range(2 * run)]
        nums += rng.sample(nums, run // 4)
        rng.shuffle(nums)
        tests.append({"args": [nums]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "hash set, count from run starts",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
def longest_consecutive(nums):
    values = set(nums)
    best = 0
    for x in values:
        if x - 1 not in values:
            y = x
            while y + 1 in values:
                y += 1
            best = max(best, y - x + 1)
    return best
""",
        },
        {
            "label": "sort and scan",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
def longest_consecutive(nums):
    if not nums:
        return 0
    values = sorted(set(nums))
    best = current = 1
    for prev, x in zip(values, values[1:]):
        current = current + 1 if x == prev + 1 else 1
        best = max(best, current)
    return best
""",
        },
        {
            "label": "hash map of run lengths at run ends",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
def longest_consecutive(nums):
    length = {}
    best = 0
    for x in nums:
        if x in length:
            continue
        left = length.get(x - 1, 0)
        right = length.get(x + 1, 0)
        total = left + right + 1
        length[x] = total
        length[x - left] = total
        length[x + right] = total
        best = max(best, total)
    return best
""",
        },
        {
            "label": "union-find over neighbouring values",
            "complexity": "O(n alpha(n)) time, O(n) space",
            "time_class": 1,
            "code": """\
def longest_consecutive(nums):
    parent = {x: x for x in nums}
    size = dict.fromkeys(parent, 1)

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for x in parent:
        if x + 1 in parent:
            a, b = find(x), find(x + 1)
            if a != b:
                if size[a] < size[b]:
                    a, b = b, a
                parent[b] = a
                size[a] += size[b]
    return max(size[find(x)] for x in parent) if parent else 0
""",
        },
        {
            "label": "walk up from every value",
            "complexity": "O(n * L) time (L = longest run), O(n) space",
            "time_class": 2,
            "code": """\
def longest_consecutive(nums):
    values = set(nums)
    best = 0
    for x in values:
        length = 1
        while x + length in values:
            length += 1
        best = max(best, length)
    return best
""",
        },
        {
            "label": "walk up from every element, binary-search membership",
            "complexity": "O(n * L * log n) time (L = longest run), O(n) space",
            "time_class": 3,
            "code": """\
from bisect import bisect_left


def longest_consecutive(nums):
    ordered = sorted(nums)
    n = len(ordered)

    def contains(value):
        i = bisect_left(ordered, value)
        return i < n and ordered[i] == value

    best = 0
    for x in nums:
        y = x
        while contains(y + 1):
            y += 1
        best = max(best, y - x + 1)
    return best
""",
        },
    ],
}
