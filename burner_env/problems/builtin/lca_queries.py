"""Lowest common ancestor queries on a rooted tree given as a parent array."""

PROBLEM = {
    "id": "lca_queries",
    "title": "Lowest Common Ancestor Queries",
    "statement": """\
A rooted tree has `n` nodes labelled `0 .. n - 1`; node `0` is the root and every other node `i`
has parent `p_i`. The lowest common ancestor `LCA(u, v)` is the deepest node that is an ancestor of
both `u` and `v`, where every node counts as an ancestor of itself (so `LCA(u, u) = u`, and
`LCA(u, v) = u` when `u` is an ancestor of `v`). Answer `q` queries.

**Input** (standard input)

- Line 1: `n q`
- Line 2: `n - 1` integers `p_1 ... p_{n-1}` (the parents of nodes `1 .. n - 1`; the line is empty
  when `n = 1`). Parents are not necessarily smaller than their children.
- Then `q` lines, each `u v`

**Output** (standard output)

`q` lines: `LCA(u, v)` for each query, in order.

**Constraints**

- `1 <= n <= 10^5`, `1 <= q <= 10^5`
- the parent array describes a tree rooted at `0` (every node reaches `0` by following parents)
- `0 <= u, v < n`

**Example**

```
Input:
7 4
0 0 1 1 2 2
3 4
3 5
6 2
4 4

Output:
1
0
2
4
```

Node 1 has children 3 and 4, node 2 has children 5 and 6.
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys


def main() -> None:
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    ...


main()
""",
    "difficulty": "hard",
    "tags": ["tree", "lowest-common-ancestor", "binary-lifting", "sparse-table", "union-find"],
    "checker": "exact",
    "tests": [
        {"stdin": "7 4\n0 0 1 1 2 2\n3 4\n3 5\n6 2\n4 4\n", "expected": "1\n0\n2\n4\n"},
        {"stdin": "1 1\n\n0 0\n", "expected": "0\n"},
        {"stdin": "2 3\n0\n0 1\n1 0\n1 1\n", "expected": "0\n0\n1\n"},
        {"stdin": "5 3\n0 1 2 3\n4 2\n1 3\n4 0\n", "expected": "2\n1\n0\n"},
        {"stdin": "6 4\n3 0 0 2 3\n1 5\n1 4\n4 2\n5 3\n", "expected": "3\n0\n2\n3\n"},
        {"stdin": "5 3\n0 0 0 0\n1 2\n3 4\n4 0\n", "expected": "0\n0\n0\n"},
        {"stdin": "8 4\n0 1 2 3 2 5 1\n4 6\n6 7\n7 1\n5 6\n", "expected": "2\n1\n1\n5\n"},
        {"stdin": "9 4\n4 4 0 3 8 5 5 0\n1 2\n6 7\n1 6\n3 4\n", "expected": "4\n5\n0\n3\n"},
        {"stdin": "6 2\n5 1 2 3 0\n4 3\n1 4\n", "expected": "3\n1\n"},
    ],
    "efficiency": {
        "seed": 1018,
        "generator": """\
def generate(rng):
    tests = []
    for n, q in ((1500, 2000), (1500, 2000)):
        label = list(range(1, n))
        rng.shuffle(label)
        label = [0] + label  # node created i-th gets label[i]; the root stays 0
        parent = [0] * n
        for i in range(1, n):
            # attach mostly to the newest node: a deep tree with short side branches
            j = i - 1 if rng.random() < 0.98 else rng.randint(max(0, i - 40), i - 1)
            parent[label[i]] = label[j]
        lines = [f"{n} {q}", " ".join(map(str, parent[1:]))]
        for _ in range(q):
            lines.append(f"{rng.randrange(n)} {rng.randrange(n)}")
        tests.append({"stdin": "\\n".join(lines) + "\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "binary lifting",
            "complexity": "O((n + q) log n) time, O(n log n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    parent = [0] + [int(x) for x in data[2:n + 1]]
    children = [[] for _ in range(n)]
    for v in range(1, n):
        children[parent[v]].append(v)
    depth = [0] * n
    order = [0]
    for u in order:
        for v in children[u]:
            depth[v] = depth[u] + 1
            order.append(v)
    up = [parent]  # up[k][v]: the 2^k-th ancestor of v (the root is its own parent)
    for _ in range(max(1, (n - 1).bit_length())):
        prev = up[-1]
        up.append([prev[prev[v]] for v in range(n)])
    out = []
    pos = n + 1
    for _ in range(q):
        u, v = int(data[pos]), int(data[pos + 1])
        pos += 2
        if depth[u] < depth[v]:
            u, v = v, u
        diff = depth[u] - depth[v]
        k = 0
        while diff:
            if diff & 1:
                u = up[k][u]
            diff >>= 1
            k += 1
        if u != v:
            for k in range(len(up) - 1, -1, -1):
                if up[k][u] != up[k][v]:
                    u, v = up[k][u], up[k][v]
            u = parent[u]
        out.append(u)
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "Euler tour with a sparse table for range minimum",
            "complexity": "O(n log n + q) time, O(n log n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    children = [[] for _ in range(n)]
    for v in range(1, n):
        children[int(data[v + 1])].append(v)
    # Euler tour storing depth * n + node, so the minimum is the shallowest node
    euler, first = [], [0] * n
    stack = [(0, 0, 0)]  # (node, depth, next child index)
    while stack:
        u, d, i = stack.pop()
        if i == 0:
            first[u] = len(euler)
        euler.append(d * n + u)
        if i < len(children[u]):
            stack.append((u, d, i + 1))
            stack.append((children[u][i], d + 1, 0))
    table = [euler]
    j = 1
    while (1 << j) <= len(euler):
        prev, half = table[-1], 1 << (j - 1)
        table.append(list(map(min, prev[:len(prev) - half], prev[half:])))
        j += 1
    out = []
    pos = n + 1
    for _ in range(q):
        a, b = first[int(data[pos])], first[int(data[pos + 1])]
        pos += 2
        if a > b:
            a, b = b, a
        k = (b - a + 1).bit_length() - 1
        row = table[k]
        out.append(min(row[a], row[b - (1 << k) + 1]) % n)
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "Tarjan's offline algorithm with union-find",
            "complexity": "O((n + q) α(n)) time, O(n + q) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    parent = [0] + [int(x) for x in data[2:n + 1]]
    children = [[] for _ in range(n)]
    for v in range(1, n):
        children[parent[v]].append(v)
    asked = [[] for _ in range(n)]
    pos = n + 1
    for i in range(q):
        u, v = int(data[pos]), int(data[pos + 1])
        pos += 2
        asked[u].append((v, i))
        asked[v].append((u, i))
    link = list(range(n))  # finished nodes point to their parent

    def find(x):
        root = x
        while link[root] != root:
            root = link[root]
        while link[x] != root:
            link[x], x = root, link[x]
        return root

    answer = [0] * q
    done = [False] * n
    nxt = [0] * n
    stack = [0]
    while stack:
        u = stack[-1]
        if nxt[u] < len(children[u]):
            stack.append(children[u][nxt[u]])
            nxt[u] += 1
            continue
        stack.pop()
        done[u] = True
        for w, i in asked[u]:
            if done[w]:
                # the lowest unfinished ancestor of w is the LCA
                answer[i] = find(w)
        if stack:
            link[u] = stack[-1]
    print("\\n".join(map(str, answer)))


main()
""",
        },
        {
            "label": "climb parent pointers after equalising depths",
            "complexity": "O(n + q h) time for tree height h, O(n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    parent = [0] + [int(x) for x in data[2:n + 1]]
    children = [[] for _ in range(n)]
    for v in range(1, n):
        children[parent[v]].append(v)
    depth = [0] * n
    order = [0]
    for u in order:
        for v in children[u]:
            depth[v] = depth[u] + 1
            order.append(v)
    out = []
    pos = n + 1
    for _ in range(q):
        u, v = int(data[pos]), int(data[pos + 1])
        pos += 2
        while depth[u] > depth[v]:
            u = parent[u]
        while depth[v] > depth[u]:
            v = parent[v]
        while u != v:
            u, v = parent[u], parent[v]
        out.append(u)
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "stamp the ancestors of u, walk up from v",
            "complexity": "O(n + q h) time for tree height h, O(n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    parent = [-1] + [int(x) for x in data[2:n + 1]]
    stamp = [-1] * n  # stamp[x] == i: x is an ancestor of u in query i
    out = []
    pos = n + 1
    for i in range(q):
        u, v = int(data[pos]), int(data[pos + 1])
        pos += 2
        while u != -1:
            stamp[u] = i
            u = parent[u]
        while stamp[v] != i:
            v = parent[v]
        out.append(v)
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "test every node as a common ancestor with entry/exit times",
            "complexity": "O(n + q n) time, O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    children = [[] for _ in range(n)]
    for v in range(1, n):
        children[int(data[v + 1])].append(v)
    tin, tout, depth = [0] * n, [0] * n, [0] * n
    clock = 0
    stack = [(0, False)]
    while stack:
        u, leaving = stack.pop()
        if leaving:
            tout[u] = clock
            clock += 1
            continue
        tin[u] = clock
        clock += 1
        stack.append((u, True))
        for v in children[u]:
            depth[v] = depth[u] + 1
            stack.append((v, False))
    out = []
    pos = n + 1
    for _ in range(q):
        u, v = int(data[pos]), int(data[pos + 1])
        pos += 2
        lo, hi = min(tin[u], tin[v]), max(tout[u], tout[v])
        # w is an ancestor of both iff its interval [tin, tout] covers both
        best = max((depth[w], w) for w in range(n) if tin[w] <= lo and tout[w] >= hi)
        out.append(best[1])
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "count marked nodes per subtree for every query",
            "complexity": "O(n + q n) time, O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    parent = [0] + [int(x) for x in data[2:n + 1]]
    children = [[] for _ in range(n)]
    for v in range(1, n):
        children[parent[v]].append(v)
    order = [0]
    for u in order:
        order.extend(children[u])
    bottom_up = order[::-1]
    out = []
    pos = n + 1
    for _ in range(q):
        u, v = int(data[pos]), int(data[pos + 1])
        pos += 2
        # count[x] = how many of u, v lie in the subtree of x; the first node to reach 2 is the LCA
        count = [0] * n
        count[u] += 1
        count[v] += 1
        for x in bottom_up:
            if count[x] == 2:
                out.append(x)
                break
            if x:
                count[parent[x]] += count[x]
    print("\\n".join(map(str, out)))


main()
""",
        },
    ],
}
