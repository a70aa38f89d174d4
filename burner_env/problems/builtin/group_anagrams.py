"""Group anagrams (hashing of strings): canonical keys versus pairwise comparison."""

PROBLEM = {
    "id": "group_anagrams",
    "title": "Group Anagrams",
    "statement": """\
Given a list of lowercase words, group the words that are anagrams of each other (the same letters
with the same multiplicities, in any order). Return the groups as a list of lists:

- groups are ordered by the position of their first word in the input;
- inside a group, words keep their input order;
- every input word appears exactly once in the output, including repeated words.

Write a function `group_anagrams(words: list[str]) -> list[list[str]]`.

**Constraints**

- `0 <= len(words) <= 10^4`
- `0 <= len(words[i]) <= 100`, letters `a`-`z` only (the empty word is allowed)

**Examples**

```
group_anagrams(["eat", "tea", "tan", "ate", "nat", "bat"])
    ->  [["eat", "tea", "ate"], ["tan", "nat"], ["bat"]]
group_anagrams(["aab", "aba", "abb"])  ->  [["aab", "aba"], ["abb"]]
```
""",
    "io": "function",
    "entry_point": "group_anagrams",
    "starter_code": """\
def group_anagrams(words: list[str]) -> list[list[str]]:
    ...
""",
    "difficulty": "medium",
    "tags": ["hashing", "strings", "sorting"],
    "checker": "exact",
    "tests": [
        {"args": [["eat", "tea", "tan", "ate", "nat", "bat"]],
         "expected": [["eat", "tea", "ate"], ["tan", "nat"], ["bat"]]},
        {"args": [[]], "expected": []},
        {"args": [[""]], "expected": [[""]]},
        {"args": [["a"]], "expected": [["a"]]},
        {"args": [["aab", "aba", "abb"]], "expected": [["aab", "aba"], ["abb"]]},
        {"args": [["ab", "ba", "ab"]], "expected": [["ab", "ba", "ab"]]},
        {"args": [["", "b", ""]], "expected": [["", ""], ["b"]]},
        {"args": [["abc", "d", "cba", "dd", "bca", "d"]],
         "expected": [["abc", "cba", "bca"], ["d", "d"], ["dd"]]},
        {"args": [["listen", "silent", "enlist", "google", "gogole", "inlets"]],
         "expected": [["listen", "silent", "enlist", "inlets"], ["google", "gogole"]]},
        {"args": [["ab", "abc", "ba", "cab"]], "expected": [["ab", "ba"], ["abc", "cab"]]},
        {"args": [["zz", "z", "zzz"]], "expected": [["zz"], ["z"], ["zzz"]]},
    ],
    "efficiency": {
        "seed": 2203,
        "generator": """\
def generate(rng):
    letters = "abcdefghijklmnopqrstuvwxyz"
    tests = []
    for groups in (700, 700, 700):
        bases = ["".join(rng.choice(letters) for _ in range(rng.randint(5, 10)))
                 for _ in range(groups)]
        words = []
        for _ in range(2 * groups):
            chars = list(rng.choice(bases))
            rng.shuffle(chars)
            words.append("".join(chars))
        tests.append({"args": [words]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "hash map keyed by sorted letters",
            "complexity": "O(n k log k) time, O(n k) space",
            "time_class": 1,
            "code": """\
def group_anagrams(words):
    groups = {}
    for word in words:
        groups.setdefault("".join(sorted(word)), []).append(word)
    return list(groups.values())
""",
        },
        {
            "label": "hash map keyed by letter counts",
            "complexity": "O(n k) time, O(n k) space",
            "time_class": 1,
            "code": """\
def group_anagrams(words):
    groups = {}
    for word in words:
        counts = [0] * 26
        for ch in word:
            counts[ord(ch) - 97] += 1
        groups.setdefault(tuple(counts), []).append(word)
    return list(groups.values())
""",
        },
        {
            "label": "hash map keyed by a product of primes",
            "complexity": "O(n k) time, O(n) space",
            "time_class": 1,
            "code": """\
PRIMES = [2, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73, 79, 83,
          89, 97, 101]


def group_anagrams(words):
    # unique factorisation: anagrams, and only anagrams, share the product of their letters' primes
    groups = {}
    for word in words:
        key = 1
        for ch in word:
            key *= PRIMES[ord(ch) - 97]
        groups.setdefault(key, []).append(word)
    return list(groups.values())
""",
        },
        {
            "label": "linear scan over group signatures",
            "complexity": "O(n g k) time (g = number of groups), O(n k) space",
            "time_class": 2,
            "code": """\
def group_anagrams(words):
    keys, groups = [], []
    for word in words:
        key = sorted(word)
        for index, existing in enumerate(keys):
            if existing == key:
                groups[index].append(word)
                break
        else:
            keys.append(key)
            groups.append([word])
    return groups
""",
        },
        {
            "label": "pairwise comparison of sorted letters",
            "complexity": "O(n^2 k log k) time, O(n) space",
            "time_class": 3,
            "code": """\
def group_anagrams(words):
    used = [False] * len(words)
    groups = []
    for i, word in enumerate(words):
        if used[i]:
            continue
        used[i] = True
        group = [word]
        for j in range(i + 1, len(words)):
            if not used[j] and sorted(words[j]) == sorted(word):
                used[j] = True
                group.append(words[j])
        groups.append(group)
    return groups
""",
        },
        {
            "label": "pairwise comparison of letter counts",
            "complexity": "O(n^2 k) time, O(n) space",
            "time_class": 3,
            "code": """\
def group_anagrams(words):
    def is_anagram(a, b):
        return len(a) == len(b) and all(a.count(ch) == b.count(ch) for ch in set(a))

    used = [False] * len(words)
    groups = []
    for i, word in enumerate(words):
        if used[i]:
            continue
        used[i] = True
        group = [word]
        for j in range(i + 1, len(words)):
            if not used[j] and is_anagram(word, words[j]):
                used[j] = True
                group.append(words[j])
        groups.append(group)
    return groups
""",
        },
    ],
}
