"""Level 1 families: the slow code is fixed by a one-line local change.

Each ``_build_*`` draws one problem from ``rng``; ``FAMILIES`` lists them with their rewrite.
"""

from __future__ import annotations

import math
import random

from burner_env.problems.synthetic._core import Draft, Family, Names, Reference, code, size_between


def _build_membership_set(rng: random.Random) -> Draft:
    names = Names(rng)
    noun = rng.choice(("ids", "codes", "tickets", "items", "tags", "keys"))
    keep = rng.random() < 0.5
    fn = names.function(("filter", "keep", "select") if keep else ("count", "tally", "number_of"),
                        (f"known_{noun}", f"allowed_{noun}", f"listed_{noun}", f"valid_{noun}"))
    items = names.pick("items", "values", "queries", "candidates", "incoming")
    allowed = names.pick("allowed", "known", "registry", "whitelist", "catalog")
    x = names.pick("x", "item", "value", "v", "key")
    acc = names.pick("kept", "result", "out", "selected") if keep else names.pick("count", "total", "hits", "found")
    lookup = names.pick("allowed_set", "lookup", "known_set", "members")
    span = rng.choice((2, 3)) * 1000 * rng.randint(2, 9)
    n, m = size_between(rng, 2800, 3400, 100), size_between(rng, 2800, 3400, 100)
    if keep:
        what = f"the values of `{items}` that also occur in `{allowed}`, in their order in `{items}`"
        doc = rng.choice(("Items that are also in the allowed list, in order.",
                          f"Keep the entries of {items} found in {allowed}."))
        init, step, ret = "[]", f"{acc}.append({x})", acc
        fast_body = f"    return [{x} for {x} in {items} if {x} in {lookup}]"
    else:
        what = f"how many values of `{items}` (counting repeats) also occur in `{allowed}`"
        doc = rng.choice(("Count the items that appear in the allowed list.",
                          f"How many entries of {items} are in {allowed}."))
        init, step, ret = "0", f"{acc} += 1", acc
        fast_body = f"    return sum(1 for {x} in {items} if {x} in {lookup})"
    slow = code('''\
def $fn($items: list[int], $allowed: list[int]):
    """$doc"""
    $acc = $init
    for $x in $items:
        if $x in $allowed:
            $step
    return $ret
''', fn=fn, items=items, allowed=allowed, doc=doc, acc=acc, init=init, x=x, step=step, ret=ret)
    fast_loop = code('''\
def $fn($items: list[int], $allowed: list[int]):
    """$doc"""
    $lookup = set($allowed)
    $acc = $init
    for $x in $items:
        if $x in $lookup:
            $step
    return $ret
''', fn=fn, items=items, allowed=allowed, doc=doc, acc=acc, init=init, x=x, step=step, ret=ret, lookup=lookup)
    fast_comprehension = code('''\
def $fn($items: list[int], $allowed: list[int]):
    """$doc"""
    $lookup = set($allowed)
$body
''', fn=fn, items=items, allowed=allowed, doc=doc, lookup=lookup, body=fast_body)
    def oracle(values: list[int], members: list[int]) -> list[int] | int:
        lookup_set = set(members)
        found = [v for v in values if v in lookup_set]
        return found if keep else len(found)

    tests = [([[], [1, 2]], oracle([], [1, 2])), ([[3, 1, 3], []], oracle([3, 1, 3], []))]
    for size in (1, 4, 6, 9, 12):
        xs = [rng.randrange(12) for _ in range(size)]
        ys = [rng.randrange(12) for _ in range(rng.randint(1, 8))]
        tests.append(([xs, ys], oracle(xs, ys)))
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        allowed = [rng.randrange($span) for _ in range($m)]
        items = [rng.randrange($span) for _ in range($n)]
        tests.append({"args": [items, allowed]})
    return tests
