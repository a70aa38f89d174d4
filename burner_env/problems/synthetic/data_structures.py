"""Level 2 families: the slow code is fixed by changing the data structure it works on.

Each ``_build_*`` draws one problem from ``rng``; ``FAMILIES`` lists them with their rewrite.
"""

from __future__ import annotations

import bisect
import heapq
import random
from collections import Counter, deque

from burner_env.problems.synthetic._core import Draft, Family, Names, Reference, code, size_between


def _build_string_join(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("render", "format", "join", "serialise"), ("ids", "labels", "values", "row", "tokens"))
    xs = names.pick("values", "ids", "numbers", "items")
    out, piece, x = names.pick("out", "text", "line", "result"), names.pick("piece", "part", "token"), names.pick(
        "x", "v", "value", "item")
    sep = rng.choice((", ", ";", " | ", "\n", "/", " -> ", ","))
    prefix = rng.choice(("", "#", "id-", "x", "item ", "v", "n="))
    newest_first = rng.random() < 0.4
    order = "from the last value to the first" if newest_first else "in order"
    doc = rng.choice((f"The values written as {prefix!r} + digits, joined by {sep!r}.",
                      f"One string holding every entry of {xs}, {order}."))
    build = (f"{out} = {piece} + {sep!r} + {out}" if newest_first else f"{out} = {out} + {sep!r} + {piece}")
    slow = code('''\
def $fn($xs: list[int]) -> str:
    """$doc"""
    $out = ""
    for $x in $xs:
        $piece = $prefix + str($x)
        if $out:
            $build
        else:
            $out = $piece
    return $out
''', fn=fn, xs=xs, out=out, piece=piece, x=x, prefix=repr(prefix), build=build, doc=doc)
    source = f"reversed({xs})" if newest_first else xs
    fast_join = code('''\
def $fn($xs: list[int]) -> str:
    """$doc"""
    return $sep.join($prefix + str($x) for $x in $source)
''', fn=fn, xs=xs, x=x, sep=repr(sep), prefix=repr(prefix), source=source, doc=doc)
    fast_parts = code('''\
def $fn($xs: list[int]) -> str:
    """$doc"""
    parts = []
    for $x in $source:
        parts.append($prefix + str($x))
    return $sep.join(parts)
''', fn=fn, xs=xs, x=x, sep=repr(sep), prefix=repr(prefix), source=source, doc=doc)

    def oracle(values: list[int]) -> str:
        return sep.join(prefix + str(v) for v in (reversed(values) if newest_first else values))

    tests = [([[]], ""), ([[0]], oracle([0]))]
    for size in (2, 3, 6, 9):
        values = [rng.randint(-999, 999) for _ in range(size)]
        tests.append(([values], oracle(values)))
    # The slow code copies the output once per value: its cost follows the output's length, so
    # the count is set for an output of about 160 kB, whatever the piece length.
    n = size_between(rng, 150_000, 170_000, 1000) // (len(prefix) + len(sep) + 7) // 50 * 50
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randrange(10**7) for _ in range($n)]]} for _ in range(2)]
''', n=n)
    return Draft(
        title=rng.choice(("Join the values", "Render a row", "Serialise the list")),
        task=f"Implement `{fn}({xs})`: write every integer `v` of `{xs}` as `{prefix}` followed by its decimal "
             f"digits (for example `{prefix}{17}`), {order}, and return one string with the pieces separated "
             f"by `{sep!r}`. An empty list gives the empty string.",
        function=fn, constraints=f"`len({xs}) <= {n}`",
        tests=tests, generator=generator,
        slow=Reference("string concatenation in a loop", "O(n L) time for output length L", slow, 2),
        fast=(Reference("str.join over a generator", "O(L) time", fast_join, 1),
              Reference("list of parts, then join", "O(L) time", fast_parts, 1)),
        tags=("strings", "join"),
    )


def _build_counter_counts(rng: random.Random) -> Draft:
    names = Names(rng)
    xs = names.pick("values", "votes", "colors", "labels", "codes")
    x = names.pick("x", "v", "value", "item")
    mode = rng.choice(("mode", "each"))
    if mode == "mode":
        fn = names.function(("most_common", "most_frequent", "top"), ("value", "vote", "label", "code"))
        best, best_count, c = names.pick("best", "winner", "answer"), names.pick(
            "best_count", "top_count", "most"), names.pick("c", "count", "times")
        what = (f"the value that occurs most often in `{xs}`; when several values tie, the smallest of them. "
                f"`{xs}` is not empty")
        doc = rng.choice(("The most frequent value, smallest on ties.", f"Mode of {xs} (ties: smallest)."))
        slow = code('''\
