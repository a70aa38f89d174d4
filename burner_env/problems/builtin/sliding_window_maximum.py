"""Sliding window maximum (sliding window), read from standard input."""

PROBLEM = {
    "id": "sliding_window_maximum",
    "title": "Sliding Window Maximum",
    "statement": """\
Given `n` integers and a window size `k`, print the maximum of every window of `k` consecutive
integers, from the leftmost window to the rightmost: `max(a_1..a_k), max(a_2..a_{k+1}), ...`,
`n - k + 1` values in all.

**Input** (standard input)

- The first line holds `n` and `k`.
- The second line holds `a_1 ... a_n`.

**Output** (standard output)

One line with the `n - k + 1` window maxima separated by single spaces.

**Constraints**

- `1 <= k <= n <= 10^5`
- `-10^9 <= a_i <= 10^9`

**Example**

```
Input:
8 3
1 3 -1 -3 5 3 6 7

Output:
3 3 5 5 6 7
```
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys


def main() -> None:
    data = sys.stdin.read().split()
    ...


main()
""",
    "difficulty": "hard",
    "tags": ["sliding-window", "monotonic-queue", "deque"],
    "checker": "exact",
    "tests": [
        {"stdin": "8 3\n1 3 -1 -3 5 3 6 7\n", "expected": "3 3 5 5 6 7\n"},
        {"stdin": "1 1\n5\n", "expected": "5\n"},
        {"stdin": "4 4\n2 9 -4 7\n", "expected": "9\n"},
        {"stdin": "4 1\n2 9 -4 7\n", "expected": "2 9 -4 7\n"},
        {"stdin": "6 2\n6 5 4 3 2 1\n", "expected": "6 5 4 3 2\n"},
        {"stdin": "6 3\n1 2 3 4 5 6\n", "expected": "3 4 5 6\n"},
        {"stdin": "5 2\n4 4 4 4 4\n", "expected": "4 4 4 4\n"},
        {"stdin": "5 3\n-7 -8 -9 -1 -6\n", "expected": "-7 -1 -1\n"},
        {"stdin": "7 4\n9 1 1 1 1 1 1\n", "expected": "9 1 1 1\n"},
        {"stdin": "3 2\n1000000000 -1000000000 1000000000\n", "expected": "1000000000 1000000000\n"},
        {"stdin": "9 3\n5 1 5 1 5 1 5 1 5\n", "expected": "5 5 5 5 5 5 5\n"},
    ],
    "efficiency": {
        "seed": 2502,
        "generator": """\
def generate(rng):
    tests = []
    for n, k in ((10000, 9000), (10000, 9200), (10000, 8800)):
        values = [rng.randint(-10**9, 10**9) for _ in range(n)]
        tests.append({"stdin": f"{n} {k}\\n{' '.join(map(str, values))}\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "brute force max over each window slice",
            "complexity": "O((n - k + 1) k) time (scans in C), O(k) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    print(" ".join(str(max(a[i:i + k])) for i in range(n - k + 1)))


main()
""",
        },
        {
            "label": "monotonic deque of indices",
            "complexity": "O(n) time, O(k) space",
            "time_class": 1,
            "code": """\
import sys
from collections import deque


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    window = deque()
    out = []
    for i, x in enumerate(a):
        while window and a[window[-1]] <= x:
            window.pop()
        window.append(i)
        if window[0] <= i - k:
            window.popleft()
        if i >= k - 1:
            out.append(a[window[0]])
    print(" ".join(map(str, out)))


main()
""",
        },
        {
            "label": "block prefix and suffix maxima",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    prefix = a[:]
    suffix = a[:]
    for i in range(1, n):
        if i % k:
            prefix[i] = max(prefix[i - 1], a[i])
    for i in range(n - 2, -1, -1):
        if (i + 1) % k:
            suffix[i] = max(suffix[i + 1], a[i])
    print(" ".join(str(max(suffix[i], prefix[i + k - 1])) for i in range(n - k + 1)))


main()
""",
        },
        {
            "label": "max-heap with lazy deletion",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import heapq
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    heap = []
    out = []
    for i, x in enumerate(a):
        heapq.heappush(heap, (-x, i))
        if i >= k - 1:
            while heap[0][1] <= i - k:
                heapq.heappop(heap)
            out.append(-heap[0][0])
    print(" ".join(map(str, out)))


main()
""",
        },
        {
            "label": "doubling table of range maxima",
            "complexity": "O(n log k) time, O(n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    level = a
    span = 1
    while 2 * span <= k:
        level = [max(level[i], level[i + span]) for i in range(len(level) - span)]
        span *= 2
    print(" ".join(str(max(level[i], level[i + k - span])) for i in range(n - k + 1)))


main()
""",
        },
        {
            "label": "brute force double loop",
            "complexity": "O((n - k + 1) k) time, O(1) extra space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n, k = int(data[0]), int(data[1])
    a = list(map(int, data[2:2 + n]))
    out = []
    for i in range(n - k + 1):
        best = a[i]
        for j in range(i + 1, i + k):
            if a[j] > best:
                best = a[j]
        out.append(best)
    print(" ".join(map(str, out)))


main()
""",
        },
    ],
}