''', span=span, m=m, n=n)
    return Draft(
        title=rng.choice(("Known values", "Allowed entries", "Membership check", "Registered items")),
        task=f"Implement `{fn}({items}, {allowed})`, which returns {what}. Both arguments are lists of "
             "integers and may hold repeated values.",
        function=fn,
        constraints=f"`len({items}) <= {n}`, `len({allowed}) <= {m}`, values in `[0, {span})`",
        tests=tests, generator=generator,
        slow=Reference("membership test on the list", "O(n m) time", slow, 2),
        fast=(Reference("set built once, loop", "O(n + m) time, O(m) space", fast_loop, 1),
              Reference("set built once, comprehension", "O(n + m) time, O(m) space", fast_comprehension, 1)),
        tags=("hashing", "set"),
    )


def _build_dedup_fromkeys(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("unique", "distinct", "dedupe", "first_seen"),
                        ("values", "ids", "readings", "visitors", "orders"))
    xs = names.pick("values", "ids", "stream", "records", "seq")
    seen = names.pick("seen", "out", "unique", "result", "firsts")
    x = names.pick("x", "v", "item", "value")
    doc = rng.choice(("Distinct values in order of first appearance.",
                      f"Drop repeated entries of {xs}, keeping the first of each.",
                      "Remove duplicates while keeping the original order."))
    distinct = size_between(rng, 2600, 3200, 100)
    n = 2 * distinct
    slow = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    $seen = []
    for $x in $xs:
        if $x not in $seen:
            $seen.append($x)
    return $seen
''', fn=fn, xs=xs, seen=seen, x=x, doc=doc)
    fast_dict = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    return list(dict.fromkeys($xs))
''', fn=fn, xs=xs, doc=doc)
    fast_set = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    $seen = []
    known = set()
    for $x in $xs:
        if $x not in known:
            known.add($x)
            $seen.append($x)
    return $seen
''', fn=fn, xs=xs, seen=seen, x=x, doc=doc)
    tests = [([[]], []), ([[7, 7, 7]], [7])]
    for size in (1, 5, 8, 12):
        values = [rng.randrange(-5, 6) for _ in range(size)]
        tests.append(([values], list(dict.fromkeys(values))))
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randrange($distinct) for _ in range($n)]]} for _ in range(2)]
''', distinct=distinct, n=n)
    return Draft(
        title=rng.choice(("Distinct in order", "First occurrences", "Remove duplicates")),
        task=f"Implement `{fn}({xs})`: return the distinct values of the list `{xs}` in the order of "
             "their first occurrence.",
        function=fn, constraints=f"`len({xs}) <= {n}`, at most {distinct} distinct values",
        tests=tests, generator=generator,
        slow=Reference("membership test on the output list", "O(n d) time for d distinct values", slow, 2),
        fast=(Reference("dict.fromkeys", "O(n) time", fast_dict, 1),
              Reference("seen set", "O(n) time, O(d) space", fast_set, 1)),
        tags=("hashing", "dedup"),
    )


def _build_hoist_invariant(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("scale", "normalise", "share_of", "weight"),
                        ("scores", "sales", "votes", "loads", "counts"))
    xs = names.pick("values", "amounts", "scores", "counts", "weights")
    x = names.pick("x", "v", "amount", "value")
    scale = rng.choice((100, 1000, 255, 10000, 360, 64))
    invariant = rng.choice(("sum", "max"))
    ratio = "share of the total" if invariant == "sum" else "ratio to the largest"
    doc = rng.choice((f"Each value scaled to {scale} times its {ratio}.",
                      f"Rescale {xs} against their {invariant}.",
                      "Integer-scaled values, in input order."))
    whole = "the sum of all values" if invariant == "sum" else "the largest value"
    # max() compares objects where sum() adds machine integers: about three times the cost per element.
    n = size_between(rng, 4200, 5200, 100) if invariant == "sum" else size_between(rng, 2600, 3000, 100)
    if rng.random() < 0.5:
        slow = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    return [$x * $scale // $inv($xs) for $x in $xs]
''', fn=fn, xs=xs, x=x, scale=scale, inv=invariant, doc=doc)
    else:
        out = names.pick("out", "result", "scaled")
        slow = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    $out = []
    for $x in $xs:
        $out.append($x * $scale // $inv($xs))
    return $out
''', fn=fn, xs=xs, x=x, scale=scale, inv=invariant, doc=doc, out=out)
    whole_name = names.pick("total", "whole", "denominator", "top", "reference")
    # max() of an empty list raises where the slow code never called it: the hoisted call needs a guard.
    guard = f"    if not {xs}:\n        return []\n" if invariant == "max" else ""
    fast = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
$guard    $whole = $inv($xs)
    return [$x * $scale // $whole for $x in $xs]
''', fn=fn, xs=xs, x=x, scale=scale, inv=invariant, doc=doc, whole=whole_name, guard=guard)

    def oracle(values: list[int]) -> list[int]:
        whole_value = sum(values) if invariant == "sum" else max(values, default=1)
        return [v * scale // whole_value for v in values]

    tests = [([[]], []), ([[5]], oracle([5]))]
    for size in (2, 4, 7, 11):
        values = [rng.randint(1, 99) for _ in range(size)]
        tests.append(([values], oracle(values)))
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randint(1, 10**6) for _ in range($n)]]} for _ in range(2)]
''', n=n)
    return Draft(
        title=rng.choice(("Scaled values", "Relative weights", "Normalised amounts")),
        task=f"Implement `{fn}({xs})`. For every value `v` of the list of positive integers `{xs}`, in "
             f"order, return `v * {scale} // W`, where `W` is {whole}.",
        function=fn, constraints=f"`len({xs}) <= {n}`, `1 <= v <= 10^6`",
        tests=tests, generator=generator,
        slow=Reference(f"{invariant}() recomputed for every element", "O(n^2) time", slow, 2),
        fast=(Reference(f"{invariant}() hoisted out of the loop", "O(n) time", fast, 1),),
        tags=("hoisting", "loop-invariant"),
    )


def _build_sort_for_min(rng: random.Random) -> Draft:
    names = Names(rng)
    largest = rng.random() < 0.5
    fn = names.function(("row", "each_row", "per_group", "bucket", "per_batch"),
                        ("maxima", "peaks", "highest", "tops") if largest else ("minima", "lows", "smallest", "floors"))
    rows = names.pick("rows", "groups", "batches", "series", "grid", "buckets", "shards")
    row = names.pick("row", "group", "batch", "line", "chunk", "part")
    pick = "max" if largest else "min"
    slow_expr = rng.choice(
        (f"sorted({row})[-1]", f"sorted({row}, reverse=True)[0]") if largest
        else (f"sorted({row})[0]", f"sorted({row}, reverse=True)[-1]"))
    doc = rng.choice((f"The {'largest' if largest else 'smallest'} value of every row.",
                      f"One {pick}imum per entry of {rows}.", f"{pick}() of each of the {rows}, in order.",
                      f"Extreme ({pick}) of every inner list."))
    count, width = size_between(rng, 36, 44, 2), size_between(rng, 8000, 10000, 500)
    slow = code('''\
