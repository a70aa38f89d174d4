"""K-th smallest pair distance (binary search on the answer + two pointers)."""

PROBLEM = {
    "id": "kth_smallest_pair_distance",
    "title": "K-th Smallest Pair Distance",
    "statement": """\
The distance of a pair of integers `a` and `b` is `|a - b|`. Given an integer array `nums` and an
integer `k`, consider the distances of all `n * (n - 1) / 2` pairs `nums[i], nums[j]` with
`0 <= i < j < n` (equal values at different positions form distinct pairs). Return the `k`-th
smallest of these distances (1-based, counting duplicates).

Implement `kth_smallest_pair_distance(nums: list[int], k: int) -> int`.

**Constraints**

- `2 <= n == len(nums) <= 10^4`
- `0 <= nums[i] <= 10^6`
- `1 <= k <= n * (n - 1) / 2`

**Example 1**

```
Input:  nums = [1, 3, 1], k = 1
Output: 0
```

The distances are `2` (1, 3), `0` (1, 1) and `2` (3, 1); the smallest is `0`.

**Example 2**

```
Input:  nums = [1, 6, 1], k = 3
Output: 5
```
""",
    "io": "function",
    "entry_point": "kth_smallest_pair_distance",
    "starter_code": """\
def kth_smallest_pair_distance(nums: list[int], k: int) -> int:
    ...
""",
    "difficulty": "hard",
    "tags": ["binary-search", "binary-search-on-answer", "two-pointers", "sorting", "heap"],
    "checker": "exact",
    "tests": [
        {"args": [[1, 3, 1], 1], "expected": 0},
        {"args": [[1, 6, 1], 3], "expected": 5},
        {"args": [[1, 1, 1], 2], "expected": 0},
        {"args": [[4, 9], 1], "expected": 5},
        {"args": [[1, 2, 3, 4], 1], "expected": 1},
        {"args": [[1, 2, 3, 4], 4], "expected": 2},
        {"args": [[1, 2, 3, 4], 6], "expected": 3},
        {"args": [[1, 2, 3, 4], 3], "expected": 1},
        {"args": [[9, 10, 7, 10, 6, 1, 5, 4, 9, 8], 18], "expected": 2},
        {"args": [[0, 1000000, 500000], 3], "expected": 1000000},
        {"args": [[62, 100, 4], 2], "expected": 58},
        {"args": [[5, 5, 8, 8], 3], "expected": 3},
    ],
    "efficiency": {
        "seed": 1011,
        "generator": """\
def generate(rng):
    tests = []
    for n, k in ((1000, 30000), (1200, 50000)):
        nums = [rng.randint(0, 10**6) for _ in range(n)]
        tests.append({"args": [nums, k]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "binary search on the distance, two-pointer pair counting",
            "complexity": "O(n log n + n log W) time for W = max - min, O(n) space",
            "time_class": 1,
            "code": """\
def kth_smallest_pair_distance(nums, k):
    a = sorted(nums)
    n = len(a)

    def pairs_within(d):
        count, left = 0, 0
        for right in range(n):
            while a[right] - a[left] > d:
                left += 1
            count += right - left
        return count

    lo, hi = 0, a[-1] - a[0]
    while lo < hi:
        mid = (lo + hi) // 2
        if pairs_within(mid) >= k:
            hi = mid
        else:
            lo = mid + 1
    return lo
""",
        },
        {
            "label": "binary search on the distance, bisect pair counting",
            "complexity": "O(n log n log W) time, O(n) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_left


def kth_smallest_pair_distance(nums, k):
    a = sorted(nums)
    n = len(a)
    lo, hi = 0, a[-1] - a[0]
    while lo < hi:
        mid = (lo + hi) // 2
        # pairs (i, j), i < j, with a[j] - a[i] <= mid
        count = sum(j - bisect_left(a, a[j] - mid, 0, j) for j in range(n))
        if count >= k:
            hi = mid
        else:
            lo = mid + 1
    return lo
""",
        },
        {
            "label": "k-way merge of sorted rows with a heap",
            "complexity": "O(n log n + k log n) time, O(n) space",
            "time_class": 2,
            "code": """\
import heapq


def kth_smallest_pair_distance(nums, k):
    a = sorted(nums)
    # row i lists a[j] - a[i] for j > i in increasing order
    heap = [(a[i + 1] - a[i], i, i + 1) for i in range(len(a) - 1)]
    heapq.heapify(heap)
    for _ in range(k - 1):
        _, i, j = heapq.heappop(heap)
        if j + 1 < len(a):
            heapq.heappush(heap, (a[j + 1] - a[i], i, j + 1))
    return heap[0][0]
""",
        },
        {
            "label": "k-way merge with integer-encoded heap entries",
            "complexity": "O(n log n + k log n) time, O(n) space",
            "time_class": 2,
            "code": """\
from heapq import heapify, heapreplace


def kth_smallest_pair_distance(nums, k):
    a = sorted(nums)
    n = len(a)
    # entry = (distance * n + i) * n + j keeps the heap on plain ints
    heap = [((a[i + 1] - a[i]) * n + i) * n + i + 1 for i in range(n - 1)]
    heapify(heap)
    for _ in range(k - 1):
        top = heap[0]
        j = top % n
        i = top // n % n
        if j + 1 < n:
            heapreplace(heap, ((a[j + 1] - a[i]) * n + i) * n + j + 1)
        else:
            heapreplace(heap, float("inf"))
    return heap[0] // (n * n)
""",
        },
        {
            "label": "all pair distances, sorted",
            "complexity": "O(n^2 log n) time, O(n^2) space",
            "time_class": 3,
            "code": """\
def kth_smallest_pair_distance(nums, k):
    n = len(nums)
    distances = [abs(nums[i] - nums[j]) for i in range(n) for j in range(i + 1, n)]
    distances.sort()
    return distances[k - 1]
""",
        },
        {
            "label": "all pair distances, heapq.nsmallest",
            "complexity": "O(n^2 log k) time, O(k) space",
            "time_class": 3,
            "code": """\
import heapq


def kth_smallest_pair_distance(nums, k):
    n = len(nums)
    pairs = (abs(nums[i] - nums[j]) for i in range(n) for j in range(i + 1, n))
    return heapq.nsmallest(k, pairs)[-1]
""",
        },
        {
            "label": "counting sort of all pair distances",
            "complexity": "O(n^2 + W) time, O(W) space",
            "time_class": 3,
            "code": """\
def kth_smallest_pair_distance(nums, k):
    a = sorted(nums)
    count = [0] * (a[-1] - a[0] + 1)
    for i, x in enumerate(a):
        for y in a[i + 1:]:
            count[y - x] += 1
    for d, c in enumerate(count):
        k -= c
        if k <= 0:
            return d
""",
        },
    ],
}
