"""Candy: fewest candies so that higher-rated neighbours get more (greedy, two passes)."""

PROBLEM = {
    "id": "candy_distribution",
    "title": "Candy Distribution",
    "statement": """\
Children stand in a line; child `i` has rating `ratings[i]`. Give candies so that

- every child gets at least one candy, and
- a child with a **strictly higher** rating than an adjacent child gets more candies than that
  neighbour (equal ratings impose nothing).

Return the minimum total number of candies.

Implement `Solution.candy(ratings: list[int]) -> int`.

**Constraints**

- `1 <= len(ratings) <= 2 * 10^4`
- `0 <= ratings[i] <= 2 * 10^4`

**Example 1**

```
Input:  ratings = [1, 0, 2]
Output: 5
```

Candies `[2, 1, 2]`.

**Example 2**

```
Input:  ratings = [1, 2, 2]
Output: 4
```

Candies `[1, 2, 1]`: the last child only has to beat nobody.
""",
    "io": "class",
    "entry_point": "Solution.candy",
    "starter_code": """\
class Solution:
    def candy(self, ratings: list[int]) -> int:
        ...
""",
    "difficulty": "hard",
    "tags": ["greedy", "array"],
    "checker": "exact",
    "tests": [
        {"args": [[1, 0, 2]], "expected": 5},
        {"args": [[1, 2, 2]], "expected": 4},
        {"args": [[5]], "expected": 1},
        {"args": [[1, 2, 3, 4]], "expected": 10},
        {"args": [[4, 3, 2, 1]], "expected": 10},
        {"args": [[2, 2, 2]], "expected": 3},
        {"args": [[1, 3, 2, 2, 1]], "expected": 7},
        {"args": [[1, 2, 87, 87, 87, 2, 1]], "expected": 13},
        {"args": [[1, 3, 4, 5, 2]], "expected": 11},
        {"args": [[0, 1, 2, 5, 3, 2, 7]], "expected": 15},
        {"args": [[29, 51, 87, 87, 72, 12]], "expected": 12},
        {"args": [[1, 6, 10, 8, 7, 3, 2]], "expected": 18},
    ],
    "efficiency": {
        "seed": 1024,
        "generator": """\
def generate(rng):
    tests = []
    for n in (8000, 8000):
        ratings = []
        value = 10**4
        direction = 1
        while len(ratings) < n:
            # zigzag: rising and falling stretches of about 200 children, rare flat steps
            direction = -direction
            for _ in range(rng.randint(150, 250)):
                if rng.random() < 0.995:
                    value += direction * rng.randint(1, 3)
                ratings.append(min(2 * 10**4, max(0, value)))
        tests.append({"args": [ratings[:n]]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "two passes: left neighbours, then right neighbours",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def candy(self, ratings):
        n = len(ratings)
        candies = [1] * n
        for i in range(1, n):
            if ratings[i] > ratings[i - 1]:
                candies[i] = candies[i - 1] + 1
        for i in range(n - 2, -1, -1):
            if ratings[i] > ratings[i + 1] and candies[i] <= candies[i + 1]:
                candies[i] = candies[i + 1] + 1
        return sum(candies)
""",
        },
        {
            "label": "single pass counting rising and falling slopes",
            "complexity": "O(n) time, O(1) extra space",
            "time_class": 1,
            "code": """\
class Solution:
    def candy(self, ratings):
        total = 1
        up = down = peak = 0  # current rise length, current fall length, height of the last peak
        for i in range(1, len(ratings)):
            if ratings[i] > ratings[i - 1]:
                up += 1
                down = 0
                peak = up
                total += up + 1
            elif ratings[i] == ratings[i - 1]:
                up = down = peak = 0
                total += 1
            else:
                up = 0
                down += 1
                # every child on the fall gets one more; the peak too once the fall outgrows it
                total += down + (1 if down > peak else 0)
        return total
""",
        },
        {
            "label": "give candies in order of rating using a heap",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
import heapq


class Solution:
    def candy(self, ratings):
        n = len(ratings)
        heap = [(r, i) for i, r in enumerate(ratings)]
        heapq.heapify(heap)
        candies = [0] * n
        while heap:
            r, i = heapq.heappop(heap)
            # all lower-rated neighbours are already settled
            c = 1
            if i > 0 and ratings[i - 1] < r:
                c = max(c, candies[i - 1] + 1)
            if i + 1 < n and ratings[i + 1] < r:
                c = max(c, candies[i + 1] + 1)
            candies[i] = c
        return sum(candies)
""",
        },
        {
            "label": "give candies in order of rating using a sort with a Python key",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def candy(self, ratings):
        n = len(ratings)
        candies = [1] * n
        for i in sorted(range(n), key=lambda k: (ratings[k], k)):
            left = candies[i - 1] + 1 if i > 0 and ratings[i - 1] < ratings[i] else 1
            right = candies[i + 1] + 1 if i + 1 < n and ratings[i + 1] < ratings[i] else 1
            candies[i] = max(left, right)
        return sum(candies)
""",
        },
        {
            "label": "relax neighbour constraints until nothing changes",
            "complexity": "O(n L) time for the longest falling run L, O(n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def candy(self, ratings):
        n = len(ratings)
        candies = [1] * n
        changed = True
        while changed:
            changed = False
            for i in range(n):
                if i > 0 and ratings[i] > ratings[i - 1] and candies[i] <= candies[i - 1]:
                    candies[i] = candies[i - 1] + 1
                    changed = True
                if i + 1 < n and ratings[i] > ratings[i + 1] and candies[i] <= candies[i + 1]:
                    candies[i] = candies[i + 1] + 1
                    changed = True
        return sum(candies)
""",
        },
        {
            "label": "measure the monotone runs around every child",
            "complexity": "O(n L) time for the longest monotone run L, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def candy(self, ratings):
        n = len(ratings)
        total = 0
        for i in range(n):
            left = 1  # length of the strictly rising run that ends at i
            j = i
            while j > 0 and ratings[j - 1] < ratings[j]:
                left += 1
                j -= 1
            right = 1  # length of the strictly falling run that starts at i
            j = i
            while j + 1 < n and ratings[j + 1] < ratings[j]:
                right += 1
                j += 1
            total += max(left, right)
        return total
""",
        },
    ],
}
