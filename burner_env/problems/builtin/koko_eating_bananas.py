"""Koko eating bananas: minimum eating speed (binary search on the answer)."""

PROBLEM = {
    "id": "koko_eating_bananas",
    "title": "Koko Eating Bananas",
    "statement": """\
There are `n` piles of bananas; pile `i` holds `piles[i]` bananas. Koko picks an integer eating
speed `k >= 1`. Every hour she chooses one pile and eats `k` bananas from it; if the pile has fewer
than `k` bananas she eats all of them and does not touch another pile during that hour. So pile `i`
takes `ceil(piles[i] / k)` hours.

Return the minimum speed `k` that lets her finish all piles within `h` hours.

Implement `Solution.minEatingSpeed(piles: list[int], h: int) -> int`.

**Constraints**

- `1 <= n == len(piles) <= 10^4`
- `n <= h <= 10^9` (so an answer always exists)
- `1 <= piles[i] <= 10^6`

**Example 1**

```
Input:  piles = [3, 6, 7, 11], h = 8
Output: 4
```

**Example 2**

```
Input:  piles = [30, 11, 23, 4, 20], h = 5
Output: 30
```
""",
    "io": "class",
    "entry_point": "Solution.minEatingSpeed",
    "starter_code": """\
class Solution:
    def minEatingSpeed(self, piles: list[int], h: int) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["binary-search", "binary-search-on-answer"],
    "checker": "exact",
    "tests": [
        {"args": [[3, 6, 7, 11], 8], "expected": 4},
        {"args": [[30, 11, 23, 4, 20], 5], "expected": 30},
        {"args": [[30, 11, 23, 4, 20], 6], "expected": 23},
        {"args": [[1], 1], "expected": 1},
        {"args": [[100000], 2], "expected": 50000},
        {"args": [[100000], 100000], "expected": 1},
        {"args": [[5, 5, 5, 5], 4], "expected": 5},
        {"args": [[5, 5, 5, 5], 8], "expected": 3},
        {"args": [[2, 2], 3], "expected": 2},
        {"args": [[31288], 31287], "expected": 2},
        {"args": [[7, 7, 7], 21], "expected": 1},
        {"args": [[10, 1, 1, 1], 7], "expected": 3},
    ],
    "efficiency": {
        "seed": 1009,
        "generator": """\
def generate(rng):
    tests = []
    for n, top, speed in ((3000, 30000, 2000), (3000, 30000, 150)):
        piles = [rng.randint(1, top) for _ in range(n)]
        hours = sum((p + speed - 1) // speed for p in piles)
        tests.append({"args": [piles, hours]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "binary search on the speed",
            "complexity": "O(n log M) time for M = max(piles), O(1) extra space",
            "time_class": 1,
            "code": """\
class Solution:
    def minEatingSpeed(self, piles, h):
        lo, hi = 1, max(piles)
        while lo < hi:
            mid = (lo + hi) // 2
            if sum((p + mid - 1) // mid for p in piles) <= h:
                hi = mid
            else:
                lo = mid + 1
        return lo
""",
        },
        {
            "label": "binary search between total/h and max, early exit in the check",
            "complexity": "O(n log M) time, O(1) extra space",
            "time_class": 1,
            "code": """\
class Solution:
    def minEatingSpeed(self, piles, h):
        def fits(k):
            hours = 0
            for p in piles:
                hours += -(-p // k)
                if hours > h:
                    return False
            return True

        lo = max(1, -(-sum(piles) // h))
        hi = max(piles)
        while lo < hi:
            mid = (lo + hi) // 2
            if fits(mid):
                hi = mid
            else:
                lo = mid + 1
        return lo
""",
        },
        {
            "label": "binary search with hours counted from a value histogram",
            "complexity": "O(n log n + (M / k) log n) per probed speed k, O(log M) probes; O(n) space",
            "time_class": 1,
            "code": """\
import bisect


class Solution:
    def minEatingSpeed(self, piles, h):
        ordered = sorted(piles)
        n = len(ordered)

        def hours(k):
            # ceil(p / k) = number of j >= 0 with p > j * k; count piles above each multiple
            total, j = 0, 0
            while True:
                above = n - bisect.bisect_right(ordered, j * k)
                if not above:
                    return total
                total += above
                j += 1

        lo, hi = 1, ordered[-1]
        while lo < hi:
            mid = (lo + hi) // 2
            if hours(mid) <= h:
                hi = mid
            else:
                lo = mid + 1
        return lo
""",
        },
        {
            "label": "increasing speeds, hours from prefix counts (harmonic sum)",
            "complexity": "O(n + M log k*) time for answer k*, O(M) space",
            "time_class": 2,
            "code": """\
class Solution:
    def minEatingSpeed(self, piles, h):
        top = max(piles)
        # above[v] = number of piles with more than v bananas
        count = [0] * (top + 1)
        for p in piles:
            count[p] += 1
        above = [0] * (top + 1)
        running = 0
        for v in range(top, -1, -1):
            above[v] = running
            running += count[v]
        k = 1
        while True:
            total = 0
            for v in range(0, top, k):
                total += above[v]
            if total <= h:
                return k
            k += 1
""",
        },
        {
            "label": "increasing speeds, hours via bisect on sorted piles",
            "complexity": "O(n log n + M log(k*) log n) time for answer k*, O(n) space",
            "time_class": 2,
            "code": """\
import bisect


class Solution:
    def minEatingSpeed(self, piles, h):
        ordered = sorted(piles)
        n = len(ordered)
        k = 1
        while True:
            total = 0
            for v in range(0, ordered[-1], k):
                total += n - bisect.bisect_right(ordered, v)
            if total <= h:
                return k
            k += 1
""",
        },
        {
            "label": "try every speed from 1",
            "complexity": "O(n k*) time for answer k*, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def minEatingSpeed(self, piles, h):
        k = 1
        while sum((p + k - 1) // k for p in piles) > h:
            k += 1
        return k
""",
        },
        {
            "label": "try every speed from 1 with an explicit loop",
            "complexity": "O(n k*) time for answer k*, O(1) extra space",
            "time_class": 3,
            "code": """\
import math


class Solution:
    def minEatingSpeed(self, piles, h):
        k = 1
        while True:
            hours = 0
            for p in piles:
                hours += math.ceil(p / k)
            if hours <= h:
                return k
            k += 1
""",
        },
    ],
}
