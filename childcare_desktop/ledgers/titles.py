"""What a ledger's title says about the children on it.

A village's 花名册 is often one sheet per kind of child, titled 某村农村留守儿童花名册, with no
column for the category: the title is the only place the ledger says it. The wizard offers the
category it finds here; it never applies one by itself.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..core.vocab import Category

# The words a title uses for each category. 困境儿童 alone names no single sub-type, so it
# suggests nothing.
_WORDS: dict[Category, tuple[str, ...]] = {
    Category.LEFT_BEHIND: ("留守",),
    Category.ORPHAN: ("孤儿",),
    Category.DE_FACTO_UNSUPPORTED: ("事实无人抚养",),
    Category.SEVERE_DISABILITY: ("重残", "重度残疾"),
    Category.SERIOUS_ILLNESS: ("重病",),
}


def category_in_titles(texts: Iterable[str]) -> Category | None:
    """The one category named by the ledger's title, sheet or file name; None when the
    texts name none or more than one."""
    found: set[Category] = set()
    for text in texts:
        for category, words in _WORDS.items():
            if any(word in text for word in words):
                found.add(category)
    return found.pop() if len(found) == 1 else None
