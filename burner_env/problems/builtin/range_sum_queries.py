"""Range sum queries on a static array (prefix sums), read from standard input."""

PROBLEM = {
    "id": "range_sum_queries",
    "title": "Range Sum Queries",
    "statement": """\
Given an array `a_0 ... a_{n-1}` and `q` queries `l r`, answer each query with the sum
`a_l + a_{l+1} + ... + a_r` (0-based indices, both ends included).

**Input** (standard input)

- The first line holds `n` and `q`.
- The second line holds `a_0 ... a_{n-1}`.
- Each of the next `q` lines holds a query `l r` with `0 <= l <= r < n`.

**Output** (standard output)

`q` lines: the answer to each query, in input order.

**Constraints**

- `1 <= n <= 10^5`, `0 <= q <= 10^5`
- `-10^9 <= a_i <= 10^9`

**Example**

```
Input:
5 3
3 -1 4 1 5
0 2
1 1
0 4

Output:
6
-1
12
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
    "difficulty": "easy",
    "tags": ["prefix-sums", "arrays", "fenwick-tree", "segment-tree"],
    "checker": "exact",
    "tests": [
        {"stdin": "5 3\n3 -1 4 1 5\n0 2\n1 1\n0 4\n", "expected": "6\n-1\n12\n"},
        {"stdin": "1 1\n7\n0 0\n", "expected": "7\n"},
        {"stdin": "3 0\n1 2 3\n", "expected": ""},
        {"stdin": "4 4\n-5 -5 -5 -5\n0 3\n3 3\n1 2\n0 0\n", "expected": "-20\n-5\n-10\n-5\n"},
        {"stdin": "2 3\n1000000000 1000000000\n0 1\n0 0\n1 1\n",
         "expected": "2000000000\n1000000000\n1000000000\n"},
        {"stdin": "6 3\n0 0 0 0 0 0\n0 5\n2 4\n5 5\n", "expected": "0\n0\n0\n"},
        {"stdin": "5 5\n1 2 3 4 5\n0 0\n4 4\n0 4\n1 3\n2 2\n", "expected": "1\n5\n15\n9\n3\n"},
        {"stdin": "4 2\n10 -10 10 -10\n0 3\n1 2\n", "expected": "0\n0\n"},
        {"stdin": "3 2\n-1000000000 -1000000000 -1000000000\n0 2\n1 2\n",
         "expected": "-3000000000\n-2000000000\n"},
    ],
    "efficiency": {
        "seed": 2702,
        "generator": """\
def generate(rng):
    tests = []
    for n, q in ((6000, 6000), (6000, 6000)):
        values = [rng.randint(-10**9, 10**9) for _ in range(n)]
        lines = [f"{n} {q}", " ".join(map(str, values))]
        for _ in range(q):
            l, r = sorted((rng.randrange(n), rng.randrange(n)))
            lines.append(f"{l} {r}")
        tests.append({"stdin": "\\n".join(lines) + "\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "prefix sums",
            "complexity": "O(n + q) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    prefix = [0] * (n + 1)
    for i in range(n):
        prefix[i + 1] = prefix[i] + int(data[2 + i])
    out = []
    pos = 2 + n
    for _ in range(q):
        l, r = int(data[pos]), int(data[pos + 1])
        pos += 2
        out.append(prefix[r + 1] - prefix[l])
    sys.stdout.write("".join(f"{x}\\n" for x in out))


main()
""",
        },
        {
            "label": "prefix sums with itertools.accumulate",
            "complexity": "O(n + q) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys
from itertools import accumulate


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    prefix = [0, *accumulate(map(int, data[2:2 + n]))]
    bounds = list(map(int, data[2 + n:2 + n + 2 * q]))
    print("\\n".join(str(prefix[r + 1] - prefix[l]) for l, r in zip(bounds[::2], bounds[1::2])))


main()
""",
        },
        {
            "label": "Fenwick tree",
            "complexity": "O(n + q log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    tree = [0] * (n + 1)
    for i in range(1, n + 1):
        tree[i] += int(data[1 + i])
        parent = i + (i & -i)
        if parent <= n:
            tree[parent] += tree[i]

    def prefix(i):
        total = 0
        while i > 0:
            total += tree[i]
            i -= i & -i
        return total

    out = []
    pos = 2 + n
    for _ in range(q):
        l, r = int(data[pos]), int(data[pos + 1])
        pos += 2
        out.append(prefix(r + 1) - prefix(l))
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "iterative segment tree",
            "complexity": "O(n + q log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    tree = [0] * n + [int(x) for x in data[2:2 + n]]
    for i in range(n - 1, 0, -1):
        tree[i] = tree[2 * i] + tree[2 * i + 1]
    out = []
    pos = 2 + n
    for _ in range(q):
        lo, hi = int(data[pos]) + n, int(data[pos + 1]) + n + 1
        pos += 2
        total = 0
        while lo < hi:
            if lo & 1:
                total += tree[lo]
                lo += 1
            if hi & 1:
                hi -= 1
                total += tree[hi]
            lo //= 2
            hi //= 2
        out.append(total)
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "sum of a slice per query",
            "complexity": "O(n q) time (sums in C), O(n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    out = []
    pos = 2 + n
    for _ in range(q):
        l, r = int(data[pos]), int(data[pos + 1])
        pos += 2
        out.append(sum(a[l:r + 1]))
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "loop over each range",
            "complexity": "O(n q) time, O(1) extra space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, q = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    pos = 2 + n
    for _ in range(q):
        l, r = int(data[pos]), int(data[pos + 1])
        pos += 2
        total = 0
        for i in range(l, r + 1):
            total += a[i]
        print(total)


main()
""",
        },
    ],
}