def $fn($rows: list[list[int]]) -> list[int]:
    """$doc"""
    return [$expr for $row in $rows]
''', fn=fn, rows=rows, row=row, expr=slow_expr, doc=doc)
    fast = code('''\
def $fn($rows: list[list[int]]) -> list[int]:
    """$doc"""
    return [$pick($row) for $row in $rows]
''', fn=fn, rows=rows, row=row, pick=pick, doc=doc)
    tests = [([[]], [])]
    for size in (1, 2, 4):
        grid = [[rng.randint(-50, 50) for _ in range(rng.randint(1, 6))] for _ in range(size)]
        tests.append(([grid], [max(r) if largest else min(r) for r in grid]))
    generator = code('''\
def generate(rng):
    return [{"args": [[[rng.getrandbits(40) for _ in range($width)] for _ in range($count)]]}
            for _ in range(2)]
''', width=width, count=count)
    return Draft(
        title=rng.choice(("Row extremes", f"{pick.title()} of each group", "Per-row extreme")),
        task=f"Implement `{fn}({rows})`: `{rows}` is a list of non-empty lists of integers; return the "
             f"{'largest' if largest else 'smallest'} value of each of them, in order.",
        function=fn, constraints=f"at most {count} rows of at most {width} values each, `0 <= v < 2^40`",
        tests=tests, generator=generator,
        slow=Reference(f"sort each row to take its {pick}imum", "O(r w log w) time", slow, 2),
        fast=(Reference(f"{pick}() of each row", "O(r w) time", fast, 1),),
        tags=("sorting", "min-max"),
    )


def _climb_calls(target: int, steps: tuple[int, ...]) -> int:
    """How many calls the naive recursion makes for ``target`` (memoised, so it is cheap to know)."""
    calls = {}
    for value in range(target + 1):
        calls[value] = 1 + sum(calls[value - s] if value - s >= 0 else 1 for s in steps)
    return calls[target]


def _climb_ways(target: int, steps: tuple[int, ...], modulus: int) -> int:
    ways = [1] + [0] * target
    for value in range(1, target + 1):
        ways[value] = sum(ways[value - s] for s in steps if value - s >= 0) % modulus
    return ways[target]


def _build_memo_recursion(rng: random.Random) -> Draft:
    names = Names(rng)
    steps = rng.choice(((1, 2), (1, 3), (2, 3), (1, 2, 3), (1, 4), (1, 2, 5), (2, 5)))
    modulus = rng.choice((10**9 + 7, 998244353, 10**6 + 3, 1_000_003, 65521))
    fn = names.function(("count", "number_of", "ways_to"),
                        ("climbs", "routes", "tilings", "step_sequences", "paths"))
    n = names.pick("n", "height", "target", "length", "steps_left")
    step = names.pick("step", "s", "jump", "move")
    # The largest target whose naive recursion stays within a fixed call budget.
    top = 1
    while _climb_calls(top + 1, steps) <= 700_000:
        top += 1
    steps_text = ", ".join(map(str, steps))
    doc = rng.choice((f"Ordered ways to reach {n} with steps of {steps_text}, modulo {modulus}.",
                      f"Count step sequences summing to {n}."))
    slow = code('''\
