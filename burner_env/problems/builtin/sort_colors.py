"""Sort colours (sorting / counting): counting and partitioning versus comparison sorts."""

PROBLEM = {
    "id": "sort_colors",
    "title": "Sort Colors",
    "statement": """\
A list `nums` holds only the values `0`, `1` and `2` (red, white and blue). Return the list sorted
in non-decreasing order: all `0`s, then all `1`s, then all `2`s. You may sort `nums` in place and
return it, or return a new list.

Implement `Solution.sortColors(self, nums: list[int]) -> list[int]`.

**Constraints**

- `0 <= len(nums) <= 10^5`
- `nums[i]` is `0`, `1` or `2`

**Examples**

```
sortColors([2, 0, 2, 1, 1, 0])  ->  [0, 0, 1, 1, 2, 2]
sortColors([2, 0, 1])           ->  [0, 1, 2]
```
""",
    "io": "class",
    "entry_point": "Solution.sortColors",
    "starter_code": """\
class Solution:
    def sortColors(self, nums: list[int]) -> list[int]:
        ...
""",
    "difficulty": "medium",
    "tags": ["sorting", "counting", "two-pointers"],
    "checker": "exact",
    "tests": [
        {"args": [[2, 0, 2, 1, 1, 0]], "expected": [0, 0, 1, 1, 2, 2]},
        {"args": [[2, 0, 1]], "expected": [0, 1, 2]},
        {"args": [[]], "expected": []},
        {"args": [[1]], "expected": [1]},
        {"args": [[0, 0, 0]], "expected": [0, 0, 0]},
        {"args": [[2, 2, 1, 1, 0, 0]], "expected": [0, 0, 1, 1, 2, 2]},
        {"args": [[1, 0]], "expected": [0, 1]},
        {"args": [[2, 1]], "expected": [1, 2]},
        {"args": [[0, 2]], "expected": [0, 2]},
        {"args": [[1, 2, 0, 0, 2, 1, 1, 2, 0]], "expected": [0, 0, 0, 1, 1, 1, 2, 2, 2]},
        {"args": [[2, 2, 2, 0]], "expected": [0, 2, 2, 2]},
        {"args": [[1, 1, 2, 1, 1]], "expected": [1, 1, 1, 1, 2]},
    ],
    "efficiency": {
        "seed": 2601,
        "generator": """\
def generate(rng):
    tests = []
    for weights in ((1, 1, 1), (3, 1, 2), (1, 4, 1)):
        nums = rng.choices((0, 1, 2), weights=weights, k=3000)
        tests.append({"args": [nums]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "built-in sort",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def sortColors(self, nums):
        return sorted(nums)
""",
        },
        {
            "label": "Dutch national flag, one pass in place",
            "complexity": "O(n) time, O(1) space",
            "time_class": 1,
            "code": """\
class Solution:
    def sortColors(self, nums):
        low, mid, high = 0, 0, len(nums) - 1
        while mid <= high:
            if nums[mid] == 0:
                nums[low], nums[mid] = nums[mid], nums[low]
                low += 1
                mid += 1
            elif nums[mid] == 1:
                mid += 1
            else:
                nums[mid], nums[high] = nums[high], nums[mid]
                high -= 1
        return nums
""",
        },
        {
            "label": "counting pass, then overwrite in place",
            "complexity": "O(n) time, O(1) space",
            "time_class": 1,
            "code": """\
class Solution:
    def sortColors(self, nums):
        counts = [0, 0, 0]
        for x in nums:
            counts[x] += 1
        i = 0
        for colour in range(3):
            for _ in range(counts[colour]):
                nums[i] = colour
                i += 1
        return nums
""",
        },
        {
            "label": "top-down merge sort",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def sortColors(self, nums):
        def merge_sort(a):
            if len(a) <= 1:
                return a
            mid = len(a) // 2
            left, right = merge_sort(a[:mid]), merge_sort(a[mid:])
            merged = []
            i = j = 0
            while i < len(left) and j < len(right):
                if left[i] <= right[j]:
                    merged.append(left[i])
                    i += 1
                else:
                    merged.append(right[j])
                    j += 1
            merged.extend(left[i:])
            merged.extend(right[j:])
            return merged

        return merge_sort(nums)
""",
        },
        {
            "label": "insertion sort in place",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
class Solution:
    def sortColors(self, nums):
        for i in range(1, len(nums)):
            x = nums[i]
            j = i - 1
            while j >= 0 and nums[j] > x:
                nums[j + 1] = nums[j]
                j -= 1
            nums[j + 1] = x
        return nums
""",
        },
        {
            "label": "bubble sort in place",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
class Solution:
    def sortColors(self, nums):
        n = len(nums)
        for end in range(n - 1, 0, -1):
            swapped = False
            for i in range(end):
                if nums[i] > nums[i + 1]:
                    nums[i], nums[i + 1] = nums[i + 1], nums[i]
                    swapped = True
            if not swapped:
                break
        return nums
""",
        },
    ],
}
