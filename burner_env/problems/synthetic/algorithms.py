"""Level 3 families: the slow code is fixed only by a different algorithm.

Each ``_build_*`` draws one problem from ``rng``; ``FAMILIES`` lists them with their rewrite.
"""

from __future__ import annotations

import bisect
import random

from burner_env.problems.synthetic._core import Draft, Family, Names, Reference, code, size_between


def _build_prefix_sums(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("range", "interval", "window"), ("sums", "totals", "loads", "revenue"))
    xs = names.pick("values", "amounts", "sales", "readings", "counts")
    prefix = names.pick("prefix", "running", "cumulative", "acc")
    lo, hi = names.pick("lo", "left", "start", "a"), names.pick("hi", "right", "end", "b")
    paired = rng.random() < 0.5
    inclusive = rng.random() < 0.5
    queries = names.pick("queries", "ranges", "spans", "intervals") if paired else None
    starts, ends = (None, None) if paired else (names.pick("starts", "lefts", "froms"), names.pick(
        "ends", "rights", "tos"))
    stop = f"{hi} + 1" if inclusive else hi
    params = f"{xs}: list[int], {queries}: list[list[int]]" if paired else \
        f"{xs}: list[int], {starts}: list[int], {ends}: list[int]"
    pairs = queries if paired else f"zip({starts}, {ends})"
    doc = rng.choice(("Sum of every queried range.", f"Range totals of {xs}, one per query."))
    slow = code('''\
def $fn($params) -> list[int]:
    """$doc"""
    return [sum($xs[$lo:$stop]) for $lo, $hi in $pairs]
''', fn=fn, params=params, xs=xs, lo=lo, hi=hi, stop=stop, pairs=pairs, doc=doc)
    fast_loop = code('''\
def $fn($params) -> list[int]:
    """$doc"""
    $prefix = [0]
    for x in $xs:
        $prefix.append($prefix[-1] + x)
    return [$prefix[$stop] - $prefix[$lo] for $lo, $hi in $pairs]
''', fn=fn, params=params, xs=xs, lo=lo, hi=hi, stop=stop, pairs=pairs, prefix=prefix, doc=doc)
    fast_accumulate = code('''\
from itertools import accumulate


def $fn($params) -> list[int]:
    """$doc"""
    $prefix = [0, *accumulate($xs)]
    return [$prefix[$stop] - $prefix[$lo] for $lo, $hi in $pairs]
''', fn=fn, params=params, xs=xs, lo=lo, hi=hi, stop=stop, pairs=pairs, prefix=prefix, doc=doc)

    def args(values: list[int], spans: list[tuple[int, int]]) -> list:
        if paired:
            return [values, [[a, b] for a, b in spans]]
        return [values, [a for a, _ in spans], [b for _, b in spans]]

    def draw_spans(size: int, count: int) -> list[tuple[int, int]]:
        spans = []
        for _ in range(count):
            a, b = sorted((rng.randrange(size), rng.randrange(size)))
            spans.append((a, b) if inclusive else (a, b + 1))
        return spans

    tests = [(args([5], []), [])]
    for size in (1, 4, 7, 10):
        values = [rng.randint(-50, 50) for _ in range(size)]
        spans = draw_spans(size, 4)
        expected = [sum(values[a:b + 1] if inclusive else values[a:b]) for a, b in spans]
        tests.append((args(values, spans), expected))
    n, q = size_between(rng, 4500, 5000, 100), size_between(rng, 4500, 5000, 100)
    pack = "[values, spans]" if paired else "[values, [s[0] for s in spans], [s[1] for s in spans]]"
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        values = [rng.randint(-10**6, 10**6) for _ in range($n)]
        spans = []
        for _ in range($q):
            a, b = sorted((rng.randrange($n), rng.randrange($n)))
            spans.append([a, b + $shift])
        tests.append({"args": $pack})
    return tests