def $fn($n: int) -> int:
    """$doc"""
    if $n == 0:
        return 1
    total = 0
    for $step in ($steps):
        if $step <= $n:
            total += $fn($n - $step)
    return total % $modulus
''', fn=fn, n=n, step=step, steps=steps_text, modulus=modulus, doc=doc)
    decorator, imports = rng.choice((("@cache", "from functools import cache"),
                                     ("@lru_cache(maxsize=None)", "from functools import lru_cache"),
                                     ("@functools.cache", "import functools")))
    fast_memo = imports + "\n\n\n" + slow.replace(f"def {fn}(", f"{decorator}\ndef {fn}(", 1)
    fast_table = code('''\
def $fn($n: int) -> int:
    """$doc"""
    ways = [1] + [0] * $n
    for value in range(1, $n + 1):
        ways[value] = sum(ways[value - $step] for $step in ($steps) if $step <= value) % $modulus
    return ways[$n]
''', fn=fn, n=n, step=step, steps=steps_text, modulus=modulus, doc=doc)
    tests = [([value], _climb_ways(value, steps, modulus)) for value in (0, 1, 2, 3, 5, 8, 13, 19)]
    tests.append(([top], _climb_ways(top, steps, modulus)))
    generator = code('''\
def generate(rng):
    return [{"args": [$top - rng.randrange(2)]} for _ in range(2)]
''', top=top)
    return Draft(
        title=rng.choice(("Counting climbs", "Step sequences", "Ways to the top")),
        task=f"Implement `{fn}({n})`: the number of ordered sequences of steps, each of size "
             f"{' or '.join(map(str, steps))}, whose sizes add up to exactly `{n}`, modulo `{modulus}`. "
             f"For `{n} = 0` the empty sequence counts, so the answer is 1.",
        function=fn, constraints=f"`0 <= {n} <= {top}`",
        tests=tests, generator=generator,
        slow=Reference("naive recursion", "exponential time", slow, 2),
        fast=(Reference("memoised recursion", "O(n k) time, O(n) space", fast_memo, 1),
              Reference("bottom-up table", "O(n k) time, O(n) space", fast_table, 1)),
        tags=("recursion", "memoisation"),
    )


def _build_library_gcd(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("total", "sum_of", "combined", "accumulate"), ("gcds", "common_divisors", "pair_gcds",
                                                                       "shared_factors"))
    pairs = names.pick("pairs", "couples", "fractions", "ratios", "dimensions", "sizes")
    a, b = names.pick("a", "p", "num", "left", "x"), names.pick("b", "q", "den", "right", "y")
    doc = rng.choice(("Sum of the greatest common divisors of the pairs.",
                      f"Add up gcd({a}, {b}) over all {pairs}.", "Total of the pairwise gcds.",
                      f"Greatest common divisor of every pair in {pairs}, summed."))
    slow = code('''\
