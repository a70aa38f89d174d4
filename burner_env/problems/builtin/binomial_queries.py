"""Binomial coefficients modulo a prime, many queries (combinatorics)."""

PROBLEM = {
    "id": "binomial_queries",
    "title": "Binomial Coefficient Queries",
    "statement": """\
Answer `q` queries. Query `i` gives `n` and `r`; print `C(n, r) mod 1000000007`, the number of ways
to choose `r` items out of `n` distinct items, reduced modulo the prime `10^9 + 7`. By convention
`C(n, 0) = 1` (also for `n = 0`) and `C(n, r) = 0` when `r > n`.

**Input** (standard input)

- Line 1: `q`
- Then `q` lines, each `n r`

**Output** (standard output)

`q` lines: the answers in query order.

**Constraints**

- `1 <= q <= 10^5`
- `0 <= n, r <= 10^6`

**Example**

```
Input:
4
5 2
10 0
3 7
100 50

Output:
10
1
0
538992043
```

`C(100, 50) = 100891344545564193334812497256`, which is `538992043` modulo `10^9 + 7`.
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys

MOD = 10**9 + 7


def main() -> None:
    data = sys.stdin.read().split()
    q = int(data[0])
    ...


main()
""",
    "difficulty": "medium",
    "tags": ["combinatorics", "math", "modular-arithmetic", "precomputation"],
    "checker": "exact",
    "tests": [
        {"stdin": "4\n5 2\n10 0\n3 7\n100 50\n", "expected": "10\n1\n0\n538992043\n"},
        {"stdin": "1\n0 0\n", "expected": "1\n"},
        {"stdin": "1\n0 1\n", "expected": "0\n"},
        {"stdin": "3\n7 7\n7 6\n7 1\n", "expected": "1\n7\n7\n"},
        {"stdin": "2\n52 5\n52 47\n", "expected": "2598960\n2598960\n"},
        {"stdin": "1\n66 33\n", "expected": "480267059\n"},
        {"stdin": "2\n1000 500\n1000 1\n", "expected": "159835829\n1000\n"},
        {"stdin": "3\n2 1\n2 2\n2 3\n", "expected": "2\n1\n0\n"},
        {"stdin": "2\n1000 999\n999 1000\n", "expected": "1000\n0\n"},
        {"stdin": "1\n30 15\n", "expected": "155117520\n"},
        {"stdin": "1\n1500 700\n", "expected": "98200073\n"},
    ],
    "efficiency": {
        "seed": 1016,
        "generator": """\
def generate(rng):
    tests = []
    for top, q in ((3000, 1500), (1000, 1500)):
        lines = []
        for _ in range(q):
            n = rng.randint(0, top)
            r = rng.randint(0, n) if rng.random() < 0.9 else rng.randint(0, top)
            lines.append(f"{n} {r}")
        tests.append({"stdin": f"{q}\\n" + "\\n".join(lines) + "\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "factorial and inverse-factorial tables",
            "complexity": "O(N + q) time for N = max n, O(N) space",
            "time_class": 1,
            "code": """\
import sys

MOD = 10**9 + 7


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    queries = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
    top = max(n for n, _ in queries)
    fact = [1] * (top + 1)
    for i in range(1, top + 1):
        fact[i] = fact[i - 1] * i % MOD
    inv = [1] * (top + 1)
    inv[top] = pow(fact[top], MOD - 2, MOD)
    for i in range(top, 0, -1):
        inv[i - 1] = inv[i] * i % MOD
    out = []
    for n, r in queries:
        out.append(0 if r > n else fact[n] * inv[r] % MOD * inv[n - r] % MOD)
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "factorial table, one modular inverse per query",
            "complexity": "O(N + q log MOD) time, O(N) space",
            "time_class": 1,
            "code": """\
import sys

MOD = 10**9 + 7


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    queries = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
    fact = [1]
    for i in range(1, max(n for n, _ in queries) + 1):
        fact.append(fact[-1] * i % MOD)
    for n, r in queries:
        if r > n:
            print(0)
        else:
            print(fact[n] * pow(fact[r] * fact[n - r] % MOD, MOD - 2, MOD) % MOD)


main()
""",
        },
        {
            "label": "multiplicative formula per query",
            "complexity": "O(q min(r, n - r)) time, O(1) extra space",
            "time_class": 2,
            "code": """\
import sys

MOD = 10**9 + 7


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    out = []
    for i in range(q):
        n, r = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        if r > n:
            out.append(0)
            continue
        r = min(r, n - r)
        num = den = 1
        for j in range(r):
            num = num * (n - j) % MOD
            den = den * (j + 1) % MOD
        out.append(num * pow(den, MOD - 2, MOD) % MOD)
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "exact big-integer math.comb, reduced afterwards",
            "complexity": "O(q M(n log n)) time with big-integer products, O(n log n) bits space",
            "time_class": 2,
            "code": """\
import math
import sys

MOD = 10**9 + 7


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    out = []
    for i in range(q):
        n, r = int(data[1 + 2 * i]), int(data[2 + 2 * i])
        out.append(math.comb(n, r) % MOD)  # math.comb returns 0 when r > n
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "Pascal's triangle, one rolling row, queries sorted by n",
            "complexity": "O(N^2 + q log q) time, O(N + q) space",
            "time_class": 3,
            "code": """\
import sys

MOD = 10**9 + 7


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    queries = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
    answers = [0] * q
    row, level = [1], 0  # row = C(level, 0..level)
    for idx in sorted(range(q), key=lambda i: queries[i][0]):
        n, r = queries[idx]
        while level < n:
            row = [1] + [(row[j] + row[j + 1]) % MOD for j in range(level)] + [1]
            level += 1
        answers[idx] = row[r] if r <= n else 0
    print("\\n".join(map(str, answers)))


main()
""",
        },
        {
            "label": "Pascal's triangle updated in place, right to left",
            "complexity": "O(N^2 + q log q) time, O(N + q) space",
            "time_class": 3,
            "code": """\
import sys

MOD = 10**9 + 7


def main():
    data = sys.stdin.read().split()
    q = int(data[0])
    queries = [(int(data[1 + 2 * i]), int(data[2 + 2 * i])) for i in range(q)]
    top = max(n for n, _ in queries)
    row = [1] + [0] * top  # row[j] = C(level, j)
    level = 0
    answers = [0] * q
    for idx in sorted(range(q), key=lambda i: queries[i][0]):
        n, r = queries[idx]
        while level < n:
            level += 1
            for j in range(level, 0, -1):
                row[j] = (row[j] + row[j - 1]) % MOD
        answers[idx] = row[r] if r <= n else 0
    print("\\n".join(map(str, answers)))


main()
""",
        },
    ],
}