''', n=n, q=q, shift=0 if inclusive else 1, pack=pack)
    if paired:
        shape = f"`{queries}` is a list of `[{lo}, {hi}]` pairs"
        call = f"{fn}({xs}, {queries})"
    else:
        shape = f"query `k` is `{lo} = {starts}[k]`, `{hi} = {ends}[k]`"
        call = f"{fn}({xs}, {starts}, {ends})"
    bounds = f"`{xs}[{lo}] + ... + {xs}[{hi}]` (both ends included)" if inclusive else \
        f"`{xs}[{lo}] + ... + {xs}[{hi} - 1]` (`{hi}` excluded; an empty range sums to 0)"
    return Draft(
        title=rng.choice(("Range sums", "Interval totals", "Sum queries")),
        task=f"Implement `{call}`: {shape}; for every query return {bounds}, in query order.",
        function=fn, constraints=f"`len({xs}) <= {n}`, at most {q} queries, `|v| <= 10^6`",
        tests=tests, generator=generator,
        slow=Reference("sum of a slice per query", "O(n q) time", slow, 2),
        fast=(Reference("prefix sums", "O(n + q) time, O(n) space", fast_loop, 1),
              Reference("prefix sums with itertools.accumulate", "O(n + q) time, O(n) space", fast_accumulate, 1)),
        tags=("prefix-sums", "range-queries"),
    )


def _build_two_pointers(rng: random.Random) -> Draft:
    names = Names(rng)
    closest = rng.random() < 0.5
    xs = names.pick("values", "sorted_values", "heights", "prices")
    k = names.pick("target", "goal", "limit", "budget")
    i, j, best = names.pick("i", "a", "p"), names.pick("j", "b", "r"), names.pick("best", "answer", "result")
    lo, hi = names.pick("lo", "left", "front"), names.pick("hi", "right", "back")
    if closest:
        fn = names.function(("closest", "nearest"), ("pair_sum", "pair_gap", "two_sum"))
        what = (f"the smallest value of `abs({xs}[i] + {xs}[j] - {k})` over index pairs `i < j`; `{xs}` "
                "holds at least two values")
        doc = rng.choice(("Distance from the target to the closest pair sum.",
                          f"How near two entries of {xs} can add up to {k}."))
        slow = code('''\
def $fn($xs: list[int], $k: int) -> int:
    """$doc"""
    $best = None
    for $i in range(len($xs)):
        for $j in range($i + 1, len($xs)):
            gap = abs($xs[$i] + $xs[$j] - $k)
            if $best is None or gap < $best:
                $best = gap
    return $best
''', fn=fn, xs=xs, k=k, i=i, j=j, best=best, doc=doc)
        fast = code('''\
def $fn($xs: list[int], $k: int) -> int:
    """$doc"""
    $lo, $hi = 0, len($xs) - 1
    $best = None
    while $lo < $hi:
        total = $xs[$lo] + $xs[$hi]
        gap = abs(total - $k)
        if $best is None or gap < $best:
            $best = gap
        if total < $k:
            $lo += 1
        elif total > $k:
            $hi -= 1
        else:
            return 0
    return $best
''', fn=fn, xs=xs, k=k, lo=lo, hi=hi, best=best, doc=doc)
        fast_refs = (Reference("two pointers", "O(n) time", fast, 1),)

        def oracle(values: list[int], goal: int) -> int:
            return min(abs(values[a] + values[b] - goal) for a in range(len(values))
                       for b in range(a + 1, len(values)))

        minimum = 2
    else:
        fn = names.function(("count", "number_of"), ("affordable_pairs", "pairs_within", "small_pairs"))
        what = f"how many index pairs `i < j` have `{xs}[i] + {xs}[j] <= {k}`"
        doc = rng.choice(("Pairs whose sum stays within the limit.", f"Count pairs of {xs} summing to at most {k}."))
        slow = code('''\
def $fn($xs: list[int], $k: int) -> int:
    """$doc"""
    $best = 0
    for $i in range(len($xs)):
        for $j in range($i + 1, len($xs)):
            if $xs[$i] + $xs[$j] <= $k:
                $best += 1
    return $best
''', fn=fn, xs=xs, k=k, i=i, j=j, best=best, doc=doc)
        fast = code('''\
def $fn($xs: list[int], $k: int) -> int:
    """$doc"""
    $lo, $hi = 0, len($xs) - 1
    $best = 0
    while $lo < $hi:
        if $xs[$lo] + $xs[$hi] <= $k:
            $best += $hi - $lo
            $lo += 1
        else:
            $hi -= 1
    return $best
''', fn=fn, xs=xs, k=k, lo=lo, hi=hi, best=best, doc=doc)
        fast_bisect = code('''\
from bisect import bisect_right


def $fn($xs: list[int], $k: int) -> int:
    """$doc"""
    return sum(max(0, bisect_right($xs, $k - x, $i + 1) - $i - 1) for $i, x in enumerate($xs))
