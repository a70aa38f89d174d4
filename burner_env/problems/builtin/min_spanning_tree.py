"""Minimum spanning tree weight (Kruskal / Prim)."""

PROBLEM = {
    "id": "min_spanning_tree",
    "title": "Minimum Spanning Tree",
    "statement": """\
An undirected weighted graph has `n` nodes numbered `1 .. n` and `m` edges; the line `u v w` is an
edge between `u` and `v` of weight `w`. There may be parallel edges and self-loops. Print the total
weight of a minimum spanning tree (a set of `n - 1` edges connecting all nodes with the smallest
possible total weight). If the graph is not connected, print `IMPOSSIBLE`. A graph with a single
node has a spanning tree of weight `0`.

**Input** (standard input)

- Line 1: `n m`
- Then `m` lines, each `u v w`

**Output** (standard output)

One line: the minimum total weight, or `IMPOSSIBLE`.

**Constraints**

- `1 <= n <= 10^4`, `0 <= m <= 10^5`
- `1 <= u, v <= n`, `1 <= w <= 10^6`

**Example 1**

```
Input:
4 5
1 2 1
2 3 2
3 4 3
4 1 4
1 3 5

Output:
6
```

**Example 2**

```
Input:
4 2
1 2 1
3 4 1

Output:
IMPOSSIBLE
```
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys


def main() -> None:
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    ...


main()
""",
    "difficulty": "medium",
    "tags": ["graph", "minimum-spanning-tree", "union-find", "greedy", "heap"],
    "checker": "exact",
    "tests": [
        {"stdin": "4 5\n1 2 1\n2 3 2\n3 4 3\n4 1 4\n1 3 5\n", "expected": "6\n"},
        {"stdin": "4 2\n1 2 1\n3 4 1\n", "expected": "IMPOSSIBLE\n"},
        {"stdin": "1 0\n", "expected": "0\n"},
        {"stdin": "2 0\n", "expected": "IMPOSSIBLE\n"},
        {"stdin": "2 1\n1 2 7\n", "expected": "7\n"},
        {"stdin": "2 3\n1 2 5\n1 2 3\n2 1 4\n", "expected": "3\n"},
        {"stdin": "3 3\n1 1 1\n1 2 10\n2 3 10\n", "expected": "20\n"},
        {"stdin": "3 3\n1 2 5\n2 3 5\n1 3 5\n", "expected": "10\n"},
        {"stdin": "5 7\n1 2 3\n1 3 1\n2 3 1\n2 4 6\n3 4 5\n4 5 2\n3 5 4\n", "expected": "8\n"},
        {"stdin": "3 2\n1 2 1000000\n2 3 1000000\n", "expected": "2000000\n"},
        {"stdin": "6 6\n1 2 2\n2 3 2\n3 1 1\n4 5 1\n5 6 1\n6 4 1\n", "expected": "IMPOSSIBLE\n"},
    ],
    "efficiency": {
        "seed": 1015,
        "generator": """\
def generate(rng):
    tests = []
    for n, m in ((1000, 3000), (1000, 3000)):
        order = list(range(1, n + 1))
        rng.shuffle(order)
        # a random spanning tree keeps the graph connected; the rest are random extra edges
        edges = [(order[i], order[rng.randrange(i)], rng.randint(1, 10**6)) for i in range(1, n)]
        while len(edges) < m:
            edges.append((rng.randint(1, n), rng.randint(1, n), rng.randint(1, 10**6)))
        rng.shuffle(edges)
        body = "\\n".join(f"{u} {v} {w}" for u, v, w in edges)
        tests.append({"stdin": f"{n} {m}\\n{body}\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "Kruskal with union-find",
            "complexity": "O(m log m) time, O(n + m) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    edges = sorted(
        (int(data[4 + 3 * i]), int(data[2 + 3 * i]), int(data[3 + 3 * i])) for i in range(m)
    )
    parent = list(range(n + 1))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    total, used = 0, 0
    for w, u, v in edges:
        ru, rv = find(u), find(v)
        if ru != rv:
            parent[ru] = rv
            total += w
            used += 1
    print(total if used == n - 1 else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "Prim with a binary heap",
            "complexity": "O(m log m) time, O(n + m) space",
            "time_class": 1,
            "code": """\
import heapq
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adj[u].append((w, v))
        adj[v].append((w, u))
    in_tree = [False] * (n + 1)
    heap = [(0, 1)]
    total = count = 0
    while heap and count < n:
        w, u = heapq.heappop(heap)
        if in_tree[u]:
            continue
        in_tree[u] = True
        total += w
        count += 1
        for edge in adj[u]:
            if not in_tree[edge[1]]:
                heapq.heappush(heap, edge)
    print(total if count == n else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "Prim with a dense distance array",
            "complexity": "O(n^2 + m) time, O(n + m) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    adj = [[] for _ in range(n + 1)]
    for i in range(m):
        u, v, w = int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])
        adj[u].append((v, w))
        adj[v].append((u, w))
    inf = float("inf")
    best = [inf] * (n + 1)  # cheapest edge from the tree to each outside node
    in_tree = [False] * (n + 1)
    best[1] = 0
    total = 0
    for _ in range(n):
        u, cost = -1, inf
        for v in range(1, n + 1):
            if not in_tree[v] and best[v] < cost:
                u, cost = v, best[v]
        if u < 0:
            print("IMPOSSIBLE")
            return
        in_tree[u] = True
        total += cost
        for v, w in adj[u]:
            if not in_tree[v] and w < best[v]:
                best[v] = w
    print(total)


main()
""",
        },
        {
            "label": "Kruskal with quick-find component labels",
            "complexity": "O(m log m + n^2) time, O(n + m) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    edges = sorted(
        (int(data[4 + 3 * i]), int(data[2 + 3 * i]), int(data[3 + 3 * i])) for i in range(m)
    )
    label = list(range(n + 1))
    total, used = 0, 0
    for w, u, v in edges:
        a, b = label[u], label[v]
        if a != b:
            label = [a if x == b else x for x in label]
            total += w
            used += 1
    print(total if used == n - 1 else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "Kruskal with a graph search per edge to detect cycles",
            "complexity": "O(m n) time, O(n + m) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    edges = sorted(
        (int(data[4 + 3 * i]), int(data[2 + 3 * i]), int(data[3 + 3 * i])) for i in range(m)
    )
    forest = [[] for _ in range(n + 1)]

    def connected(s, t):
        seen = {s}
        stack = [s]
        while stack:
            x = stack.pop()
            if x == t:
                return True
            for y in forest[x]:
                if y not in seen:
                    seen.add(y)
                    stack.append(y)
        return False

    total, used = 0, 0
    for w, u, v in edges:
        if not connected(u, v):
            forest[u].append(v)
            forest[v].append(u)
            total += w
            used += 1
    print(total if used == n - 1 else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "Prim scanning every edge for the cheapest crossing one",
            "complexity": "O(n m) time, O(n + m) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    edges = [(int(data[2 + 3 * i]), int(data[3 + 3 * i]), int(data[4 + 3 * i])) for i in range(m)]
    in_tree = [False] * (n + 1)
    in_tree[1] = True
    total = 0
    for _ in range(n - 1):
        best, pick = None, -1
        for u, v, w in edges:
            if in_tree[u] != in_tree[v] and (best is None or w < best):
                best, pick = w, (v if in_tree[u] else u)
        if pick < 0:
            print("IMPOSSIBLE")
            return
        in_tree[pick] = True
        total += best
    print(total)


main()
""",
        },
    ],
}
