"""Maximum-sum rectangle in a matrix (matrices): Kadane over row pairs versus enumeration."""

PROBLEM = {
    "id": "max_sum_rectangle",
    "title": "Maximum Sum Rectangle",
    "statement": """\
Given a non-empty matrix of integers (a list of equal-length rows), return the largest sum of a
**non-empty** axis-aligned submatrix, i.e. of all cells `matrix[i][j]` with `r1 <= i <= r2` and
`c1 <= j <= c2` for some `r1 <= r2`, `c1 <= c2`.

Write a function `max_sum_submatrix(matrix: list[list[int]]) -> int`.

**Constraints**

- `1 <= rows, cols <= 100`
- `-100 <= matrix[i][j] <= 100`

**Examples**

```
max_sum_submatrix([[1, 2, -1, -4, -20],
                   [-8, -3, 4, 2, 1],
                   [3, 8, 10, 1, 3],
                   [-4, -1, 1, 7, -6]])   ->  29     # rows 1..3, columns 1..3
max_sum_submatrix([[-3, -2], [-1, -4]])   ->  -1
```
""",
    "io": "function",
    "entry_point": "max_sum_submatrix",
    "starter_code": """\
def max_sum_submatrix(matrix: list[list[int]]) -> int:
    ...
""",
    "difficulty": "hard",
    "tags": ["matrices", "prefix-sums", "kadane"],
    "checker": "exact",
    "tests": [
        {"args": [[[1]]], "expected": 1},
        {"args": [[[-5]]], "expected": -5},
        {"args": [[[-3, -2], [-1, -4]]], "expected": -1},
        {"args": [[[1, 2, -1, -4, -20], [-8, -3, 4, 2, 1], [3, 8, 10, 1, 3], [-4, -1, 1, 7, -6]]],
         "expected": 29},
        {"args": [[[2, 1, -3, -4, 5], [0, 6, 3, 4, 1], [2, -2, -1, 4, -5], [-3, 3, 1, 0, 3]]],
         "expected": 18},
        {"args": [[[1, -2, 3, 4]]], "expected": 7},
        {"args": [[[1], [-2], [3], [4]]], "expected": 7},
        {"args": [[[0, 0], [0, 0]]], "expected": 0},
        {"args": [[[1, 1], [1, 1]]], "expected": 4},
        {"args": [[[5, -100], [-100, 5]]], "expected": 5},
        {"args": [[[-1, 2, -1], [2, -9, 2], [-1, 2, -1]]], "expected": 2},
        {"args": [[[100, -1, 100], [-300, -300, -300], [50, 50, -1]]], "expected": 199},
    ],
    "efficiency": {
        "seed": 3001,
        "generator": """\
def generate(rng):
    tests = []
    for rows, cols in ((12, 56), (13, 52), (11, 60)):
        matrix = [[rng.randint(-100, 100) for _ in range(cols)] for _ in range(rows)]
        tests.append({"args": [matrix]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "all rectangles with a 2D prefix-sum table",
            "complexity": "O(r^2 c^2) time, O(r c) space",
            "time_class": 2,
            "code": """\
def max_sum_submatrix(matrix):
    rows, cols = len(matrix), len(matrix[0])
    prefix = [[0] * (cols + 1) for _ in range(rows + 1)]
    for i in range(rows):
        for j in range(cols):
            prefix[i + 1][j + 1] = (matrix[i][j] + prefix[i][j + 1]
                                    + prefix[i + 1][j] - prefix[i][j])
    best = matrix[0][0]
    for r1 in range(rows):
        for r2 in range(r1 + 1, rows + 1):
            top, bottom = prefix[r1], prefix[r2]
            for c1 in range(cols):
                for c2 in range(c1 + 1, cols + 1):
                    total = bottom[c2] - bottom[c1] - top[c2] + top[c1]
                    if total > best:
                        best = total
    return best
""",
        },
        {
            "label": "Kadane over column sums of every row pair",
            "complexity": "O(r^2 c) time, O(c) space",
            "time_class": 1,
            "code": """\
def max_sum_submatrix(matrix):
    rows, cols = len(matrix), len(matrix[0])
    best = matrix[0][0]
    for top in range(rows):
        sums = [0] * cols
        for bottom in range(top, rows):
            row = matrix[bottom]
            for j in range(cols):
                sums[j] += row[j]
            current = sums[0]
            best = max(best, current)
            for x in sums[1:]:
                current = max(x, current + x)
                best = max(best, current)
    return best
""",
        },
        {
            "label": "Kadane over the shorter dimension's pairs",
            "complexity": "O(min(r, c)^2 max(r, c)) time, O(max(r, c)) space",
            "time_class": 1,
            "code": """\
def max_sum_submatrix(matrix):
    if len(matrix) > len(matrix[0]):
        matrix = [list(column) for column in zip(*matrix)]
    rows, cols = len(matrix), len(matrix[0])
    best = matrix[0][0]
    for top in range(rows):
        sums = [0] * cols
        for bottom in range(top, rows):
            sums = [a + b for a, b in zip(sums, matrix[bottom])]
            prefix, lowest = 0, 0
            for x in sums:
                prefix += x
                if prefix - lowest > best:
                    best = prefix - lowest
                if prefix < lowest:
                    lowest = prefix
    return best
""",
        },
        {
            "label": "row pairs times column pairs with running sums",
            "complexity": "O(r^2 c^2) time, O(c) space",
            "time_class": 2,
            "code": """\
def max_sum_submatrix(matrix):
    rows, cols = len(matrix), len(matrix[0])
    best = matrix[0][0]
    for top in range(rows):
        sums = [0] * cols
        for bottom in range(top, rows):
            row = matrix[bottom]
            for j in range(cols):
                sums[j] += row[j]
            for c1 in range(cols):
                total = 0
                for c2 in range(c1, cols):
                    total += sums[c2]
                    if total > best:
                        best = total
    return best
""",
        },
        {
            "label": "every rectangle summed from row slices",
            "complexity": "O(r^3 c^2) time (slice sums in C), O(c) space",
            "time_class": 3,
            "code": """\
def max_sum_submatrix(matrix):
    rows, cols = len(matrix), len(matrix[0])
    best = matrix[0][0]
    for r1 in range(rows):
        for r2 in range(r1, rows):
            band = matrix[r1:r2 + 1]
            for c1 in range(cols):
                for c2 in range(c1, cols):
                    total = sum(sum(row[c1:c2 + 1]) for row in band)
                    if total > best:
                        best = total
    return best
""",
        },
        {
            "label": "row pairs with accumulated prefix minima",
            "complexity": "O(r^2 c) time, O(c) space",
            "time_class": 1,
            "code": """\
from itertools import accumulate


def max_sum_submatrix(matrix):
    rows, cols = len(matrix), len(matrix[0])
    best = matrix[0][0]
    for top in range(rows):
        sums = [0] * cols
        for bottom in range(top, rows):
            sums = [a + b for a, b in zip(sums, matrix[bottom])]
            prefix = list(accumulate(sums, initial=0))
            lowest = list(accumulate(prefix, min))
            best = max(best, max(prefix[j] - lowest[j - 1] for j in range(1, cols + 1)))
    return best
""",
        },
    ],
}
