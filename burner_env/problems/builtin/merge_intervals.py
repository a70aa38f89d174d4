"""Merge overlapping closed intervals (intervals / sorting)."""

PROBLEM = {
    "id": "merge_intervals",
    "title": "Merge Intervals",
    "statement": """\
You are given a list of closed intervals `[start, end]` (both ends included). Merge every group of
intervals that overlap **or touch** (share at least one point, e.g. `[1, 4]` and `[4, 5]`) and
return the resulting disjoint intervals sorted by start. Intervals such as `[1, 2]` and `[3, 4]`
share no point and stay separate.

Implement `merge_intervals(intervals: list[list[int]]) -> list[list[int]]`; each returned interval
is a two-element list.

**Constraints**

- `0 <= len(intervals) <= 10^4`
- `0 <= start <= end <= 10^6`

**Example 1**

```
Input:  intervals = [[1, 3], [2, 6], [8, 10], [15, 18]]
Output: [[1, 6], [8, 10], [15, 18]]
```

**Example 2**

```
Input:  intervals = [[1, 4], [4, 5]]
Output: [[1, 5]]
```
""",
    "io": "function",
    "entry_point": "merge_intervals",
    "starter_code": """\
def merge_intervals(intervals: list[list[int]]) -> list[list[int]]:
    ...
""",
    "difficulty": "medium",
    "tags": ["intervals", "sorting", "sweep-line"],
    "checker": "exact",
    "tests": [
        {"args": [[[1, 3], [2, 6], [8, 10], [15, 18]]], "expected": [[1, 6], [8, 10], [15, 18]]},
        {"args": [[[1, 4], [4, 5]]], "expected": [[1, 5]]},
        {"args": [[]], "expected": []},
        {"args": [[[5, 5]]], "expected": [[5, 5]]},
        {"args": [[[1, 2], [3, 4]]], "expected": [[1, 2], [3, 4]]},
        {"args": [[[1, 4], [2, 3]]], "expected": [[1, 4]]},
        {"args": [[[8, 10], [1, 3], [2, 6]]], "expected": [[1, 6], [8, 10]]},
        {"args": [[[2, 2], [2, 2], [1, 1]]], "expected": [[1, 1], [2, 2]]},
        {"args": [[[0, 0], [0, 1000000]]], "expected": [[0, 1000000]]},
        {"args": [[[1, 10], [2, 3], [4, 5], [11, 12]]], "expected": [[1, 10], [11, 12]]},
        {"args": [[[6, 7], [0, 2], [3, 5], [2, 3]]], "expected": [[0, 5], [6, 7]]},
    ],
    "efficiency": {
        "seed": 1007,
        "generator": """\
def generate(rng):
    n, top = 4000, 5 * 10**5
    tests = []
    for max_len in (600, 100):
        intervals = []
        for _ in range(n):
            start = rng.randint(0, top - max_len)
            intervals.append([start, start + rng.randint(0, max_len)])
        tests.append({"args": [intervals]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "sort by start, then sweep",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
def merge_intervals(intervals):
    merged = []
    for start, end in sorted(intervals):
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return merged
""",
        },
        {
            "label": "sort in place, merge with a write index",
            "complexity": "O(n log n) time, O(1) extra space (input reused)",
            "time_class": 1,
            "code": """\
def merge_intervals(intervals):
    if not intervals:
        return []
    intervals.sort(key=lambda iv: iv[0])
    w = 0
    for i in range(1, len(intervals)):
        s, e = intervals[i]
        if s <= intervals[w][1]:
            if e > intervals[w][1]:
                intervals[w][1] = e
        else:
            w += 1
            intervals[w] = [s, e]
    del intervals[w + 1:]
    return [list(iv) for iv in intervals]
""",
        },
        {
            "label": "sweep over sorted endpoint events",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
def merge_intervals(intervals):
    # opening events sort before closing events at the same coordinate, so touching intervals join
    events = sorted([(s, 0) for s, _ in intervals] + [(e, 1) for _, e in intervals])
    merged = []
    depth = 0
    for x, kind in events:
        if kind == 0:
            if depth == 0:
                start = x
            depth += 1
        else:
            depth -= 1
            if depth == 0:
                merged.append([start, x])
    return merged
""",
        },
        {
            "label": "bitmap over doubled coordinates, runs found with bytearray.find",
            "complexity": "O(n + C) time and space for coordinate range C",
            "time_class": 1,
            "code": """\
def merge_intervals(intervals):
    if not intervals:
        return []
    top = 2 * max(e for _, e in intervals) + 2
    covered = bytearray(top)
    for s, e in intervals:
        covered[2 * s:2 * e + 1] = b"\\x01" * (2 * e - 2 * s + 1)
    merged = []
    x = covered.find(1)
    while x != -1:
        y = covered.find(0, x)  # the last cell is never covered
        merged.append([x // 2, (y - 1) // 2])
        x = covered.find(1, y)
    return merged
""",
        },
        {
            "label": "bitmap over doubled coordinates, scanned cell by cell",
            "complexity": "O(n + C) time and space for coordinate range C",
            "time_class": 2,
            "code": """\
def merge_intervals(intervals):
    if not intervals:
        return []
    top = 2 * max(e for _, e in intervals) + 2
    covered = bytearray(top)
    for s, e in intervals:
        covered[2 * s:2 * e + 1] = b"\\x01" * (2 * e - 2 * s + 1)
    merged = []
    x = 0
    while x < top:
        if covered[x]:
            y = x
            while covered[y + 1]:
                y += 1
            merged.append([x // 2, y // 2])
            x = y + 1
        else:
            x += 1
    return merged
""",
        },
        {
            "label": "insert into an unsorted list of disjoint intervals",
            "complexity": "O(n m) time for m merged intervals, O(m) space",
            "time_class": 3,
            "code": """\
def merge_intervals(intervals):
    disjoint = []
    for s, e in intervals:
        kept = []
        for a, b in disjoint:
            if b < s or e < a:
                kept.append((a, b))
            else:
                s, e = min(s, a), max(e, b)
        kept.append((s, e))
        disjoint = kept
    return sorted([list(iv) for iv in disjoint])
""",
        },
        {
            "label": "union-find over every overlapping pair",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def merge_intervals(intervals):
    n = len(intervals)
    parent = list(range(n))

    def find(x):
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for i in range(n):
        si, ei = intervals[i]
        for j in range(i + 1, n):
            sj, ej = intervals[j]
            if si <= ej and sj <= ei:
                ri, rj = find(i), find(j)
                if ri != rj:
                    parent[ri] = rj
    groups = {}
    for i, (s, e) in enumerate(intervals):
        r = find(i)
        if r in groups:
            groups[r] = [min(groups[r][0], s), max(groups[r][1], e)]
        else:
            groups[r] = [s, e]
    return sorted(groups.values())
""",
        },
        {
            "label": "repeated pairwise merge passes until stable",
            "complexity": "O(n^2) time per pass, O(n) space",
            "time_class": 3,
            "code": """\
def merge_intervals(intervals):
    current = [list(iv) for iv in intervals]
    changed = True
    while changed:
        changed = False
        result = []
        for s, e in current:
            for iv in result:
                if s <= iv[1] and iv[0] <= e:
                    iv[0], iv[1] = min(iv[0], s), max(iv[1], e)
                    changed = True
                    break
            else:
                result.append([s, e])
        current = result
    return sorted(current)
""",
        },
    ],
}
