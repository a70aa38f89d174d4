"""Network delay time: single-source shortest paths (Dijkstra)."""

PROBLEM = {
    "id": "network_delay_time",
    "title": "Network Delay Time",
    "statement": """\
A network has `n` nodes labelled `1 .. n`. `times[i] = [u, v, w]` is a **directed** edge: a signal
sent from `u` reaches `v` after `w` time units. A signal is sent from node `k` at time 0. Return the
time at which the last node receives it, i.e. the largest shortest-path distance from `k`. If some
node can never receive the signal, return `-1`.

Implement `Solution.networkDelayTime(times: list[list[int]], n: int, k: int) -> int`.

**Constraints**

- `1 <= k <= n <= 2000`
- `0 <= len(times) <= 10^4`
- `1 <= u, v <= n`, `0 <= w <= 100`; parallel edges and self-loops may occur

**Example 1**

```
Input:  times = [[2, 1, 1], [2, 3, 1], [3, 4, 1]], n = 4, k = 2
Output: 2
```

**Example 2**

```
Input:  times = [[1, 2, 1]], n = 2, k = 2
Output: -1
```

Edges are one-way: node 1 cannot be reached from node 2.
""",
    "io": "class",
    "entry_point": "Solution.networkDelayTime",
    "starter_code": """\
class Solution:
    def networkDelayTime(self, times: list[list[int]], n: int, k: int) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["graph", "shortest-path", "dijkstra", "heap"],
    "checker": "exact",
    "tests": [
        {"args": [[[2, 1, 1], [2, 3, 1], [3, 4, 1]], 4, 2], "expected": 2},
        {"args": [[[1, 2, 1]], 2, 2], "expected": -1},
        {"args": [[[1, 2, 1]], 2, 1], "expected": 1},
        {"args": [[], 1, 1], "expected": 0},
        {"args": [[[1, 2, 0], [2, 3, 0]], 3, 1], "expected": 0},
        {"args": [[[1, 2, 5], [1, 2, 2]], 2, 1], "expected": 2},
        {"args": [[[1, 2, 10], [1, 3, 1], [3, 2, 1]], 3, 1], "expected": 2},
        {"args": [[[1, 2, 1], [3, 4, 1]], 4, 1], "expected": -1},
        {"args": [[[1, 2, 1], [2, 3, 2], [3, 1, 3], [3, 4, 4]], 4, 1], "expected": 7},
        {"args": [[[3, 3, 5], [3, 1, 4], [1, 2, 100], [3, 2, 99]], 3, 3], "expected": 99},
        {"args": [[[4, 2, 7], [4, 1, 3], [1, 3, 2], [3, 2, 1], [2, 5, 10], [1, 5, 20]], 5, 4],
         "expected": 16},
    ],
    "efficiency": {
        "seed": 1013,
        "generator": """\
def generate(rng):
    tests = []
    n = 700
    for _ in range(2):
        label = list(range(1, n + 1))
        rng.shuffle(label)
        # a cheap chain through all nodes: every shortest path follows it, so paths are long
        times = [[label[i], label[i + 1], rng.randint(1, 2)] for i in range(n - 1)]
        for _ in range(5 * n):
            i = rng.randrange(n)
            if rng.random() < 0.7:
                j = rng.randrange(i + 1)  # backward edge: never on a shortest path
            else:
                j = min(n - 1, i + rng.randint(1, 50))  # short forward hop, dearer than the chain
            times.append([label[i], label[j], 100])
        rng.shuffle(times)
        tests.append({"args": [times, n, label[0]]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "Dijkstra with a binary heap",
            "complexity": "O((n + m) log n) time, O(n + m) space",
            "time_class": 1,
            "code": """\
import heapq


class Solution:
    def networkDelayTime(self, times, n, k):
        adj = [[] for _ in range(n + 1)]
        for u, v, w in times:
            adj[u].append((v, w))
        dist = [None] * (n + 1)
        heap = [(0, k)]
        while heap:
            d, u = heapq.heappop(heap)
            if dist[u] is not None:
                continue
            dist[u] = d
            for v, w in adj[u]:
                if dist[v] is None:
                    heapq.heappush(heap, (d + w, v))
        if any(d is None for d in dist[1:]):
            return -1
        return max(dist[1:])
""",
        },
        {
            "label": "Dijkstra with a heap and tentative distances",
            "complexity": "O((n + m) log n) time, O(n + m) space",
            "time_class": 1,
            "code": """\
import heapq
from collections import defaultdict


class Solution:
    def networkDelayTime(self, times, n, k):
        adj = defaultdict(list)
        for u, v, w in times:
            adj[u].append((v, w))
        best = {k: 0}
        heap = [(0, k)]
        while heap:
            d, u = heapq.heappop(heap)
            if d > best[u]:
                continue
            for v, w in adj[u]:
                nd = d + w
                if nd < best.get(v, float("inf")):
                    best[v] = nd
                    heapq.heappush(heap, (nd, v))
        return max(best.values()) if len(best) == n else -1
""",
        },
        {
            "label": "Dijkstra with a linear scan for the closest node",
            "complexity": "O(n^2 + m) time, O(n + m) space",
            "time_class": 2,
            "code": """\
class Solution:
    def networkDelayTime(self, times, n, k):
        inf = float("inf")
        adj = [[] for _ in range(n + 1)]
        for u, v, w in times:
            adj[u].append((v, w))
        dist = [inf] * (n + 1)
        dist[k] = 0
        done = [False] * (n + 1)
        for _ in range(n):
            u, best = -1, inf
            for v in range(1, n + 1):
                if not done[v] and dist[v] < best:
                    u, best = v, dist[v]
            if u < 0:
                return -1
            done[u] = True
            for v, w in adj[u]:
                if best + w < dist[v]:
                    dist[v] = best + w
        return max(dist[1:])
""",
        },
        {
            "label": "Dijkstra with min() over tentative distances",
            "complexity": "O(n^2 + m) time, O(n + m) space",
            "time_class": 2,
            "code": """\
class Solution:
    def networkDelayTime(self, times, n, k):
        inf = float("inf")
        adj = [[] for _ in range(n + 1)]
        for u, v, w in times:
            adj[u].append((v, w))
        tentative = [inf] * (n + 1)  # finished nodes are reset to inf so min() skips them
        tentative[k] = 0
        done = [False] * (n + 1)
        answer = 0
        for _ in range(n):
            u = min(range(1, n + 1), key=tentative.__getitem__)
            d = tentative[u]
            if d == inf:
                return -1
            done[u] = True
            tentative[u] = inf
            answer = d
            for v, w in adj[u]:
                if not done[v] and d + w < tentative[v]:
                    tentative[v] = d + w
        return answer
""",
        },
        {
            "label": "Bellman-Ford with early exit",
            "complexity": "O(n m) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def networkDelayTime(self, times, n, k):
        inf = float("inf")
        dist = [inf] * (n + 1)
        dist[k] = 0
        for _ in range(n - 1):
            changed = False
            for u, v, w in times:
                if dist[u] + w < dist[v]:
                    dist[v] = dist[u] + w
                    changed = True
            if not changed:
                break
        answer = max(dist[1:])
        return -1 if answer == inf else answer
""",
        },
        {
            "label": "Bellman-Ford rounds on a copy of the distances",
            "complexity": "O(n m) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def networkDelayTime(self, times, n, k):
        inf = float("inf")
        dist = [inf] * (n + 1)
        dist[k] = 0
        for _ in range(n - 1):
            nxt = dist[:]
            for u, v, w in times:
                if dist[u] + w < nxt[v]:
                    nxt[v] = dist[u] + w
            if nxt == dist:
                break
            dist = nxt
        answer = max(dist[1:])
        return -1 if answer == inf else answer
""",
        },
    ],
}
