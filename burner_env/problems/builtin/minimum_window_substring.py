"""Minimum window substring (sliding window): two-pointer window, binary search on length, scans."""

PROBLEM = {
    "id": "minimum_window_substring",
    "title": "Minimum Window Substring",
    "statement": """\
Given strings `s` and `t`, return the shortest substring of `s` that contains every character of
`t` **with multiplicity** (if `t` holds a letter three times, the window must hold it at least
three times). If several shortest windows exist, return the leftmost one. If no window exists,
return the empty string `""`.

Write a function `min_window(s: str, t: str) -> str`.

**Constraints**

- `1 <= len(s) <= 10^5`, `1 <= len(t) <= 10^4`
- `s` and `t` consist of English letters (case matters: `"a"` and `"A"` are different)

**Examples**

```
min_window("ADOBECODEBANC", "ABC")  ->  "BANC"
min_window("a", "aa")               ->  ""
min_window("bba", "ab")             ->  "ba"
```
""",
    "io": "function",
    "entry_point": "min_window",
    "starter_code": """\
def min_window(s: str, t: str) -> str:
    ...
""",
    "difficulty": "hard",
    "tags": ["sliding-window", "hashing", "strings", "two-pointers"],
    "checker": "exact",
    "tests": [
        {"args": ["ADOBECODEBANC", "ABC"], "expected": "BANC"},
        {"args": ["a", "a"], "expected": "a"},
        {"args": ["a", "aa"], "expected": ""},
        {"args": ["ab", "b"], "expected": "b"},
        {"args": ["aa", "aa"], "expected": "aa"},
        {"args": ["bba", "ab"], "expected": "ba"},
        {"args": ["cabwefgewcwaefgcf", "cae"], "expected": "cwae"},
        {"args": ["aaflslflsldkalskaaa", "aaa"], "expected": "aaa"},
        {"args": ["abcabdebac", "cda"], "expected": "cabd"},
        {"args": ["xyz", "xyzz"], "expected": ""},
        {"args": ["abab", "ab"], "expected": "ab"},
        {"args": ["baab", "ab"], "expected": "ba"},
        {"args": ["aAbB", "AB"], "expected": "AbB"},
        {"args": ["acbbaca", "aba"], "expected": "baca"},
        {"args": ["q", "Q"], "expected": ""},
    ],
    "efficiency": {
        "seed": 2503,
        "generator": """\
def generate(rng):
    letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
    tests = []
    for n, m in ((4000, 40), (4000, 50), (4000, 60)):
        s = "".join(rng.choice(letters) for _ in range(n))
        t = "".join(rng.choice(letters[:26]) for _ in range(m))
        tests.append({"args": [s, t]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "sliding window with a missing-count",
            "complexity": "O(|s| + |t|) time, O(sigma) space",
            "time_class": 1,
            "code": """\
from collections import Counter


def min_window(s, t):
    need = Counter(t)
    missing = len(t)
    best_start, best_len = 0, len(s) + 1
    left = 0
    for right, ch in enumerate(s):
        if need[ch] > 0:
            missing -= 1
        need[ch] -= 1
        if missing == 0:
            while need[s[left]] < 0:
                need[s[left]] += 1
                left += 1
            if right - left + 1 < best_len:
                best_start, best_len = left, right - left + 1
            need[s[left]] += 1
            missing += 1
            left += 1
    return s[best_start:best_start + best_len] if best_len <= len(s) else ""
""",
        },
        {
            "label": "sliding window over relevant positions only",
            "complexity": "O(|s| + |t|) time, O(|s|) space",
            "time_class": 1,
            "code": """\
from collections import Counter


def min_window(s, t):
    need = Counter(t)
    relevant = [(i, ch) for i, ch in enumerate(s) if ch in need]
    have = Counter()
    formed = 0
    best = None
    left = 0
    for i, ch in relevant:
        have[ch] += 1
        if have[ch] == need[ch]:
            formed += 1
        while formed == len(need):
            start, first = relevant[left]
            if best is None or i - start + 1 < best[1]:
                best = (start, i - start + 1)
            have[first] -= 1
            if have[first] < need[first]:
                formed -= 1
            left += 1
    return "" if best is None else s[best[0]:best[0] + best[1]]
""",
        },
        {
            "label": "sliding window with count arrays",
            "complexity": "O(|s| + |t|) time, O(128) space",
            "time_class": 1,
            "code": """\
def min_window(s, t):
    need = [0] * 128
    for ch in t:
        need[ord(ch)] += 1
    codes = [ord(ch) for ch in s]
    missing = len(t)
    best_start, best_len = 0, len(s) + 1
    left = 0
    for right, code in enumerate(codes):
        if need[code] > 0:
            missing -= 1
        need[code] -= 1
        while missing == 0:
            if right - left + 1 < best_len:
                best_start, best_len = left, right - left + 1
            need[codes[left]] += 1
            if need[codes[left]] > 0:
                missing += 1
            left += 1
    return s[best_start:best_start + best_len] if best_len <= len(s) else ""
""",
        },
        {
            "label": "binary search on the window length",
            "complexity": "O((|s| + |t|) log |s|) time, O(sigma) space",
            "time_class": 2,
            "code": """\
from collections import Counter


def min_window(s, t):
    need = Counter(t)
    n = len(s)

    def first_window(length):
        window = Counter(s[:length])
        deficit = sum(max(0, k - window[ch]) for ch, k in need.items())
        if deficit == 0:
            return 0
        for start in range(1, n - length + 1):
            out, inc = s[start - 1], s[start + length - 1]
            window[out] -= 1
            if window[out] < need.get(out, 0):
                deficit += 1
            window[inc] += 1
            if window[inc] <= need.get(inc, 0):
                deficit -= 1
            if deficit == 0:
                return start
        return -1

    if len(t) > n or first_window(n) < 0:
        return ""
    lo, hi = len(t), n
    while lo < hi:
        mid = (lo + hi) // 2
        if first_window(mid) >= 0:
            hi = mid
        else:
            lo = mid + 1
    start = first_window(lo)
    return s[start:start + lo]
""",
        },
        {
            "label": "extend from every start, cut at the best length so far",
            "complexity": "O(|s| * L) time (L = answer length), O(sigma) space",
            "time_class": 2,
            "code": """\
from collections import Counter


def min_window(s, t):
    need = Counter(t)
    n = len(s)
    best_start, best_len = 0, n + 1
    for i in range(n):
        if s[i] not in need:
            continue
        remaining = dict(need)
        missing = len(t)
        for j in range(i, min(n, i + best_len - 1)):
            ch = s[j]
            if remaining.get(ch, 0) > 0:
                remaining[ch] -= 1
                missing -= 1
                if missing == 0:
                    best_start, best_len = i, j - i + 1
                    break
    return s[best_start:best_start + best_len] if best_len <= n else ""
""",
        },
        {
            "label": "grow a window from every start without pruning",
            "complexity": "O(|s| * W) time (W = window needed per start), O(sigma) space",
            "time_class": 3,
            "code": """\
from collections import Counter


def min_window(s, t):
    need = Counter(t)
    n = len(s)
    best = ""
    for i in range(n):
        window = {}
        satisfied = 0
        for j in range(i, n):
            ch = s[j]
            window[ch] = window.get(ch, 0) + 1
            if window[ch] == need.get(ch, 0):
                satisfied += 1
                if satisfied == len(need):
                    if not best or j - i + 1 < len(best):
                        best = s[i:j + 1]
                    break
    return best
""",
        },
    ],
}
