"""Jump game II: fewest jumps to reach the last index (greedy / BFS levels)."""

PROBLEM = {
    "id": "jump_game_ii",
    "title": "Jump Game II",
    "statement": """\
You start at index `0` of the array `nums`. From index `i` you may jump to any index `j` with
`i < j <= i + nums[i]` (so `nums[i] = 0` means you cannot move from `i`). Return the minimum number
of jumps needed to reach the last index. The input guarantees that the last index is reachable; an
array of length 1 needs `0` jumps.

Implement `jump_game_ii(nums: list[int]) -> int`.

**Constraints**

- `1 <= len(nums) <= 10^5`
- `0 <= nums[i] <= 10^5`
- the last index is reachable from index `0`

**Example 1**

```
Input:  nums = [2, 3, 1, 1, 4]
Output: 2
```

Jump from index 0 to 1, then to the last index.

**Example 2**

```
Input:  nums = [2, 3, 0, 1, 4]
Output: 2
```
""",
    "io": "function",
    "entry_point": "jump_game_ii",
    "starter_code": """\
def jump_game_ii(nums: list[int]) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["greedy", "bfs", "dynamic-programming", "array"],
    "checker": "exact",
    "tests": [
        {"args": [[2, 3, 1, 1, 4]], "expected": 2},
        {"args": [[2, 3, 0, 1, 4]], "expected": 2},
        {"args": [[0]], "expected": 0},
        {"args": [[7]], "expected": 0},
        {"args": [[1, 1, 1, 1]], "expected": 3},
        {"args": [[4, 1, 1, 1, 1]], "expected": 1},
        {"args": [[1, 2]], "expected": 1},
        {"args": [[3, 0, 0, 1, 1]], "expected": 2},
        {"args": [[1, 2, 1, 1, 1]], "expected": 3},
        {"args": [[5, 9, 3, 2, 1, 0, 2, 3, 3, 1, 0, 0]], "expected": 3},
        {"args": [[2, 0, 2, 0, 1]], "expected": 2},
        {"args": [[1, 4, 1, 1, 1, 9, 1, 1, 1, 1, 1]], "expected": 3},
    ],
    "efficiency": {
        "seed": 1025,
        "generator": """\
def generate(rng):
    tests = []
    for n in (5000, 5000):
        nums = [0 if rng.random() < 0.1 else rng.randint(1000, 2000) for _ in range(n)]
        reach = 0
        for i in range(n - 1):  # repair dead ends so that the last index stays reachable
            if reach == i and nums[i] == 0:
                nums[i] = 1
            reach = max(reach, i + nums[i])
        tests.append({"args": [nums]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "greedy over BFS levels (current and next reach)",
            "complexity": "O(n) time, O(1) extra space",
            "time_class": 1,
            "code": """\
def jump_game_ii(nums):
    jumps = 0
    level_end = 0  # farthest index reachable with `jumps` jumps
    farthest = 0
    for i in range(len(nums) - 1):
        farthest = max(farthest, i + nums[i])
        if i == level_end:
            jumps += 1
            level_end = farthest
    return jumps
""",
        },
        {
            "label": "explicit BFS levels over index ranges",
            "complexity": "O(n) time, O(1) extra space",
            "time_class": 1,
            "code": """\
def jump_game_ii(nums):
    last = len(nums) - 1
    lo = hi = 0  # indices lo..hi are reachable in `jumps` jumps and not fewer
    jumps = 0
    while hi < last:
        reach = max(i + nums[i] for i in range(lo, hi + 1))
        lo, hi = hi + 1, reach
        jumps += 1
    return jumps
""",
        },
        {
            "label": "DP from the right with a monotonic stack and binary search",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
from bisect import bisect_left


def jump_game_ii(nums):
    n = len(nums)
    # candidates j > i whose dp beats every index between i and j; stored oldest first,
    # so indices decrease and dp values increase along the lists
    neg_index = [-(n - 1)]
    dp_value = [0]
    answer = 0
    for i in range(n - 2, -1, -1):
        p = bisect_left(neg_index, -(i + nums[i]))  # oldest candidate with index <= i + nums[i]
        answer = dp_value[p] + 1 if p < len(dp_value) else float("inf")
        while dp_value and dp_value[-1] >= answer:
            dp_value.pop()
            neg_index.pop()
        dp_value.append(answer)
        neg_index.append(-i)
    return answer if n > 1 else 0
""",
        },
        {
            "label": "DP from the right with a segment tree for range minimum",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
def jump_game_ii(nums):
    n = len(nums)
    size = 1
    while size < n:
        size *= 2
    inf = float("inf")
    tree = [inf] * (2 * size)

    def update(i, value):
        i += size
        tree[i] = value
        i //= 2
        while i:
            tree[i] = min(tree[2 * i], tree[2 * i + 1])
            i //= 2

    def query(lo, hi):  # minimum over [lo, hi)
        result = inf
        lo += size
        hi += size
        while lo < hi:
            if lo & 1:
                result = min(result, tree[lo])
                lo += 1
            if hi & 1:
                hi -= 1
                result = min(result, tree[hi])
            lo //= 2
            hi //= 2
        return result

    update(n - 1, 0)
    for i in range(n - 2, -1, -1):
        best = query(i + 1, min(n, i + nums[i] + 1))
        update(i, best + 1)
    return tree[size]
""",
        },
        {
            "label": "DP relaxing every jump forward",
            "complexity": "O(n k) time for jump lengths up to k, O(n) space",
            "time_class": 3,
            "code": """\
def jump_game_ii(nums):
    n = len(nums)
    dp = [float("inf")] * n
    dp[0] = 0
    for i in range(n):
        step = dp[i] + 1
        for j in range(i + 1, min(n, i + nums[i] + 1)):
            if step < dp[j]:
                dp[j] = step
    return dp[-1]
""",
        },
        {
            "label": "breadth-first search over indices, every edge examined",
            "complexity": "O(n k) time, O(n) space",
            "time_class": 3,
            "code": """\
from collections import deque


def jump_game_ii(nums):
    n = len(nums)
    dist = [-1] * n
    dist[0] = 0
    queue = deque([0])
    while queue:
        i = queue.popleft()
        for j in range(i + 1, min(n, i + nums[i] + 1)):
            if dist[j] < 0:
                dist[j] = dist[i] + 1
                queue.append(j)
    return dist[-1]
""",
        },
    ],
}