''', fn=fn, xs=xs, k=k, i=i, doc=doc)
        fast_refs = (Reference("two pointers", "O(n) time", fast, 1),
                     Reference("binary search per element", "O(n log n) time", fast_bisect, 1))

        def oracle(values: list[int], goal: int) -> int:
            return sum(1 for a in range(len(values)) for b in range(a + 1, len(values))
                       if values[a] + values[b] <= goal)

        minimum = 0
    tests = []
    for size in (minimum, 2, 3, 5, 8, 12):
        values = sorted(rng.randint(-20, 20) for _ in range(size))
        goal = rng.randint(-10, 10)
        tests.append(([values, goal], oracle(values, goal)))
    n = size_between(rng, 1400, 1600, 50)
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        values = sorted(rng.randint(-10**6, 10**6) for _ in range($n))
        tests.append({"args": [values, rng.randint(-10**5, 10**5)]})
    return tests
''', n=n)
    return Draft(
        title=rng.choice(("Pairs in a sorted list", "Sorted pair sums", "Two ends")),
        task=f"Implement `{fn}({xs}, {k})`: `{xs}` is sorted in non-decreasing order. Return {what}.",
        function=fn, constraints=f"`len({xs}) <= {n}`, `|v| <= 10^6`",
        tests=tests, generator=generator,
        slow=Reference("all pairs", "O(n^2) time", slow, 2), fast=fast_refs,
        tags=("two-pointers", "sorted"),
    )


def _build_binary_search(rng: random.Random) -> Draft:
    names = Names(rng)
    kind = rng.choice(("<=", "<", ">="))
    xs, queries = names.pick("values", "scores", "thresholds", "sorted_values"), names.pick(
        "queries", "probes", "limits", "asks")
    q, x = names.pick("q", "probe", "limit", "bound"), names.pick("x", "v", "value", "s")
    fn = names.function(("count", "rank"), ("at_most", "below", "not_above") if kind == "<="
                        else ("below", "under", "less_than") if kind == "<" else ("at_least", "above", "reaching"))
    relation = {"<=": "at most", "<": "less than", ">=": "at least"}[kind]
    doc = rng.choice((f"For each query, how many values are {relation} it.", "Counts per query over a sorted list."))
    slow = code('''\
def $fn($xs: list[int], $queries: list[int]) -> list[int]:
    """$doc"""
    return [sum(1 for $x in $xs if $x $op $q) for $q in $queries]
''', fn=fn, xs=xs, queries=queries, q=q, x=x, op=kind, doc=doc)
    search = {"<=": f"bisect_right({xs}, {q})", "<": f"bisect_left({xs}, {q})",
              ">=": f"len({xs}) - bisect_left({xs}, {q})"}[kind]
    imported = "bisect_right" if kind == "<=" else "bisect_left"
    fast = code('''\
from bisect import $imported


def $fn($xs: list[int], $queries: list[int]) -> list[int]:
    """$doc"""
    return [$search for $q in $queries]
''', fn=fn, xs=xs, queries=queries, q=q, search=search, imported=imported, doc=doc)

    def oracle(values: list[int], probes: list[int]) -> list[int]:
        if kind == "<=":
            return [bisect.bisect_right(values, p) for p in probes]
        if kind == "<":
            return [bisect.bisect_left(values, p) for p in probes]
        return [len(values) - bisect.bisect_left(values, p) for p in probes]

    tests = [([[], [3]], oracle([], [3])), ([[1, 2, 3], []], [])]
    for size in (1, 4, 7, 11):
        values = sorted(rng.randint(-9, 9) for _ in range(size))
        probes = [rng.randint(-11, 11) for _ in range(4)]
        tests.append(([values, probes], oracle(values, probes)))
    n, m = size_between(rng, 2800, 3200, 100), size_between(rng, 1000, 1200, 50)
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        values = sorted(rng.randint(0, 10**9) for _ in range($n))
        tests.append({"args": [values, [rng.randint(0, 10**9) for _ in range($m)]]})
    return tests
