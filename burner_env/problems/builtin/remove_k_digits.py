"""Remove k digits to get the smallest number (monotonic stack / greedy)."""

PROBLEM = {
    "id": "remove_k_digits",
    "title": "Remove K Digits",
    "statement": """\
Given a non-negative integer written as a string of digits `num` and an integer `k`, delete exactly
`k` digits from `num` (the remaining digits keep their order) so that the resulting number is as
small as possible. Print that number without leading zeros; print `0` if nothing or only zeros
remain.

**Input** (standard input)

- Line 1: `num`
- Line 2: `k`

**Output** (standard output)

One line: the smallest possible number.

**Constraints**

- `1 <= k <= len(num) <= 10^5`
- `num` consists of digits only and has no leading zeros, except for the number `0` itself.

**Example 1**

```
Input:
1432219
3

Output:
1219
```

**Example 2**

```
Input:
10200
1

Output:
200
```

Removing the leading `1` leaves `0200`, which is printed as `200`.
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys


def main() -> None:
    num, k = sys.stdin.read().split()
    k = int(k)
    ...


main()
""",
    "difficulty": "medium",
    "tags": ["monotonic-stack", "stack", "greedy", "string"],
    "checker": "exact",
    "tests": [
        {"stdin": "1432219\n3\n", "expected": "1219\n"},
        {"stdin": "10200\n1\n", "expected": "200\n"},
        {"stdin": "10\n2\n", "expected": "0\n"},
        {"stdin": "9\n1\n", "expected": "0\n"},
        {"stdin": "112\n1\n", "expected": "11\n"},
        {"stdin": "12345\n2\n", "expected": "123\n"},
        {"stdin": "54321\n2\n", "expected": "321\n"},
        {"stdin": "1111\n2\n", "expected": "11\n"},
        {"stdin": "1234567890\n9\n", "expected": "0\n"},
        {"stdin": "43214321\n4\n", "expected": "1321\n"},
        {"stdin": "10001\n1\n", "expected": "1\n"},
        {"stdin": "7000800\n2\n", "expected": "0\n"},
    ],
    "efficiency": {
        "seed": 1006,
        "generator": """\
def generate(rng):
    n = 20000
    noisy = str(rng.randint(1, 9)) + "".join(str(rng.randint(0, 9)) for _ in range(n - 1))
    # rising digits with a noisy tail: the digit to delete is usually far to the right
    m = 4000
    rising = sorted(rng.randint(1, 9) for _ in range(m))
    for i in range(m - m // 10, m):
        rising[i] = rng.randint(0, 9)
    return [
        {"stdin": f"{noisy}\\n{n // 2}\\n"},
        {"stdin": f"{''.join(map(str, rising))}\\n{m // 8}\\n"},
    ]
""",
    },
    "solutions": [
        {
            "label": "monotonic stack",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    num, k = sys.stdin.read().split()
    k = int(k)
    stack = []
    for d in num:
        while k and stack and stack[-1] > d:
            stack.pop()
            k -= 1
        stack.append(d)
    if k:
        del stack[-k:]
    print("".join(stack).lstrip("0") or "0")


main()
""",
        },
        {
            "label": "in-place stack over a character array",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    num, k = data[0], int(data[1])
    keep = len(num) - k
    out = bytearray(len(num))
    top = 0
    removed = 0
    for c in num.encode():
        while top and removed < k and out[top - 1] > c:
            top -= 1
            removed += 1
        out[top] = c
        top += 1
    result = out[:keep].decode().lstrip("0")
    print(result or "0")


main()
""",
        },
        {
            "label": "next occurrence tables, pick the smallest reachable digit",
            "complexity": "O(10 n) time, O(10 n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    num, k = data[0], int(data[1])
    n = len(num)
    keep = n - k
    # nxt[d][i]: first index >= i holding digit d, or n
    nxt = []
    for d in "0123456789":
        row = [n] * (n + 1)
        for i in range(n - 1, -1, -1):
            row[i] = i if num[i] == d else row[i + 1]
        nxt.append(row)
    out = []
    start = 0
    for p in range(keep):
        limit = k + p  # the p-th kept digit must come from num[start .. k + p]
        for d in range(10):
            j = nxt[d][start]
            if j <= limit:
                out.append(num[j])
                start = j + 1
                break
    print("".join(out).lstrip("0") or "0")


main()
""",
        },
        {
            "label": "sparse table for range minimum, pick digit by digit",
            "complexity": "O(n log n) time, O(n log n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    num, k = data[0], int(data[1])
    n = len(num)
    keep = n - k
    # key = digit * n + index, so the minimum prefers the leftmost smallest digit
    table = [[int(c) * n + i for i, c in enumerate(num)]]
    j = 1
    while (1 << j) <= n:
        prev = table[-1]
        half = 1 << (j - 1)
        table.append([min(prev[i], prev[i + half]) for i in range(n - (1 << j) + 1)])
        j += 1
    out = []
    start = 0
    for p in range(keep):
        hi = k + p
        level = (hi - start + 1).bit_length() - 1
        best = min(table[level][start], table[level][hi - (1 << level) + 1])
        idx = best % n
        out.append(num[idx])
        start = idx + 1
    print("".join(out).lstrip("0") or "0")


main()
""",
        },
        {
            "label": "remove the first descent k times",
            "complexity": "O(n k) time, O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    digits = list(data[0])
    for _ in range(int(data[1])):
        i = 0
        while i + 1 < len(digits) and digits[i] <= digits[i + 1]:
            i += 1
        del digits[i]
    print("".join(digits).lstrip("0") or "0")


main()
""",
        },
        {
            "label": "window minimum by linear scan",
            "complexity": "O((n - k) k) time, O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    num, k = data[0], int(data[1])
    keep = len(num) - k
    out = []
    start = 0
    for p in range(keep):
        best = start
        for j in range(start + 1, k + p + 1):
            if num[j] < num[best]:
                best = j
        out.append(num[best])
        start = best + 1
    print("".join(out).lstrip("0") or "0")


main()
""",
        },
    ],
}
