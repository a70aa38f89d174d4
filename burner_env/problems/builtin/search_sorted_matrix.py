"""Search a row- and column-sorted matrix (matrices), many queries read from standard input."""

PROBLEM = {
    "id": "search_sorted_matrix",
    "title": "Search a Sorted Matrix",
    "statement": """\
An `n x m` matrix of integers has every row sorted in non-decreasing order from left to right and
every column sorted in non-decreasing order from top to bottom. For each of `q` target values,
report whether the value occurs in the matrix.

**Input** (standard input)

- The first line holds `n`, `m` and `q`.
- The next `n` lines hold the rows of the matrix, `m` integers each.
- The last line holds the `q` targets (it may be empty or missing when `q = 0`).

**Output** (standard output)

`q` lines, in query order: `yes` if the target occurs in the matrix, `no` otherwise.

**Constraints**

- `1 <= n, m <= 1000`, `0 <= q <= 10^4`
- `-10^9 <= matrix[i][j], target <= 10^9`

**Example**

```
Input:
3 4 3
1 4 7 11
2 5 8 12
3 6 9 16
5 10 16

Output:
yes
no
yes
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
    "tags": ["matrices", "binary-search", "two-pointers", "hashing"],
    "checker": "exact",
    "tests": [
        {"stdin": "3 4 3\n1 4 7 11\n2 5 8 12\n3 6 9 16\n5 10 16\n", "expected": "yes\nno\nyes\n"},
        {"stdin": "1 1 2\n-5\n-5 5\n", "expected": "yes\nno\n"},
        {"stdin": "2 2 0\n1 2\n3 4\n", "expected": ""},
        {"stdin": "1 5 4\n1 3 5 7 9\n1 9 4 10\n", "expected": "yes\nyes\nno\nno\n"},
        {"stdin": "4 1 4\n2\n4\n6\n8\n2 8 5 0\n", "expected": "yes\nyes\nno\nno\n"},
        {"stdin": "3 3 3\n1 1 1\n1 1 1\n1 1 2\n1 2 0\n", "expected": "yes\nyes\nno\n"},
        {"stdin": "2 3 4\n-10 -5 0\n-9 -4 1000000000\n-10 1000000000 -1000000000 -6\n",
         "expected": "yes\nyes\nno\nno\n"},
        {"stdin": "3 3 3\n1 2 3\n4 5 6\n7 8 9\n3 7 10\n", "expected": "yes\nyes\nno\n"},
        {"stdin": "2 4 3\n1 3 5 7\n2 4 6 8\n8 1 0\n", "expected": "yes\nyes\nno\n"},
    ],
    "efficiency": {
        "seed": 3003,
        "generator": """\
def generate(rng):
    tests = []
    for n, m, q in ((60, 240, 1200), (80, 180, 1200)):
        matrix = []
        previous = [0] * m
        for _ in range(n):
            row = []
            left = -10**6
            for j in range(m):
                value = max(left, previous[j]) + rng.randint(1, 40)
                row.append(value)
                left = value
            matrix.append(row)
            previous = row
        present = [v for row in matrix for v in row]
        values = set(present)
        targets = []
        while len(targets) < q:
            if len(targets) % 2:
                targets.append(rng.choice(present))
            else:
                t = rng.randint(-10**6, present[-1] + 10)
                if t not in values:
                    targets.append(t)
        lines = [f"{n} {m} {q}"] + [" ".join(map(str, row)) for row in matrix]
        lines.append(" ".join(map(str, targets)))
        tests.append({"stdin": "\\n".join(lines) + "\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "hash set of all values",
            "complexity": "O(n m + q) time, O(n m) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    values = set(map(int, data[3:3 + n * m]))
    targets = map(int, data[3 + n * m:3 + n * m + q])
    print("\\n".join("yes" if t in values else "no" for t in targets))


main()
""",
        },
        {
            "label": "flatten, sort and binary search",
            "complexity": "O(n m log(n m) + q log(n m)) time, O(n m) space",
            "time_class": 1,
            "code": """\
import sys
from bisect import bisect_left


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    flat = sorted(map(int, data[3:3 + n * m]))
    out = []
    for t in map(int, data[3 + n * m:3 + n * m + q]):
        k = bisect_left(flat, t)
        out.append("yes" if k < len(flat) and flat[k] == t else "no")
    print("\\n".join(out))


main()
""",
        },
        {
            "label": "staircase walk from the top-right corner",
            "complexity": "O(n m + q (n + m)) time, O(n m) space for the input only",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    grid = [list(map(int, data[3 + i * m:3 + (i + 1) * m])) for i in range(n)]
    out = []
    for t in map(int, data[3 + n * m:3 + n * m + q]):
        i, j = 0, m - 1
        found = False
        while i < n and j >= 0:
            value = grid[i][j]
            if value == t:
                found = True
                break
            if value > t:
                j -= 1
            else:
                i += 1
        out.append("yes" if found else "no")
    print("\\n".join(out))


main()
""",
        },
        {
            "label": "binary search in every row",
            "complexity": "O(n m + q n log m) time, O(n m) space for the input only",
            "time_class": 2,
            "code": """\
import sys
from bisect import bisect_left


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    grid = [list(map(int, data[3 + i * m:3 + (i + 1) * m])) for i in range(n)]
    out = []
    for t in map(int, data[3 + n * m:3 + n * m + q]):
        found = False
        for row in grid:
            k = bisect_left(row, t)
            if k < m and row[k] == t:
                found = True
                break
        out.append("yes" if found else "no")
    print("\\n".join(out))


main()
""",
        },
        {
            "label": "membership test in every row",
            "complexity": "O(q n m) time (scans in C), O(n m) space for the input only",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    grid = [list(map(int, data[3 + i * m:3 + (i + 1) * m])) for i in range(n)]
    targets = map(int, data[3 + n * m:3 + n * m + q])
    print("\\n".join("yes" if any(t in row for row in grid) else "no" for t in targets))


main()
""",
        },
        {
            "label": "scan every cell",
            "complexity": "O(q n m) time, O(n m) space for the input only",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, m, q = int(data[0]), int(data[1]), int(data[2])
    grid = [list(map(int, data[3 + i * m:3 + (i + 1) * m])) for i in range(n)]
    for t in map(int, data[3 + n * m:3 + n * m + q]):
        found = False
        for row in grid:
            for value in row:
                if value == t:
                    found = True
                    break
            if found:
                break
        print("yes" if found else "no")


main()
""",
        },
    ],
}