''', n=n, m=m)
    return Draft(
        title=rng.choice(("Rank queries", "Counting in a sorted list", "How many qualify")),
        task=f"Implement `{fn}({xs}, {queries})`: `{xs}` is sorted in non-decreasing order. For every value of "
             f"`{queries}`, in order, return how many values of `{xs}` are {relation} it.",
        function=fn, constraints=f"`len({xs}) <= {n}`, `len({queries}) <= {m}`",
        tests=tests, generator=generator,
        slow=Reference("linear scan per query", "O(n q) time", slow, 2),
        fast=(Reference("binary search (bisect)", "O(q log n) time", fast, 1),),
        tags=("binary-search", "sorted"),
    )


def _build_monotonic_stack(rng: random.Random) -> Draft:
    names = Names(rng)
    distance = rng.random() < 0.5
    fn = names.function(("next", "following"), ("warmer_gap", "higher_gap", "rise_wait") if distance
                        else ("greater", "higher", "bigger"))
    xs, out = names.pick("values", "temperatures", "heights", "prices"), names.pick("out", "answer", "result")
    i, j, found = names.pick("i", "day", "p"), names.pick("j", "later", "r"), names.pick("found", "nxt", "hit")
    missing = 0 if distance else -1
    hit = f"{j} - {i}" if distance else f"{xs}[{j}]"
    what = ("the number of positions `j - i` to the nearest later position `j` with a strictly greater value, "
            "or `0` if there is none") if distance else (
        "the nearest later value that is strictly greater than it, or `-1` if there is none")
    doc = rng.choice(("Next strictly greater entry for every position.", f"Look-ahead to the next rise in {xs}."))
    slow = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    $out = []
    for $i in range(len($xs)):
        $found = $missing
        for $j in range($i + 1, len($xs)):
            if $xs[$j] > $xs[$i]:
                $found = $hit
                break
        $out.append($found)
    return $out
''', fn=fn, xs=xs, out=out, i=i, j=j, found=found, missing=missing, hit=hit, doc=doc)
    stack = names.pick("stack", "waiting", "pending")
    store = f"{j} - top" if distance else f"{xs}[{j}]"
    fast = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    $out = [$missing] * len($xs)
    $stack = []
    for $j, value in enumerate($xs):
        while $stack and $xs[$stack[-1]] < value:
            top = $stack.pop()
            $out[top] = $store
        $stack.append($j)
    return $out
''', fn=fn, xs=xs, out=out, j=j, stack=stack, store=store, missing=missing, doc=doc)

    def oracle(values: list[int]) -> list[int]:
        answer = [missing] * len(values)
        for a in range(len(values)):
            for b in range(a + 1, len(values)):
                if values[b] > values[a]:
                    answer[a] = b - a if distance else values[b]
                    break
        return answer

    tests = [([[]], []), ([[3, 3]], oracle([3, 3]))]
    for size in (1, 4, 7, 11):
        values = [rng.randint(0, 9) for _ in range(size)]
        tests.append(([values], oracle(values)))
    n = size_between(rng, 2000, 2300, 50)
    # Long falling runs make every naive look-ahead scan far; the final peak ends them.
    generator = code('''\
