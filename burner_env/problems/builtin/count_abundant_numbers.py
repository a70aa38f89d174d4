"""Count abundant numbers (number theory): divisor-sum sieves versus per-number divisor search."""

PROBLEM = {
    "id": "count_abundant_numbers",
    "title": "Count Abundant Numbers",
    "statement": """\
A positive integer `k` is **abundant** when the sum of its proper divisors (the divisors smaller
than `k` itself) is greater than `k`. For example `12` is abundant (`1 + 2 + 3 + 4 + 6 = 16 > 12`),
while `28` is not (`1 + 2 + 4 + 7 + 14 = 28`, it is *perfect*) and neither is any prime.

Given `n`, return how many integers in `[1, n]` are abundant.

Write a function `count_abundant(n: int) -> int`.

**Constraints**

- `0 <= n <= 10^6`

**Examples**

```
count_abundant(11)  ->  0
count_abundant(20)  ->  3     # 12, 18, 20
count_abundant(28)  ->  4     # 12, 18, 20, 24 (28 is perfect)
```
""",
    "io": "function",
    "entry_point": "count_abundant",
    "starter_code": """\
def count_abundant(n: int) -> int:
    ...
""",
    "difficulty": "easy",
    "tags": ["number-theory", "divisors", "sieve"],
    "checker": "exact",
    "tests": [
        {"args": [0], "expected": 0},
        {"args": [1], "expected": 0},
        {"args": [6], "expected": 0},
        {"args": [11], "expected": 0},
        {"args": [12], "expected": 1},
        {"args": [17], "expected": 1},
        {"args": [18], "expected": 2},
        {"args": [20], "expected": 3},
        {"args": [24], "expected": 4},
        {"args": [28], "expected": 4},
        {"args": [30], "expected": 5},
        {"args": [100], "expected": 22},
        {"args": [944], "expected": 231},
        {"args": [945], "expected": 232},
        {"args": [1000], "expected": 246},
    ],
    "efficiency": {
        "seed": 2802,
        "generator": """\
def generate(rng):
    return [{"args": [rng.randint(3800, 4200)]} for _ in range(3)]
""",
    },
    "solutions": [
        {
            "label": "divisor-sum sieve",
            "complexity": "O(n log n) time, O(n) space",
            "time_class": 1,
            "code": """\
def count_abundant(n):
    total = [0] * (n + 1)
    for d in range(1, n // 2 + 1):
        for multiple in range(2 * d, n + 1, d):
            total[multiple] += d
    return sum(1 for k in range(1, n + 1) if total[k] > k)
""",
        },
        {
            "label": "multiplicative sigma from a smallest-prime-factor sieve",
            "complexity": "O(n log log n) time, O(n) space",
            "time_class": 1,
            "code": """\
def count_abundant(n):
    if n < 1:
        return 0
    spf = list(range(n + 1))
    p = 2
    while p * p <= n:
        if spf[p] == p:
            for m in range(p * p, n + 1, p):
                if spf[m] == m:
                    spf[m] = p
        p += 1
    sigma = [0] * (n + 1)
    sigma[1] = 1
    count = 0
    for k in range(2, n + 1):
        p = spf[k]
        rest, power = k, 1
        while rest % p == 0:
            rest //= p
            power *= p
        # sigma is multiplicative: sigma(p^a) = 1 + p + ... + p^a = (p^(a+1) - 1) / (p - 1)
        sigma[k] = sigma[rest] * (power * p - 1) // (p - 1)
        if sigma[k] - k > k:
            count += 1
    return count
""",
        },
        {
            "label": "divisor pairs up to the square root",
            "complexity": "O(n sqrt(n)) time, O(1) space",
            "time_class": 2,
            "code": """\
from math import isqrt


def count_abundant(n):
    count = 0
    for k in range(2, n + 1):
        total = 1
        for d in range(2, isqrt(k) + 1):
            if k % d == 0:
                total += d
                if d != k // d:
                    total += k // d
        if total > k:
            count += 1
    return count
""",
        },
        {
            "label": "prime factorisation by trial division",
            "complexity": "O(n sqrt(n)) time, O(1) space",
            "time_class": 2,
            "code": """\
def count_abundant(n):
    count = 0
    for k in range(2, n + 1):
        sigma, rest, p = 1, k, 2
        while p * p <= rest:
            if rest % p == 0:
                term = 1
                while rest % p == 0:
                    rest //= p
                    term = term * p + 1
                sigma *= term
            p += 1
        if rest > 1:
            sigma *= rest + 1
        if sigma - k > k:
            count += 1
    return count
""",
        },
        {
            "label": "test every candidate divisor",
            "complexity": "O(n^2) time, O(1) space",
            "time_class": 3,
            "code": """\
def count_abundant(n):
    count = 0
    for k in range(1, n + 1):
        if sum(d for d in range(1, k // 2 + 1) if k % d == 0) > k:
            count += 1
    return count
""",
        },
        {
            "label": "collect the divisors of every number",
            "complexity": "O(n^2) time, O(n) space",
            "time_class": 3,
            "code": """\
def count_abundant(n):
    count = 0
    for k in range(1, n + 1):
        divisors = [d for d in range(1, k) if k % d == 0]
        if sum(divisors) > k:
            count += 1
    return count
""",
        },
    ],
}
