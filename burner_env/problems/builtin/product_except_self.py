"""Product of the array except self (arrays, prefix products)."""

PROBLEM = {
    "id": "product_except_self",
    "title": "Product of Array Except Self",
    "statement": """\
Given a list of integers `nums`, return a list `answer` of the same length where `answer[i]` is the
product of all elements of `nums` **except** `nums[i]`. The product of no numbers is `1`, so a
one-element list gives `[1]`.

Implement `Solution.productExceptSelf(self, nums: list[int]) -> list[int]`.

**Constraints**

- `1 <= len(nums) <= 10^5`
- `-30 <= nums[i] <= 30`
- The product of any prefix or suffix of `nums` fits in a 64-bit signed integer.
- `nums` may contain zeros (possibly several).

**Examples**

```
productExceptSelf([1, 2, 3, 4])      ->  [24, 12, 8, 6]
productExceptSelf([-1, 1, 0, -3, 3]) ->  [0, 0, 9, 0, 0]
```
""",
    "io": "class",
    "entry_point": "Solution.productExceptSelf",
    "starter_code": """\
class Solution:
    def productExceptSelf(self, nums: list[int]) -> list[int]:
        ...
""",
    "difficulty": "medium",
    "tags": ["arrays", "prefix-sums", "divide-and-conquer"],
    "checker": "exact",
    "tests": [
        {"args": [[1, 2, 3, 4]], "expected": [24, 12, 8, 6]},
        {"args": [[-1, 1, 0, -3, 3]], "expected": [0, 0, 9, 0, 0]},
        {"args": [[5]], "expected": [1]},
        {"args": [[0]], "expected": [1]},
        {"args": [[2, 3]], "expected": [3, 2]},
        {"args": [[0, 0]], "expected": [0, 0]},
        {"args": [[0, 4, 5]], "expected": [20, 0, 0]},
        {"args": [[3, 0]], "expected": [0, 3]},
        {"args": [[0, 0, 7]], "expected": [0, 0, 0]},
        {"args": [[-2, -3, -4]], "expected": [12, 8, 6]},
        {"args": [[1, 1, 1, 1]], "expected": [1, 1, 1, 1]},
        {"args": [[-1, -1]], "expected": [-1, -1]},
        {"args": [[30, -30, 2, 0, 1]], "expected": [0, 0, 0, -1800, 0]},
    ],
    "efficiency": {
        "seed": 2102,
        "generator": """\
def generate(rng):
    tests = []
    for zeros in (0, 0, 1):
        n = 2500
        nums = [rng.choice((-1, 1)) for _ in range(n)]
        for _ in range(24):
            nums[rng.randrange(n)] = rng.choice((-3, -2, 2, 3))
        for _ in range(zeros):
            nums[rng.randrange(n)] = 0
        tests.append({"args": [nums]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "prefix and suffix arrays",
            "complexity": "O(n) time, O(n) extra space",
            "time_class": 1,
            "code": """\
class Solution:
    def productExceptSelf(self, nums):
        n = len(nums)
        prefix = [1] * n
        for i in range(1, n):
            prefix[i] = prefix[i - 1] * nums[i - 1]
        suffix = [1] * n
        for i in range(n - 2, -1, -1):
            suffix[i] = suffix[i + 1] * nums[i + 1]
        return [prefix[i] * suffix[i] for i in range(n)]
""",
        },
        {
            "label": "output array plus running suffix",
            "complexity": "O(n) time, O(1) extra space besides the output",
            "time_class": 1,
            "code": """\
class Solution:
    def productExceptSelf(self, nums):
        n = len(nums)
        answer = [1] * n
        running = 1
        for i in range(n):
            answer[i] = running
            running *= nums[i]
        running = 1
        for i in range(n - 1, -1, -1):
            answer[i] *= running
            running *= nums[i]
        return answer
""",
        },
        {
            "label": "division with zero counting",
            "complexity": "O(n) time, O(1) extra space",
            "time_class": 1,
            "code": """\
class Solution:
    def productExceptSelf(self, nums):
        zeros = nums.count(0)
        if zeros > 1:
            return [0] * len(nums)
        total = 1
        for x in nums:
            if x != 0:
                total *= x
        if zeros == 1:
            return [total if x == 0 else 0 for x in nums]
        return [total // x for x in nums]
""",
        },
        {
            "label": "divide and conquer with outside product",
            "complexity": "O(n log n) time, O(log n) extra space",
            "time_class": 2,
            "code": """\
class Solution:
    def productExceptSelf(self, nums):
        answer = [1] * len(nums)

        def product(lo, hi):
            result = 1
            for i in range(lo, hi + 1):
                result *= nums[i]
            return result

        def solve(lo, hi, outside):
            if lo == hi:
                answer[lo] = outside
                return
            mid = (lo + hi) // 2
            left, right = product(lo, mid), product(mid + 1, hi)
            solve(lo, mid, outside * right)
            solve(mid + 1, hi, outside * left)

        solve(0, len(nums) - 1, 1)
        return answer
""",
        },
        {
            "label": "brute force with math.prod slices",
            "complexity": "O(n^2) time, O(n) extra space",
            "time_class": 3,
            "code": """\
import math


class Solution:
    def productExceptSelf(self, nums):
        return [math.prod(nums[:i]) * math.prod(nums[i + 1:]) for i in range(len(nums))]
""",
        },
        {
            "label": "brute force double loop",
            "complexity": "O(n^2) time, O(1) extra space",
            "time_class": 3,
            "code": """\
class Solution:
    def productExceptSelf(self, nums):
        n = len(nums)
        answer = []
        for i in range(n):
            result = 1
            for j in range(n):
                if j != i:
                    result *= nums[j]
            answer.append(result)
        return answer
""",
        },
    ],
}
