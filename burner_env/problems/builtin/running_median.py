"""Running median of a stream (heaps / priority queues)."""

PROBLEM = {
    "id": "running_median",
    "title": "Running Median",
    "statement": """\
Numbers arrive one at a time. After each arrival, report the **lower median** of all numbers
received so far: if `k` numbers have arrived, sort them and report the element at 1-based position
`ceil(k / 2)` (for even `k` this is the smaller of the two middle elements).

**Input** (standard input)

- The first line holds `n`, the number of values.
- The second line holds the `n` integers `a_1 ... a_n` separated by spaces (it may be empty or
  missing when `n = 0`).

**Output** (standard output)

Print `n` lines; line `k` holds the lower median of `a_1 ... a_k`.

**Constraints**

- `0 <= n <= 10^5`
- `-10^9 <= a_i <= 10^9`

**Example**

```
Input:
5
5 15 1 3 8

Output:
5
5
5
3
5
```

After `5 15` the sorted prefix is `[5, 15]`, whose lower median is `5`; after `5 15 1 3` it is
`[1, 3, 5, 15]`, lower median `3`.
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
    "difficulty": "medium",
    "tags": ["heap", "priority-queue", "data-stream"],
    "checker": "exact",
    "tests": [
        {"stdin": "5\n5 15 1 3 8\n", "expected": "5\n5\n5\n3\n5\n"},
        {"stdin": "1\n42\n", "expected": "42\n"},
        {"stdin": "0\n", "expected": ""},
        {"stdin": "2\n7 3\n", "expected": "7\n3\n"},
        {"stdin": "6\n1 2 3 4 5 6\n", "expected": "1\n1\n2\n2\n3\n3\n"},
        {"stdin": "6\n6 5 4 3 2 1\n", "expected": "6\n5\n5\n4\n4\n3\n"},
        {"stdin": "5\n4 4 4 4 4\n", "expected": "4\n4\n4\n4\n4\n"},
        {"stdin": "4\n-5 -10 0 -7\n", "expected": "-5\n-10\n-5\n-7\n"},
        {"stdin": "7\n1000000000 -1000000000 3 3 -1 2 2\n",
         "expected": "1000000000\n-1000000000\n3\n3\n3\n2\n2\n"},
        {"stdin": "8\n2 9 2 9 2 9 5 5\n", "expected": "2\n2\n2\n2\n2\n2\n5\n5\n"},
    ],
    "efficiency": {
        "seed": 1002,
        "generator": """\
def generate(rng):
    tests = []
    for n in (2500, 2500):
        values = [rng.randint(-10**9, 10**9) for _ in range(n)]
        tests.append({"stdin": f"{n}\\n{' '.join(map(str, values))}\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "two heaps",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import heapq
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    low, high = [], []  # low is a max-heap (negated) holding the smaller half
    out = []
    for token in data[1:n + 1]:
        x = int(token)
        if low and x > -low[0]:
            heapq.heappush(high, x)
        else:
            heapq.heappush(low, -x)
        if len(low) > len(high) + 1:
            heapq.heappush(high, -heapq.heappop(low))
        elif len(high) > len(low):
            heapq.heappush(low, -heapq.heappop(high))
        out.append(-low[0])
    sys.stdout.write("".join(f"{v}\\n" for v in out))


main()
""",
        },
        {
            "label": "sorted list with bisect.insort",
            "complexity": "O(n log n) comparisons, O(n^2) element moves (memmove), O(n) space",
            "time_class": 1,
            "code": """\
import bisect
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    window = []
    out = []
    for token in data[1:n + 1]:
        bisect.insort(window, int(token))
        out.append(window[(len(window) - 1) // 2])
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "Fenwick tree over compressed values",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    values = [int(t) for t in data[1:n + 1]]
    ranks = sorted(set(values))
    index = {v: i + 1 for i, v in enumerate(ranks)}
    size = len(ranks)
    tree = [0] * (size + 1)
    top = 1
    while top * 2 <= size:
        top *= 2
    out = []
    for k, v in enumerate(values, 1):
        i = index[v]
        while i <= size:
            tree[i] += 1
            i += i & -i
        # find the smallest rank whose prefix count reaches (k + 1) // 2
        need = (k + 1) // 2
        pos, step = 0, top
        while step:
            nxt = pos + step
            if nxt <= size and tree[nxt] < need:
                pos = nxt
                need -= tree[nxt]
            step //= 2
        out.append(ranks[pos])
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "re-sort the prefix after every arrival",
            "complexity": "O(n^2) time (Timsort on an almost sorted list), O(n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    seen = []
    out = []
    for token in data[1:n + 1]:
        seen.append(int(token))
        seen.sort()
        out.append(seen[(len(seen) - 1) // 2])
    print("\\n".join(map(str, out)))


main()
""",
        },
        {
            "label": "insertion by linear scan",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    ordered = []
    for token in data[1:n + 1]:
        x = int(token)
        i = len(ordered)
        ordered.append(x)
        while i > 0 and ordered[i - 1] > x:
            ordered[i] = ordered[i - 1]
            i -= 1
        ordered[i] = x
        print(ordered[(len(ordered) - 1) // 2])


main()
""",
        },
        {
            "label": "quickselect on every prefix",
            "complexity": "O(n^2) expected time, O(n) space",
            "time_class": 3,
            "code": """\
import random
import sys


def select(items, k):
    # k-th smallest (0-based), expected linear time
    while True:
        pivot = items[random.randrange(len(items))]
        lows = [v for v in items if v < pivot]
        if k < len(lows):
            items = lows
            continue
        equal = sum(1 for v in items if v == pivot)
        if k < len(lows) + equal:
            return pivot
        k -= len(lows) + equal
        items = [v for v in items if v > pivot]


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    values = [int(t) for t in data[1:n + 1]]
    out = [select(values[:k], (k - 1) // 2) for k in range(1, n + 1)]
    print("\\n".join(map(str, out)))


main()
""",
        },
    ],
}
