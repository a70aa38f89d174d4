"""Sum of distances from every node of a tree (rerooting DP)."""

PROBLEM = {
    "id": "sum_of_distances_in_tree",
    "title": "Sum of Distances in Tree",
    "statement": """\
An undirected tree has `n` nodes labelled `0 .. n - 1` and the `n - 1` edges in `edges`. Return a
list `answer` of length `n` where `answer[i]` is the sum of the distances (numbers of edges on the
connecting paths) between node `i` and every other node.

Implement `Solution.sumOfDistancesInTree(n: int, edges: list[list[int]]) -> list[int]`.

**Constraints**

- `1 <= n <= 3 * 10^4`
- `len(edges) == n - 1`, `0 <= a, b < n`, and the edges form a tree

**Example 1**

```
Input:  n = 6, edges = [[0, 1], [0, 2], [2, 3], [2, 4], [2, 5]]
Output: [8, 12, 6, 10, 10, 10]
```

From node 0 the distances are 1, 1, 2, 2, 2, summing to 8.

**Example 2**

```
Input:  n = 2, edges = [[1, 0]]
Output: [1, 1]
```
""",
    "io": "class",
    "entry_point": "Solution.sumOfDistancesInTree",
    "starter_code": """\
class Solution:
    def sumOfDistancesInTree(self, n: int, edges: list[list[int]]) -> list[int]:
        ...
""",
    "difficulty": "hard",
    "tags": ["tree", "dynamic-programming", "rerooting", "dfs"],
    "checker": "exact",
    "tests": [
        {"args": [6, [[0, 1], [0, 2], [2, 3], [2, 4], [2, 5]]], "expected": [8, 12, 6, 10, 10, 10]},
        {"args": [1, []], "expected": [0]},
        {"args": [2, [[1, 0]]], "expected": [1, 1]},
        {"args": [4, [[0, 1], [1, 2], [2, 3]]], "expected": [6, 4, 4, 6]},
        {"args": [5, [[0, 1], [0, 2], [0, 3], [0, 4]]], "expected": [4, 7, 7, 7, 7]},
        {"args": [5, [[3, 0], [3, 1], [3, 2], [3, 4]]], "expected": [7, 7, 7, 4, 7]},
        {"args": [5, [[4, 2], [2, 0], [0, 3], [3, 1]]], "expected": [6, 10, 7, 7, 10]},
        {"args": [7, [[0, 1], [0, 2], [1, 3], [1, 4], [2, 5], [2, 6]]],
         "expected": [10, 11, 11, 16, 16, 16, 16]},
        {"args": [8, [[5, 7], [7, 0], [0, 6], [6, 1], [1, 3], [6, 4], [4, 2]]],
         "expected": [14, 16, 22, 22, 16, 24, 12, 18]},
    ],
    "efficiency": {
        "seed": 1019,
        "generator": """\
def generate(rng):
    tests = []
    for n in (1200, 1200):
        label = list(range(n))
        rng.shuffle(label)
        edges = []
        for i in range(1, n):
            j = i - 1 if rng.random() < 0.9 else rng.randint(max(0, i - 40), i - 1)
            pair = [label[i], label[j]]
            rng.shuffle(pair)
            edges.append(pair)
        rng.shuffle(edges)
        tests.append({"args": [n, edges]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "rerooting DP: subtree sizes, then push answers down",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def sumOfDistancesInTree(self, n, edges):
        adj = [[] for _ in range(n)]
        for a, b in edges:
            adj[a].append(b)
            adj[b].append(a)
        parent = [-1] * n
        order = [0]
        for u in order:  # BFS order from root 0
            for v in adj[u]:
                if v != parent[u]:
                    parent[v] = u
                    order.append(v)
        size = [1] * n
        down = [0] * n  # sum of distances from u to the nodes of its subtree
        for u in reversed(order):
            p = parent[u]
            if p >= 0:
                size[p] += size[u]
                down[p] += down[u] + size[u]
        answer = [0] * n
        answer[0] = down[0]
        for u in order[1:]:
            # moving the root from parent to u: size[u] nodes get closer, n - size[u] farther
            answer[u] = answer[parent[u]] - size[u] + (n - size[u])
        return answer
""",
        },
        {
            "label": "rerooting DP with an explicit DFS stack",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def sumOfDistancesInTree(self, n, edges):
        adj = [[] for _ in range(n)]
        for a, b in edges:
            adj[a].append(b)
            adj[b].append(a)
        size = [1] * n
        depth = [0] * n
        parent = [-1] * n
        postorder = []
        stack = [(0, False)]
        while stack:
            u, finished = stack.pop()
            if finished:
                postorder.append(u)
                if parent[u] >= 0:
                    size[parent[u]] += size[u]
                continue
            stack.append((u, True))
            for v in adj[u]:
                if v != parent[u]:
                    parent[v] = u
                    depth[v] = depth[u] + 1
                    stack.append((v, False))
        answer = [0] * n
        answer[0] = sum(depth)
        for u in reversed(postorder):  # parents before children
            if u:
                answer[u] = answer[parent[u]] + n - 2 * size[u]
        return answer
""",
        },
        {
            "label": "depth sum minus subtree sizes along the path to the root",
            "complexity": "O(n h) time for tree height h, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def sumOfDistancesInTree(self, n, edges):
        adj = [[] for _ in range(n)]
        for a, b in edges:
            adj[a].append(b)
            adj[b].append(a)
        parent = [-1] * n
        depth = [0] * n
        order = [0]
        for u in order:
            for v in adj[u]:
                if v != parent[u]:
                    parent[v] = u
                    depth[v] = depth[u] + 1
                    order.append(v)
        size = [1] * n
        for u in reversed(order):
            if parent[u] >= 0:
                size[parent[u]] += size[u]
        total_depth = sum(depth)
        answer = []
        for v in range(n):
            # dist(u, v) = depth(u) + depth(v) - 2 depth(lca); summing depth(lca) over u
            # equals the sum of size(a) over the non-root ancestors a of v (v included)
            shared = 0
            a = v
            while a:
                shared += size[a]
                a = parent[a]
            answer.append(total_depth + n * depth[v] - 2 * shared)
        return answer
""",
        },
        {
            "label": "breadth-first search from every node",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
from collections import deque


class Solution:
    def sumOfDistancesInTree(self, n, edges):
        adj = [[] for _ in range(n)]
        for a, b in edges:
            adj[a].append(b)
            adj[b].append(a)
        answer = []
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
            answer.append(sum(dist))
        return answer
""",
        },
        {
            "label": "level-by-level search from every node",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def sumOfDistancesInTree(self, n, edges):
        adj = [[] for _ in range(n)]
        for a, b in edges:
            adj[a].append(b)
            adj[b].append(a)
        answer = []
        for s in range(n):
            seen = {s}
            frontier = [s]
            total = level = 0
            while frontier:
                level += 1
                nxt = []
                for u in frontier:
                    for v in adj[u]:
                        if v not in seen:
                            seen.add(v)
                            nxt.append(v)
                total += level * len(nxt)
                frontier = nxt
            answer.append(total)
        return answer
""",
        },
        {
            "label": "depth-first search from every node",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def sumOfDistancesInTree(self, n, edges):
        adj = [[] for _ in range(n)]
        for a, b in edges:
            adj[a].append(b)
            adj[b].append(a)
        answer = []
        for s in range(n):
            total = 0
            stack = [(s, -1, 0)]
            while stack:
                u, p, d = stack.pop()
                total += d
                for v in adj[u]:
                    if v != p:
                        stack.append((v, u, d + 1))
            answer.append(total)
        return answer
""",
        },
    ],
}
