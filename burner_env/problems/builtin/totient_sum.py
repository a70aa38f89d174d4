"""Sum of Euler's totient (number theory), read from standard input."""

PROBLEM = {
    "id": "totient_sum",
    "title": "Totient Summatory Function",
    "statement": """\
Euler's totient `phi(k)` counts the integers `i` with `1 <= i <= k` and `gcd(i, k) = 1`; note
`phi(1) = 1`. Given `n`, print `phi(1) + phi(2) + ... + phi(n)`.

**Input** (standard input)

A single line with the integer `n`.

**Output** (standard output)

A single line with the sum.

**Constraints**

- `1 <= n <= 10^6`

**Example**

```
Input:
10

Output:
32
```

(`phi(1..10) = 1, 1, 2, 2, 4, 2, 6, 4, 6, 4`.)
""",
    "io": "stdin",
    "entry_point": "",
    "starter_code": """\
import sys


def main() -> None:
    n = int(sys.stdin.readline())
    ...


main()
""",
    "difficulty": "medium",
    "tags": ["number-theory", "totient", "sieve", "gcd"],
    "checker": "exact",
    "tests": [
        {"stdin": "1\n", "expected": "1\n"},
        {"stdin": "2\n", "expected": "2\n"},
        {"stdin": "3\n", "expected": "4\n"},
        {"stdin": "4\n", "expected": "6\n"},
        {"stdin": "5\n", "expected": "10\n"},
        {"stdin": "6\n", "expected": "12\n"},
        {"stdin": "10\n", "expected": "32\n"},
        {"stdin": "100\n", "expected": "3044\n"},
        {"stdin": "1000\n", "expected": "304192\n"},
    ],
    "efficiency": {
        "seed": 2803,
        "generator": """\
def generate(rng):
    return [{"stdin": f"{rng.randint(2000, 2200)}\\n"} for _ in range(2)]
""",
    },
    "solutions": [
        {
            "label": "totient sieve",
            "complexity": "O(n log log n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    n = int(sys.stdin.readline())
    phi = list(range(n + 1))
    for p in range(2, n + 1):
        if phi[p] == p:
            for m in range(p, n + 1, p):
                phi[m] -= phi[m] // p
    print(sum(phi[1:]))


main()
""",
        },
        {
            "label": "linear sieve with multiplicative totient",
            "complexity": "O(n) time, O(n) space",
            "time_class": 1,
            "code": """\
import sys


def main():
    n = int(sys.stdin.readline())
    phi = [0] * (n + 1)
    phi[1] = 1
    primes = []
    is_composite = [False] * (n + 1)
    for i in range(2, n + 1):
        if not is_composite[i]:
            primes.append(i)
            phi[i] = i - 1
        for p in primes:
            if i * p > n:
                break
            is_composite[i * p] = True
            if i % p == 0:
                phi[i * p] = phi[i] * p
                break
            phi[i * p] = phi[i] * (p - 1)
    print(sum(phi))


main()
""",
        },
        {
            "label": "factorise every k by trial division",
            "complexity": "O(n sqrt(n)) time, O(1) space",
            "time_class": 2,
            "code": """\
import sys


def main():
    n = int(sys.stdin.readline())
    total = 0
    for k in range(1, n + 1):
        result, rest, p = k, k, 2
        while p * p <= rest:
            if rest % p == 0:
                while rest % p == 0:
                    rest //= p
                result -= result // p
            p += 1
        if rest > 1:
            result -= result // rest
        total += result
    print(total)


main()
""",
        },
        {
            "label": "trial division by a list of primes",
            "complexity": "O(n sqrt(n) / log n) time, O(sqrt(n)) space",
            "time_class": 2,
            "code": """\
import sys
from math import isqrt


def main():
    n = int(sys.stdin.readline())
    limit = isqrt(n) + 1
    primes = [p for p in range(2, limit + 1) if all(p % q for q in range(2, isqrt(p) + 1))]
    total = 0
    for k in range(1, n + 1):
        result, rest = k, k
        for p in primes:
            if p * p > rest:
                break
            if rest % p == 0:
                while rest % p == 0:
                    rest //= p
                result -= result // p
        if rest > 1:
            result -= result // rest
        total += result
    print(total)


main()
""",
        },
        {
            "label": "count coprime i with math.gcd",
            "complexity": "O(n^2 log n) time, O(1) space",
            "time_class": 3,
            "code": """\
import sys
from math import gcd


def main():
    n = int(sys.stdin.readline())
    print(sum(sum(1 for i in range(1, k + 1) if gcd(i, k) == 1) for k in range(1, n + 1)))


main()
""",
        },
        {
            "label": "count coprime pairs with Euclid's algorithm",
            "complexity": "O(n^2 log n) time, O(1) space",
            "time_class": 3,
            "code": """\
import sys


def main():
    n = int(sys.stdin.readline())
    total = 0
    for k in range(1, n + 1):
        for i in range(1, k + 1):
            a, b = k, i
            while b:
                a, b = b, a % b
            if a == 1:
                total += 1
    print(total)


main()
""",
        },
    ],
}
