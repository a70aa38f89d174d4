"""Split an array into k parts minimising the largest part sum (binary search on the answer / DP)."""

PROBLEM = {
    "id": "split_array_largest_sum",
    "title": "Split Array Largest Sum",
    "statement": """\
Split an array of non-negative integers into exactly `k` **non-empty contiguous** parts. The cost of
a split is the largest sum of any part. Print the minimum possible cost.

**Input** (standard input)

- Line 1: `n k`
- Line 2: the `n` integers `a_1 ... a_n`

**Output** (standard output)

One integer: the minimum over all splits of the largest part sum.

**Constraints**

- `1 <= n <= 1000`, `1 <= k <= min(50, n)`
- `0 <= a_i <= 10^6`

**Example 1**

```
Input:
5 2
7 2 5 10 8

Output:
18
```

The best split is `[7, 2, 5] [10, 8]`.

**Example 2**

```
Input:
3 3
1 4 4

Output:
4
```
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys


def main() -> None:
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    ...


main()
""",
    "difficulty": "hard",
    "tags": ["binary-search", "binary-search-on-answer", "dynamic-programming", "greedy"],
    "checker": "exact",
    "tests": [
        {"stdin": "5 2\n7 2 5 10 8\n", "expected": "18\n"},
        {"stdin": "3 3\n1 4 4\n", "expected": "4\n"},
        {"stdin": "5 2\n1 2 3 4 5\n", "expected": "9\n"},
        {"stdin": "1 1\n5\n", "expected": "5\n"},
        {"stdin": "4 1\n1 2 3 4\n", "expected": "10\n"},
        {"stdin": "4 4\n1 2 3 4\n", "expected": "4\n"},
        {"stdin": "5 3\n0 0 0 0 0\n", "expected": "0\n"},
        {"stdin": "6 3\n1 1 1 1 1 100\n", "expected": "100\n"},
        {"stdin": "6 2\n10 1 1 1 1 10\n", "expected": "12\n"},
        {"stdin": "4 3\n0 0 7 0\n", "expected": "7\n"},
        {"stdin": "7 3\n1000000 1000000 1000000 1000000 1000000 1000000 1000000\n",
         "expected": "3000000\n"},
        {"stdin": "8 3\n5 1 9 2 2 7 3 8\n", "expected": "15\n"},
    ],
    "efficiency": {
        "seed": 1010,
        "generator": """\
def generate(rng):
    tests = []
    for n, k in ((500, 20), (700, 8), (1000, 2)):
        a = [rng.randint(0, 10**6) for _ in range(n)]
        tests.append({"stdin": f"{n} {k}\\n{' '.join(map(str, a))}\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "binary search on the answer with a greedy check",
            "complexity": "O(n log S) time for S = sum(a), O(1) extra space",
            "time_class": 1,
            "code": """\
import sys


def parts_needed(a, cap):
    parts, current = 1, 0
    for x in a:
        if current + x > cap:
            parts += 1
            current = x
        else:
            current += x
    return parts


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    lo, hi = max(a), sum(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if parts_needed(a, mid) <= k:
            hi = mid
        else:
            lo = mid + 1
    print(lo)


main()
""",
        },
        {
            "label": "binary search between the two bounds, check stops once k parts overflow",
            "complexity": "O(n log S) time, O(1) extra space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))

    def fits(cap):
        parts, current = 1, 0
        for x in a:
            current += x
            if current > cap:
                parts += 1
                if parts > k:
                    return False
                current = x
        return True

    # the answer lies in [max(a, ceil(sum / k)), sum]
    lo = max(max(a), -(-sum(a) // k))
    hi = sum(a)
    while lo < hi:
        mid = (lo + hi) // 2
        if fits(mid):
            hi = mid
        else:
            lo = mid + 1
    print(lo)


main()
""",
        },
        {
            "label": "DP with a monotone split pointer",
            "complexity": "O(k n) time, O(n) space (two rows)",
            "time_class": 2,
            "code": """\
import itertools
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    prefix = [0] + list(itertools.accumulate(a))
    inf = float("inf")
    prev = [inf] * (n + 1)  # prev[i]: best cost of the first i elements in j - 1 parts
    prev[0] = 0
    for j in range(1, k + 1):
        cur = [inf] * (n + 1)
        p = j - 1  # last element of the first j - 1 parts; optimal p never decreases with i
        for i in range(j, n + 1):
            while p + 1 < i and prev[p + 1] <= prefix[i] - prefix[p + 1]:
                p += 1
            best = max(prev[p], prefix[i] - prefix[p])
            if p + 1 < i:
                best = min(best, max(prev[p + 1], prefix[i] - prefix[p + 1]))
            cur[i] = best
        prev = cur
    print(prev[n])


main()
""",
        },
        {
            "label": "DP with binary search for the crossing point",
            "complexity": "O(k n log n) time, O(k n) space (full table)",
            "time_class": 2,
            "code": """\
import itertools
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    prefix = [0] + list(itertools.accumulate(a))
    inf = float("inf")
    dp = [[inf] * (n + 1) for _ in range(k + 1)]
    dp[0][0] = 0
    for j in range(1, k + 1):
        prev, cur = dp[j - 1], dp[j]
        for i in range(j, n + 1):
            # prev[p] grows with p while the last part's sum shrinks: find where they cross
            lo, hi = j - 1, i - 1
            while lo < hi:
                mid = (lo + hi) // 2
                if prev[mid] >= prefix[i] - prefix[mid]:
                    hi = mid
                else:
                    lo = mid + 1
            best = max(prev[lo], prefix[i] - prefix[lo])
            if lo > j - 1:
                best = min(best, max(prev[lo - 1], prefix[i] - prefix[lo - 1]))
            cur[i] = best
    print(dp[k][n])


main()
""",
        },
        {
            "label": "DP over all split points",
            "complexity": "O(k n^2) time, O(k n) space (full table)",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    prefix = [0]
    for x in a:
        prefix.append(prefix[-1] + x)
    inf = float("inf")
    dp = [[inf] * (n + 1) for _ in range(k + 1)]
    dp[0][0] = 0
    for j in range(1, k + 1):
        for i in range(j, n + 1):
            best = inf
            for p in range(j - 1, i):
                cost = max(dp[j - 1][p], prefix[i] - prefix[p])
                if cost < best:
                    best = cost
            dp[j][i] = best
    print(dp[k][n])


main()
""",
        },
        {
            "label": "DP over all split points, rolling rows",
            "complexity": "O(k n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    prefix = [0]
    for x in a:
        prefix.append(prefix[-1] + x)
    inf = float("inf")
    prev = [0] + [inf] * n
    for j in range(1, k + 1):
        cur = [inf] * (n + 1)
        for i in range(j, n + 1):
            total = prefix[i]
            cur[i] = min(max(prev[p], total - prefix[p]) for p in range(j - 1, i))
        prev = cur
    print(prev[n])


main()
""",
        },
    ],
}
