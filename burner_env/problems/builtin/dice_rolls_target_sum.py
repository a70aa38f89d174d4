"""Number of dice rolls with a given sum (combinatorics / counting DP)."""

PROBLEM = {
    "id": "dice_rolls_target_sum",
    "title": "Number of Dice Rolls With Target Sum",
    "statement": """\
You roll `n` distinguishable dice; each die shows one of the faces `1 .. k`. Return the number of
outcomes (ordered tuples of faces) whose sum is exactly `target`, modulo `10^9 + 7`.

Implement `num_rolls_to_target(n: int, k: int, target: int) -> int`.

**Constraints**

- `1 <= n <= 300`, `1 <= k <= 100`
- `1 <= target <= 30000`

**Example 1**

```
Input:  n = 2, k = 6, target = 7
Output: 6
```

`(1, 6), (2, 5), (3, 4), (4, 3), (5, 2), (6, 1)`.

**Example 2**

```
Input:  n = 30, k = 30, target = 500
Output: 222616187
```

The exact count is far larger; the answer is reduced modulo `10^9 + 7`.
""",
    "io": "function",
    "entry_point": "num_rolls_to_target",
    "starter_code": """\
def num_rolls_to_target(n: int, k: int, target: int) -> int:
    ...
""",
    "difficulty": "medium",
    "tags": ["combinatorics", "dynamic-programming", "inclusion-exclusion", "math"],
    "checker": "exact",
    "tests": [
        {"args": [2, 6, 7], "expected": 6},
        {"args": [30, 30, 500], "expected": 222616187},
        {"args": [1, 6, 3], "expected": 1},
        {"args": [1, 6, 7], "expected": 0},
        {"args": [2, 6, 1], "expected": 0},
        {"args": [2, 6, 12], "expected": 1},
        {"args": [3, 6, 10], "expected": 27},
        {"args": [1, 1, 1], "expected": 1},
        {"args": [50, 1, 50], "expected": 1},
        {"args": [50, 50, 2500], "expected": 1},
        {"args": [50, 50, 49], "expected": 0},
        {"args": [100, 100, 10000], "expected": 1},
        {"args": [100, 100, 9999], "expected": 100},
        {"args": [4, 3, 8], "expected": 19},
    ],
    "efficiency": {
        "seed": 1026,
        "generator": """\
def generate(rng):
    tests = []
    for n, k in ((300, 40), (200, 60)):
        middle = n * (k + 1) // 2
        tests.append({"args": [n, k, middle + rng.randint(-20, 20)]})
    return tests
""",
    },
    "solutions": [
        {
            "label": "DP over dice with a sliding window sum",
            "complexity": "O(n target) time, O(target) space",
            "time_class": 3,
            "code": """\
MOD = 10**9 + 7


def num_rolls_to_target(n, k, target):
    ways = [1] + [0] * target  # ways[s]: outcomes of the dice so far with sum s
    for _ in range(n):
        nxt = [0] * (target + 1)
        window = 0  # ways[s - k] + ... + ways[s - 1]
        for s in range(1, target + 1):
            window += ways[s - 1]
            if s - k - 1 >= 0:
                window -= ways[s - k - 1]
            nxt[s] = window % MOD
        ways = nxt
    return ways[target]
""",
        },
        {
            "label": "inclusion-exclusion over dice that exceed k",
            "complexity": "O(target + n) time, O(target) space",
            "time_class": 1,
            "code": """\
MOD = 10**9 + 7


def num_rolls_to_target(n, k, target):
    # faces 1..k: substitute y = face - 1 in 0..k-1, so the y sum to m = target - n;
    # count = sum_j (-1)^j C(n, j) C(m - j k + n - 1, n - 1)
    m = target - n
    if m < 0:
        return 0
    top = m + n
    fact = [1] * (top + 1)
    for i in range(1, top + 1):
        fact[i] = fact[i - 1] * i % MOD
    inv = [1] * (top + 1)
    inv[top] = pow(fact[top], MOD - 2, MOD)
    for i in range(top, 0, -1):
        inv[i - 1] = inv[i] * i % MOD

    def comb(a, b):
        return fact[a] * inv[b] % MOD * inv[a - b] % MOD if 0 <= b <= a else 0

    total = 0
    for j in range(min(n, m // k) + 1):
        term = comb(n, j) * comb(m - j * k + n - 1, n - 1)
        total += -term if j % 2 else term
    return total % MOD
""",
        },
        {
            "label": "inclusion-exclusion with exact binomials from math.comb",
            "complexity": "O(n / 1 + target / k) big-integer binomials, O(1) extra space",
            "time_class": 1,
            "code": """\
import math

MOD = 10**9 + 7


def num_rolls_to_target(n, k, target):
    m = target - n  # the sum of (face - 1) over all dice
    if m < 0:
        return 0
    total = 0
    for j in range(min(n, m // k) + 1):
        # j chosen dice are forced to exceed k - 1 by subtracting k from their values
        total += (-1) ** j * math.comb(n, j) * math.comb(m - j * k + n - 1, n - 1)
    return total % MOD
""",
        },
        {
            "label": "polynomial power by repeated squaring (big-integer packing)",
            "complexity": "O((target + M(target)) log n) time for big-integer products M, O(target) space",
            "time_class": 2,
            "code": """\
MOD = 10**9 + 7


def num_rolls_to_target(n, k, target):
    # coefficients of (x + ... + x^k)^n up to x^target, via Kronecker substitution:
    # pack a polynomial into one integer with `width` bytes per coefficient
    width = (2 * MOD.bit_length() + (target + 1).bit_length() + 8) // 8

    def pack(coeffs):
        return int.from_bytes(b"".join(c.to_bytes(width, "little") for c in coeffs), "little")

    def unpack(value):
        raw = value.to_bytes((target + 1) * 2 * width + width, "little")
        return [int.from_bytes(raw[i * width:(i + 1) * width], "little") % MOD
                for i in range(target + 1)]

    def multiply(a, b):
        return unpack(pack(a) * pack(b))

    die = [0] + [1] * min(k, target) + [0] * max(0, target - k)
    result = [1] + [0] * target
    power = die
    while n:
        if n & 1:
            result = multiply(result, power)
        n >>= 1
        if n:
            power = multiply(power, power)
    return result[target]
""",
        },
        {
            "label": "DP over dice with prefix sums",
            "complexity": "O(n target) time, O(target) space",
            "time_class": 3,
            "code": """\
MOD = 10**9 + 7


def num_rolls_to_target(n, k, target):
    ways = [1] + [0] * target
    for _ in range(n):
        prefix = [0]
        for w in ways:
            prefix.append(prefix[-1] + w)
        # new[s] = ways[s - k] + ... + ways[s - 1] = prefix[s] - prefix[max(0, s - k)]
        ways = [0] + [(prefix[s] - prefix[max(0, s - k)]) % MOD for s in range(1, target + 1)]
    return ways[target]
""",
        },
        {
            "label": "DP table over dice and sums with prefix sums",
            "complexity": "O(n target) time, O(n target) space",
            "time_class": 3,
            "code": """\
MOD = 10**9 + 7


def num_rolls_to_target(n, k, target):
    table = [[0] * (target + 1) for _ in range(n + 1)]
    table[0][0] = 1
    for d in range(1, n + 1):
        prev, row = table[d - 1], table[d]
        running = 0  # prev[s - k] + ... + prev[s - 1]
        for s in range(1, target + 1):
            running += prev[s - 1]
            if s > k:
                running -= prev[s - k - 1]
            row[s] = running % MOD
    return table[n][target]
""",
        },
    ],
}
