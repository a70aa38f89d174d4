"""Number of connected components in an undirected graph (union-find / BFS / DFS)."""

PROBLEM = {
    "id": "count_components",
    "title": "Number of Connected Components",
    "statement": """\
An undirected graph has `n` nodes labelled `0 .. n - 1` and the given list of edges; edge `[a, b]`
connects `a` and `b`. Edges may repeat and may be self-loops. Return the number of connected
components (an isolated node is a component of its own).

Implement `count_components(n: int, edges: list[list[int]]) -> int`.

**Constraints**

- `1 <= n <= 10^5`
- `0 <= len(edges) <= 2 * 10^5`
- `0 <= a, b < n`

**Example 1**

```
Input:  n = 5, edges = [[0, 1], [1, 2], [3, 4]]
Output: 2
```

**Example 2**

```
Input:  n = 4, edges = []
Output: 4
```
""",
    "io": "function",
    "entry_point": "count_components",
    "starter_code": """\
def count_components(n: int, edges: list[list[int]]) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["graph", "union-find", "bfs", "dfs"],
    "checker": "exact",
    "tests": [
        {"args": [5, [[0, 1], [1, 2], [3, 4]]], "expected": 2},
        {"args": [4, []], "expected": 4},
        {"args": [5, [[0, 1], [1, 2], [2, 3], [3, 4]]], "expected": 1},
        {"args": [1, []], "expected": 1},
        {"args": [3, [[0, 0], [1, 2], [2, 1]]], "expected": 2},
        {"args": [6, [[0, 5], [5, 1], [2, 3]]], "expected": 3},
        {"args": [4, [[0, 1], [1, 2], [2, 0]]], "expected": 2},
        {"args": [7, [[3, 0], [3, 1], [3, 2], [3, 4], [3, 5], [3, 6]]], "expected": 1},
        {"args": [8, [[7, 6], [5, 4], [6, 5], [1, 0], [2, 1], [4, 7]]], "expected": 3},
        {"args": [10, [[0, 9], [9, 8], [1, 2], [3, 4], [4, 5], [5, 3], [6, 6]]], "expected": 5},
    ],
    "efficiency": {
        "seed": 1012,
        "generator": """\
def generate(rng):
    tests = []
    for n in (3600, 3600):
        nodes = list(range(n))
        rng.shuffle(nodes)
        a, b = n // 6, n // 6 + n // 2
        path, star, rest = nodes[:a], nodes[a:b], nodes[b:]
        edges = [[path[i], path[i + 1]] for i in range(len(path) - 1)]
        rng.shuffle(edges)
        # a star whose centre is always named first
        edges += [[star[0], leaf] for leaf in star[1:]]
        # sparse random edges among the remaining nodes: many small components
        for _ in range(len(rest) // 2):
            edges.append([rng.choice(rest), rng.choice(rest)])
        tests.append({"args": [n, edges]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "union-find with path halving and union by size",
            "complexity": "O(n + m α(n)) time, O(n) space",
            "time_class": 1,
            "code": """\
def count_components(n, edges):
    parent = list(range(n))
    size = [1] * n

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    components = n
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            if size[ra] < size[rb]:
                ra, rb = rb, ra
            parent[rb] = ra
            size[ra] += size[rb]
            components -= 1
    return components
""",
        },
        {
            "label": "breadth-first search over adjacency lists",
            "complexity": "O(n + m) time, O(n + m) space",
            "time_class": 1,
            "code": """\
from collections import deque


def count_components(n, edges):
    adj = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    seen = [False] * n
    components = 0
    for s in range(n):
        if seen[s]:
            continue
        components += 1
        seen[s] = True
        queue = deque([s])
        while queue:
            u = queue.popleft()
            for v in adj[u]:
                if not seen[v]:
                    seen[v] = True
                    queue.append(v)
    return components
""",
        },
        {
            "label": "iterative depth-first search",
            "complexity": "O(n + m) time, O(n + m) space",
            "time_class": 1,
            "code": """\
def count_components(n, edges):
    adj = [[] for _ in range(n)]
    for a, b in edges:
        adj[a].append(b)
        adj[b].append(a)
    seen = [False] * n
    components = 0
    for s in range(n):
        if not seen[s]:
            components += 1
            seen[s] = True
            stack = [s]
            while stack:
                for v in adj[stack.pop()]:
                    if not seen[v]:
                        seen[v] = True
                        stack.append(v)
    return components
""",
        },
        {
            "label": "union-find without path compression or balancing",
            "complexity": "O(n m) time worst case, O(n) space",
            "time_class": 2,
            "code": """\
def count_components(n, edges):
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            x = parent[x]
        return x

    components = n
    for a, b in edges:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[ra] = rb
            components -= 1
    return components
""",
        },
        {
            "label": "label propagation until nothing changes",
            "complexity": "O(m D) time for diameter D, O(n) space",
            "time_class": 2,
            "code": """\
def count_components(n, edges):
    label = list(range(n))
    changed = True
    while changed:
        changed = False
        for a, b in edges:
            la, lb = label[a], label[b]
            if la < lb:
                label[b] = la
                changed = True
            elif lb < la:
                label[a] = lb
                changed = True
    return sum(1 for v in range(n) if label[v] == v)
""",
        },
        {
            "label": "relabel every node on each merge (quick-find)",
            "complexity": "O(n m) time, O(n) space",
            "time_class": 3,
            "code": """\
def count_components(n, edges):
    label = list(range(n))
    components = n
    for a, b in edges:
        la, lb = label[a], label[b]
        if la != lb:
            label = [la if x == lb else x for x in label]
            components -= 1
    return components
""",
        },
        {
            "label": "repeated search for an unvisited node, edge scans per step",
            "complexity": "O(n m) time, O(n) space",
            "time_class": 3,
            "code": """\
def count_components(n, edges):
    component = [-1] * n
    count = 0
    for s in range(n):
        if component[s] >= 0:
            continue
        component[s] = count
        grew = True
        while grew:  # sweep all edges until the component stops growing
            grew = False
            for a, b in edges:
                if component[a] == count and component[b] < 0:
                    component[b] = count
                    grew = True
                elif component[b] == count and component[a] < 0:
                    component[a] = count
                    grew = True
        count += 1
    return count
""",
        },
    ],
}