def $fn($pairs: list[list[int]]) -> int:
    """$doc"""
    total = 0
    for $a, $b in $pairs:
        while $a != $b:
            if $a > $b:
                $a -= $b
            else:
                $b -= $a
        total += $a
    return total
''', fn=fn, pairs=pairs, a=a, b=b, doc=doc)
    fast_math = code('''\
import math


def $fn($pairs: list[list[int]]) -> int:
    """$doc"""
    return sum(math.gcd($a, $b) for $a, $b in $pairs)
''', fn=fn, pairs=pairs, a=a, b=b, doc=doc)
    fast_euclid = code('''\
def $fn($pairs: list[list[int]]) -> int:
    """$doc"""
    total = 0
    for $a, $b in $pairs:
        while $b:
            $a, $b = $b, $a % $b
        total += $a
    return total
''', fn=fn, pairs=pairs, a=a, b=b, doc=doc)
    tests = [([[]], 0), ([[[6, 6]]], 6), ([[[1, 9], [9, 1]]], 2)]
    for size in (2, 4, 6):
        values = [[rng.randint(1, 60), rng.randint(1, 60)] for _ in range(size)]
        tests.append(([values], sum(math.gcd(p, q) for p, q in values)))
    count, quotient = size_between(rng, 1600, 2000, 100), size_between(rng, 250, 350, 10)
    # a = k*b + r with large k: subtraction needs about k steps per pair, the remainder one.
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        pairs = []
        for _ in range($count):
            b = rng.randint(1, 10**6)
            a = rng.randint($quotient // 2, $quotient) * b + rng.randrange(b)
            pairs.append([a, b] if rng.randrange(2) else [b, a])
        tests.append({"args": [pairs]})
    return tests
''', count=count, quotient=quotient)
    return Draft(
        title=rng.choice(("Sum of GCDs", "Common divisors", "Pairwise gcd total")),
        task=f"Implement `{fn}({pairs})`: `{pairs}` is a list of `[{a}, {b}]` pairs of positive integers; "
             f"return the sum over all pairs of their greatest common divisor.",
        function=fn, constraints=f"`len({pairs}) <= {count}`, values below `{quotient + 1} * 10^6`",
        tests=tests, generator=generator,
        slow=Reference("Euclid by repeated subtraction", "O(max/min) steps per pair", slow, 2),
        fast=(Reference("math.gcd", "O(log max) per pair", fast_math, 1),
              Reference("Euclid with remainders", "O(log max) per pair", fast_euclid, 1)),
        tags=("math", "gcd", "library"),
    )


