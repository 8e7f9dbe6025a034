"""A found name in apposition right after a role phrase names the role's holder (issue #12).

``وزير الشؤون الخارجية والتعاون الدولي الصومالي معالي السيد أحمد عيسى عوض``: the role phrase is
resolved to its office (and, by date, to the knowledge base's holder), and the name after it, found
by the open-world stages, took the phrase's code. Left as a new person of its own, the article
holds one man twice and the event stage may pair him with himself. Title before name is the order
of Arabic apposition; only spaces, commas and honorifics (معالي، السيد، الدكتور) may stand between.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from orchestration.transforms.text import normalize_expr, normalize_text

# At most this many characters between the role phrase and the name (two honorifics and spaces).
MAX_GAP = 24
# Office kinds of the knowledge base's spells that several people hold at once.
SHARED_OFFICES = ("other", "envoy")
# Honorifics of address the role lexicon lacks (the roles' own are ``roles.HONORIFIC_FORMS``).
ADDRESS = ("معالي", "معالى", "سعادة", "دولة")


def holder_names(
    found: pl.DataFrame,
    roles: pl.DataFrame,
    arts: pl.DataFrame,
    honorifics: Sequence[str],
    offices: Sequence[str],
) -> pl.DataFrame:
    """``found`` mentions (``aidx, cs, entity_id, entity_type, actor_code`` ...) where a new person
    right after a role mention (``aidx, ce, entity_id, actor_code, role``) with the same code takes
    the role's entity id, in every mention of it in the article. Only roles of ``offices``: posts
    one person holds at a time (a foreign minister); a spokesman or an ambassador is one of many,
    and the name keeps its own identity."""
    c = pl.col
    if found.is_empty() or roles.is_empty():
        return found
    honor = sorted({normalize_text(h) for h in [*honorifics, *ADDRESS] if " " not in h.strip()})
    single = [o for o in offices if o not in SHARED_OFFICES]
    held = roles.filter(c("actor_code").is_not_null() & c("role").is_in(single)).select(
        "aidx", r_ce="ce", holder="entity_id", r_code="actor_code"
    )
    new = found.filter(
        (c("entity_type") == "PERSON")
        & c("entity_id").str.starts_with("person:new:")
        & c("actor_code").is_not_null()
    ).select("aidx", "cs", "entity_id", "actor_code")
    gap = c("body").str.slice(c("r_ce"), c("cs") - c("r_ce"))
    # The words between, less honorifics: none may be left.
    words = normalize_expr(gap.str.replace_all(r"[\s,،]+", " ").str.strip_chars()).str.split(" ")
    rest = words.list.eval(pl.element().filter((pl.element() != "") & ~pl.element().is_in(honor)))
    pairs = (
        new.join(held, on="aidx")
        .filter((c("cs") - c("r_ce")).is_between(0, MAX_GAP) & (c("actor_code") == c("r_code")))
        .join(arts.select("aidx", "body"), on="aidx")
        .filter(rest.list.len() == 0)
        .sort("aidx", "cs", "r_ce", descending=[False, False, True])
        .unique(["aidx", "entity_id"], keep="first", maintain_order=True)
        .select("aidx", "entity_id", "holder")
    )
    if pairs.is_empty():
        return found
    return (
        found.join(pairs, on=["aidx", "entity_id"], how="left")
        .with_columns(entity_id=pl.coalesce("holder", "entity_id"))
        .drop("holder")
    )
