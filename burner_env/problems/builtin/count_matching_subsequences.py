"""Number of matching subsequences (strings): bucketed pointers, binary search, linear scans."""

PROBLEM = {
    "id": "count_matching_subsequences",
    "title": "Number of Matching Subsequences",
    "statement": """\
Given a string `s` and a list of strings `words`, return how many entries of `words` are
subsequences of `s`. A string `w` is a subsequence of `s` if deleting zero or more characters of
`s` (without reordering the rest) gives `w`; the empty string is a subsequence of every string.
Repeated entries of `words` are counted once per occurrence.

Write a function `count_subsequences(s: str, words: list[str]) -> int`.

**Constraints**

- `1 <= len(s) <= 5 * 10^4`
- `0 <= len(words) <= 5000`, `0 <= len(words[i]) <= 50`
- all strings consist of lowercase English letters

**Examples**

```
count_subsequences("abcde", ["a", "bb", "acd", "ace"])  ->  3     # "a", "acd", "ace"
count_subsequences("aaa", ["aaaa", "aa", "a", "aa"])    ->  3
```
""",
    "io": "function",
    "entry_point": "count_subsequences",
    "starter_code": """\
def count_subsequences(s: str, words: list[str]) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["strings", "hashing", "binary-search", "two-pointers"],
    "checker": "exact",
    "tests": [
        {"args": ["abcde", ["a", "bb", "acd", "ace"]], "expected": 3},
        {"args": ["dsahjpjauf", ["ahjpjau", "ja", "ahbwzgqnuk", "tnmlanowax"]], "expected": 2},
        {"args": ["aaa", ["aaaa", "aa", "a", "aa"]], "expected": 3},
        {"args": ["a", [""]], "expected": 1},
        {"args": ["abc", []], "expected": 0},
        {"args": ["abc", ["cba", "abc", "ab", "ac", "bc", "ca"]], "expected": 4},
        {"args": ["xyz", ["xyz", "xyz", "zz"]], "expected": 2},
        {"args": ["ab", ["ba"]], "expected": 0},
        {"args": ["bbbbbbbbba", ["ba", "ab", "bbbbbbbbb", "bbbbbbbbbb"]], "expected": 2},
        {"args": ["abcabc", ["abcabc", "abcabca", "cc", "aa", "cab", "bcab"]], "expected": 5},
        {"args": ["z", ["z", "zz", "a", ""]], "expected": 2},
    ],
    "efficiency": {
        "seed": 2302,
        "generator": """\
def generate(rng):
    n, count = 20000, 550
    tests = []
    for _ in range(3):
        s = "".join(rng.choice("abcdefgh") for _ in range(n))
        words = []
        for k in range(count):
            # a subsequence spread over the whole of s, so that naive scans read most of s
            positions = sorted(rng.sample(range(n), rng.randint(10, 40)))
            word = "".join(s[p] for p in positions)
            if k % 2:
                word = word[:-1] + "z"
            words.append(word)
        tests.append({"args": [s, words]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "two pointers per word",
            "complexity": "O(|words| * |s|) time, O(1) space",
            "time_class": 3,
            "code": """\
def count_subsequences(s, words):
    def is_subsequence(word):
        i = 0
        for ch in s:
            if i == len(word):
                break
            if ch == word[i]:
                i += 1
        return i == len(word)

    return sum(1 for word in words if is_subsequence(word))
""",
        },
        {
            "label": "consuming iterator per word",
            "complexity": "O(|words| * |s|) time (scans in C), O(1) space",
            "time_class": 2,
            "code": """\
def count_subsequences(s, words):
    count = 0
    for word in words:
        it = iter(s)
        if all(ch in it for ch in word):
            count += 1
    return count
""",
        },
        {
            "label": "chained str.find per word",
            "complexity": "O(|words| * |s|) worst case, scans with memchr; O(1) space",
            "time_class": 1,
            "code": """\
def count_subsequences(s, words):
    count = 0
    for word in words:
        pos = -1
        for ch in word:
            pos = s.find(ch, pos + 1)
            if pos < 0:
                break
        else:
            count += 1
    return count
""",
        },
        {
            "label": "waiting buckets advanced in one pass over s",
            "complexity": "O(|s| + total word length) time, O(|words|) space",
            "time_class": 1,
            "code": """\
def count_subsequences(s, words):
    waiting = {}
    count = 0
    for word in words:
        if not word:
            count += 1
        else:
            waiting.setdefault(word[0], []).append((word, 1))
    for ch in s:
        bucket = waiting.pop(ch, None)
        if not bucket:
            continue
        for word, i in bucket:
            if i == len(word):
                count += 1
            else:
                waiting.setdefault(word[i], []).append((word, i + 1))
    return count
""",
        },
        {
            "label": "positions per letter with binary search",
            "complexity": "O(|s| + total word length * log |s|) time, O(|s|) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_right


def count_subsequences(s, words):
    positions = {}
    for i, ch in enumerate(s):
        positions.setdefault(ch, []).append(i)
    count = 0
    for word in words:
        pos = -1
        for ch in word:
            where = positions.get(ch)
            if not where:
                break
            k = bisect_right(where, pos)
            if k == len(where):
                break
            pos = where[k]
        else:
            count += 1
    return count
""",
        },
        {
            "label": "next-occurrence table",
            "complexity": "O(26 |s| + total word length) time, O(26 |s|) space",
            "time_class": 1,
            "code": """\
def count_subsequences(s, words):
    n = len(s)
    table = [None] * (n + 1)
    row = [n] * 26
    table[n] = row
    for i in range(n - 1, -1, -1):
        row = row[:]
        row[ord(s[i]) - 97] = i
        table[i] = row
    count = 0
    for word in words:
        pos = 0
        for ch in word:
            nxt = table[pos][ord(ch) - 97]
            if nxt == n:
                break
            pos = nxt + 1
        else:
            count += 1
    return count
""",
        },
    ],
}