def generate(rng):
    tests = []
    for blocks in (1, 2):
        values = []
        for _ in range(blocks):
            values += sorted((rng.randrange(10**6) for _ in range($n // blocks)), reverse=True)
        values.append(10**6)
        tests.append({"args": [values]})
    return tests
''', n=n)
    return Draft(
        title=rng.choice(("Next greater", "Wait for a rise", "Look ahead")),
        task=f"Implement `{fn}({xs})`: return a list of the same length whose entry `i` is {what}.",
        function=fn, constraints=f"`len({xs}) <= {n + 1}`",
        tests=tests, generator=generator,
        slow=Reference("scan forward from every position", "O(n^2) time", slow, 2),
        fast=(Reference("monotonic stack", "O(n) time, O(n) space", fast, 1),),
        tags=("monotonic-stack", "stack"),
    )


def _triangle_best(rows: list[list[int]], pick) -> int:
    if not rows:
        return 0
    acc = list(rows[-1])
    for r in range(len(rows) - 2, -1, -1):
        acc = [rows[r][c] + pick(acc[c], acc[c + 1]) for c in range(r + 1)]
    return acc[0]


def _build_dp_triangle(rng: random.Random) -> Draft:
    names = Names(rng)
    pick = rng.choice(("max", "min"))
    fn = names.function(("best", "optimal", "top_down"), ("path", "descent", "route"))
    rows, r, c = names.pick("rows", "triangle", "levels"), names.pick("r", "row", "depth"), names.pick(
        "c", "col", "pos")
    walk = names.pick("walk", "descend", "go", "visit")
    doc = rng.choice((f"The {pick}imum path sum from the apex to the base.",
                      f"{'Largest' if pick == 'max' else 'Smallest'} top-to-bottom total."))
    slow = code('''\
def $fn($rows: list[list[int]]) -> int:
    """$doc"""
    if not $rows:
        return 0

    def $walk($r, $c):
        if $r == len($rows) - 1:
            return $rows[$r][$c]
        return $rows[$r][$c] + $pick($walk($r + 1, $c), $walk($r + 1, $c + 1))

    return $walk(0, 0)
''', fn=fn, rows=rows, r=r, c=c, walk=walk, pick=pick, doc=doc)
    fast_table = code('''\
def $fn($rows: list[list[int]]) -> int:
    """$doc"""
    if not $rows:
        return 0
    acc = list($rows[-1])
    for $r in range(len($rows) - 2, -1, -1):
        acc = [$rows[$r][$c] + $pick(acc[$c], acc[$c + 1]) for $c in range($r + 1)]
    return acc[0]
''', fn=fn, rows=rows, r=r, c=c, pick=pick, doc=doc)
    fast_memo = "from functools import cache\n\n\n" + slow.replace(
        f"    def {walk}(", f"    @cache\n    def {walk}(", 1)
    choose = max if pick == "max" else min
    tests = [([[]], 0), ([[[5]]], 5)]
    for height in (2, 3, 5, 7):
        triangle = [[rng.randint(-9, 9) for _ in range(level + 1)] for level in range(height)]
        tests.append(([triangle], _triangle_best(triangle, choose)))
    height = rng.choice((18, 19))
    generator = code('''\
def generate(rng):
    return [{"args": [[[rng.randint(-100, 100) for _ in range(level + 1)] for level in range($height)]]}
            for _ in range(2)]
''', height=height)
    return Draft(
        title=rng.choice(("Triangle path", "Best descent", "Pyramid route")),
        task=f"Implement `{fn}({rows})`: `{rows}` is a triangle, row `k` holding `k + 1` integers. A path starts at "
             f"the apex and at each step moves from position `c` of one row to position `c` or `c + 1` of the next, "
             f"until the last row. Return the {pick}imum sum of the values on such a path (0 for no rows).",
        function=fn, constraints=f"at most {height} rows",
        tests=tests, generator=generator,
        slow=Reference("recursion over every path", "O(2^rows) time", slow, 2),
        fast=(Reference("bottom-up DP table", "O(rows^2) time", fast_table, 1),
              Reference("memoised recursion", "O(rows^2) time and space", fast_memo, 1)),
        tags=("dynamic-programming",),
    )


def _build_sliding_window(rng: random.Random) -> Draft:
    names = Names(rng)
    threshold_mode = rng.random() < 0.4
    xs = names.pick("values", "sales", "visits", "readings", "traffic", "rainfall")
    k = names.pick("k", "width", "span", "days", "size")
    i, total = names.pick("i", "start", "s", "pos"), names.pick("total", "window", "current", "running")
    if threshold_mode:
        fn = names.function(("count", "number_of"), ("busy_windows", "hot_windows", "strong_windows"))
        limit = names.pick("limit", "threshold", "floor")
        params, call_args = f"{xs}: list[int], {k}: int, {limit}: int", f"{xs}, {k}, {limit}"
        what = (f"how many windows of `{k}` consecutive values of `{xs}` have a sum of at least `{limit}`")
        slow_body = f"return sum(1 for {i} in range(len({xs}) - {k} + 1) if sum({xs}[{i}:{i} + {k}]) >= {limit})"
        fast_update = f"hits = int({total} >= {limit})\n    for {i} in range({k}, len({xs})):\n" \
                      f"        {total} += {xs}[{i}] - {xs}[{i} - {k}]\n        hits += {total} >= {limit}\n" \
                      "    return hits"
    else:
        fn = names.function(("best", "largest", "peak"), ("window_sum", "stretch", "run_total"))
        params, call_args = f"{xs}: list[int], {k}: int", f"{xs}, {k}"
        what = f"the largest sum of `{k}` consecutive values of `{xs}`"
        slow_body = f"return max(sum({xs}[{i}:{i} + {k}]) for {i} in range(len({xs}) - {k} + 1))"
        fast_update = f"best = {total}\n    for {i} in range({k}, len({xs})):\n" \
                      f"        {total} += {xs}[{i}] - {xs}[{i} - {k}]\n        if {total} > best:\n" \
                      f"            best = {total}\n    return best"
    doc = rng.choice((f"Window sums of width {k} over {xs}.", "Sums over fixed-width windows.",
                      f"Sums of {k} consecutive entries.", f"Every stretch of {k} values of {xs}, summed."))
    slow = code('''\
def $fn($params) -> int:
    """$doc"""
    $body
''', fn=fn, params=params, body=slow_body, doc=doc)
    fast = code('''\
def $fn($params) -> int:
    """$doc"""
    $total = sum($xs[:$k])
    $update
''', fn=fn, params=params, xs=xs, k=k, total=total, update=fast_update, doc=doc)

    def oracle(values: list[int], width: int, *rest: int) -> int:
        sums = [sum(values[s:s + width]) for s in range(len(values) - width + 1)]
        return sum(1 for v in sums if v >= rest[0]) if threshold_mode else max(sums)

    tests = []
    for size in (1, 3, 6, 10, 12):
        values = [rng.randint(-9, 9) for _ in range(size)]
        width = rng.randint(1, size)
        args = [values, width, rng.randint(-5, 5) * width] if threshold_mode else [values, width]
        tests.append((args, oracle(*args)))
    n, width = size_between(rng, 12000, 13000, 500), size_between(rng, 800, 1000, 50)
    extra = f", {width} * 10**5" if threshold_mode else ""
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randint(0, 2 * 10**5) for _ in range($n)], $width$extra]} for _ in range(2)]
''', n=n, width=width, extra=extra)
    return Draft(
        title=rng.choice(("Window sums", "Best stretch", "Consecutive totals")),
        task=f"Implement `{fn}({call_args})`, with `1 <= {k} <= len({xs})`: return {what}.",
        function=fn, constraints=f"`len({xs}) <= {n}`, `{k} <= {width}`",
        tests=tests, generator=generator,
        slow=Reference("sum every window from scratch", "O(n k) time", slow, 2),
        fast=(Reference("sliding window", "O(n) time", fast, 1),),
        tags=("sliding-window",),
    )


def _build_kadane(rng: random.Random) -> Draft:
    names = Names(rng)
    pick = rng.choice(("max", "min"))
    fn = names.function(("best", "extreme") if pick == "max" else ("worst", "deepest"),
                        ("stretch", "subarray_sum", "run", "streak"))
    xs, best = names.pick("values", "gains", "changes", "deltas"), names.pick("best", "answer", "result")
    i, j, total = names.pick("i", "start", "a"), names.pick("j", "stop", "b"), names.pick("total", "run", "acc")
    better = ">" if pick == "max" else "<"
    word = "largest" if pick == "max" else "smallest"
    doc = rng.choice((f"The {word} sum of a non-empty run of consecutive values.", f"Extreme subarray sum of {xs}."))
    slow = code('''\
def $fn($xs: list[int]) -> int:
    """$doc"""
    $best = $xs[0]
    for $i in range(len($xs)):
        $total = 0
        for $j in range($i, len($xs)):
            $total += $xs[$j]
            if $total $better $best:
                $best = $total
    return $best
''', fn=fn, xs=xs, best=best, i=i, j=j, total=total, better=better, doc=doc)
    fast = code('''\
def $fn($xs: list[int]) -> int:
    """$doc"""
    $best = $total = $xs[0]
    for x in $xs[1:]:
        $total = $pick(x, $total + x)
        $best = $pick($best, $total)
    return $best
''', fn=fn, xs=xs, best=best, total=total, pick=pick, doc=doc)
    choose = max if pick == "max" else min

    def oracle(values: list[int]) -> int:
        return choose(sum(values[a:b + 1]) for a in range(len(values)) for b in range(a, len(values)))

    tests = [([[4]], 4), ([[-3, -1, -2]], oracle([-3, -1, -2]))]
    for size in (2, 5, 8, 12):
        values = [rng.randint(-9, 9) for _ in range(size)]
        tests.append(([values], oracle(values)))
    n = size_between(rng, 1500, 1700, 50)
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randint(-10**4, 10**4) for _ in range($n)]]} for _ in range(2)]
''', n=n)
    return Draft(
        title=rng.choice(("Best run", "Subarray sum", "Consecutive gains")),
        task=f"Implement `{fn}({xs})`: `{xs}` is a non-empty list of integers; return the {word} sum of a non-empty "
             "run of consecutive values.",
        function=fn, constraints=f"`1 <= len({xs}) <= {n}`",
        tests=tests, generator=generator,
        slow=Reference("every start and end", "O(n^2) time", slow, 2),
        fast=(Reference("Kadane's running best", "O(n) time", fast, 1),),
        tags=("dynamic-programming", "kadane"),
    )


def _primes_upto(limit: int) -> list[int]:
    flags = bytearray([1]) * (limit + 1)
    flags[:2] = b"\x00\x00"[:limit + 1]
    for p in range(2, int(limit ** 0.5) + 1):
        if flags[p]:
            flags[p * p::p] = bytes(len(range(p * p, limit + 1, p)))
    return [v for v in range(limit + 1) if flags[v]]


def _build_sieve(rng: random.Random) -> Draft:
    names = Names(rng)
    summing = rng.random() < 0.5
    fn = names.function(("sum_of", "total_of") if summing else ("count", "number_of"),
                        ("primes", "primes_upto", "primes_below_limit"))
    n, v, d = names.pick("n", "limit", "upto", "bound"), names.pick("v", "candidate", "m"), names.pick(
        "d", "divisor", "k")
    acc = names.pick("total", "acc", "found")
    step = f"{acc} += {v}" if summing else f"{acc} += 1"
    what = "the sum" if summing else "the number"
    doc = rng.choice((f"{what.title()} of the primes p with 2 <= p <= {n}.", "Primes up to the limit."))
    slow = code('''\
