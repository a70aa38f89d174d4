"""Longest palindromic substring (strings): Manacher, hashing with binary search, expansion, DP."""

PROBLEM = {
    "id": "longest_palindromic_substring",
    "title": "Longest Palindromic Substring",
    "statement": """\
Given a string `s`, return its longest substring that reads the same forwards and backwards. If
several palindromic substrings share the maximum length, return the **leftmost** one (the one with
the smallest start index).

Implement `Solution.longestPalindrome(self, s: str) -> str`.

**Constraints**

- `1 <= len(s) <= 10^4`
- `s` consists of lowercase English letters

**Examples**

```
longestPalindrome("babad")         ->  "bab"      # "aba" is as long but starts later
longestPalindrome("cbbd")          ->  "bb"
longestPalindrome("abacdfgdcaba")  ->  "aba"
```
""",
    "io": "class",
    "entry_point": "Solution.longestPalindrome",
    "starter_code": """\
class Solution:
    def longestPalindrome(self, s: str) -> str:
        ...
""",
    "difficulty": "medium",
    "tags": ["strings", "palindromes", "manacher", "hashing", "binary-search"],
    "checker": "exact",
    "tests": [
        {"args": ["babad"], "expected": "bab"},
        {"args": ["cbbd"], "expected": "bb"},
        {"args": ["a"], "expected": "a"},
        {"args": ["ac"], "expected": "a"},
        {"args": ["racecar"], "expected": "racecar"},
        {"args": ["abacdfgdcaba"], "expected": "aba"},
        {"args": ["aaaa"], "expected": "aaaa"},
        {"args": ["forgeeksskeegfor"], "expected": "geeksskeeg"},
        {"args": ["abb"], "expected": "bb"},
        {"args": ["bananas"], "expected": "anana"},
        {"args": ["xyzzyxabcba"], "expected": "xyzzyx"},
        {"args": ["abcd"], "expected": "a"},
        {"args": ["noonracecar"], "expected": "racecar"},
        {"args": ["aab"], "expected": "aa"},
    ],
    "efficiency": {
        "seed": 2301,
        "generator": """\
def generate(rng):
    # palindrome-rich strings: the worst case for expanding around centres
    n = 2200
    runs = "a" * n
    cut = rng.randrange(n // 4, n // 2)
    alternating = ("ab" * n)[:n]
    spot = rng.randrange(n)
    triple = ("aab" * n)[:n]
    return [
        {"args": [runs[:cut] + "b" + runs[cut + 1:]]},
        {"args": [alternating[:spot] + "c" + alternating[spot + 1:]]},
        {"args": [triple[::-1]]},
    ]
""",
    },
    "solutions": [
        {
            "label": "expand around every centre",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
class Solution:
    def longestPalindrome(self, s):
        n = len(s)
        best_start, best_len = 0, 0
        for centre in range(2 * n - 1):
            lo = centre // 2
            hi = lo + centre % 2
            while lo >= 0 and hi < n and s[lo] == s[hi]:
                lo -= 1
                hi += 1
            if hi - lo - 1 > best_len:
                best_start, best_len = lo + 1, hi - lo - 1
        return s[best_start:best_start + best_len]
""",
        },
        {
            "label": "Manacher on the separator-padded string",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def longestPalindrome(self, s):
        t = "^#" + "#".join(s) + "#$"
        radius = [0] * len(t)
        centre = right = 0
        best_len, best_centre = 0, 0
        for i in range(1, len(t) - 1):
            if i < right:
                radius[i] = min(right - i, radius[2 * centre - i])
            while t[i + radius[i] + 1] == t[i - radius[i] - 1]:
                radius[i] += 1
            if i + radius[i] > right:
                centre, right = i, i + radius[i]
            if radius[i] > best_len:
                best_len, best_centre = radius[i], i
        start = (best_centre - best_len) // 2
        return s[start:start + best_len]
""",
        },
        {
            "label": "Manacher with odd and even radius arrays",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def longestPalindrome(self, s):
        n = len(s)
        odd = [0] * n
        lo, hi = 0, -1
        for i in range(n):
            k = 1 if i > hi else min(odd[lo + hi - i], hi - i + 1)
            while i - k >= 0 and i + k < n and s[i - k] == s[i + k]:
                k += 1
            odd[i] = k
            if i + k - 1 > hi:
                lo, hi = i - k + 1, i + k - 1
        even = [0] * n
        lo, hi = 0, -1
        for i in range(n):
            k = 0 if i > hi else min(even[lo + hi - i + 1], hi - i + 1)
            while i - k - 1 >= 0 and i + k < n and s[i - k - 1] == s[i + k]:
                k += 1
            even[i] = k
            if i + k - 1 > hi:
                lo, hi = i - k, i + k - 1
        best_start, best_len = 0, 0
        for i in range(n):
            # centres in left-to-right order: the even centre before s[i], then s[i] itself
            if 2 * even[i] > best_len:
                best_start, best_len = i - even[i], 2 * even[i]
            if 2 * odd[i] - 1 > best_len:
                best_start, best_len = i - odd[i] + 1, 2 * odd[i] - 1
        return s[best_start:best_start + best_len]
""",
        },
        {
            "label": "binary search on length with rolling hashes",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def longestPalindrome(self, s):
        mod, base = (1 << 61) - 1, 131
        n = len(s)
        power, fwd, bwd = [1] * (n + 1), [0] * (n + 1), [0] * (n + 1)
        for i in range(n):
            power[i + 1] = power[i] * base % mod
            fwd[i + 1] = (fwd[i] * base + ord(s[i])) % mod
            bwd[i + 1] = (bwd[i] * base + ord(s[n - 1 - i])) % mod

        def first_palindrome(length):
            if length == 0:
                return 0
            for i in range(n - length + 1):
                h1 = (fwd[i + length] - fwd[i] * power[length]) % mod
                j = n - i - length
                h2 = (bwd[j + length] - bwd[j] * power[length]) % mod
                if h1 == h2:
                    piece = s[i:i + length]
                    if piece == piece[::-1]:
                        return i
            return -1

        best = 0
        for parity in (1, 0):
            lo, hi = 0, (n - parity) // 2
            while lo < hi:
                mid = (lo + hi + 1) // 2
                if first_palindrome(2 * mid + parity) >= 0:
                    lo = mid
                else:
                    hi = mid - 1
            best = max(best, 2 * lo + parity)
        start = first_palindrome(best)
        return s[start:start + best]
""",
        },
        {
            "label": "dynamic programming table",
            "complexity": "O(n^2) time, O(n^2) space",
            "time_class": 3,
            "code": """\
class Solution:
    def longestPalindrome(self, s):
        n = len(s)
        table = [[False] * n for _ in range(n)]
        best_start, best_len = 0, 1
        for i in range(n - 1, -1, -1):
            table[i][i] = True
            row, below = table[i], table[i + 1] if i + 1 < n else None
            for j in range(i + 1, n):
                if s[i] == s[j] and (j - i < 3 or below[j - 1]):
                    row[j] = True
                    if j - i + 1 >= best_len:
                        best_start, best_len = i, j - i + 1
        return s[best_start:best_start + best_len]
""",
        },
        {
            "label": "dynamic programming with two rows",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def longestPalindrome(self, s):
        n = len(s)
        below = [False] * n
        best_start, best_len = 0, 1
        for i in range(n - 1, -1, -1):
            row = [False] * n
            row[i] = True
            for j in range(i + 1, n):
                if s[i] == s[j] and (j - i < 3 or below[j - 1]):
                    row[j] = True
                    if j - i + 1 >= best_len:
                        best_start, best_len = i, j - i + 1
            below = row
        return s[best_start:best_start + best_len]
""",
        },
    ],
}