def $fn($xs: list[int]) -> int:
    """$doc"""
    $best, $best_count = None, 0
    for $x in $xs:
        $c = $xs.count($x)
        if $c > $best_count or ($c == $best_count and $x < $best):
            $best, $best_count = $x, $c
    return $best
''', fn=fn, xs=xs, x=x, best=best, best_count=best_count, c=c, doc=doc)
        fast = code('''\
from collections import Counter


def $fn($xs: list[int]) -> int:
    """$doc"""
    counts = Counter($xs)
    return min(counts, key=lambda $x: (-counts[$x], $x))
''', fn=fn, xs=xs, x=x, doc=doc)
        fast_dict = code('''\
def $fn($xs: list[int]) -> int:
    """$doc"""
    counts = {}
    for $x in $xs:
        counts[$x] = counts.get($x, 0) + 1
    top = max(counts.values())
    return min($x for $x, $c in counts.items() if $c == top)
''', fn=fn, xs=xs, x=x, c=c, doc=doc)

        def oracle(values: list[int]) -> int:
            counts = Counter(values)
            return min(counts, key=lambda v: (-counts[v], v))

        cases = [[5], [2, 2, 1, 1], [3, 1, 3, 1, 2]]
    else:
        fn = names.function(("occurrences", "frequency", "count"), ("per_item", "of_each", "table"))
        what = f"a list of the same length as `{xs}` whose entry `i` is how many times `{xs}[i]` occurs in `{xs}`"
        doc = rng.choice(("How often each entry's value occurs, per entry.", f"Occurrence count of every {x}."))
        slow = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    return [$xs.count($x) for $x in $xs]
''', fn=fn, xs=xs, x=x, doc=doc)
        fast = code('''\
from collections import Counter


def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    counts = Counter($xs)
    return [counts[$x] for $x in $xs]
''', fn=fn, xs=xs, x=x, doc=doc)
        fast_dict = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    counts = {}
    for $x in $xs:
        counts[$x] = counts.get($x, 0) + 1
    return [counts[$x] for $x in $xs]
''', fn=fn, xs=xs, x=x, doc=doc)

        def oracle(values: list[int]) -> list[int]:
            counts = Counter(values)
            return [counts[v] for v in values]

        cases = [[], [4], [1, 1, 2]]
    tests = [([case], oracle(case)) for case in cases]
    for size in (4, 7, 12):
        values = [rng.randint(-4, 4) for _ in range(size)]
        tests.append(([values], oracle(values)))
    n, span = size_between(rng, 3000, 3400, 100), rng.choice((50, 200, 1000, 5000))
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randrange($span) for _ in range($n)]]} for _ in range(2)]
''', n=n, span=span)
    return Draft(
        title=rng.choice(("Counting values", "Frequencies", "How often")),
        task=f"Implement `{fn}({xs})`, which returns {what}.",
        function=fn, constraints=f"`len({xs}) <= {n}`, values in `[0, {span})`",
        tests=tests, generator=generator,
        slow=Reference("list.count for every element", "O(n^2) time", slow, 2),
        fast=(Reference("collections.Counter", "O(n) time, O(d) space", fast, 1),
              Reference("dict of counts", "O(n) time, O(d) space", fast_dict, 1)),
        tags=("counting", "hashing"),
    )


def _round_robin(work: list[int], quantum: int) -> list[int]:
    queue, order = deque(enumerate(work)), []
    while queue:
        index, left = queue.popleft()
        if left > quantum:
            queue.append((index, left - quantum))
        else:
            order.append(index)
    return order


