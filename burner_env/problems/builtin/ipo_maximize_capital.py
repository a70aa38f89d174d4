"""IPO: maximise capital by choosing at most k projects (heaps / greedy)."""

PROBLEM = {
    "id": "ipo_maximize_capital",
    "title": "IPO: Maximise Capital",
    "statement": """\
A start-up has initial capital `w` and may complete **at most `k` distinct projects** before its IPO.
Project `i` can only be started when the current capital is **at least** `capital[i]`; completing it
adds the pure profit `profits[i]` to the capital (the capital requirement is not spent). Projects are
done one after another, and each project can be done at most once.

Return the largest capital that can be reached.

Implement `Solution.findMaximizedCapital(k, w, profits, capital) -> int`.

**Constraints**

- `1 <= k <= 10^5`, `0 <= w <= 10^9`
- `n == len(profits) == len(capital)`, `1 <= n <= 10^5`
- `0 <= profits[i] <= 10^4`, `0 <= capital[i] <= 10^9`

**Example 1**

```
Input:  k = 2, w = 0, profits = [1, 2, 3], capital = [0, 1, 1]
Output: 4
```

Only project 0 is affordable at first (capital becomes 1); then project 2 (profit 3) gives 4.

**Example 2**

```
Input:  k = 3, w = 0, profits = [1, 2, 3], capital = [0, 1, 2]
Output: 6
```
""",
    "io": "class",
    "entry_point": "Solution.findMaximizedCapital",
    "starter_code": """\
class Solution:
    def findMaximizedCapital(self, k: int, w: int, profits: list[int], capital: list[int]) -> int:
        ...
""",
    "difficulty": "hard",
    "tags": ["heap", "priority-queue", "greedy", "sorting"],
    "checker": "exact",
    "tests": [
        {"args": [2, 0, [1, 2, 3], [0, 1, 1]], "expected": 4},
        {"args": [3, 0, [1, 2, 3], [0, 1, 2]], "expected": 6},
        {"args": [1, 0, [5], [1]], "expected": 0},
        {"args": [10, 1, [1, 2, 3], [0, 1, 2]], "expected": 7},
        {"args": [2, 0, [1, 10, 100], [0, 1, 50]], "expected": 11},
        {"args": [3, 5, [0, 0, 0], [0, 0, 0]], "expected": 5},
        {"args": [1, 2, [1, 5], [0, 2]], "expected": 7},
        {"args": [3, 0, [4, 4, 4, 4], [0, 0, 4, 100]], "expected": 12},
        {"args": [4, 1, [2, 3, 1, 5, 8], [1, 1, 2, 4, 20]], "expected": 12},
        {"args": [2, 1000000000, [10000, 1], [1000000000, 0]], "expected": 1000010001},
    ],
    "efficiency": {
        "seed": 1003,
        "generator": """\
def generate(rng):
    tests = []
    for n in (3000, 3000):
        profits, capital = [], []
        for i in range(n):
            if i % 3 == 0:
                # reachable projects, unlocked gradually as capital grows
                profits.append(rng.randint(0, 5000))
                capital.append(rng.randint(0, 2 * 10**6))
            else:
                # lucrative projects whose capital requirement is never reached
                profits.append(rng.randint(5001, 10**4))
                capital.append(rng.randint(10**8, 10**9))
        tests.append({"args": [n, 10**5, profits, capital]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "sort by capital, max-heap of affordable profits",
            "complexity": "O(n log n + k log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import heapq


class Solution:
    def findMaximizedCapital(self, k, w, profits, capital):
        projects = sorted(zip(capital, profits))
        heap = []
        i = 0
        for _ in range(k):
            while i < len(projects) and projects[i][0] <= w:
                heapq.heappush(heap, -projects[i][1])
                i += 1
            if not heap:
                break
            w -= heapq.heappop(heap)
        return w
""",
        },
        {
            "label": "sorted indices and heapify of newly affordable batches",
            "complexity": "O(n log n + k log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from heapq import heapify, heappop, heappush


class Solution:
    def findMaximizedCapital(self, k, w, profits, capital):
        order = sorted(range(len(profits)), key=capital.__getitem__)
        pos = 0
        while pos < len(order) and capital[order[pos]] <= w:
            pos += 1
        heap = [-profits[j] for j in order[:pos]]
        heapify(heap)
        for _ in range(k):
            if not heap:
                break
            w -= heappop(heap)
            while pos < len(order) and capital[order[pos]] <= w:
                heappush(heap, -profits[order[pos]])
                pos += 1
        return w
""",
        },
        {
            "label": "sorted list of affordable profits via bisect.insort",
            "complexity": "O(n log n + k log n) comparisons, O(n^2) element moves (memmove), O(n) space",
            "time_class": 1,
            "code": """\
import bisect


class Solution:
    def findMaximizedCapital(self, k, w, profits, capital):
        projects = sorted(zip(capital, profits))
        available = []  # kept sorted ascending
        i = 0
        for _ in range(k):
            while i < len(projects) and projects[i][0] <= w:
                bisect.insort(available, projects[i][1])
                i += 1
            if not available:
                break
            w += available.pop()
        return w
""",
        },
        {
            "label": "list of affordable profits, max() and remove() per round",
            "complexity": "O(n log n + k n) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def findMaximizedCapital(self, k, w, profits, capital):
        projects = sorted(zip(capital, profits))
        available = []
        i = 0
        for _ in range(k):
            while i < len(projects) and projects[i][0] <= w:
                available.append(projects[i][1])
                i += 1
            if not available:
                break
            best = max(available)
            available.remove(best)
            w += best
        return w
""",
        },
        {
            "label": "index of the best affordable profit via max(key=...)",
            "complexity": "O(n log n + k n) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def findMaximizedCapital(self, k, w, profits, capital):
        order = sorted(range(len(profits)), key=capital.__getitem__)
        available = []  # project indices
        pos = 0
        for _ in range(k):
            while pos < len(order) and capital[order[pos]] <= w:
                available.append(order[pos])
                pos += 1
            if not available:
                break
            best = max(range(len(available)), key=lambda t: profits[available[t]])
            w += profits[available[best]]
            available[best] = available[-1]
            available.pop()
        return w
""",
        },
        {
            "label": "scan every project each round",
            "complexity": "O(k n) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def findMaximizedCapital(self, k, w, profits, capital):
        used = [False] * len(profits)
        for _ in range(k):
            best = -1
            for j in range(len(profits)):
                if not used[j] and capital[j] <= w and (best < 0 or profits[j] > profits[best]):
                    best = j
            if best < 0:
                break
            used[best] = True
            w += profits[best]
        return w
""",
        },
        {
            "label": "greedy by profit order, first affordable each round",
            "complexity": "O(n log n + k n) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def findMaximizedCapital(self, k, w, profits, capital):
        remaining = sorted(zip(profits, capital), reverse=True)
        for _ in range(k):
            for idx in range(len(remaining)):
                if remaining[idx][1] <= w:
                    w += remaining[idx][0]
                    del remaining[idx]
                    break
            else:
                break
        return w
""",
        },
    ],
}
