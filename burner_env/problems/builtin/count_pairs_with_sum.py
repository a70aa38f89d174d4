"""Count pairs with a given sum in a sorted array (two pointers), read from standard input."""

PROBLEM = {
    "id": "count_pairs_with_sum",
    "title": "Count Pairs With Target Sum",
    "statement": """\
You are given a list of `n` integers sorted in non-decreasing order and an integer `target`. Count
the pairs of **positions** `i < j` with `a_i + a_j == target`. Equal values at different positions
form different pairs, so the answer can be as large as `n (n - 1) / 2`.

**Input** (standard input)

- The first line holds `n` and `target`.
- The second line holds `a_1 ... a_n`, sorted in non-decreasing order (the line may be empty or
  missing when `n = 0`).

**Output** (standard output)

A single line with the number of pairs.

**Constraints**

- `0 <= n <= 2 * 10^5`
- `-10^9 <= a_i <= 10^9`, `-2 * 10^9 <= target <= 2 * 10^9`

**Examples**

```
Input:
5 6
1 2 3 4 5

Output:
2
```

```
Input:
4 2
1 1 1 1

Output:
6
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
    "tags": ["two-pointers", "sorting", "hashing", "counting"],
    "checker": "exact",
    "tests": [
        {"stdin": "5 6\n1 2 3 4 5\n", "expected": "2\n"},
        {"stdin": "4 2\n1 1 1 1\n", "expected": "6\n"},
        {"stdin": "0 5\n", "expected": "0\n"},
        {"stdin": "1 10\n5\n", "expected": "0\n"},
        {"stdin": "2 10\n5 5\n", "expected": "1\n"},
        {"stdin": "5 5\n2 2 2 3 3\n", "expected": "6\n"},
        {"stdin": "5 0\n-3 -1 0 1 3\n", "expected": "2\n"},
        {"stdin": "6 4\n1 1 2 2 3 3\n", "expected": "5\n"},
        {"stdin": "4 100\n1 2 3 4\n", "expected": "0\n"},
        {"stdin": "3 -2000000000\n-1000000000 -1000000000 1000000000\n", "expected": "1\n"},
        {"stdin": "7 0\n-2 -2 0 0 0 2 2\n", "expected": "7\n"},
    ],
    "efficiency": {
        "seed": 2402,
        "generator": """\
def generate(rng):
    tests = []
    for n in (4000, 4000, 4000):
        values = sorted(rng.randint(-60, 60) for _ in range(n))
        target = rng.randint(-30, 30)
        tests.append({"stdin": f"{n} {target}\\n{' '.join(map(str, values))}\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "hash map of counts seen so far",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, target = int(data[0]), int(data[1])
    values = list(map(int, data[2:2 + n]))
    seen = {}
    pairs = 0
    for x in values:
        pairs += seen.get(target - x, 0)
        seen[x] = seen.get(x, 0) + 1
    print(pairs)


main()
""",
        },
        {
            "label": "two pointers over runs of equal values",
            "complexity": "O(n) time, O(1) extra space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, target = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    lo, hi = 0, n - 1
    pairs = 0
    while lo < hi:
        total = a[lo] + a[hi]
        if total < target:
            lo += 1
        elif total > target:
            hi -= 1
        elif a[lo] == a[hi]:
            k = hi - lo + 1
            pairs += k * (k - 1) // 2
            break
        else:
            left = 1
            while lo + left < hi and a[lo + left] == a[lo]:
                left += 1
            right = 1
            while hi - right > lo and a[hi - right] == a[hi]:
                right += 1
            pairs += left * right
            lo += left
            hi -= right
    print(pairs)


main()
""",
        },
        {
            "label": "counter of distinct values",
            "complexity": "O(n) time, O(d) space",
            "time_class": 1,
            "code": """\
import sys
from collections import Counter


def main():
    data = sys.stdin.read().split()
    n, target = int(data[0]), int(data[1])
    count = Counter(map(int, data[2:2 + n]))
    pairs = 0
    for x, k in count.items():
        y = target - x
        if x < y:
            pairs += k * count.get(y, 0)
        elif x == y:
            pairs += k * (k - 1) // 2
    print(pairs)


main()
""",
        },
        {
            "label": "binary search for the partner range",
            "complexity": "O(n log n) time, O(1) extra space",
            "time_class": 1,
            "code": """\
import sys
from bisect import bisect_left, bisect_right


def main():
    data = sys.stdin.read().split()
    n, target = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    pairs = 0
    for i in range(n):
        y = target - a[i]
        pairs += bisect_right(a, y, i + 1) - bisect_left(a, y, i + 1)
    print(pairs)


main()
""",
        },
        {
            "label": "count partners in the rest with list.count",
            "complexity": "O(n^2) time (scans in C), O(n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, target = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    print(sum(a[i + 1:].count(target - a[i]) for i in range(n)))


main()
""",
        },
        {
            "label": "brute force pairs",
            "complexity": "O(n^2) time, O(1) extra space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, target = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    pairs = 0
    for i in range(n):
        for j in range(i + 1, n):
            if a[i] + a[j] == target:
                pairs += 1
    print(pairs)


main()
""",
        },
    ],
}
