"""Code that LeetCode-derived datasets (Venus, Mercury) take for granted around a solution.

Their solutions, runners and judges were written and verified in harnesses that import a set of
modules and names up front (LeetCode's judge does the same), so none of them imports e.g.
``List`` or ``deque``. We rebuild that environment as source text placed before the dataset's
code. It imports only modules the sandbox pre-imports, because a confined child cannot open files;
``sortedcontainers`` (which LeetCode offers) is used when it can be imported and skipped otherwise.
"""

from __future__ import annotations

import textwrap

PRELUDE = """\
import bisect, collections, copy, functools, heapq, itertools, json, math, operator, random, re
import string, sys
from bisect import bisect_left, bisect_right, insort
from collections import Counter, OrderedDict, defaultdict, deque
from functools import cache, lru_cache, reduce
from heapq import heapify, heappop, heappush, heappushpop, nlargest, nsmallest
from itertools import (accumulate, chain, combinations, groupby, pairwise, permutations, product,
                       zip_longest)
from math import (ceil, comb, cos, e, factorial, floor, gcd, inf, isqrt, lcm, log2, log10, perm, pi,
                  sin, sqrt, tan)
from re import findall, finditer, match, search, split, sub
from string import (ascii_letters, ascii_lowercase, ascii_uppercase, digits, hexdigits, punctuation,
                    whitespace)
from sys import maxsize, stdin
from typing import Dict, List, Optional, Set, Tuple
try:
    from sortedcontainers import SortedDict, SortedList, SortedSet
except ImportError:
    pass
"""

# LeetCode's node classes (the Mercury harness defines exactly these signatures) and the four
# lctk helpers Mercury's converters and judges call, written afresh so no third-party module is
# needed in the sandbox. ``binaryTree2Arr`` drops trailing *falsy* values, as lctk does, because
# Mercury's expected outputs were produced with it.
NODES = """\
class ListNode(object):
    def __init__(self, val=0, next=None):
        self.val = val
        self.next = next


class TreeNode(object):
    def __init__(self, val=0, left=None, right=None):
        self.val = val
        self.left = left
        self.right = right


class _LeetCodeToolkit:
    @staticmethod
    def linkedList(values, cyclePos=-1):
        nodes = [ListNode(v) for v in values]
        for current, following in zip(nodes, nodes[1:]):
            current.next = following
        if nodes and 0 <= cyclePos < len(nodes):
            nodes[-1].next = nodes[cyclePos]
        return nodes[0] if nodes else None

    @staticmethod
    def linkedList2Arr(head):
        values, seen = [], set()
        while head is not None and id(head) not in seen:
            seen.add(id(head))
            values.append(head.val)
            head = head.next
        return values

    @staticmethod
    def binaryTree(values):
        if not values or values[0] is None:
            return None
        root = TreeNode(values[0])
        queue, position = collections.deque([root]), 1
        while queue and position < len(values):
            node = queue.popleft()
            for side in ("left", "right"):
                if position < len(values) and values[position] is not None:
                    child = TreeNode(values[position])
                    setattr(node, side, child)
                    queue.append(child)
                position += 1
        return root

    @staticmethod
    def binaryTree2Arr(root):
        values, queue = [], collections.deque([root])
        while queue:
            node = queue.popleft()
            values.append(node.val if node is not None else None)
            if node is not None:
                queue.extend((node.left, node.right))
        while values and not values[-1]:
            values.pop()
        return values


lctk = _LeetCodeToolkit()
sys.modules.setdefault("lctk", lctk)
"""


def isolated_checker(judge_source: str, check_body: str, takes_input: bool = False) -> str:
    """A custom checker that runs a dataset's judge code in a namespace of its own.

    The judge is compiled after ``PRELUDE`` (the names it was written against) and kept apart from
    our ``check``, so a judge that happens to define ``check`` or ``json`` cannot shadow ours.
    ``check_body`` is the (unindented) body of ``check(expected, actual)`` — or, with
    ``takes_input``, of ``check(expected, actual, test_input)``, where the sandbox passes the test's
    own input (the stdin text); it reaches the judge's names through ``_judge``. A judge that
    raises rejects the output, as the datasets' harnesses do.
    """
    return (
        "_judge = {'__name__': 'judge'}\n"
        f"exec(compile({PRELUDE + judge_source!r}, '<dataset judge>', 'exec'), _judge)\n"
        "\n\n"
        f"def check(expected, actual{', test_input' if takes_input else ''}):\n"
        "    try:\n"
        f"{textwrap.indent(check_body.strip(), ' ' * 8)}\n"
        "    except Exception:\n"
        "        return False\n"
    )
