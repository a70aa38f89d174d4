"""Minimum cost to connect ropes (heaps / priority queues)."""

PROBLEM = {
    "id": "min_cost_connect_ropes",
    "title": "Minimum Cost to Connect Ropes",
    "statement": """\
You are given the lengths of `n` ropes. You may repeatedly take **any two** ropes of lengths `a` and
`b` and tie them into one rope of length `a + b`; doing so costs `a + b`. Keep going until a single
rope is left.

Return the minimum possible total cost. If there are fewer than two ropes, nothing has to be tied
and the cost is `0`.

Implement `connect_ropes(ropes: list[int]) -> int`.

**Constraints**

- `0 <= len(ropes) <= 10^5`
- `1 <= ropes[i] <= 10^6`

**Example 1**

```
Input:  ropes = [4, 3, 2, 6]
Output: 29
```

Tie 2 and 3 (cost 5), then 4 and 5 (cost 9), then 6 and 9 (cost 15): 5 + 9 + 15 = 29.

**Example 2**

```
Input:  ropes = [7]
Output: 0
```
""",
    "io": "function",
    "entry_point": "connect_ropes",
    "starter_code": """\
def connect_ropes(ropes: list[int]) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["heap", "priority-queue", "greedy"],
    "checker": "exact",
    "tests": [
        {"args": [[4, 3, 2, 6]], "expected": 29},
        {"args": [[7]], "expected": 0},
        {"args": [[]], "expected": 0},
        {"args": [[5, 9]], "expected": 14},
        {"args": [[1, 2, 3, 4, 5]], "expected": 33},
        {"args": [[1, 1, 1, 1, 1, 1, 1, 1]], "expected": 24},
        {"args": [[1, 8, 3, 5]], "expected": 30},
        {"args": [[20, 4, 8, 2]], "expected": 54},
        {"args": [[1000000, 1000000, 1000000]], "expected": 5000000},
        {"args": [[2, 2, 3, 3, 100]], "expected": 130},
    ],
    "efficiency": {
        "seed": 1001,
        "generator": """\
def generate(rng):
    tests = []
    for n in (2500, 2500):
        tests.append({"args": [[rng.randint(1, 10**6) for _ in range(n)]]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "binary heap",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import heapq


def connect_ropes(ropes):
    heap = list(ropes)
    heapq.heapify(heap)
    total = 0
    while len(heap) > 1:
        a = heapq.heappop(heap)
        b = heapq.heappop(heap)
        total += a + b
        heapq.heappush(heap, a + b)
    return total
""",
        },
        {
            "label": "heap with heapreplace",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from heapq import heapify, heappop, heapreplace


def connect_ropes(ropes):
    heap = list(ropes)
    heapify(heap)
    total = 0
    while len(heap) > 1:
        a = heappop(heap)
        merged = a + heap[0]
        heapreplace(heap, merged)
        total += merged
    return total
""",
        },
        {
            "label": "sort then two queues",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from collections import deque


def connect_ropes(ropes):
    # Merged ropes are produced in non-decreasing order, so a second FIFO queue stays sorted.
    leaves = deque(sorted(ropes))
    merged = deque()

    def take():
        if not merged or (leaves and leaves[0] <= merged[0]):
            return leaves.popleft()
        return merged.popleft()

    total = 0
    for _ in range(len(ropes) - 1):
        s = take() + take()
        total += s
        merged.append(s)
    return total
""",
        },
        {
            "label": "re-sort every step",
            "complexity": "O(n^2) time (Timsort on an almost sorted list), O(n) space",
            "time_class": 2,
            "code": """\
def connect_ropes(ropes):
    pool = list(ropes)
    total = 0
    while len(pool) > 1:
        pool.sort(reverse=True)
        s = pool.pop() + pool.pop()
        total += s
        pool.append(s)
    return total
""",
        },
        {
            "label": "rebuild a sorted copy every step",
            "complexity": "O(n^2) time, O(n) space (a fresh list per step)",
            "time_class": 2,
            "code": """\
def connect_ropes(ropes):
    pool = sorted(ropes)
    total = 0
    while len(pool) > 1:
        s = pool[0] + pool[1]
        total += s
        pool = sorted(pool[2:] + [s])
    return total
""",
        },
        {
            "label": "min() and remove() per step",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def connect_ropes(ropes):
    pool = list(ropes)
    total = 0
    while len(pool) > 1:
        a = min(pool)
        pool.remove(a)
        b = min(pool)
        pool.remove(b)
        total += a + b
        pool.append(a + b)
    return total
""",
        },
        {
            "label": "linear scan for the two smallest",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def connect_ropes(ropes):
    pool = list(ropes)
    total = 0
    while len(pool) > 1:
        i1, i2 = (0, 1) if pool[0] <= pool[1] else (1, 0)
        for i in range(2, len(pool)):
            v = pool[i]
            if v < pool[i1]:
                i1, i2 = i, i1
            elif v < pool[i2]:
                i2 = i
        s = pool[i1] + pool[i2]
        total += s
        for i in sorted((i1, i2), reverse=True):
            pool[i] = pool[-1]
            pool.pop()
        pool.append(s)
    return total
""",
        },
        {
            "label": "insertion into a sorted list by linear scan",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def connect_ropes(ropes):
    pool = sorted(ropes)
    total = 0
    start = 0
    while len(pool) - start > 1:
        s = pool[start] + pool[start + 1]
        start += 2
        total += s
        i = start
        while i < len(pool) and pool[i] < s:
            i += 1
        pool.insert(i, s)
    return total
""",
        },
    ],
}
