"""Trapping rain water (two pointers): two pointers, prefix maxima, stack, sparse table, brute force."""

PROBLEM = {
    "id": "trapping_rain_water",
    "title": "Trapping Rain Water",
    "statement": """\
`height[i]` is the height of a bar of width 1 at position `i`. After rain, water settles above
bar `i` up to the level `min(highest bar at or left of i, highest bar at or right of i)`. Return the
total amount of trapped water, that is the sum over all `i` of that level minus `height[i]`.

Write a function `trap(height: list[int]) -> int`.

**Constraints**

- `0 <= len(height) <= 10^5`
- `0 <= height[i] <= 10^5`

**Examples**

```
trap([0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1])  ->  6
trap([4, 2, 0, 3, 2, 5])                    ->  9
trap([5, 0, 0, 0, 0, 1])                    ->  4     # the right wall of height 1 limits the level
```
""",
    "io": "function",
    "entry_point": "trap",
    "starter_code": """\
def trap(height: list[int]) -> int:
    ...
""",
    "difficulty": "hard",
    "tags": ["two-pointers", "arrays", "prefix-sums", "monotonic-stack"],
    "checker": "exact",
    "tests": [
        {"args": [[0, 1, 0, 2, 1, 0, 1, 3, 2, 1, 2, 1]], "expected": 6},
        {"args": [[4, 2, 0, 3, 2, 5]], "expected": 9},
        {"args": [[]], "expected": 0},
        {"args": [[5]], "expected": 0},
        {"args": [[1, 2]], "expected": 0},
        {"args": [[3, 0, 3]], "expected": 3},
        {"args": [[5, 4, 3, 2, 1]], "expected": 0},
        {"args": [[1, 2, 3, 4, 5]], "expected": 0},
        {"args": [[2, 0, 2, 0, 2]], "expected": 4},
        {"args": [[0, 0, 0]], "expected": 0},
        {"args": [[5, 0, 0, 0, 0, 1]], "expected": 4},
        {"args": [[100000, 0, 100000]], "expected": 100000},
        {"args": [[3, 1, 3, 1, 3, 2, 2, 4]], "expected": 6},
        {"args": [[2, 1, 0, 1, 2, 1, 0, 1, 2]], "expected": 8},
    ],
    "efficiency": {
        "seed": 2403,
        "generator": """\
def generate(rng):
    tests = []
    for n in (3500, 3500, 3500):
        tests.append({"args": [[rng.randint(0, 100000) for _ in range(n)]]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "prefix and suffix maxima arrays",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
def trap(height):
    n = len(height)
    if n == 0:
        return 0
    left = [0] * n
    left[0] = height[0]
    for i in range(1, n):
        left[i] = max(left[i - 1], height[i])
    right = [0] * n
    right[-1] = height[-1]
    for i in range(n - 2, -1, -1):
        right[i] = max(right[i + 1], height[i])
    return sum(min(left[i], right[i]) - height[i] for i in range(n))
""",
        },
        {
            "label": "two pointers",
            "complexity": "O(n) time, O(1) space",
            "time_class": 1,
            "code": """\
def trap(height):
    lo, hi = 0, len(height) - 1
    left_max = right_max = 0
    water = 0
    while lo < hi:
        if height[lo] < height[hi]:
            if height[lo] >= left_max:
                left_max = height[lo]
            else:
                water += left_max - height[lo]
            lo += 1
        else:
            if height[hi] >= right_max:
                right_max = height[hi]
            else:
                water += right_max - height[hi]
            hi -= 1
    return water
""",
        },
        {
            "label": "monotonic stack filling layer by layer",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
def trap(height):
    stack = []
    water = 0
    for i, h in enumerate(height):
        while stack and height[stack[-1]] < h:
            bottom = height[stack.pop()]
            if not stack:
                break
            left = stack[-1]
            water += (min(height[left], h) - bottom) * (i - left - 1)
        stack.append(i)
    return water
""",
        },
        {
            "label": "sparse table of range maxima",
            "complexity": "O(n log n) time, O(n log n) space",
            "time_class": 2,
            "code": """\
def trap(height):
    n = len(height)
    if n == 0:
        return 0
    table = [list(height)]
    span = 1
    while 2 * span <= n:
        prev = table[-1]
        table.append([max(prev[i], prev[i + span]) for i in range(n - 2 * span + 1)])
        span *= 2

    def range_max(lo, hi):
        k = (hi - lo + 1).bit_length() - 1
        row = table[k]
        return max(row[lo], row[hi - (1 << k) + 1])

    return sum(min(range_max(0, i), range_max(i, n - 1)) - height[i] for i in range(n))
""",
        },
        {
            "label": "brute force with max over slices",
            "complexity": "O(n^2) time (scans in C), O(n) space",
            "time_class": 3,
            "code": """\
def trap(height):
    return sum(min(max(height[:i + 1]), max(height[i:])) - height[i] for i in range(len(height)))
""",
        },
        {
            "label": "brute force scanning left and right",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
def trap(height):
    n = len(height)
    water = 0
    for i in range(n):
        left = right = height[i]
        for j in range(i):
            if height[j] > left:
                left = height[j]
        for j in range(i + 1, n):
            if height[j] > right:
                right = height[j]
        water += min(left, right) - height[i]
    return water
""",
        },
    ],
}