def $fn($n: int) -> int:
    """$doc"""
    $acc = 0
    for $v in range(2, $n + 1):
        $d = 2
        while $d * $d <= $v:
            if $v % $d == 0:
                break
            $d += 1
        else:
            $step
    return $acc
''', fn=fn, n=n, v=v, d=d, acc=acc, step=step, doc=doc)
    final = f"sum({v} for {v} in range({n} + 1) if flags[{v}])" if summing else "sum(flags)"
    fast = code('''\
def $fn($n: int) -> int:
    """$doc"""
    if $n < 2:
        return 0
    flags = bytearray([1]) * ($n + 1)
    flags[0] = flags[1] = 0
    for $d in range(2, int($n ** 0.5) + 1):
        if flags[$d]:
            flags[$d * $d::$d] = bytes(len(range($d * $d, $n + 1, $d)))
    return $final
''', fn=fn, n=n, d=d, final=final, doc=doc)

    def oracle(limit: int) -> int:
        primes = _primes_upto(limit) if limit >= 2 else []
        return sum(primes) if summing else len(primes)

    tests = [([value], oracle(value)) for value in (0, 1, 2, 3, 10, rng.randint(11, 60), rng.randint(61, 500))]
    top = size_between(rng, 70000, 80000, 1000)
    generator = code('''\