def _build_deque_queue(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("finish", "completion", "schedule"), ("order", "sequence", "ranking"))
    work = names.pick("work", "jobs", "durations", "loads", "tasks")
    quantum_name = names.pick("quantum", "slice", "budget", "step")
    queue = names.pick("queue", "pending", "waiting", "line")
    i, left = names.pick("i", "job", "idx", "task"), names.pick("left", "rest", "remaining", "todo")
    order = names.pick("order", "done", "finished", "result")
    as_argument = rng.random() < 0.5
    quantum = rng.choice((2, 3, 4, 5, 8, 10))
    signature = f"{work}: list[int], {quantum_name}: int" if as_argument else f"{work}: list[int]"
    q_expr = quantum_name if as_argument else str(quantum)
    doc = rng.choice(("Indices of the jobs in the order they finish under round robin.",
                      "Round-robin completion order."))
    slow = code('''\
def $fn($signature) -> list[int]:
    """$doc"""
    $queue = list(enumerate($work))
    $order = []
    while $queue:
        $i, $left = $queue.pop(0)
        if $left > $q:
            $queue.append(($i, $left - $q))
        else:
            $order.append($i)
    return $order
''', fn=fn, signature=signature, work=work, queue=queue, order=order, i=i, left=left, q=q_expr, doc=doc)
    fast = "from collections import deque\n\n\n" + slow.replace(
        f"{queue} = list(enumerate({work}))", f"{queue} = deque(enumerate({work}))").replace(
        f"{queue}.pop(0)", f"{queue}.popleft()")
    rule = (f"the argument `{quantum_name}`" if as_argument else f"`{quantum}`")
    tests = []
    for size in (0, 1, 3, 5, 8):
        amounts = [rng.randint(1, 2 * quantum) for _ in range(size)]
        tests.append(([amounts, quantum] if as_argument else [amounts], _round_robin(amounts, quantum)))
    n = size_between(rng, 40000, 44000, 1000)
    args = f"[work, {quantum}]" if as_argument else "[work]"
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        work = [rng.randint(1, 2 * $quantum) for _ in range($n)]
        tests.append({"args": $args})
    return tests
''', n=n, quantum=quantum, args=args)
    return Draft(
        title=rng.choice(("Round robin", "Time slices", "Job rotation")),
        task=f"Implement `{fn}({', '.join(p.split(':')[0] for p in signature.split(', '))})`. Jobs `0..n-1` wait "
             f"in a queue in index order; job `i` needs `{work}[i]` units of work. Repeatedly the job at the front "
             f"gets up to {rule} units: if that finishes it, it leaves, otherwise it goes to the back of the queue "
             "with its remaining work. Return the job indices in the order they finish.",
        function=fn, constraints=f"`len({work}) <= {n}`, `1 <= {work}[i] <= {2 * quantum}`",
        tests=tests, generator=generator,
        slow=Reference("list as a queue (pop(0))", "O(n) per pop: O(n^2) time", slow, 2),
        fast=(Reference("collections.deque", "O(1) per pop: O(total rounds) time", fast, 1),),
        tags=("queue", "deque", "simulation"),
    )


def _build_index_map(rng: random.Random) -> Draft:
    names = Names(rng)
    last = rng.random() < 0.4
    fn = names.function(("first", "find", "locate") if not last else ("last", "latest", "final"),
                        ("positions", "indices", "offsets", "slots"))
    xs, queries = names.pick("values", "items", "ids", "stock"), names.pick("queries", "wanted", "lookups", "targets")
    q, out = names.pick("q", "query", "target", "key"), names.pick("out", "result", "found", "answers")
    which = "last" if last else "first"
    doc = rng.choice((f"Index of the {which} occurrence of each query, or -1.",
                      f"Where each query sits in {xs} ({which} match), -1 if absent."))
    find = f"len({xs}) - 1 - {xs}[::-1].index({q})" if last else f"{xs}.index({q})"
    slow = code('''\
