"""Count primes below n (number theory): sieves versus trial division."""

PROBLEM = {
    "id": "count_primes",
    "title": "Count Primes",
    "statement": """\
Given an integer `n`, return the number of prime numbers that are **strictly less than** `n`.

Implement `Solution.countPrimes(self, n: int) -> int`.

**Constraints**

- `0 <= n <= 5 * 10^6`

**Examples**

```
countPrimes(10)  ->  4     # 2, 3, 5, 7
countPrimes(2)   ->  0
countPrimes(3)   ->  1
```
""",
    "io": "class",
    "entry_point": "Solution.countPrimes",
    "starter_code": """\
class Solution:
    def countPrimes(self, n: int) -> int:
        ...
""",
    "difficulty": "medium",
    "tags": ["number-theory", "primes", "sieve"],
    "checker": "exact",
    "tests": [
        {"args": [10], "expected": 4},
        {"args": [0], "expected": 0},
        {"args": [1], "expected": 0},
        {"args": [2], "expected": 0},
        {"args": [3], "expected": 1},
        {"args": [4], "expected": 2},
        {"args": [5], "expected": 2},
        {"args": [100], "expected": 25},
        {"args": [1000], "expected": 168},
        {"args": [10007], "expected": 1229},
        {"args": [10008], "expected": 1230},
        {"args": [65536], "expected": 6542},
    ],
    "efficiency": {
        "seed": 2801,
        "generator": """\
def generate(rng):
    return [{"args": [rng.randint(240000, 260000)]} for _ in range(3)]
""",
    },
    "solutions": [
        {
            "label": "sieve of Eratosthenes with slice assignment",
            "complexity": "O(n log log n) time, O(n) space",
            "time_class": 1,
            "code": """\
class Solution:
    def countPrimes(self, n):
        if n < 3:
            return 0
        is_prime = bytearray([1]) * n
        is_prime[0] = is_prime[1] = 0
        p = 2
        while p * p < n:
            if is_prime[p]:
                is_prime[p * p::p] = bytes(len(range(p * p, n, p)))
            p += 1
        return sum(is_prime)
""",
        },
        {
            "label": "odd-only sieve with slice assignment",
            "complexity": "O(n log log n) time, O(n / 2) space",
            "time_class": 1,
            "code": """\
class Solution:
    def countPrimes(self, n):
        if n < 3:
            return 0
        # index i stands for the odd number 2 * i + 1
        half = n // 2
        odd = bytearray([1]) * half
        odd[0] = 0
        i = 1
        while (2 * i + 1) ** 2 < n:
            if odd[i]:
                p = 2 * i + 1
                start = p * p // 2
                odd[start::p] = bytes(len(range(start, half, p)))
            i += 1
        return sum(odd) + 1
""",
        },
        {
            "label": "sieve of Eratosthenes with a Python inner loop",
            "complexity": "O(n log log n) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def countPrimes(self, n):
        if n < 3:
            return 0
        is_prime = [True] * n
        is_prime[0] = is_prime[1] = False
        for p in range(2, int(n ** 0.5) + 1):
            if is_prime[p]:
                for m in range(p * p, n, p):
                    is_prime[m] = False
        return sum(is_prime)
""",
        },
        {
            "label": "linear (Euler) sieve",
            "complexity": "O(n) time, O(n) space",
            "time_class": 2,
            "code": """\
class Solution:
    def countPrimes(self, n):
        smallest = [0] * n
        primes = []
        for i in range(2, n):
            if smallest[i] == 0:
                smallest[i] = i
                primes.append(i)
            for p in primes:
                if p > smallest[i] or i * p >= n:
                    break
                smallest[i * p] = p
        return len(primes)
""",
        },
        {
            "label": "trial division by smaller primes",
            "complexity": "O(n sqrt(n) / log n) time, O(n / log n) space",
            "time_class": 3,
            "code": """\
class Solution:
    def countPrimes(self, n):
        primes = []
        for k in range(2, n):
            for p in primes:
                if p * p > k:
                    primes.append(k)
                    break
                if k % p == 0:
                    break
            else:
                primes.append(k)
        return len(primes)
""",
        },
        {
            "label": "trial division by every odd number",
            "complexity": "O(n sqrt(n)) time, O(1) space",
            "time_class": 3,
            "code": """\
from math import isqrt


class Solution:
    def countPrimes(self, n):
        count = 0
        for k in range(2, n):
            if k % 2 == 0:
                count += k == 2
                continue
            for d in range(3, isqrt(k) + 1, 2):
                if k % d == 0:
                    break
            else:
                count += 1
        return count
""",
        },
    ],
}