def _build_modular_pow(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("power", "modular", "residue"), ("table", "residues", "powers", "mods"))
    queries = names.pick("queries", "pairs", "requests", "items")
    base, exp = names.pick("base", "b", "x", "g"), names.pick("exp", "e", "k", "power")
    modulus = rng.choice((10**9 + 7, 998244353, 2**31 - 1, 10**9 + 9, 1_000_003))
    doc = rng.choice((f"{base} ** {exp} modulo {modulus} for every query.",
                      "Residues of the powers, in query order."))
    slow = code('''\
def $fn($queries: list[list[int]]) -> list[int]:
    """$doc"""
    return [($base ** $exp) % $modulus for $base, $exp in $queries]
''', fn=fn, queries=queries, base=base, exp=exp, modulus=modulus, doc=doc)
    fast = code('''\
def $fn($queries: list[list[int]]) -> list[int]:
    """$doc"""
    return [pow($base, $exp, $modulus) for $base, $exp in $queries]
''', fn=fn, queries=queries, base=base, exp=exp, modulus=modulus, doc=doc)
    tests = [([[]], []), ([[[0, 0], [5, 0], [0, 3]]], [1, 1, 0])]
    for size in (2, 5):
        values = [[rng.randint(0, 10**9), rng.randint(0, 40)] for _ in range(size)]
        tests.append(([values], [pow(b, e, modulus) for b, e in values]))
    count, top = size_between(rng, 50, 70, 5), size_between(rng, 5000, 6500, 500)
    generator = code('''\
def generate(rng):
    return [{"args": [[[rng.randint(10**8, 10**9), rng.randint($top // 2, $top)] for _ in range($count)]]}
            for _ in range(2)]
''', count=count, top=top)
    return Draft(
        title=rng.choice(("Modular powers", "Power residues", "Exponent table")),
        task=f"Implement `{fn}({queries})`: for each `[{base}, {exp}]` in `{queries}` return "
             f"`{base} ** {exp} % {modulus}`, in order.",
        function=fn, constraints=f"`len({queries}) <= {count}`, `0 <= {base} <= 10^9`, `0 <= {exp} <= {top}`",
        tests=tests, generator=generator,
        slow=Reference("full power, then remainder", "O(e^1.6 log^1.6 b) time per query (big integers)", slow, 2),
        fast=(Reference("three-argument pow", "O(log e) multiplications per query", fast, 1),),
        tags=("math", "modular-arithmetic", "library"),
    )


def _divisor_count(value: int) -> int:
    count, d = 0, 1
    while d * d <= value:
        if value % d == 0:
            count += 1 if d * d == value else 2
        d += 1
    return count


def _build_cache_pure_calls(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("total", "score", "sum_of"), ("divisor_counts", "divisor_scores", "factor_weights"))
    helper = names.pick("divisors", "count_divisors", "num_divisors", "tau")
    xs = names.pick("values", "numbers", "ids", "items")
    value, d = names.pick("value", "v", "m"), names.pick("d", "k", "i")
    doc = rng.choice(("Sum of the number of divisors of each value.", f"Total divisor count over {xs}."))
    helper_code = code('''\
def $helper($value: int) -> int:
    count, $d = 0, 1
    while $d * $d <= $value:
        if $value % $d == 0:
            count += 1 if $d * $d == $value else 2
        $d += 1
    return count
''', helper=helper, value=value, d=d)
    main = code('''\
def $fn($xs: list[int]) -> int:
    """$doc"""
    return sum($helper(x) for x in $xs)
''', fn=fn, xs=xs, helper=helper, doc=doc)
    slow = helper_code + "\n\n" + main
    decorator, imports = rng.choice((("@cache", "from functools import cache"),
                                     ("@lru_cache(maxsize=None)", "from functools import lru_cache")))
    fast = f"{imports}\n\n\n{decorator}\n{helper_code}\n\n{main}"
    fast_counter = "from collections import Counter\n\n\n" + helper_code + "\n\n" + code('''\
def $fn($xs: list[int]) -> int:
    """$doc"""
    return sum($helper(x) * times for x, times in Counter($xs).items())
''', fn=fn, xs=xs, helper=helper, doc=doc)
    tests = [([[]], 0), ([[1]], 1), ([[12, 12, 7]], 14)]
    for size in (3, 6, 9):
        values = [rng.randint(1, 200) for _ in range(size)]
        tests.append(([values], sum(_divisor_count(v) for v in values)))
    pool, n = size_between(rng, 50, 70, 10), size_between(rng, 1000, 1200, 100)
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        pool = [rng.randint(10**6, 4 * 10**6) for _ in range($pool)]
        tests.append({"args": [[rng.choice(pool) for _ in range($n)]]})
    return tests
