"""Levenshtein edit distance between two strings (2D dynamic programming)."""

PROBLEM = {
    "id": "edit_distance",
    "title": "Edit Distance",
    "statement": """\
Given two strings `s` and `t`, print the minimum number of single-character operations that turn
`s` into `t`. The allowed operations are inserting a character, deleting a character and replacing
a character by another one (the Levenshtein distance).

**Input** (standard input)

- Line 1: `s`
- Line 2: `t`

**Output** (standard output)

One integer: the edit distance.

**Constraints**

- `1 <= len(s), len(t) <= 5000`
- both strings consist of lowercase English letters

**Example 1**

```
Input:
horse
ros

Output:
3
```

`horse -> rorse` (replace `h`), `rorse -> rose` (delete `r`), `rose -> ros` (delete `e`).

**Example 2**

```
Input:
intention
execution

Output:
5
```
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys


def main() -> None:
    s, t = sys.stdin.read().split()
    ...


main()
""",
    "difficulty": "medium",
    "tags": ["dynamic-programming", "string", "edit-distance"],
    "checker": "exact",
    "tests": [
        {"stdin": "horse\nros\n", "expected": "3\n"},
        {"stdin": "intention\nexecution\n", "expected": "5\n"},
        {"stdin": "a\na\n", "expected": "0\n"},
        {"stdin": "a\nb\n", "expected": "1\n"},
        {"stdin": "abc\nabcdef\n", "expected": "3\n"},
        {"stdin": "abcdef\nbcdefa\n", "expected": "2\n"},
        {"stdin": "kitten\nsitting\n", "expected": "3\n"},
        {"stdin": "aaaa\nbbbbbb\n", "expected": "6\n"},
        {"stdin": "sunday\nsaturday\n", "expected": "3\n"},
        {"stdin": "abcdefghij\njihgfedcba\n", "expected": "10\n"},
        {"stdin": "zz\nazaza\n", "expected": "3\n"},
        {"stdin": "x\nxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\n",
         "expected": "70\n"},
    ],
    "efficiency": {
        "seed": 1021,
        "generator": """\
def generate(rng):
    letters = "abcdefghijklmnopqrstuvwxyz"
    tests = []
    for n, edits in ((800, 40), (800, 25)):
        s = [rng.choice(letters) for _ in range(n)]
        t = list(s)
        for _ in range(edits):
            i = rng.randrange(len(t))
            kind = rng.randrange(3)
            if kind == 0:
                t[i] = rng.choice(letters)
            elif kind == 1:
                del t[i]
            else:
                t.insert(i, rng.choice(letters))
        tests.append({"stdin": "".join(s) + "\\n" + "".join(t) + "\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "full DP table",
            "complexity": "O(n m) time, O(n m) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    s, t = sys.stdin.read().split()
    n, m = len(s), len(t)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n + 1):
        dp[i][0] = i
    for j in range(m + 1):
        dp[0][j] = j
    for i in range(1, n + 1):
        for j in range(1, m + 1):
            if s[i - 1] == t[j - 1]:
                dp[i][j] = dp[i - 1][j - 1]
            else:
                dp[i][j] = 1 + min(dp[i - 1][j - 1], dp[i - 1][j], dp[i][j - 1])
    print(dp[n][m])


main()
""",
        },
        {
            "label": "diagonal transition (furthest reaching points per diagonal)",
            "complexity": "O((n + m) + d^2) expected time for distance d, O(d) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    s, t = sys.stdin.read().split()
    n, m = len(s), len(t)
    # front[k]: the largest i such that s[:i] and t[:i + k] are within distance d
    i = 0
    while i < n and i < m and s[i] == t[i]:
        i += 1
    front = {0: i}
    d = 0
    while not (front.get(m - n, -1) == n):
        d += 1
        nxt = {}
        for k in range(-d, d + 1):
            best = -1
            if k in front:
                best = front[k] + 1  # replace
            if k - 1 in front:
                best = max(best, front[k - 1])  # insert into s (advance in t)
            if k + 1 in front:
                best = max(best, front[k + 1] + 1)  # delete from s
            if best < 0:
                continue
            best = min(best, n, m - k)
            if best < max(0, -k):
                continue
            j = best + k
            while best < n and j < m and s[best] == t[j]:
                best += 1
                j += 1
            nxt[k] = best
        front = nxt
    print(d)


main()
""",
        },
        {
            "label": "bit-parallel DP on Python integers (Myers / Hyyro)",
            "complexity": "O(n ceil(m / w)) word operations, O(sigma + m) bits space",
            "time_class": 1,
            "code": """\
import sys


def main():
    s, t = sys.stdin.read().split()
    m = len(s)
    full = (1 << m) - 1
    top = 1 << (m - 1)
    peq = {}
    for i, c in enumerate(s):
        peq[c] = peq.get(c, 0) | (1 << i)
    pv, mv, score = full, 0, m  # vertical +1 / -1 deltas of the current DP column
    for c in t:
        eq = peq.get(c, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & full)
        mh = pv & xh
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & full
        mh = (mh << 1) & full
        pv = mh | (~(xv | ph) & full)
        mv = ph & xv
    print(score)


main()
""",
        },
        {
            "label": "banded DP with a doubling threshold (Ukkonen)",
            "complexity": "O((n + m) d) time for distance d, O(m) space",
            "time_class": 2,
            "code": """\
import sys


def banded(s, t, k):
    # edit distance if it is <= k, otherwise some value > k
    n, m = len(s), len(t)
    if abs(n - m) > k:
        return k + 1
    big = k + 1
    prev = [j if j <= k else big for j in range(m + 1)]
    for i in range(1, n + 1):
        lo, hi = max(1, i - k), min(m, i + k)
        cur = [big] * (m + 1)
        if i <= k:
            cur[0] = i
        a = s[i - 1]
        for j in range(lo, hi + 1):
            if a == t[j - 1]:
                v = prev[j - 1]
            else:
                v = 1 + min(prev[j - 1], prev[j], cur[j - 1])
            cur[j] = v if v < big else big
        prev = cur
    return prev[m]


def main():
    s, t = sys.stdin.read().split()
    k = 1
    while True:
        d = banded(s, t, k)
        if d <= k:
            print(d)
            return
        k *= 2


main()
""",
        },
        {
            "label": "DP with two rolling rows",
            "complexity": "O(n m) time, O(min(n, m)) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    s, t = sys.stdin.read().split()
    if len(t) > len(s):
        s, t = t, s
    prev = list(range(len(t) + 1))
    for i, a in enumerate(s, 1):
        cur = [i]
        for j, b in enumerate(t, 1):
            if a == b:
                cur.append(prev[j - 1])
            else:
                cur.append(1 + min(prev[j - 1], prev[j], cur[j - 1]))
        prev = cur
    print(prev[-1])


main()
""",
        },
        {
            "label": "single DP row updated in place",
            "complexity": "O(n m) time, O(m) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    s, t = sys.stdin.read().split()
    m = len(t)
    row = list(range(m + 1))
    for i, a in enumerate(s, 1):
        diagonal, row[0] = row[0], i
        for j in range(1, m + 1):
            above = row[j]
            if a == t[j - 1]:
                row[j] = diagonal
            else:
                row[j] = 1 + min(diagonal, above, row[j - 1])
            diagonal = above
    print(row[m])


main()
""",
        },
    ],
}
