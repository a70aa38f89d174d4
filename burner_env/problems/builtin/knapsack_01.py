"""0/1 knapsack: maximum value within a weight capacity (knapsack DP / meet in the middle)."""

PROBLEM = {
    "id": "knapsack_01",
    "title": "0/1 Knapsack",
    "statement": """\
There are `n` items; item `i` has weight `weights[i]` and value `values[i]`. Choose a subset of the
items (each item at most once) whose total weight is at most `capacity` and whose total value is as
large as possible. Return that largest total value (`0` if no item fits).

Implement `Solution.maxValue(weights: list[int], values: list[int], capacity: int) -> int`.

**Constraints**

- `1 <= n == len(weights) == len(values) <= 20`
- `1 <= weights[i] <= 10^4`, `0 <= values[i] <= 10^6`
- `0 <= capacity <= 10^4`

**Example 1**

```
Input:  weights = [1, 3, 4, 5], values = [1, 4, 5, 7], capacity = 7
Output: 9
```

Take the items of weight 3 and 4 (values 4 + 5).

**Example 2**

```
Input:  weights = [5], values = [10], capacity = 4
Output: 0
```
""",
    "io": "class",
    "entry_point": "Solution.maxValue",
    "starter_code": """\
class Solution:
    def maxValue(self, weights: list[int], values: list[int], capacity: int) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["dynamic-programming", "knapsack", "meet-in-the-middle"],
    "checker": "exact",
    "tests": [
        {"args": [[1, 3, 4, 5], [1, 4, 5, 7], 7], "expected": 9},
        {"args": [[5], [10], 4], "expected": 0},
        {"args": [[5], [10], 5], "expected": 10},
        {"args": [[1, 2, 3], [10, 15, 40], 0], "expected": 0},
        {"args": [[1, 2, 3], [10, 15, 40], 6], "expected": 65},
        {"args": [[4, 4, 4], [5, 5, 5], 11], "expected": 10},
        {"args": [[10, 20, 30], [60, 100, 120], 50], "expected": 220},
        {"args": [[2, 3, 4, 5], [3, 4, 5, 6], 5], "expected": 7},
        {"args": [[3, 3, 3, 5], [0, 0, 0, 1], 9], "expected": 1},
        {"args": [[6, 5, 5], [10, 7, 7], 10], "expected": 14},
        {"args": [[10000] * 20, [1000000] * 20, 10000], "expected": 1000000},
        {"args": [[1] * 20, list(range(20)), 3], "expected": 54},
    ],
    "efficiency": {
        "seed": 1022,
        "generator": """\
def generate(rng):
    tests = []
    for n in (20, 20):
        weights = [rng.randint(1, 1000) for _ in range(n)]
        values = [rng.randint(0, 10**6) for _ in range(n)]
        tests.append({"args": [weights, values, sum(weights) // 2]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "DP over capacities, one row updated right to left",
            "complexity": "O(n W) time, O(W) space",
            "time_class": 2,
            "code": """\
class Solution:
    def maxValue(self, weights, values, capacity):
        best = [0] * (capacity + 1)  # best[c]: best value with total weight <= c
        for w, v in zip(weights, values):
            for c in range(capacity, w - 1, -1):
                if best[c - w] + v > best[c]:
                    best[c] = best[c - w] + v
        return best[capacity]
""",
        },
        {
            "label": "meet in the middle with a two-pointer sweep",
            "complexity": "O(2^(n/2) n) time, O(2^(n/2)) space",
            "time_class": 1,
            "code": """\
class Solution:
    def maxValue(self, weights, values, capacity):
        def subsets(items):
            sums = [(0, 0)]
            for w, v in items:
                sums += [(sw + w, sv + v) for sw, sv in sums]
            return sorted(sums)

        half = len(weights) // 2
        items = list(zip(weights, values))
        left = subsets(items[:half])  # ascending weight
        right = subsets(items[half:])
        best = 0
        j = 0
        best_left = -1  # best value among left subsets of weight <= capacity - right weight
        # walk the right half by decreasing weight while the admissible left prefix grows
        for w, v in reversed(right):
            if w > capacity:
                continue
            while j < len(left) and left[j][0] <= capacity - w:
                best_left = max(best_left, left[j][1])
                j += 1
            best = max(best, v + best_left)
        return best
""",
        },
        {
            "label": "meet in the middle: half enumerations and a sorted frontier",
            "complexity": "O(2^(n/2) n) time, O(2^(n/2)) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_right


def subsets(items):
    sums = [(0, 0)]
    for w, v in items:
        sums += [(sw + w, sv + v) for sw, sv in sums]
    return sums


class Solution:
    def maxValue(self, weights, values, capacity):
        items = list(zip(weights, values))
        half = len(items) // 2
        left = subsets(items[:half])
        right = sorted(subsets(items[half:]))
        # keep only right-half subsets that beat every lighter one
        frontier_w, frontier_v = [], []
        for w, v in right:
            if w > capacity:
                break
            if not frontier_v or v > frontier_v[-1]:
                frontier_w.append(w)
                frontier_v.append(v)
        best = 0
        for w, v in left:
            if w <= capacity:
                k = bisect_right(frontier_w, capacity - w) - 1
                best = max(best, v + frontier_v[k])
        return best
""",
        },
        {
            "label": "DP table over items and capacities",
            "complexity": "O(n W) time, O(n W) space",
            "time_class": 2,
            "code": """\
class Solution:
    def maxValue(self, weights, values, capacity):
        n = len(weights)
        table = [[0] * (capacity + 1) for _ in range(n + 1)]
        for i in range(1, n + 1):
            w, v = weights[i - 1], values[i - 1]
            above, row = table[i - 1], table[i]
            for c in range(capacity + 1):
                row[c] = above[c]
                if c >= w and above[c - w] + v > row[c]:
                    row[c] = above[c - w] + v
        return table[n][capacity]
""",
        },
        {
            "label": "every subset via bitmask sums",
            "complexity": "O(2^n) time, O(2^n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def maxValue(self, weights, values, capacity):
        n = len(weights)
        total_w = [0] * (1 << n)
        total_v = [0] * (1 << n)
        best = 0
        for mask in range(1, 1 << n):
            low = mask & -mask
            i = low.bit_length() - 1
            rest = mask ^ low
            total_w[mask] = total_w[rest] + weights[i]
            total_v[mask] = total_v[rest] + values[i]
            if total_w[mask] <= capacity and total_v[mask] > best:
                best = total_v[mask]
        return best
""",
        },
        {
            "label": "include/exclude recursion without memoisation",
            "complexity": "O(2^n) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def maxValue(self, weights, values, capacity):
        n = len(weights)

        def best(i, room):
            if i == n:
                return 0
            skip = best(i + 1, room)
            if weights[i] <= room:
                return max(skip, values[i] + best(i + 1, room - weights[i]))
            return skip

        return best(0, capacity)
""",
        },
    ],
}
