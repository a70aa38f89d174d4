"""Minimum number of meeting rooms (intervals / heaps / sweep line)."""

PROBLEM = {
    "id": "meeting_rooms_min",
    "title": "Meeting Rooms: Minimum Rooms Needed",
    "statement": """\
Each meeting `[start, end]` occupies a room during the half-open time interval `[start, end)`: a
room freed at time `t` can host a meeting that starts at time `t`. Return the minimum number of
rooms needed to hold all meetings, i.e. the largest number of meetings in progress at the same time.
With no meetings, return `0`.

Implement `Solution.minMeetingRooms(intervals: list[list[int]]) -> int`.

**Constraints**

- `0 <= len(intervals) <= 10^4`
- `0 <= start < end <= 10^6`

**Example 1**

```
Input:  intervals = [[0, 30], [5, 10], [15, 20]]
Output: 2
```

**Example 2**

```
Input:  intervals = [[7, 10], [2, 4], [4, 7]]
Output: 1
```

Back-to-back meetings can share a room.
""",
    "io": "class",
    "entry_point": "Solution.minMeetingRooms",
    "starter_code": """\
class Solution:
    def minMeetingRooms(self, intervals: list[list[int]]) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["intervals", "heap", "sweep-line", "sorting"],
    "checker": "exact",
    "tests": [
        {"args": [[[0, 30], [5, 10], [15, 20]]], "expected": 2},
        {"args": [[[7, 10], [2, 4], [4, 7]]], "expected": 1},
        {"args": [[]], "expected": 0},
        {"args": [[[3, 8]]], "expected": 1},
        {"args": [[[1, 5], [1, 5], [1, 5]]], "expected": 3},
        {"args": [[[1, 2], [2, 3], [3, 4], [1, 4]]], "expected": 2},
        {"args": [[[0, 1000000], [999999, 1000000], [0, 1]]], "expected": 2},
        {"args": [[[1, 10], [2, 3], [4, 5], [6, 7], [8, 9]]], "expected": 2},
        {"args": [[[9, 10], [4, 9], [4, 17]]], "expected": 2},
        {"args": [[[1, 4], [2, 5], [3, 6], [4, 7], [5, 8]]], "expected": 3},
        {"args": [[[5, 8], [6, 8], [1, 6], [8, 9]]], "expected": 2},
    ],
    "efficiency": {
        "seed": 1008,
        "generator": """\
def generate(rng):
    tests = []
    for n, max_len in ((2000, 60000), (2000, 200000)):
        intervals = []
        for _ in range(n):
            start = rng.randint(0, 10**6 - 1)
            intervals.append([start, min(10**6, start + rng.randint(1, max_len))])
        tests.append({"args": [intervals]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "sorted starts and ends, two pointers",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def minMeetingRooms(self, intervals):
        starts = sorted(s for s, _ in intervals)
        ends = sorted(e for _, e in intervals)
        rooms = best = 0
        j = 0
        for s in starts:
            while ends[j] <= s:
                j += 1
                rooms -= 1
            rooms += 1
            best = max(best, rooms)
        return best
""",
        },
        {
            "label": "sort by start, min-heap of end times",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import heapq


class Solution:
    def minMeetingRooms(self, intervals):
        ends = []
        for s, e in sorted(intervals):
            if ends and ends[0] <= s:
                heapq.heapreplace(ends, e)
            else:
                heapq.heappush(ends, e)
        return len(ends)
""",
        },
        {
            "label": "sweep over sorted (time, delta) events",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from itertools import accumulate


class Solution:
    def minMeetingRooms(self, intervals):
        # at equal times the -1 (end) sorts before the +1 (start)
        events = sorted([(s, 1) for s, _ in intervals] + [(e, -1) for _, e in intervals])
        return max(accumulate(d for _, d in events), default=0)
""",
        },
        {
            "label": "difference array over the whole time range",
            "complexity": "O(n + T) time and space for time range T",
            "time_class": 2,
            "code": """\
class Solution:
    def minMeetingRooms(self, intervals):
        if not intervals:
            return 0
        top = max(e for _, e in intervals)
        delta = [0] * (top + 1)
        for s, e in intervals:
            delta[s] += 1
            delta[e] -= 1
        best = running = 0
        for d in delta:
            running += d
            if running > best:
                best = running
        return best
""",
        },
        {
            "label": "reuse the room that frees up first, found by linear scan",
            "complexity": "O(n log n + n r) time for r rooms, O(r) space",
            "time_class": 2,
            "code": """\
class Solution:
    def minMeetingRooms(self, intervals):
        free_at = []  # end time of the last meeting in each room
        for s, e in sorted(intervals):
            earliest = -1
            for r in range(len(free_at)):
                if earliest < 0 or free_at[r] < free_at[earliest]:
                    earliest = r
            if earliest >= 0 and free_at[earliest] <= s:
                free_at[earliest] = e
            else:
                free_at.append(e)
        return len(free_at)
""",
        },
        {
            "label": "count meetings in progress at every start time",
            "complexity": "O(n^2) time, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def minMeetingRooms(self, intervals):
        best = 0
        for t, _ in intervals:
            active = 0
            for s, e in intervals:
                if s <= t < e:
                    active += 1
            best = max(best, active)
        return best
""",
        },
        {
            "label": "count overlaps with sum() at every start time",
            "complexity": "O(n^2) time, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def minMeetingRooms(self, intervals):
        return max((sum(1 for s, e in intervals if s <= t < e) for t, _ in intervals), default=0)
""",
        },
    ],
}
