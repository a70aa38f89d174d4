"""Longest substring without repeating characters (sliding window)."""

PROBLEM = {
    "id": "longest_substring_without_repeats",
    "title": "Longest Substring Without Repeating Characters",
    "statement": """\
Given a string `s`, return the length of the longest substring (contiguous block of characters)
in which no character occurs twice.

Implement `Solution.lengthOfLongestSubstring(self, s: str) -> int`.

**Constraints**

- `0 <= len(s) <= 5 * 10^4`
- `s` consists of printable ASCII characters (codes 32 to 126, the space included)

**Examples**

```
lengthOfLongestSubstring("abcabcbb")  ->  3     # "abc"
lengthOfLongestSubstring("pwwkew")    ->  3     # "wke"; "pwke" is not contiguous
lengthOfLongestSubstring("abba")      ->  2
lengthOfLongestSubstring("")          ->  0
```
""",
    "io": "class",
    "entry_point": "Solution.lengthOfLongestSubstring",
    "starter_code": """\
class Solution:
    def lengthOfLongestSubstring(self, s: str) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["sliding-window", "hashing", "strings"],
    "checker": "exact",
    "tests": [
        {"args": ["abcabcbb"], "expected": 3},
        {"args": ["bbbbb"], "expected": 1},
        {"args": ["pwwkew"], "expected": 3},
        {"args": [""], "expected": 0},
        {"args": [" "], "expected": 1},
        {"args": ["au"], "expected": 2},
        {"args": ["dvdf"], "expected": 3},
        {"args": ["abba"], "expected": 2},
        {"args": ["tmmzuxt"], "expected": 5},
        {"args": ["abcdefg"], "expected": 7},
        {"args": [" a b c a"], "expected": 3},
        {"args": ["!@#!@#$%"], "expected": 5},
        {"args": ["Aa1!aA"], "expected": 4},
    ],
    "efficiency": {
        "seed": 2501,
        "generator": """\
def generate(rng):
    printable = [chr(c) for c in range(32, 127)]
    tests = []
    for alphabet in (95, 80, 95):
        # concatenated shuffles: long repeat-free stretches at every start
        pieces = []
        while sum(map(len, pieces)) < 3000:
            block = rng.sample(printable, alphabet)
            pieces.append("".join(block))
        tests.append({"args": ["".join(pieces)[:3000]]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "sliding window with a set",
            "complexity": "O(n) time, O(sigma) space",
            "time_class": 1,
            "code": """\
class Solution:
    def lengthOfLongestSubstring(self, s):
        window = set()
        left = best = 0
        for right, ch in enumerate(s):
            while ch in window:
                window.remove(s[left])
                left += 1
            window.add(ch)
            best = max(best, right - left + 1)
        return best
""",
        },
        {
            "label": "sliding window jumping to the last index",
            "complexity": "O(n) time, O(sigma) space",
            "time_class": 1,
            "code": """\
class Solution:
    def lengthOfLongestSubstring(self, s):
        last = {}
        left = best = 0
        for right, ch in enumerate(s):
            if last.get(ch, -1) >= left:
                left = last[ch] + 1
            last[ch] = right
            if right - left + 1 > best:
                best = right - left + 1
        return best
""",
        },
        {
            "label": "sliding window with an array of last positions",
            "complexity": "O(n) time, O(128) space",
            "time_class": 1,
            "code": """\
class Solution:
    def lengthOfLongestSubstring(self, s):
        last = [-1] * 128
        left = best = 0
        for right, ch in enumerate(s):
            code = ord(ch)
            if last[code] >= left:
                left = last[code] + 1
            last[code] = right
            best = max(best, right - left + 1)
        return best
""",
        },
        {
            "label": "scan forward from every start",
            "complexity": "O(n * sigma) time, O(sigma) space",
            "time_class": 2,
            "code": """\
class Solution:
    def lengthOfLongestSubstring(self, s):
        best = 0
        n = len(s)
        for i in range(n):
            seen = set()
            j = i
            while j < n and s[j] not in seen:
                seen.add(s[j])
                j += 1
            best = max(best, j - i)
        return best
""",
        },
        {
            "label": "check every substring with a set",
            "complexity": "O(n * sigma^2) time, O(sigma) space",
            "time_class": 3,
            "code": """\
class Solution:
    def lengthOfLongestSubstring(self, s):
        best = 0
        n = len(s)
        for i in range(n):
            for j in range(i + 1, n + 1):
                if len(set(s[i:j])) < j - i:
                    break
                best = max(best, j - i)
        return best
""",
        },
        {
            "label": "check every substring by counting",
            "complexity": "O(n * sigma^2) time, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def lengthOfLongestSubstring(self, s):
        best = 0
        n = len(s)
        for i in range(n):
            for j in range(i, n):
                if s.count(s[j], i, j) > 0:
                    break
                best = max(best, j - i + 1)
        return best
""",
        },
    ],
}
