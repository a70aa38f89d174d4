"""Diameter of a tree given as an edge list (BFS / tree DP)."""

PROBLEM = {
    "id": "tree_diameter",
    "title": "Tree Diameter",
    "statement": """\
A tree has `n` nodes labelled `0 .. n - 1` and the `n - 1` undirected edges in `edges`. Return its
diameter: the number of **edges** on the longest simple path between two nodes. A single node has
diameter `0`.

Implement `tree_diameter(n: int, edges: list[list[int]]) -> int`.

**Constraints**

- `1 <= n <= 10^5`
- `len(edges) == n - 1`, `0 <= a, b < n`, and the edges form a tree (connected, no cycles)

**Example 1**

```
Input:  n = 3, edges = [[0, 1], [0, 2]]
Output: 2
```

The longest path is `1 - 0 - 2`.

**Example 2**

```
Input:  n = 6, edges = [[0, 1], [1, 2], [2, 3], [1, 4], [4, 5]]
Output: 4
```

The longest path is `3 - 2 - 1 - 4 - 5`.
""",
    "io": "function",
    "entry_point": "tree_diameter",
    "starter_code": """\
def tree_diameter(n: int, edges: list[list[int]]) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["tree", "graph", "bfs", "dfs", "dynamic-programming"],
    "checker": "exact",
    "tests": [
        {"args": [3, [[0, 1], [0, 2]]], "expected": 2},
        {"args": [6, [[0, 1], [1, 2], [2, 3], [1, 4], [4, 5]]], "expected": 4},
        {"args": [1, []], "expected": 0},
        {"args": [2, [[1, 0]]], "expected": 1},
        {"args": [5, [[0, 1], [1, 2], [2, 3], [3, 4]]], "expected": 4},
        {"args": [5, [[2, 0], [2, 1], [2, 3], [2, 4]]], "expected": 2},
        {"args": [7, [[0, 1], [0, 2], [1, 3], [1, 4], [2, 5], [2, 6]]], "expected": 4},
        {"args": [8, [[0, 1], [1, 2], [2, 3], [0, 4], [4, 5], [0, 6], [6, 7]]], "expected": 5},
        {"args": [6, [[5, 4], [4, 3], [3, 0], [0, 1], [0, 2]]], "expected": 4},
        {"args": [9, [[4, 0], [0, 5], [5, 6], [4, 1], [1, 7], [7, 8], [8, 2], [2, 3]]],
         "expected": 8},
    ],
    "efficiency": {
        "seed": 1017,
        "generator": """\
def generate(rng):
    tests = []
    for n in (1500, 1500):
        label = list(range(n))
        rng.shuffle(label)
        edges = []
        for i in range(1, n):
            # mostly extend the newest node, sometimes branch off a recent one: few leaves
            parent = i - 1 if rng.random() < 0.9 else rng.randint(max(0, i - 50), i - 1)
            pair = [label[i], label[parent]]
            rng.shuffle(pair)
            edges.append(pair)
        rng.shuffle(edges)
        tests.append({"args": [n, edges]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "two breadth-first searches",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
from collections import deque


def tree_diameter(n, edges):
    adj = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)

    def farthest(start):
        dist = [-1] * n
        dist[start] = 0
        queue = deque([start])
        last = start
        while queue:
            last = u = queue.popleft()
            for v in adj[u]:
                if dist[v] < 0:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        return last, dist[last]

    end, _ = farthest(0)
    return farthest(end)[1]
""",
        },
        {
            "label": "tree DP over a DFS order (two deepest branches)",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
def tree_diameter(n, edges):
    adj = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    parent = [-1] * n
    order = [0]
    seen = [False] * n
    seen[0] = True
    for u in order:  # BFS order; reversed it lists children before parents
        for v in adj[u]:
            if not seen[v]:
                seen[v] = True
                parent[v] = u
                order.append(v)
    depth = [0] * n  # longest downward path (edges) from each node
    best = 0
    for u in reversed(order):
        first = second = 0
        for v in adj[u]:
            if v != parent[u]:
                d = depth[v] + 1
                if d > first:
                    first, second = d, first
                elif d > second:
                    second = d
        depth[u] = first
        best = max(best, first + second)
    return best
""",
        },
        {
            "label": "peel leaves layer by layer",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
def tree_diameter(n, edges):
    if n == 1:
        return 0
    adj = [[] for _ in range(n)]
    degree = [0] * n
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
        degree[a] += 1
        degree[b] += 1
    layer = [u for u in range(n) if degree[u] == 1]
    remaining = n
    layers = 0
    while remaining > 2:
        remaining -= len(layer)
        nxt = []
        for u in layer:
            for v in adj[u]:
                degree[v] -= 1
                if degree[v] == 1:
                    nxt.append(v)
        layer = nxt
        layers += 1
    # one centre: diameter 2 * layers; two adjacent centres: one more edge
    return 2 * layers + (1 if remaining == 2 else 0)
""",
        },
        {
            "label": "breadth-first search from every leaf",
            "complexity": "O(n L) time for L leaves, O(n) space",
            "time_class": 2,
            "code": """\
def tree_diameter(n, edges):
    adj = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    best = 0
    for s in range(n):
        if len(adj[s]) > 1:
            continue  # a longest path always ends in leaves
        dist = [-1] * n
        dist[s] = 0
        frontier = [s]
        while frontier:
            nxt = []
            for u in frontier:
                for v in adj[u]:
                    if dist[v] < 0:
                        dist[v] = dist[u] + 1
                        nxt.append(v)
            if nxt:
                best = max(best, dist[nxt[0]])
            frontier = nxt
    return best
""",
        },
        {
            "label": "breadth-first search from every node",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
from collections import deque


def tree_diameter(n, edges):
    adj = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    best = 0
    for s in range(n):
        dist = [-1] * n
        dist[s] = 0
        queue = deque([s])
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if dist[v] < 0:
                    dist[v] = dist[u] + 1
                    queue.append(v)
        best = max(best, max(dist))
    return best
""",
        },
        {
            "label": "depth-first search from every node with a parent-tracking stack",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def tree_diameter(n, edges):
    adj = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    best = 0
    for s in range(n):
        stack = [(s, -1, 0)]
        while stack:
            u, parent, d = stack.pop()
            if d > best:
                best = d
            for v in adj[u]:
                if v != parent:
                    stack.append((v, u, d + 1))
    return best
""",
        },
    ],
}
