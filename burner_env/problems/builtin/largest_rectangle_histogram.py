"""Largest rectangle in a histogram (monotonic stack)."""

PROBLEM = {
    "id": "largest_rectangle_histogram",
    "title": "Largest Rectangle in Histogram",
    "statement": """\
`heights[i]` is the height of bar `i` of a histogram; every bar has width 1 and the bars stand next
to each other. Return the area of the largest axis-aligned rectangle that fits inside the
histogram, i.e. the maximum over all `0 <= l <= r < n` of `(r - l + 1) * min(heights[l..r])`.

Implement `Solution.largestRectangleArea(heights: list[int]) -> int`.

**Constraints**

- `1 <= len(heights) <= 10^5`
- `0 <= heights[i] <= 10^4`

**Example 1**

```
Input:  heights = [2, 1, 5, 6, 2, 3]
Output: 10
```

The bars of heights 5 and 6 hold a 2 × 5 rectangle.

**Example 2**

```
Input:  heights = [2, 4]
Output: 4
```
""",
    "io": "class",
    "entry_point": "Solution.largestRectangleArea",
    "starter_code": """\
class Solution:
    def largestRectangleArea(self, heights: list[int]) -> int:
        ...
""",
    "difficulty": "hard",
    "tags": ["monotonic-stack", "stack", "divide-and-conquer"],
    "checker": "exact",
    "tests": [
        {"args": [[2, 1, 5, 6, 2, 3]], "expected": 10},
        {"args": [[2, 4]], "expected": 4},
        {"args": [[5]], "expected": 5},
        {"args": [[0]], "expected": 0},
        {"args": [[0, 0, 0]], "expected": 0},
        {"args": [[3, 3, 3, 3]], "expected": 12},
        {"args": [[1, 2, 3, 4, 5]], "expected": 9},
        {"args": [[5, 4, 3, 2, 1]], "expected": 9},
        {"args": [[2, 1, 2]], "expected": 3},
        {"args": [[6, 2, 5, 4, 5, 1, 6]], "expected": 12},
        {"args": [[4, 2, 0, 3, 2, 5]], "expected": 6},
        {"args": [[1, 10000, 1, 1]], "expected": 10000},
    ],
    "efficiency": {
        "seed": 1005,
        "generator": """\
def generate(rng):
    n = 3500
    noisy = [rng.randint(0, 10**4) for _ in range(n)]
    # a slowly rising skyline: wide rectangles everywhere
    rising = sorted(rng.randint(0, 10**4) for _ in range(n))
    for _ in range(n // 50):
        i = rng.randrange(n)
        rising[i] = rng.randint(0, 10**4)
    return [{"args": [noisy]}, {"args": [rising]}]
""",
    },
    "solutions": [
        {
            "label": "monotonic stack",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def largestRectangleArea(self, heights):
        stack = []  # indices of bars with increasing heights
        best = 0
        for i, h in enumerate(heights + [0]):
            while stack and heights[stack[-1]] >= h:
                top = stack.pop()
                left = stack[-1] + 1 if stack else 0
                best = max(best, heights[top] * (i - left))
            stack.append(i)
        return best
""",
        },
        {
            "label": "stack of (start, height) pairs",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def largestRectangleArea(self, heights):
        stack = []  # (leftmost start, height), heights increasing
        best = 0
        n = len(heights)
        for i, h in enumerate(heights):
            start = i
            while stack and stack[-1][1] > h:
                s, sh = stack.pop()
                area = sh * (i - s)
                if area > best:
                    best = area
                start = s
            stack.append((start, h))
        for s, sh in stack:
            area = sh * (n - s)
            if area > best:
                best = area
        return best
""",
        },
        {
            "label": "nearest smaller bars via pointer jumping",
            "complexity": "O(n) amortised time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def largestRectangleArea(self, heights):
        n = len(heights)
        left = [0] * n   # index of the nearest smaller bar on the left, or -1
        right = [0] * n  # index of the nearest smaller bar on the right, or n
        for i in range(n):
            j = i - 1
            while j >= 0 and heights[j] >= heights[i]:
                j = left[j]
            left[i] = j
        for i in range(n - 1, -1, -1):
            j = i + 1
            while j < n and heights[j] >= heights[i]:
                j = right[j]
            right[i] = j
        return max(heights[i] * (right[i] - left[i] - 1) for i in range(n))
""",
        },
        {
            "label": "divide and conquer on the minimum (sparse table)",
            "complexity": "O(n log n) time, O(n log n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def largestRectangleArea(self, heights):
        n = len(heights)
        # table[k][i]: index of the minimum of heights[i : i + 2**k]
        table = [list(range(n))]
        k = 1
        while (1 << k) <= n:
            prev = table[-1]
            half = 1 << (k - 1)
            row = []
            for i in range(n - (1 << k) + 1):
                a, b = prev[i], prev[i + half]
                row.append(a if heights[a] <= heights[b] else b)
            table.append(row)
            k += 1

        def argmin(lo, hi):  # inclusive bounds
            level = (hi - lo + 1).bit_length() - 1
            a, b = table[level][lo], table[level][hi - (1 << level) + 1]
            return a if heights[a] <= heights[b] else b

        best = 0
        pending = [(0, n - 1)]
        while pending:
            lo, hi = pending.pop()
            if lo > hi:
                continue
            m = argmin(lo, hi)
            best = max(best, heights[m] * (hi - lo + 1))
            pending.append((lo, m - 1))
            pending.append((m + 1, hi))
        return best
""",
        },
        {
            "label": "divide and conquer with a segment tree for the minimum",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def largestRectangleArea(self, heights):
        n = len(heights)
        size = 1
        while size < n:
            size *= 2
        inf = (float("inf"), -1)
        tree = [inf] * (2 * size)
        for i, h in enumerate(heights):
            tree[size + i] = (h, i)
        for v in range(size - 1, 0, -1):
            tree[v] = min(tree[2 * v], tree[2 * v + 1])

        def argmin(lo, hi):  # inclusive bounds
            result = inf
            lo += size
            hi += size + 1
            while lo < hi:
                if lo & 1:
                    result = min(result, tree[lo])
                    lo += 1
                if hi & 1:
                    hi -= 1
                    result = min(result, tree[hi])
                lo //= 2
                hi //= 2
            return result[1]

        best = 0
        pending = [(0, n - 1)]
        while pending:
            lo, hi = pending.pop()
            if lo > hi:
                continue
            m = argmin(lo, hi)
            best = max(best, heights[m] * (hi - lo + 1))
            pending.append((lo, m - 1))
            pending.append((m + 1, hi))
        return best
""",
        },
        {
            "label": "every start with a running minimum",
            "complexity": "O(n^2) time, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def largestRectangleArea(self, heights):
        best = 0
        n = len(heights)
        for l in range(n):
            low = heights[l]
            for r in range(l, n):
                if heights[r] < low:
                    low = heights[r]
                area = low * (r - l + 1)
                if area > best:
                    best = area
        return best
""",
        },
        {
            "label": "expand around every bar",
            "complexity": "O(n^2) time worst case, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def largestRectangleArea(self, heights):
        best = 0
        n = len(heights)
        for i, h in enumerate(heights):
            l = i
            while l > 0 and heights[l - 1] >= h:
                l -= 1
            r = i
            while r + 1 < n and heights[r + 1] >= h:
                r += 1
            best = max(best, h * (r - l + 1))
        return best
""",
        },
    ],
}
