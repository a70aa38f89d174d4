"""Rectangle sum queries on a matrix (matrices, 2D prefix sums), read from standard input."""

PROBLEM = {
    "id": "matrix_region_sum",
    "title": "Matrix Region Sum Queries",
    "statement": """\
Given an `n x m` matrix of integers and `q` queries `r1 c1 r2 c2`, answer each query with the sum
of the cells `(i, j)` with `r1 <= i <= r2` and `c1 <= j <= c2` (0-based row and column indices,
both ends included).

**Input** (standard input)

- The first line holds `n`, `m` and `q`.
- The next `n` lines hold the rows of the matrix, `m` integers each.
- Each of the next `q` lines holds a query `r1 c1 r2 c2` with `0 <= r1 <= r2 < n` and
  `0 <= c1 <= c2 < m`.

**Output** (standard output)

`q` lines: the answer to each query, in input order.

**Constraints**

- `1 <= n, m <= 500`, `0 <= q <= 10^5`
- `-10^5 <= matrix[i][j] <= 10^5`

**Example**

```
Input:
3 3 2
1 2 3
4 5 6
7 8 9
0 0 1 1
1 1 2 2

Output:
12
28
```
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys


def main() -> None:
    data = sys.stdin.read().split()
    ...


main()
""",
    "difficulty": "medium",
    "tags": ["matrices", "prefix-sums"],
    "checker": "exact",
    "tests": [
        {"stdin": "3 3 2\n1 2 3\n4 5 6\n7 8 9\n0 0 1 1\n1 1 2 2\n", "expected": "12\n28\n"},
        {"stdin": "1 1 1\n-7\n0 0 0 0\n", "expected": "-7\n"},
        {"stdin": "2 2 0\n1 2\n3 4\n", "expected": ""},
        {"stdin": "3 3 3\n1 2 3\n4 5 6\n7 8 9\n0 0 2 2\n2 2 2 2\n0 2 2 2\n", "expected": "45\n9\n18\n"},
        {"stdin": "1 5 2\n1 -1 1 -1 1\n0 0 0 4\n0 1 0 3\n", "expected": "1\n-1\n"},
        {"stdin": "4 1 2\n5\n6\n7\n8\n1 0 2 0\n0 0 3 0\n", "expected": "13\n26\n"},
        {"stdin": "2 3 2\n100000 100000 100000\n100000 100000 100000\n0 0 1 2\n1 0 1 1\n",
         "expected": "600000\n200000\n"},
        {"stdin": "3 4 2\n-1 -2 -3 -4\n-5 -6 -7 -8\n-9 -10 -11 -12\n1 1 2 3\n0 3 2 3\n",
         "expected": "-54\n-24\n"},
        {"stdin": "2 2 4\n1 2\n3 4\n0 0 0 0\n0 1 0 1\n1 0 1 0\n1 1 1 1\n",
         "expected": "1\n2\n3\n4\n"},
    ],
    "efficiency": {
        "seed": 3002,
        "generator": """\
def generate(rng):
    tests = []
    # one tall and one wide matrix; every query covers at least half of each dimension
    for n, m, q in ((400, 25, 2200), (25, 400, 2200)):
        lines = [f"{n} {m} {q}"]
        for _ in range(n):
            lines.append(" ".join(str(rng.randint(-10**5, 10**5)) for _ in range(m)))
        for _ in range(q):
            r1, r2 = rng.randrange(n // 4), rng.randrange(3 * n // 4, n)
            c1, c2 = rng.randrange(m // 4), rng.randrange(3 * m // 4, m)
            lines.append(f"{r1} {c1} {r2} {c2}")
        tests.append({"stdin": "\\n".join(lines) + "\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "2D prefix sums",
            "complexity": "O(n m + q) time, O(n m) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    prefix = [[0] * (m + 1) for _ in range(n + 1)]
    pos = 3
    for i in range(n):
        row_above, row = prefix[i], prefix[i + 1]
        running = 0
        for j in range(m):
            running += int(data[pos])
            pos += 1
            row[j + 1] = row_above[j + 1] + running
    out = []
    for _ in range(q):
        r1, c1, r2, c2 = map(int, data[pos:pos + 4])
        pos += 4
        out.append(prefix[r2 + 1][c2 + 1] - prefix[r1][c2 + 1] - prefix[r2 + 1][c1] + prefix[r1][c1])
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "2D prefix sums built with accumulate",
            "complexity": "O(n m + q) time, O(n m) space",
            "time_class": 1,
            "code": """\
import sys
from itertools import accumulate


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    prefix = [[0] * (m + 1)]
    for i in range(n):
        row = accumulate(map(int, data[3 + i * m:3 + (i + 1) * m]), initial=0)
        prefix.append([a + b for a, b in zip(prefix[-1], row)])
    pos = 3 + n * m
    out = []
    for _ in range(q):
        r1, c1, r2, c2 = map(int, data[pos:pos + 4])
        pos += 4
        top, bottom = prefix[r1], prefix[r2 + 1]
        out.append(bottom[c2 + 1] - bottom[c1] - top[c2 + 1] + top[c1])
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "prefix sums per row",
            "complexity": "O(n m + q n) time, O(n m) space",
            "time_class": 2,
            "code": """\
import sys
from itertools import accumulate


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    rows = [list(accumulate(map(int, data[3 + i * m:3 + (i + 1) * m]), initial=0)) for i in range(n)]
    pos = 3 + n * m
    out = []
    for _ in range(q):
        r1, c1, r2, c2 = map(int, data[pos:pos + 4])
        pos += 4
        total = 0
        for row in rows[r1:r2 + 1]:
            total += row[c2 + 1] - row[c1]
        out.append(total)
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "prefix sums per column",
            "complexity": "O(n m + q m) time, O(n m) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    columns = [[0] * (n + 1) for _ in range(m)]
    for i in range(n):
        base = 3 + i * m
        for j in range(m):
            col = columns[j]
            col[i + 1] = col[i] + int(data[base + j])
    pos = 3 + n * m
    out = []
    for _ in range(q):
        r1, c1, r2, c2 = map(int, data[pos:pos + 4])
        pos += 4
        out.append(sum(col[r2 + 1] - col[r1] for col in columns[c1:c2 + 1]))
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "sum row slices per query",
            "complexity": "O(n m + q n m) time (slice sums in C), O(n m) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    grid = [list(map(int, data[3 + i * m:3 + (i + 1) * m])) for i in range(n)]
    pos = 3 + n * m
    out = []
    for _ in range(q):
        r1, c1, r2, c2 = map(int, data[pos:pos + 4])
        pos += 4
        out.append(sum(sum(row[c1:c2 + 1]) for row in grid[r1:r2 + 1]))
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "loop over every cell per query",
            "complexity": "O(n m + q n m) time, O(n m) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    grid = [list(map(int, data[3 + i * m:3 + (i + 1) * m])) for i in range(n)]
    pos = 3 + n * m
    for _ in range(q):
        r1, c1, r2, c2 = map(int, data[pos:pos + 4])
        pos += 4
        total = 0
        for i in range(r1, r2 + 1):
            row = grid[i]
            for j in range(c1, c2 + 1):
                total += row[j]
        print(total)


main()
""",
        },
    ],
}