def generate(rng):
    return [{"args": [$top - rng.randrange(1000)]} for _ in range(2)]
''', top=top)
    return Draft(
        title=rng.choice(("Primes up to n", "Prime tally", "Counting primes")),
        task=f"Implement `{fn}({n})`: return {what} of the primes `p` with `2 <= p <= {n}` (0 when there are none).",
        function=fn, constraints=f"`0 <= {n} <= {top}`",
        tests=tests, generator=generator,
        slow=Reference("trial division of every number", "O(n sqrt(n) / log n) time", slow, 2),
        fast=(Reference("sieve of Eratosthenes", "O(n log log n) time, O(n) space", fast, 1),),
        tags=("math", "primes", "sieve"),
    )


FAMILIES = (
    Family("prefix_sums", 3, "a sum per range query → prefix sums", _build_prefix_sums),
    Family("two_pointers", 3, "all pairs of a sorted list → two pointers", _build_two_pointers),
    Family("binary_search", 3, "linear scan of a sorted list → bisect", _build_binary_search),
    Family("monotonic_stack", 3, "forward scan per element → monotonic stack", _build_monotonic_stack),
    Family("dp_triangle", 3, "recursion over every path → bottom-up DP table", _build_dp_triangle),
    Family("sliding_window", 3, "each window summed from scratch → sliding window", _build_sliding_window),
    Family("kadane", 3, "every subarray → Kadane's running best", _build_kadane),
    Family("sieve", 3, "trial division of every number → sieve of Eratosthenes", _build_sieve),
)
