"""Daily temperatures: days until a warmer day (monotonic stack)."""

PROBLEM = {
    "id": "daily_temperatures",
    "title": "Daily Temperatures",
    "statement": """\
Given the daily temperatures `temperatures`, return a list `answer` of the same length where
`answer[i]` is the number of days you have to wait after day `i` to get a **strictly warmer**
temperature, i.e. `j - i` for the smallest `j > i` with `temperatures[j] > temperatures[i]`. If no
later day is warmer, `answer[i]` is `0`.

Implement `daily_temperatures(temperatures: list[int]) -> list[int]`.

**Constraints**

- `0 <= len(temperatures) <= 10^5`
- `30 <= temperatures[i] <= 100`

**Example 1**

```
Input:  temperatures = [73, 74, 75, 71, 69, 72, 76, 73]
Output: [1, 1, 4, 2, 1, 1, 0, 0]
```

**Example 2**

```
Input:  temperatures = [30, 30, 31]
Output: [2, 1, 0]
```

An equal temperature is not warmer.
""",
    "io": "function",
    "entry_point": "daily_temperatures",
    "starter_code": """\
def daily_temperatures(temperatures: list[int]) -> list[int]:
    ...
""",
    "difficulty": "medium",
    "tags": ["monotonic-stack", "stack", "array"],
    "checker": "exact",
    "tests": [
        {"args": [[73, 74, 75, 71, 69, 72, 76, 73]], "expected": [1, 1, 4, 2, 1, 1, 0, 0]},
        {"args": [[30, 30, 31]], "expected": [2, 1, 0]},
        {"args": [[]], "expected": []},
        {"args": [[55]], "expected": [0]},
        {"args": [[30, 40, 50, 60]], "expected": [1, 1, 1, 0]},
        {"args": [[90, 80, 70, 60]], "expected": [0, 0, 0, 0]},
        {"args": [[50, 50, 50, 50]], "expected": [0, 0, 0, 0]},
        {"args": [[100, 30, 100, 30, 99]], "expected": [0, 1, 0, 1, 0]},
        {"args": [[89, 62, 70, 58, 47, 47, 46, 76, 100, 70]], "expected": [8, 1, 5, 4, 3, 2, 1, 1, 0, 0]},
        {"args": [[35, 31, 33, 36, 34]], "expected": [3, 1, 1, 0, 0]},
    ],
    "efficiency": {
        "seed": 1004,
        "generator": """\
def generate(rng):
    n, block = 30000, 1000
    # sawtooth: each block cools down from the high nineties, then a 100-degree day follows
    saw = []
    while len(saw) < n:
        saw.extend(sorted((rng.randint(30, 99) for _ in range(block - 1)), reverse=True))
        saw.append(100)
    noise = [rng.randint(30, 100) for _ in range(n)]
    return [{"args": [saw[:n]]}, {"args": [noise]}]
""",
    },
    "solutions": [
        {
            "label": "monotonic stack of unresolved days",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
def daily_temperatures(temperatures):
    answer = [0] * len(temperatures)
    stack = []  # indices with strictly decreasing temperatures
    for i, t in enumerate(temperatures):
        while stack and temperatures[stack[-1]] < t:
            j = stack.pop()
            answer[j] = i - j
        stack.append(i)
    return answer
""",
        },
        {
            "label": "right-to-left stack of candidates",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
def daily_temperatures(temperatures):
    n = len(temperatures)
    answer = [0] * n
    stack = []
    for i in range(n - 1, -1, -1):
        t = temperatures[i]
        while stack and temperatures[stack[-1]] <= t:
            stack.pop()
        if stack:
            answer[i] = stack[-1] - i
        stack.append(i)
    return answer
""",
        },
        {
            "label": "right-to-left jumps along the answer chain",
            "complexity": "O(n) amortised time, O(1) extra space",
            "time_class": 1,
            "code": """\
def daily_temperatures(temperatures):
    n = len(temperatures)
    answer = [0] * n
    hottest = 0
    for i in range(n - 1, -1, -1):
        t = temperatures[i]
        if t >= hottest:
            hottest = t
            continue
        j = i + 1
        while temperatures[j] <= t:
            j += answer[j]
        answer[i] = j - i
    return answer
""",
        },
        {
            "label": "next occurrence of every temperature value",
            "complexity": "O(n * W) time for W distinct temperatures, O(W) extra space",
            "time_class": 2,
            "code": """\
def daily_temperatures(temperatures):
    n = len(temperatures)
    answer = [0] * n
    nxt = [None] * 102  # nxt[v]: nearest later index with temperature v
    for i in range(n - 1, -1, -1):
        t = temperatures[i]
        best = None
        for v in range(t + 1, 101):
            j = nxt[v]
            if j is not None and (best is None or j < best):
                best = j
        if best is not None:
            answer[i] = best - i
        nxt[t] = i
    return answer
""",
        },
        {
            "label": "sparse table of maxima and binary search",
            "complexity": "O(n log n) time, O(n log n) space",
            "time_class": 2,
            "code": """\
def daily_temperatures(temperatures):
    n = len(temperatures)
    # table[k][i] = max(temperatures[i : i + 2**k])
    table = [list(temperatures)]
    k = 1
    while (1 << k) <= n:
        prev = table[-1]
        half = 1 << (k - 1)
        table.append([max(prev[i], prev[i + half]) for i in range(n - (1 << k) + 1)])
        k += 1
    answer = [0] * n
    for i, t in enumerate(temperatures):
        # extend a window starting at i + 1 by decreasing powers of two while its max stays <= t
        pos = i + 1
        for level in range(len(table) - 1, -1, -1):
            row = table[level]
            if pos < len(row) and row[pos] <= t:
                pos += 1 << level
        if pos < n:
            answer[i] = pos - i
    return answer
""",
        },
        {
            "label": "brute force scan forward",
            "complexity": "O(n^2) time worst case, O(1) extra space",
            "time_class": 3,
            "code": """\
def daily_temperatures(temperatures):
    n = len(temperatures)
    answer = [0] * n
    for i in range(n):
        for j in range(i + 1, n):
            if temperatures[j] > temperatures[i]:
                answer[i] = j - i
                break
    return answer
""",
        },
        {
            "label": "brute force with next() over a generator",
            "complexity": "O(n^2) time worst case, O(1) extra space",
            "time_class": 3,
            "code": """\
def daily_temperatures(temperatures):
    n = len(temperatures)
    return [
        next((j - i for j in range(i + 1, n) if temperatures[j] > t), 0)
        for i, t in enumerate(temperatures)
    ]
""",
        },
    ],
}