def $fn($xs: list[int], $queries: list[int]) -> list[int]:
    """$doc"""
    $out = []
    for $q in $queries:
        if $q in $xs:
            $out.append($find)
        else:
            $out.append(-1)
    return $out
''', fn=fn, xs=xs, queries=queries, q=q, out=out, find=find, doc=doc)
    position = names.pick("position", "where", "index_of", "slot_of")
    build = (f"{position} = {{x: i for i, x in enumerate({xs})}}" if last else
             f"{position} = {{}}\n    for i, x in enumerate({xs}):\n        {position}.setdefault(x, i)")
    fast = code('''\
def $fn($xs: list[int], $queries: list[int]) -> list[int]:
    """$doc"""
    $build
    return [$position.get($q, -1) for $q in $queries]
''', fn=fn, xs=xs, queries=queries, q=q, build=build, position=position, doc=doc)

    def oracle(values: list[int], wanted: list[int]) -> list[int]:
        where: dict[int, int] = {}
        for i, v in enumerate(values):
            if last or v not in where:
                where[v] = i
        return [where.get(w, -1) for w in wanted]

    tests = [([[], [1]], [-1]), ([[3, 3, 3], []], [])]
    for size in (3, 6, 10):
        values = [rng.randrange(8) for _ in range(size)]
        wanted = [rng.randrange(10) for _ in range(4)]
        tests.append(([values, wanted], oracle(values, wanted)))
    n, m = size_between(rng, 2600, 3000, 100), size_between(rng, 2600, 3000, 100)
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        values = [rng.randrange(2 * $n) for _ in range($n)]
        tests.append({"args": [values, [rng.randrange(2 * $n) for _ in range($m)]]})
    return tests
''', n=n, m=m)
    return Draft(
        title=rng.choice(("Where is it", "Position lookup", "Index of each query")),
        task=f"Implement `{fn}({xs}, {queries})`: for every value of `{queries}`, in order, return the index of "
             f"its {which} occurrence in `{xs}`, or `-1` if it does not occur.",
        function=fn, constraints=f"`len({xs}) <= {n}`, `len({queries}) <= {m}`",
        tests=tests, generator=generator,
        slow=Reference("list search per query", "O(n q) time", slow, 2),
        fast=(Reference("dict from value to position", "O(n + q) time, O(n) space", fast, 1),),
        tags=("hashing", "lookup"),
    )