''', pool=pool, n=n)
    return Draft(
        title=rng.choice(("Divisor totals", "Repeated divisor counts", "Sum of divisor counts")),
        task=f"Implement `{fn}({xs})`: return the sum, over every entry of the list `{xs}` (repeats "
             "included), of the number of positive divisors of that entry. Values repeat a lot.",
        function=fn, constraints=f"`len({xs}) <= {n}`, `1 <= v <= 4 * 10^6`, at most {pool} distinct values",
        tests=tests, generator=generator,
        slow=Reference("recompute the helper for every entry", "O(n sqrt(v)) time", slow, 2),
        fast=(Reference("cached helper", "O(d sqrt(v) + n) time for d distinct values", fast, 1),
              Reference("count equal values first", "O(d sqrt(v) + n) time", fast_counter, 1)),
        tags=("memoisation", "cache"),
    )


def _build_running_max(rng: random.Random) -> Draft:
    names = Names(rng)
    kind = rng.choice(("max", "min", "drawdown"))
    fn = names.function({"max": ("running", "record", "prefix"), "min": ("running", "prefix", "lowest"),
                         "drawdown": ("drawdown", "drop_from_peak", "gap_to_peak")}[kind],
                        ("prices", "levels", "readings", "scores", "balance", "altitudes"))
    xs = names.pick("values", "prices", "series", "levels", "readings", "samples", "history")
    i = names.pick("i", "day", "t", "k", "pos", "step")
    if kind == "drawdown":
        what = "the largest value among positions `0..i` minus the value at position `i`"
        slow_expr, oracle_fn = f"max({xs}[:{i} + 1]) - {xs}[{i}]", max
    else:
        what = f"the {'largest' if kind == 'max' else 'smallest'} value among positions `0..i`"
        slow_expr, oracle_fn = f"{kind}({xs}[:{i} + 1])", max if kind == "max" else min
    doc = rng.choice((f"For every position, {what.replace('`', '')}.", "Prefix extremes, one per position."))
    slow = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    return [$expr for $i in range(len($xs))]
''', fn=fn, xs=xs, i=i, expr=slow_expr, doc=doc)
    best = names.pick("best", "peak", "extreme", "current")
    pick = "min" if kind == "min" else "max"
    update = f"{best} = {pick}({best}, value)" if rng.random() < 0.5 else (
        f"if value {'<' if kind == 'min' else '>'} {best}:\n            {best} = value")
    result = f"{best} - value" if kind == "drawdown" else best
    fast = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    out = []
    if not $xs:
        return out
    $best = $xs[0]
    for value in $xs:
        $update
        out.append($result)
    return out
''', fn=fn, xs=xs, best=best, update=update, result=result, doc=doc)

    def oracle(values: list[int]) -> list[int]:
        out, current = [], None
        for v in values:
            current = v if current is None else oracle_fn(current, v)
            out.append(current - v if kind == "drawdown" else current)
        return out

    tests = [([[]], []), ([[4]], oracle([4]))]
    for size in (3, 6, 10):
        values = [rng.randint(-20, 20) for _ in range(size)]
        tests.append(([values], oracle(values)))
    n = size_between(rng, 3200, 3800, 100)
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randint(-10**9, 10**9) for _ in range($n)]]} for _ in range(2)]
''', n=n)
    return Draft(
        title=rng.choice(("Running extreme", "Prefix record", "Peak so far")),
        task=f"Implement `{fn}({xs})`: return a list of the same length whose entry `i` is {what}.",
        function=fn, constraints=f"`len({xs}) <= {n}`",
        tests=tests, generator=generator,
        slow=Reference("rescan the prefix at every position", "O(n^2) time", slow, 2),
        fast=(Reference("running value", "O(n) time", fast, 1),),
        tags=("running-value", "prefix"),
    )


FAMILIES = (
    Family("membership_set", 1, "membership in a list → a set built once", _build_membership_set),
    Family("dedup_fromkeys", 1, "quadratic de-duplication → dict.fromkeys", _build_dedup_fromkeys),
    Family("hoist_invariant", 1, "sum()/max() recomputed in a loop → hoisted", _build_hoist_invariant),
    Family("sort_for_min", 1, "sort to take a minimum/maximum → min()/max()", _build_sort_for_min),
    Family("memo_recursion", 1, "naive recursion → memoisation (@cache)", _build_memo_recursion),
    Family("library_gcd", 1, "gcd by subtraction → math.gcd", _build_library_gcd),
    Family("modular_pow", 1, "(b ** e) % m → pow(b, e, m)", _build_modular_pow),
    Family("cache_pure_calls", 1, "repeated pure calls on repeated values → a cache", _build_cache_pure_calls),
    Family("running_max", 1, "rescanning a prefix for its maximum → a running value", _build_running_max),
)

