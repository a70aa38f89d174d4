"""Total Hamming distance over all pairs (bit manipulation), read from standard input."""

PROBLEM = {
    "id": "total_hamming_distance",
    "title": "Total Hamming Distance",
    "statement": """\
The Hamming distance of two non-negative integers is the number of bit positions in which their
binary representations differ. Given `n` integers, print the sum of the Hamming distances over all
pairs of positions `i < j`.

**Input** (standard input)

- The first line holds `n`.
- The second line holds `a_1 ... a_n` (it may be empty or missing when `n = 0`).

**Output** (standard output)

A single line with the total.

**Constraints**

- `0 <= n <= 10^5`
- `0 <= a_i < 2^30`

**Example**

```
Input:
3
4 14 2

Output:
6
```

(`4 = 0100`, `14 = 1110`, `2 = 0010`: the pair distances are 2, 2 and 2.)
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
    "tags": ["bit-manipulation", "counting"],
    "checker": "exact",
    "tests": [
        {"stdin": "3\n4 14 2\n", "expected": "6\n"},
        {"stdin": "3\n4 14 4\n", "expected": "4\n"},
        {"stdin": "1\n7\n", "expected": "0\n"},
        {"stdin": "0\n", "expected": "0\n"},
        {"stdin": "2\n0 1073741823\n", "expected": "30\n"},
        {"stdin": "4\n1 1 1 1\n", "expected": "0\n"},
        {"stdin": "3\n1 2 4\n", "expected": "6\n"},
        {"stdin": "4\n0 1 2 3\n", "expected": "8\n"},
        {"stdin": "3\n536870912 536870912 0\n", "expected": "2\n"},
        {"stdin": "5\n0 0 0 0 1073741823\n", "expected": "120\n"},
    ],
    "efficiency": {
        "seed": 2902,
        "generator": """\
def generate(rng):
    tests = []
    for n in (450, 450, 450):
        values = [rng.randrange(2**30) for _ in range(n)]
        tests.append({"stdin": f"{n}\\n{' '.join(map(str, values))}\\n"})
    return tests
""",
    },
    "solutions": [
        {
            "label": "count ones per bit position",
            "complexity": "O(30 n) time, O(1) extra space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    values = list(map(int, data[1:1 + n]))
    total = 0
    for bit in range(30):
        ones = sum((x >> bit) & 1 for x in values)
        total += ones * (n - ones)
    print(total)


main()
""",
        },
        {
            "label": "one pass filling 30 bit counters",
            "complexity": "O(30 n) time, O(30) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    counts = [0] * 30
    for token in data[1:1 + n]:
        x = int(token)
        bit = 0
        while x:
            if x & 1:
                counts[bit] += 1
            x >>= 1
            bit += 1
    print(sum(c * (n - c) for c in counts))


main()
""",
        },
        {
            "label": "all pairs with int.bit_count",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    a = list(map(int, data[1:1 + n]))
    total = 0
    for i in range(n):
        x = a[i]
        for j in range(i + 1, n):
            total += (x ^ a[j]).bit_count()
    print(total)


main()
""",
        },
        {
            "label": "all pairs with bin().count",
            "complexity": "O(n^2) time (a string per pair), O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    a = list(map(int, data[1:1 + n]))
    print(sum(bin(a[i] ^ a[j]).count("1") for i in range(n) for j in range(i + 1, n)))


main()
""",
        },
        {
            "label": "all pairs, clearing the lowest set bit",
            "complexity": "O(n^2 * popcount) time, O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    a = list(map(int, data[1:1 + n]))
    total = 0
    for i in range(n):
        for j in range(i + 1, n):
            x = a[i] ^ a[j]
            while x:
                x &= x - 1
                total += 1
    print(total)


main()
""",
        },
        {
            "label": "all pairs, comparing every bit",
            "complexity": "O(30 n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    data = sys.stdin.read().split()
    n = int(data[0]) if data else 0
    a = list(map(int, data[1:1 + n]))
    total = 0
    for i in range(n):
        for j in range(i + 1, n):
            for bit in range(30):
                if (a[i] >> bit) & 1 != (a[j] >> bit) & 1:
                    total += 1
    print(total)


main()
""",
        },
    ],
}