def _build_pair_sum_hash(rng: random.Random) -> Draft:
    names = Names(rng)
    difference = rng.random() < 0.4
    fn = names.function(("count", "number_of", "matching"),
                        ("gap_pairs", "pairs_apart", "distance_pairs") if difference
                        else ("pairs", "pair_sums", "complements"))
    xs, k = names.pick("values", "nums", "prices", "weights"), names.pick("target", "k", "goal", "wanted")
    i, j, count = names.pick("i", "a", "p"), names.pick("j", "b", "r"), names.pick("count", "pairs", "total")
    if difference:
        what = f"how many index pairs `i < j` have `abs({xs}[i] - {xs}[j]) == {k}`, with `{k} >= 1`"
        test_expr = f"abs({xs}[{i}] - {xs}[{j}]) == {k}"
        fast_line = f"{count} += seen.get(x - {k}, 0) + seen.get(x + {k}, 0)"
    else:
        what = f"how many index pairs `i < j` have `{xs}[i] + {xs}[j] == {k}`"
        test_expr = f"{xs}[{i}] + {xs}[{j}] == {k}"
        fast_line = f"{count} += seen.get({k} - x, 0)"
    doc = rng.choice(("Number of index pairs that match.", f"Pairs i < j of {xs} meeting the condition."))
    slow = code('''\
def $fn($xs: list[int], $k: int) -> int:
    """$doc"""
    $count = 0
    for $i in range(len($xs)):
        for $j in range($i + 1, len($xs)):
            if $test:
                $count += 1
    return $count
''', fn=fn, xs=xs, k=k, i=i, j=j, count=count, test=test_expr, doc=doc)
    fast = code('''\
def $fn($xs: list[int], $k: int) -> int:
    """$doc"""
    seen = {}
    $count = 0
    for x in $xs:
        $line
        seen[x] = seen.get(x, 0) + 1
    return $count
''', fn=fn, xs=xs, k=k, count=count, line=fast_line, doc=doc)

    def oracle(values: list[int], goal: int) -> int:
        return sum(1 for a in range(len(values)) for b in range(a + 1, len(values))
                   if (abs(values[a] - values[b]) == goal if difference else values[a] + values[b] == goal))

    tests = [([[], 3], 0), ([[2, 2, 2], 4 if not difference else 1], oracle([2, 2, 2], 4 if not difference else 1))]
    for size in (4, 7, 11):
        values = [rng.randint(-6, 6) for _ in range(size)]
        goal = rng.randint(1, 5)
        tests.append(([values, goal], oracle(values, goal)))
    n = size_between(rng, 1700, 2000, 50)
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randint(-$n, $n) for _ in range($n)], rng.randint(1, $n)]} for _ in range(2)]
''', n=n)
    return Draft(
        title=rng.choice(("Matching pairs", "Pair count", "Complementary pairs")),
        task=f"Implement `{fn}({xs}, {k})`: return {what}.",
        function=fn, constraints=f"`len({xs}) <= {n}`, `|v| <= {n}`",
        tests=tests, generator=generator,
        slow=Reference("all pairs", "O(n^2) time", slow, 2),
        fast=(Reference("dict of values seen so far", "O(n) time, O(n) space", fast, 1),),
        tags=("hashing", "pairs"),
    )


def _merge_cost(values: list[int]) -> int:
    heap, total = list(values), 0
    heapq.heapify(heap)
    while len(heap) > 1:
        merged = heapq.heappop(heap) + heapq.heappop(heap)
        total += merged
        heapq.heappush(heap, merged)
    return total


def _build_heap_merge(rng: random.Random) -> Draft:
    names = Names(rng)
    fn = names.function(("merge", "combine", "join"), ("cost", "ropes_cost", "files_cost", "total_cost"))
    xs = names.pick("sizes", "lengths", "ropes", "files", "piles")
    pile, cost = names.pick("pile", "pool", "remaining", "heap"), names.pick("cost", "total", "spent")
    a, b = names.pick("a", "first", "small"), names.pick("b", "second", "other")
    doc = rng.choice(("Cheapest total cost of merging everything into one.",
                      "Always merge the two smallest; return the total cost."))
    if rng.random() < 0.5:
        take = f"{a} = min({pile})\n        {pile}.remove({a})\n        {b} = min({pile})\n        {pile}.remove({b})"
        label, n = "min() and remove() each step", size_between(rng, 2000, 2400, 100)
    else:
        take = f"{pile}.sort()\n        {a} = {pile}.pop(0)\n        {b} = {pile}.pop(0)"
        # Timsort re-sorts an almost sorted list in linear time: more items for the same gap.
        label, n = "sort the list each step", size_between(rng, 5000, 5600, 100)
    slow = code('''\
def $fn($xs: list[int]) -> int:
    """$doc"""
    $pile = list($xs)
    $cost = 0
    while len($pile) > 1:
        $take
        $cost += $a + $b
        $pile.append($a + $b)
    return $cost
''', fn=fn, xs=xs, pile=pile, cost=cost, a=a, b=b, take=take, doc=doc)
    fast = code('''\
import heapq


def $fn($xs: list[int]) -> int:
    """$doc"""
    $pile = list($xs)
    heapq.heapify($pile)
    $cost = 0
    while len($pile) > 1:
        $a = heapq.heappop($pile)
        $b = heapq.heappop($pile)
        $cost += $a + $b
        heapq.heappush($pile, $a + $b)
    return $cost
