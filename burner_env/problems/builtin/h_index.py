"""H-index (sorting / counting): counting buckets, sorting, binary search, brute force."""

PROBLEM = {
    "id": "h_index",
    "title": "H-Index",
    "statement": """\
`citations[i]` is the number of citations of a researcher's `i`-th paper. The researcher's
**h-index** is the largest `h` such that at least `h` of the papers have at least `h` citations
each. With no papers, or no cited paper, the h-index is `0`.

Implement `Solution.hIndex(self, citations: list[int]) -> int`.

**Constraints**

- `0 <= len(citations) <= 10^5`
- `0 <= citations[i] <= 10^9`

**Examples**

```
hIndex([3, 0, 6, 1, 5])  ->  3     # three papers have at least 3 citations
hIndex([1, 3, 1])        ->  1
hIndex([10, 10, 10])     ->  3     # h cannot exceed the number of papers
```
""",
    "io": "class",
    "entry_point": "Solution.hIndex",
    "starter_code": """\
class Solution:
    def hIndex(self, citations: list[int]) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["sorting", "counting", "binary-search"],
    "checker": "exact",
    "tests": [
        {"args": [[3, 0, 6, 1, 5]], "expected": 3},
        {"args": [[1, 3, 1]], "expected": 1},
        {"args": [[]], "expected": 0},
        {"args": [[0]], "expected": 0},
        {"args": [[100]], "expected": 1},
        {"args": [[0, 0, 0]], "expected": 0},
        {"args": [[10, 10, 10]], "expected": 3},
        {"args": [[4, 4, 4, 4]], "expected": 4},
        {"args": [[5, 5, 5, 5, 5, 1]], "expected": 5},
        {"args": [[1, 1, 1, 1]], "expected": 1},
        {"args": [[0, 1, 2, 3, 4, 5, 6]], "expected": 3},
        {"args": [[1000000000, 1000000000, 0, 0]], "expected": 2},
        {"args": [[2, 2, 3, 3, 3]], "expected": 3},
        {"args": [[11, 15]], "expected": 2},
    ],
    "efficiency": {
        "seed": 2602,
        "generator": """\
def generate(rng):
    tests = []
    for n, top in ((3500, 40), (3500, 60), (3500, 150)):
        citations = [min(int(rng.expovariate(1 / top)), 10**9) for _ in range(n)]
        tests.append({"args": [citations]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "sort descending and scan",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def hIndex(self, citations):
        h = 0
        for i, c in enumerate(sorted(citations, reverse=True)):
            if c >= i + 1:
                h = i + 1
            else:
                break
        return h
""",
        },
        {
            "label": "counting buckets capped at n",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def hIndex(self, citations):
        n = len(citations)
        buckets = [0] * (n + 1)
        for c in citations:
            buckets[min(c, n)] += 1
        at_least = 0
        for h in range(n, -1, -1):
            at_least += buckets[h]
            if at_least >= h:
                return h
        return 0
""",
        },
        {
            "label": "sort ascending, binary search on the position",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def hIndex(self, citations):
        ordered = sorted(citations)
        n = len(ordered)
        lo, hi = 0, n
        while lo < hi:
            mid = (lo + hi) // 2
            if ordered[mid] >= n - mid:
                hi = mid
            else:
                lo = mid + 1
        return n - lo
""",
        },
        {
            "label": "binary search on h, counting each time",
            "complexity": "O(n log n) time, O(1) extra space",
            "time_class": 1,
            "code": """\
class Solution:
    def hIndex(self, citations):
        lo, hi = 0, len(citations)
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if sum(1 for c in citations if c >= mid) >= mid:
                lo = mid
            else:
                hi = mid - 1
        return lo
""",
        },
        {
            "label": "try every h from the largest down",
            "complexity": "O(n^2) time, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def hIndex(self, citations):
        for h in range(len(citations), 0, -1):
            if sum(1 for c in citations if c >= h) >= h:
                return h
        return 0
""",
        },
        {
            "label": "try every h from zero up",
            "complexity": "O(n * h) time, O(1) extra space",
            "time_class": 2,
            "code": """\
class Solution:
    def hIndex(self, citations):
        h = 0
        while True:
            count = 0
            for c in citations:
                if c >= h + 1:
                    count += 1
            if count < h + 1:
                return h
            h += 1
""",
        },
    ],
}
