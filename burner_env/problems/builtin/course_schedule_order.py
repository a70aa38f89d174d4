"""Course schedule: lexicographically smallest topological order (topological sort + heap)."""

PROBLEM = {
    "id": "course_schedule_order",
    "title": "Course Schedule: Smallest Valid Order",
    "statement": """\
There are `n` courses numbered `0 .. n - 1` and `m` requirements; the requirement `u v` means
course `u` must be taken **before** course `v`. Requirements may repeat. Print an order in which
all courses can be taken that respects every requirement. Among all valid orders print the
**lexicographically smallest** one (compare orders as sequences of integers: the first position
where they differ decides). If no valid order exists (the requirements contain a cycle, including a
course that must precede itself), print `IMPOSSIBLE`.

**Input** (standard input)

- Line 1: `n m`
- Then `m` lines, each `u v`

**Output** (standard output)

One line: the `n` course numbers separated by single spaces, or `IMPOSSIBLE`.

**Constraints**

- `1 <= n <= 10^5`, `0 <= m <= 2 * 10^5`
- `0 <= u, v < n`

**Example 1**

```
Input:
4 4
0 1
0 2
1 3
2 3

Output:
0 1 2 3
```

**Example 2**

```
Input:
3 1
2 0

Output:
1 2 0
```

Courses 1 and 2 are available at the start; the smallest, 1, goes first.
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
    "tags": ["graph", "topological-sort", "heap"],
    "checker": "exact",
    "tests": [
        {"stdin": "4 4\n0 1\n0 2\n1 3\n2 3\n", "expected": "0 1 2 3\n"},
        {"stdin": "3 1\n2 0\n", "expected": "1 2 0\n"},
        {"stdin": "2 2\n0 1\n1 0\n", "expected": "IMPOSSIBLE\n"},
        {"stdin": "3 0\n", "expected": "0 1 2\n"},
        {"stdin": "1 0\n", "expected": "0\n"},
        {"stdin": "5 4\n4 3\n3 2\n2 1\n1 0\n", "expected": "4 3 2 1 0\n"},
        {"stdin": "3 1\n1 1\n", "expected": "IMPOSSIBLE\n"},
        {"stdin": "3 3\n2 1\n2 1\n1 0\n", "expected": "2 1 0\n"},
        {"stdin": "6 6\n5 2\n5 0\n4 0\n4 1\n2 3\n3 1\n", "expected": "4 5 0 2 3 1\n"},
        {"stdin": "4 3\n0 1\n1 2\n2 1\n", "expected": "IMPOSSIBLE\n"},
        {"stdin": "6 3\n3 0\n5 1\n4 2\n", "expected": "3 0 4 2 5 1\n"},
    ],
    "efficiency": {
        "seed": 1014,
        "generator": """\
def generate(rng):
    tests = []
    for n in (2000, 2000):
        rank = list(range(n))
        rng.shuffle(rank)  # rank[i] is the position of course i in a hidden valid order
        position = sorted(range(n), key=rank.__getitem__)
        lines = []
        for _ in range(2 * n):
            a, b = sorted(rng.sample(range(n), 2))
            lines.append(f"{position[a]} {position[b]}")
        tests.append({"stdin": f"{n} {len(lines)}\\n" + "\\n".join(lines) + "\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "Kahn's algorithm with a min-heap of available courses",
            "complexity": "O((n + m) log n) time, O(n + m) space",
            "time_class": 1,
            "code": """\
import heapq
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    after = [[] for _ in range(n)]
    indegree = [0] * n
    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        after[u].append(v)
        indegree[v] += 1
    heap = [c for c in range(n) if indegree[c] == 0]
    heapq.heapify(heap)
    order = []
    while heap:
        c = heapq.heappop(heap)
        order.append(c)
        for d in after[c]:
            indegree[d] -= 1
            if indegree[d] == 0:
                heapq.heappush(heap, d)
    print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "Kahn's algorithm with a sorted list of available courses",
            "complexity": "O((n + m) log n) comparisons, O(n^2) element moves worst case, O(n + m) space",
            "time_class": 1,
            "code": """\
import bisect
import sys


def main():
    data = list(map(int, sys.stdin.read().split()))
    n, m = data[0], data[1]
    after = [[] for _ in range(n)]
    indegree = [0] * n
    it = iter(data[2:2 + 2 * m])
    for u, v in zip(it, it):
        after[u].append(v)
        indegree[v] += 1
    # kept in decreasing order so that the smallest course is popped from the end
    available = [c for c in range(n - 1, -1, -1) if indegree[c] == 0]
    order = []
    while available:
        c = available.pop()
        order.append(c)
        for d in after[c]:
            indegree[d] -= 1
            if indegree[d] == 0:
                bisect.insort(available, d, key=lambda x: -x)
    print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "Kahn's algorithm, min() over a set of available courses",
            "complexity": "O(n a + m) time for a available courses at a time, O(n + m) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    after = [[] for _ in range(n)]
    indegree = [0] * n
    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        after[u].append(v)
        indegree[v] += 1
    available = {c for c in range(n) if indegree[c] == 0}
    order = []
    while available:
        c = min(available)
        available.remove(c)
        order.append(c)
        for d in after[c]:
            indegree[d] -= 1
            if indegree[d] == 0:
                available.add(d)
    print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "pick the first ready course by scanning a ready-flag list",
            "complexity": "O(n^2 + m) time, O(n + m) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    after = [[] for _ in range(n)]
    indegree = [0] * n
    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        after[u].append(v)
        indegree[v] += 1
    ready = [d == 0 for d in indegree]
    order = []
    for _ in range(n):
        try:
            c = ready.index(True)  # C-level scan for the smallest ready course
        except ValueError:
            break
        ready[c] = False
        order.append(c)
        for d in after[c]:
            indegree[d] -= 1
            if indegree[d] == 0:
                ready[d] = True
    print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "scan all courses for the smallest with no pending prerequisite",
            "complexity": "O(n^2 + m) time, O(n + m) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    after = [[] for _ in range(n)]
    indegree = [0] * n
    for i in range(m):
        u, v = int(data[2 + 2 * i]), int(data[3 + 2 * i])
        after[u].append(v)
        indegree[v] += 1
    taken = [False] * n
    order = []
    for _ in range(n):
        pick = -1
        for c in range(n):
            if not taken[c] and indegree[c] == 0:
                pick = c
                break
        if pick < 0:
            break
        taken[pick] = True
        order.append(pick)
        for d in after[pick]:
            indegree[d] -= 1
    print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")


main()
""",
        },
        {
            "label": "recount pending prerequisites from the edge list every step",
            "complexity": "O(n m) time, O(n + m) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m = int(data[0]), int(data[1])
    edges = [(int(data[2 + 2 * i]), int(data[3 + 2 * i])) for i in range(m)]
    taken = [False] * n
    order = []
    for _ in range(n):
        blocked = [False] * n
        for u, v in edges:
            if not taken[u]:
                blocked[v] = True
        pick = next((c for c in range(n) if not taken[c] and not blocked[c]), -1)
        if pick < 0:
            break
        taken[pick] = True
        order.append(pick)
    print(" ".join(map(str, order)) if len(order) == n else "IMPOSSIBLE")


main()
""",
        },
    ],
}
