"""A known person's mention starts at the name, not at the title the alias spelled with it.

Knowledge-base aliases hold titled forms (الرئيس بشار الأسد، الملك محمد السادس، الشيخ محمد بن راشد
آل مكتوم) so that the matcher finds the person from them. The title is the person's role, not their
name: a name mention (ANERcorp's convention, and what a reader marks) is بشار الأسد. The match stays
the same entity with the same code; only its start moves past the title word (and a proclitic
conjunction on it: والرئيس).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.text import GAP_SPACE, gap_class, is_space_gap, normalize_expr

# The mention methods of knowledge-base name matches.
NAME_METHODS: tuple[str, ...] = ("exact", "alias", "fuzzy")


def trim_titles(mentions: pl.DataFrame, titles: pl.Series) -> pl.DataFrame:
    """``mentions`` (``cs, ce, surf, entity_type, method``, any other columns kept) with a person
    name match's leading title word cut off, when at least two words remain (الملك عبدالله stays
    whole: one word would be a bare given name)."""
    if mentions.is_empty():
        return mentions
    c = pl.col
    # Only person name matches lose a title: the regexes run on their rows, written back in place.
    rows = mentions.select(
        pl.arg_where((c("entity_type") == "PERSON") & c("method").is_in(list(NAME_METHODS)))
    ).to_series()
    if rows.is_empty():
        return mentions
    names = mentions.select(c("cs", "surf").gather(rows))
    first = c("surf").str.extract(r"^(\S+)\s+\S+\s+\S", 1)
    norm = normalize_expr(first)
    is_title = norm.is_in(titles.implode()) | (
        norm.str.contains(r"^[وف]..") & norm.str.slice(1).is_in(titles.implode())
    )
    cut = (
        pl.when(is_title.fill_null(False))
        .then(c("surf").str.extract(r"^(\S+\s+)", 1).str.len_chars())
        .otherwise(0)
    )
    names = names.with_columns(_cut=cut).select(cs=c("cs") + c("_cut"), surf=c("surf").str.slice(c("_cut")))
    return mentions.with_columns(
        mentions["cs"].scatter(rows, names["cs"]),
        mentions["surf"].scatter(rows, names["surf"]),
    )


def widen_to_tagged(
    mentions: pl.DataFrame, found: pl.DataFrame, words: pl.DataFrame | None = None
) -> pl.DataFrame:
    """``mentions`` with a person name match widened to the token tagger's person span that holds it
    (``found`` rows of method ``model``: ``aidx, cs, ce, surf``): the base lists a surname or a
    short form (هاربر، حمد بن جاسم) and the article spells the whole name (ستيفان هاربر، حمد بن
    جاسم بن جبر آل ثاني). Same entity, a name mention over the whole name; the widest span wins.

    ``words`` (``aidx, char_start, gap``: the token table) tells what separates a found name from
    the listed one right after it: only inline whitespace joins them. A line break between two
    headlines of a list ("... ويلتقي عون" / "قابوس بن سعيد يزور ...") ends one name; without
    ``words`` any one character is taken for a space."""
    c = pl.col
    tagged = found.filter(c("entity_type") == "PERSON")
    if mentions.is_empty() or tagged.is_empty():
        return mentions
    m = mentions.with_row_index("_mid")
    names = m.filter((c("entity_type") == "PERSON") & c("method").is_in(list(NAME_METHODS)))
    names = names.select("_mid", "aidx", "cs", "ce")
    if words is None:
        names = names.with_columns(_inline=pl.lit(True))
    else:
        names = names.with_columns(_inline=_inline_at(names, words))
    # A found name right before the listed one (ستيفان + هاربر), a space between, makes one span.
    left = (c("t_ce") + 1 == c("cs")) & c("_inline")
    wide = (
        names.join(tagged.select("aidx", t_cs="cs", t_ce="ce", t_surf="surf"), on="aidx")
        .with_columns(
            t_ce=pl.when(left).then(c("ce")).otherwise(c("t_ce")),
            t_surf=pl.when(left).then(c("t_surf") + " ").otherwise(c("t_surf")),
            _left=left,
        )
        .filter(
            (c("t_cs") <= c("cs")) & (c("t_ce") >= c("ce")) & ((c("t_cs") < c("cs")) | (c("t_ce") > c("ce")))
        )
        .sort("_mid", c("t_ce") - c("t_cs"), "t_cs", descending=[False, True, False])
        .unique("_mid", keep="first", maintain_order=True)
        .select("_mid", "t_cs", "t_ce", "t_surf", "_left")
    )
    return (
        m.join(wide, on="_mid", how="left")
        .with_columns(
            cs=pl.coalesce("t_cs", "cs"),
            ce=pl.coalesce("t_ce", "ce"),
            surf=pl.when(c("_left")).then(c("t_surf") + c("surf")).otherwise(pl.coalesce("t_surf", "surf")),
        )
        .drop("_mid", "t_cs", "t_ce", "t_surf", "_left")
    )


# Article and character offset in one sortable integer (offsets stay far below 2**32).
_SHIFT = 1 << 32


def _inline_at(names: pl.DataFrame, words: pl.DataFrame) -> pl.Series:
    """Per row of ``names`` (``aidx, cs``): a word of ``words`` starts at ``cs`` in that article and
    only inline whitespace precedes it. The token table is in (article, offset) order, so the word
    is found by a binary search on one integer key and only its gap is tested, instead of a
    ``unique`` and a join over every word of the table (0.8 of 1.0 CPU s at 10k articles)."""
    c = pl.col
    word_keys = words.select(c("aidx").cast(pl.Int64) * _SHIFT + c("char_start")).to_series()
    if words.is_empty() or not word_keys.is_sorted():
        # Not in table order (a caller's own frame): the plain join.
        inline = words.select("aidx", cs="char_start", _inline=gap_class(c("gap")) == GAP_SPACE)
        inline = inline.unique(["aidx", "cs"], keep="first", maintain_order=True)
        found = names.select("aidx", "cs").join(inline, on=["aidx", "cs"], how="left", maintain_order="left")
        return found["_inline"].fill_null(False)
    want = names.select(c("aidx").cast(pl.Int64) * _SHIFT + c("cs")).to_series()
    at = word_keys.search_sorted(want, side="left").clip(0, words.height - 1)
    hit = pl.DataFrame({"k": word_keys.gather(at), "gap": words["gap"].gather(at), "want": want})
    return hit.select(
        ((c("k") == c("want")) & is_space_gap(c("gap"))).fill_null(False).alias("_inline")
    ).to_series()


# The particle of a ruling family's name (آل نهيان، آل خليفة), normalized.
FAMILY_PARTICLE = "ال"


def widen_over_family(mentions: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """``mentions`` with a person name match widened over ``آل`` + the family word right after it
    (``words``: the token table, ``wid`` its row number): the base lists خليفة بن زايد and the
    article writes خليفة بن زايد آل نهيان. The family name is part of the person's name, not a
    word after it; same entity, the span only grows. Both words are glued by plain spaces."""
    c = pl.col
    if mentions.is_empty() or words.is_empty():
        return mentions
    # The few آل words first (two string comparisons over the table), then the word after each,
    # gathered by row; the word ending a name is looked up among the words right before them only.
    nxt = _family_pairs(words).filter(
        (c("a2") == c("aidx")) & (c("g2") == " ") & c("n2").str.contains(r"^\p{Arabic}{3,}$")
    )
    ends = words.filter(c("wid").is_in(nxt["wid"].implode())).select("aidx", "wid", ce="char_end")
    m = mentions.with_row_index("_mid")
    names = m.filter((c("entity_type") == "PERSON") & c("method").is_in(list(NAME_METHODS)))
    wide = (
        names.select("_mid", "aidx", "ce")
        .join(ends, on=["aidx", "ce"])
        .join(nxt, on=["aidx", "wid"])
        .select("_mid", _ce="e2", _tail=pl.lit(" ") + c("surface") + " " + c("s2"))
        .unique("_mid", keep="first", maintain_order=True)
    )
    return (
        m.join(wide, on="_mid", how="left")
        .with_columns(ce=pl.coalesce("_ce", "ce"), surf=c("surf") + c("_tail").fill_null(""))
        .drop("_mid", "_ce", "_tail")
    )


def _family_pairs(words: pl.DataFrame) -> pl.DataFrame:
    """The آل words glued to the word before by one space (``wid`` is that word's), with the word
    after each (``n2, g2, e2, s2, a2``; none after the table's last word)."""
    c = pl.col
    at = words.select(pl.arg_where((c("norm") == FAMILY_PARTICLE) & (c("gap") == " "))).to_series()
    at = at.filter(at < words.height - 1)
    this = words.select(c("aidx", "surface").gather(at), wid=c("wid").gather(at) - 1)
    nxt = at + 1
    after = words.select(
        n2=c("norm").gather(nxt),
        g2=c("gap").gather(nxt),
        e2=c("char_end").gather(nxt),
        s2=c("surface").gather(nxt),
        a2=c("aidx").gather(nxt),
    )
    return pl.concat([this, after], how="horizontal")
