"""Maximum profit job scheduling (weighted interval scheduling: DP + binary search)."""

PROBLEM = {
    "id": "max_profit_job_scheduling",
    "title": "Maximum Profit in Job Scheduling",
    "statement": """\
Job `i` runs during the half-open interval `[startTime[i], endTime[i])` and earns `profit[i]`.
Choose a set of jobs no two of which overlap and return the largest total profit. A job that ends
at time `t` does not overlap a job that starts at time `t`.

Implement `Solution.jobScheduling(startTime: list[int], endTime: list[int], profit: list[int]) -> int`.

**Constraints**

- `1 <= n == len(startTime) == len(endTime) == len(profit) <= 5 * 10^4`
- `1 <= startTime[i] < endTime[i] <= 10^6`
- `1 <= profit[i] <= 10^4`

**Example 1**

```
Input:  startTime = [1, 2, 3, 3], endTime = [3, 4, 5, 6], profit = [50, 10, 40, 70]
Output: 120
```

Jobs 0 and 3 (`[1, 3)` and `[3, 6)`) earn 50 + 70.

**Example 2**

```
Input:  startTime = [1, 1, 1], endTime = [2, 3, 4], profit = [5, 6, 4]
Output: 6
```
""",
    "io": "class",
    "entry_point": "Solution.jobScheduling",
    "starter_code": """\
class Solution:
    def jobScheduling(self, startTime: list[int], endTime: list[int], profit: list[int]) -> int:
        ...
""",
    "difficulty": "hard",
    "tags": ["dynamic-programming", "binary-search", "intervals", "sorting"],
    "checker": "exact",
    "tests": [
        {"args": [[1, 2, 3, 3], [3, 4, 5, 6], [50, 10, 40, 70]], "expected": 120},
        {"args": [[1, 1, 1], [2, 3, 4], [5, 6, 4]], "expected": 6},
        {"args": [[1, 2, 3, 4, 6], [3, 5, 10, 6, 9], [20, 20, 100, 70, 60]], "expected": 150},
        {"args": [[5], [6], [7]], "expected": 7},
        {"args": [[1, 2, 3], [2, 3, 4], [1, 1, 1]], "expected": 3},
        {"args": [[1, 1, 1], [5, 5, 5], [3, 9, 4]], "expected": 9},
        {"args": [[1, 3, 2], [4, 6, 3], [5, 5, 2]], "expected": 7},
        {"args": [[4, 2, 4, 8, 2], [5, 5, 5, 10, 8], [1, 2, 8, 10, 4]], "expected": 18},
        {"args": [[1, 10], [100000, 20], [10000, 9999]], "expected": 10000},
        {"args": [[6, 15, 7, 11, 1, 3, 16, 2], [19, 18, 19, 16, 10, 8, 19, 8], [2, 9, 1, 19, 5, 7, 3, 19]],
         "expected": 41},
    ],
    "efficiency": {
        "seed": 1023,
        "generator": """\
def generate(rng):
    tests = []
    for n, horizon in ((2500, 5 * 10**4), (2500, 5 * 10**4)):
        start, end, profit = [], [], []
        for _ in range(n):
            s = rng.randint(1, horizon - 1)
            start.append(s)
            end.append(min(horizon, s + rng.randint(1, horizon // 20)))
            profit.append(rng.randint(1, 10**4))
        tests.append({"args": [start, end, profit]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "sort by end time, DP with binary search for the last compatible job",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_right


class Solution:
    def jobScheduling(self, startTime, endTime, profit):
        jobs = sorted(zip(endTime, startTime, profit))
        ends = [e for e, _, _ in jobs]
        best = [0] * (len(jobs) + 1)  # best[i]: best profit using the first i jobs by end time
        for i, (e, s, p) in enumerate(jobs):
            k = bisect_right(ends, s, 0, i)  # jobs 0..k-1 end no later than s
            best[i + 1] = max(best[i], best[k] + p)
        return best[-1]
""",
        },
        {
            "label": "sort by start time, DP from the right with binary search",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_left


class Solution:
    def jobScheduling(self, startTime, endTime, profit):
        jobs = sorted(zip(startTime, endTime, profit))
        starts = [s for s, _, _ in jobs]
        n = len(jobs)
        best = [0] * (n + 1)  # best[i]: best profit from jobs i.. (by start time)
        for i in range(n - 1, -1, -1):
            _, e, p = jobs[i]
            best[i] = max(best[i + 1], p + best[bisect_left(starts, e, i + 1)])
        return best[0]
""",
        },
        {
            "label": "sweep by start time with a min-heap of finished chains",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import heapq


class Solution:
    def jobScheduling(self, startTime, endTime, profit):
        heap = []  # (end time, best total of a chain ending with that job)
        settled = 0  # best total among chains that end before the current start
        for s, e, p in sorted(zip(startTime, endTime, profit)):
            while heap and heap[0][0] <= s:
                settled = max(settled, heapq.heappop(heap)[1])
            heapq.heappush(heap, (e, settled + p))
        while heap:
            settled = max(settled, heapq.heappop(heap)[1])
        return settled
""",
        },
        {
            "label": "DP over every time unit",
            "complexity": "O(T + n log n) time for T = max end time, O(T + n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def jobScheduling(self, startTime, endTime, profit):
        horizon = max(endTime)
        by_end = [[] for _ in range(horizon + 1)]
        for s, e, p in zip(startTime, endTime, profit):
            by_end[e].append((s, p))
        best = [0] * (horizon + 1)  # best[t]: best profit of jobs finished by time t
        for t in range(1, horizon + 1):
            b = best[t - 1]
            for s, p in by_end[t]:
                if best[s] + p > b:
                    b = best[s] + p
            best[t] = b
        return best[horizon]
""",
        },
        {
            "label": "sort by end time, scan back for the last compatible job",
            "complexity": "O(n log n + n k) time for k jobs overlapping a start, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def jobScheduling(self, startTime, endTime, profit):
        jobs = sorted(zip(endTime, startTime, profit))
        best = [0] * (len(jobs) + 1)
        for i, (_, s, p) in enumerate(jobs):
            k = i
            while k > 0 and jobs[k - 1][0] > s:
                k -= 1
            best[i + 1] = max(best[i], best[k] + p)
        return best[-1]
""",
        },
        {
            "label": "quadratic DP over all earlier-ending jobs",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def jobScheduling(self, startTime, endTime, profit):
        jobs = sorted(zip(endTime, startTime, profit))
        chain = []  # chain[i]: best total of a compatible set whose last job is i
        for i, (_, s, p) in enumerate(jobs):
            prior = 0
            for j in range(i):
                if jobs[j][0] <= s and chain[j] > prior:
                    prior = chain[j]
            chain.append(prior + p)
        return max(chain)
""",
        },
        {
            "label": "quadratic DP with a generator max",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def jobScheduling(self, startTime, endTime, profit):
        jobs = sorted(zip(startTime, endTime, profit), key=lambda job: job[1])
        chain = []
        for i, (s, _, p) in enumerate(jobs):
            chain.append(p + max((chain[j] for j in range(i) if jobs[j][1] <= s), default=0))
        return max(chain)
""",
        },
    ],
}