''', fn=fn, xs=xs, pile=pile, cost=cost, a=a, b=b, doc=doc)
    tests = [([[]], 0), ([[7]], 0), ([[1, 2, 3]], 9)]
    for size in (4, 6, 9):
        values = [rng.randint(1, 30) for _ in range(size)]
        tests.append(([values], _merge_cost(values)))
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randint(1, 10**6) for _ in range($n)]]} for _ in range(2)]
''', n=n)
    return Draft(
        title=rng.choice(("Merge cost", "Connect the ropes", "Combine files")),
        task=f"Implement `{fn}({xs})`. Merging two items of sizes `a` and `b` costs `a + b` and leaves one item of "
             f"size `a + b`. Starting from the sizes in `{xs}`, repeatedly merge the two smallest items until at "
             "most one is left, and return the total cost (0 for fewer than two items).",
        function=fn, constraints=f"`len({xs}) <= {n}`, `1 <= size <= 10^6`",
        tests=tests, generator=generator,
        slow=Reference(label, "O(n^2) time", slow, 2),
        fast=(Reference("binary heap (heapq)", "O(n log n) time", fast, 1),),
        tags=("heap", "greedy"),
    )


def _running_quantile(values: list[int], upper: bool) -> list[int]:
    seen: list[int] = []
    out = []
    for v in values:
        bisect.insort(seen, v)
        out.append(seen[len(seen) // 2 if upper else (len(seen) - 1) // 2])
    return out


def _build_sorted_insert(rng: random.Random) -> Draft:
    names = Names(rng)
    upper = rng.random() < 0.5
    fn = names.function(("running", "streaming", "online"), ("median", "middle", "midpoint"))
    xs, seen = names.pick("values", "stream", "readings", "arrivals"), names.pick("seen", "window", "so_far", "pool")
    out, x = names.pick("out", "medians", "result"), names.pick("x", "v", "value")
    index = f"len({seen}) // 2" if upper else f"(len({seen}) - 1) // 2"
    which = "upper" if upper else "lower"
    doc = rng.choice((f"The {which} median after each arrival.", f"Median of every prefix of {xs} ({which})."))
    slow = code('''\
def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    $seen = []
    $out = []
    for $x in $xs:
        $seen.append($x)
        $out.append(sorted($seen)[$index])
    return $out
''', fn=fn, xs=xs, seen=seen, out=out, x=x, index=index, doc=doc)
    fast = code('''\
import bisect


def $fn($xs: list[int]) -> list[int]:
    """$doc"""
    $seen = []
    $out = []
    for $x in $xs:
        bisect.insort($seen, $x)
        $out.append($seen[$index])
    return $out
''', fn=fn, xs=xs, seen=seen, out=out, x=x, index=index, doc=doc)
    tests = [([[]], []), ([[5]], [5])]
    for size in (2, 5, 9):
        values = [rng.randint(-9, 9) for _ in range(size)]
        tests.append(([values], _running_quantile(values, upper)))
    n = size_between(rng, 1700, 2000, 50)
    generator = code('''\
def generate(rng):
    return [{"args": [[rng.randrange(10**9) for _ in range($n)]]} for _ in range(2)]
''', n=n)
    position = "`k // 2`" if upper else "`(k - 1) // 2`"
    return Draft(
        title=rng.choice(("Running median", "Median of a stream", "Online median")),
        task=f"Implement `{fn}({xs})`: after each value of `{xs}` arrives, report the {which} median of the `k` "
             f"values seen so far, i.e. the element at index {position} of them in sorted order. Return the list "
             "of reports.",
        function=fn, constraints=f"`len({xs}) <= {n}`",
        tests=tests, generator=generator,
        slow=Reference("sort everything seen after each arrival", "O(n^2 log n) time", slow, 2),
        fast=(Reference("sorted list kept with bisect.insort", "O(n^2) element moves, O(n log n) compares",
                        fast, 1),),
        tags=("sorting", "bisect", "streaming"),
    )


def _anagram_answer(words: list[str], count_words: bool) -> int:
    groups = Counter("".join(sorted(w)) for w in words)
    if count_words:
        return sum(c for c in groups.values() if c > 1)
    return sum(c * (c - 1) // 2 for c in groups.values())


def _build_anagram_groups(rng: random.Random) -> Draft:
    names = Names(rng)
    count_words = rng.random() < 0.5
    fn = names.function(("count", "number_of", "tally"), ("anagram_words", "words_with_anagrams", "rearranged_words")
                        if count_words else ("anagram_pairs", "scrambled_pairs", "letter_twins"))
    words = names.pick("words", "tokens", "names", "tags", "labels", "entries")
    i, j = names.pick("i", "a", "p", "first"), names.pick("j", "b", "r", "second")
    total = names.pick("total", "count", "found", "matches")
    doc = rng.choice(("Anagram matches among the words.", f"Anagram count over {words}.",
                      "Words that are rearrangements of each other.", f"How many anagram matches {words} holds."))
    if count_words:
        what = f"how many entries of `{words}` have at least one anagram at another position of `{words}`"
        slow = code('''\
def $fn($words: list[str]) -> int:
    """$doc"""
    $total = 0
    for $i in range(len($words)):
        for $j in range(len($words)):
            if $i != $j and sorted($words[$i]) == sorted($words[$j]):
                $total += 1
                break
    return $total
''', fn=fn, words=words, i=i, j=j, total=total, doc=doc)
        tail = "return sum(c for c in groups.values() if c > 1)"
    else:
        what = f"how many index pairs `i < j` have `{words}[i]` and `{words}[j]` anagrams of each other"
        slow = code('''\
def $fn($words: list[str]) -> int:
    """$doc"""
    $total = 0
    for $i in range(len($words)):
        for $j in range($i + 1, len($words)):
            if sorted($words[$i]) == sorted($words[$j]):
                $total += 1
    return $total
''', fn=fn, words=words, i=i, j=j, total=total, doc=doc)
        tail = "return sum(c * (c - 1) // 2 for c in groups.values())"
    fast = code('''\
from collections import Counter


def $fn($words: list[str]) -> int:
    """$doc"""
    groups = Counter("".join(sorted(w)) for w in $words)
    $tail
''', fn=fn, words=words, tail=tail, doc=doc)
    alphabet = rng.choice(("abc", "abcd", "xyz", "aeiou", "rst"))
    tests = [([[]], 0), ([["ab", "ba", "ab"]], _anagram_answer(["ab", "ba", "ab"], count_words)),
             ([["a", "b"]], 0)]
    for size in (3, 6, 9):
        sample = ["".join(rng.choice(alphabet) for _ in range(rng.randint(1, 3))) for _ in range(size)]
        tests.append(([sample], _anagram_answer(sample, count_words)))
    n = size_between(rng, 320, 360, 10)
    generator = code('''\
def generate(rng):
    tests = []
    for _ in range(2):
        words = ["".join(rng.choice("abcdefghij") for _ in range(rng.randint(5, 7))) for _ in range($n)]
        tests.append({"args": [words]})
    return tests
''', n=n)
    return Draft(
        title=rng.choice(("Anagram count", "Scrambled words", "Same letters")),
        task=f"Implement `{fn}({words})`: two words are anagrams when one is a rearrangement of the letters of "
             f"the other (equal words count). Return {what}.",
        function=fn, constraints=f"`len({words}) <= {n}`, words of at most 7 lower-case letters",
        tests=tests, generator=generator,
        slow=Reference("compare every pair of words", "O(n^2 L log L) time", slow, 2),
        fast=(Reference("Counter keyed by sorted letters", "O(n L log L) time", fast, 1),),
        tags=("hashing", "strings", "grouping"),
    )


FAMILIES = (
    Family("string_join", 2, "string concatenation in a loop → str.join", _build_string_join),
    Family("counter_counts", 2, "list.count per element → Counter/dict", _build_counter_counts),
    Family("deque_queue", 2, "list.pop(0) as a queue → collections.deque", _build_deque_queue),
    Family("index_map", 2, "list.index per query → dict of positions", _build_index_map),
    Family("pair_sum_hash", 2, "nested loops over pairs → dict of values seen", _build_pair_sum_hash),
    Family("heap_merge", 2, "min()/sort per step → heapq", _build_heap_merge),
    Family("sorted_insert", 2, "re-sorting after each insert → bisect.insort", _build_sorted_insert),
    Family("anagram_groups", 2, "pairwise comparison → dict keyed by a signature", _build_anagram_groups),
)
