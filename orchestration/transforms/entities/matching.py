"""Dictionary matching on the token table: n-grams grown by joins, leftmost-longest selection.

A match starts at every word one of whose proclitic readings (``tokens.clitic_readings``) is the
first word of some lexicon key, and grows one word at a time by gathering word ``wid + 1`` (a row
of the token table, not a search); a growing n-gram survives only while its key is a prefix of
some entry. No regex runs over the text.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities.fuzzy import FUZZY_MIN_LEN, fuzzy_corrections, fuzzy_ok
from orchestration.transforms.text import GAP_SPACE, gap_class, is_space_gap, original_prefix_len
from orchestration.transforms.tokens import clitic_readings

# Shortest name word a typo is corrected to, with support from the context (4: عباس).
SHORT_MIN_LEN = 4
# Normalized words introducing a patronymic (son of, daughter of).
PATRONYMIC_WORDS = ("بن", "بنت")
# Words after which a person's name is someone's father, not a mention (ابن سلمان). Not ابنة:
# normalized it is ابنه, "his son", followed by the son himself (استقبل الملك ابنه محمد).
CHILD_WORDS = (*PATRONYMIC_WORDS, "ابن", "وابن")


def words_at(words: pl.DataFrame, frame: pl.DataFrame, wid_col: str, cols: dict[str, str]) -> pl.DataFrame:
    """``frame`` rows whose ``wid_col`` is a word of the same article, with that word's ``cols``
    (renamed). ``wid`` is the row number of ``words``, so this is a gather, not a hash join
    against millions of words."""
    frame = frame.filter(pl.col(wid_col) < words.height)
    picked = words.select(
        pl.col("aidx").alias("_aidx"), *[pl.col(src).alias(dst) for src, dst in cols.items()]
    ).select(pl.all().gather(frame[wid_col]))
    return (
        pl.concat([frame, picked], how="horizontal").filter(pl.col("_aidx") == pl.col("aidx")).drop("_aidx")
    )


def word_readings(words: pl.DataFrame) -> pl.DataFrame:
    """Proclitic readings of every distinct word of the batch (``form_id, norm, stem, prefix, strip``)."""
    forms = words.select("form_id", "norm").unique("form_id")
    return forms.join(clitic_readings(forms.select("norm")), on="norm").rename({"clitics": "prefix"})


def _vocabulary(
    readings: pl.DataFrame,
    lex: pl.DataFrame,
    fix_targets: pl.Series,
    exact_vocab: pl.Series,
    common: pl.Series | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(``norm, norm_fix, fixed, short`` for words with a typo correction; readings ``norm, stem,
    strip, prefix, fixed, short`` whose stem, typo-corrected, starts some lexicon key).

    With ``common`` (ordinary words, never corrected), short target words (``SHORT_MIN_LEN`` up to
    ``FUZZY_MIN_LEN`` - 1 letters) are corrected too, flagged ``short``: the caller keeps such a
    match only where the context supports it (``selection.short_fixes_supported``)."""
    queries = readings["stem"].unique()
    queries = queries.filter(~queries.is_in(exact_vocab.implode()))
    fixes = fuzzy_corrections(queries, fix_targets).with_columns(short=pl.lit(0, dtype=pl.Int64))
    if common is not None:
        # Not family names with the article: المعلم is also "the teacher", one letter from المعظم.
        short_targets = fix_targets.filter(
            fix_targets.str.len_chars().is_between(SHORT_MIN_LEN, FUZZY_MIN_LEN - 1)
            & ~fix_targets.str.starts_with("ال")
        )
        rest = queries.filter(
            ~queries.is_in(fixes["query"].implode())
            & ~queries.is_in(common.implode())
            & ~queries.str.starts_with("ال")
        )
        short = fuzzy_corrections(rest, short_targets, min_len=SHORT_MIN_LEN)
        fixes = pl.concat([fixes, short.with_columns(short=pl.lit(1, dtype=pl.Int64))])
    vocab = fixes.select(norm="query", norm_fix="fix", fixed=pl.lit(1, dtype=pl.Int64), short="short")
    first = lex.select(stem=pl.col("key").str.split(" ").list.first()).unique()
    readings = (
        readings.join(fixes, left_on="stem", right_on="query", how="left")
        .with_columns(
            fixed=pl.col("fix").is_not_null().cast(pl.Int64),
            short=pl.col("short").fill_null(0),
            stem=pl.coalesce("fix", "stem"),
        )
        .join(first, on="stem", how="semi")
    )
    return vocab, readings


def _starts(words: pl.DataFrame, readings: pl.DataFrame) -> pl.DataFrame:
    """One-word n-grams: every word reading that starts a lexicon key."""
    cut = original_prefix_len(pl.col("surface"), pl.col("strip"))
    return (
        words.select("wid", "aidx", "form_id", "surface", "char_start", "char_end")
        .join(readings.select("form_id", "stem", "strip", "prefix", "fixed", "short"), on="form_id")
        .select(
            "aidx",
            w0="wid",
            w1=pl.col("wid") + 1,
            cs=pl.col("char_start") + cut,
            ce="char_end",
            # Surfaces are built from the words: slicing the body by character offsets is
            # linear in the offset, per mention.
            surf=pl.col("surface").str.slice(cut),
            key="stem",
            prefix="prefix",
            nfix="fixed",
            nshort="short",
        )
    )


def _grow(
    words: pl.DataFrame, cur: pl.DataFrame, vocab: pl.DataFrame, valid: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Extend each n-gram by the next word when only inline space separates them. With ``valid``
    (``key, nxt``: every key or key prefix one word longer, split into its first words and the
    next one), n-grams that lead nowhere are dropped before their key and surface strings are
    built."""
    grown = (
        words_at(words, cur, "w1", {"norm": "norm", "gap": "gap"})
        .filter(is_space_gap(pl.col("gap")))
        .join(vocab, on="norm", how="left")
        .with_columns(nxt=pl.coalesce("norm_fix", "norm"))
    )
    if valid is not None:
        # A pair join instead of testing the concatenated key: at one word five in six n-grams
        # lead nowhere, and their keys are never built. Words hold no space, so the pair
        # (key, nxt) is in ``valid`` exactly when "key nxt" is a valid key.
        grown = grown.join(valid, on=["key", "nxt"], how="semi")
    grown = grown.with_columns(
        key=pl.col("key") + " " + pl.col("nxt"),
        fixed=pl.col("fixed").fill_null(0),
        short=pl.col("short").fill_null(0),
    )
    return words_at(words, grown, "w1", {"surface": "token", "char_end": "ce_next"}).select(
        "aidx",
        "w0",
        w1=pl.col("w1") + 1,
        cs="cs",
        ce="ce_next",
        surf=pl.col("surf") + pl.col("gap") + pl.col("token"),
        key="key",
        prefix="prefix",
        nfix=pl.col("nfix") + pl.col("fixed"),
        nshort=pl.col("nshort") + pl.col("short"),
        nskip=pl.col("nskip") if "nskip" in cur.columns else pl.lit(0, dtype=pl.Int64),
    )


def _grow_skipping(
    words: pl.DataFrame,
    cur: pl.DataFrame,
    vocab: pl.DataFrame,
    given: pl.Series,
    valid: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Extend each n-gram over an inserted patronymic to the word after it (``nskip`` + 1).

    ``X بن W Z`` is ``X Z`` (خالد بن خليفة بن عبدالعزيز آل ثاني for خالد بن خليفة آل ثاني), and
    in a name without بن a bare given name is one too (فؤاد محمد حسين for فؤاد حسين). The word
    after the skip is never بن itself: محمد بن راشد بن زايد is not محمد بن زايد.
    """
    cur = cur.filter(pl.col("nskip") == 0).with_columns(w2=pl.col("w1") + 1, w3=pl.col("w1") + 2)
    is_ben = pl.col("n1").is_in(list(PATRONYMIC_WORDS))
    # Only n-grams followed by بن or a given name can skip: the other words are gathered for those.
    cur = words_at(words, cur, "w1", {"norm": "n1"}).filter(is_ben | pl.col("n1").is_in(given.implode()))
    cur = words_at(words, cur, "w1", {"gap": "g1", "surface": "t1"})
    cur = words_at(words, cur, "w2", {"norm": "n2", "gap": "g2", "surface": "t2"})
    name_like = pl.col("n2").str.contains(r"^\p{L}{2,}$") & ~pl.col("n2").is_in(list(PATRONYMIC_WORDS))
    # A bare name is a patronymic only in a name without بن (فؤاد محمد حسين, عبدالله علي عبدالله
    # اليحيا); in the بن style every ancestor takes بن.
    no_ben = ~pl.col("key").str.split(" ").list.contains("بن")
    spaced = is_space_gap(pl.col("g1"))
    ben = cur.filter(is_ben & name_like & spaced & is_space_gap(pl.col("g2"))).with_columns(
        skip_to=pl.col("w3"), surf=pl.col("surf") + pl.col("g1") + pl.col("t1") + pl.col("g2") + pl.col("t2")
    )
    # ... and only after a name: after a title the bare word is the first name itself (الشيخ أحمد
    # نواف الأحمد is Ahmad, son of Nawaf, not الشيخ نواف الأحمد).
    last_word = pl.col("key").str.split(" ").list.last()
    after_name = last_word.is_in(given.implode()) | (last_word == "الله")
    bare = cur.filter(
        no_ben & after_name & pl.col("n1").is_in(given.implode()) & ~is_ben & spaced
    ).with_columns(skip_to=pl.col("w2"), surf=pl.col("surf") + pl.col("g1") + pl.col("t1"))
    cols = ["aidx", "w0", "cs", "ce", "surf", "key", "prefix", "nfix", "nshort", "nskip"]
    skipped = pl.concat([ben, bare]).select(*cols, w1="skip_to")
    grown = _grow(words, skipped, vocab, valid)
    return grown.filter(~pl.col("key").str.split(" ").list.last().is_in(list(PATRONYMIC_WORDS))).with_columns(
        nskip=pl.lit(1, dtype=pl.Int64)
    )


def match(
    words: pl.DataFrame,
    readings: pl.DataFrame,
    lex: pl.DataFrame,
    fix_targets: pl.Series,
    exact_vocab: pl.Series,
    given: pl.Series | None = None,
    common: pl.Series | None = None,
) -> pl.DataFrame:
    """Every dictionary match (``MATCH_SCHEMA``): ``aidx, w0, w1`` (word range), ``cs, ce`` (char
    offsets), ``surf``, ``prefix``, ``nfix`` (corrected words) plus the lexicon row. ``readings``
    are the batch's ``word_readings``; words one edit away from a ``fix_targets`` word (and not
    in ``exact_vocab``) match as that word. With ``given`` (normalized given names), a person's
    name also matches over one inserted patronymic (``nskip`` 1; ``_grow_skipping``). With
    ``common`` (ordinary words), short names are corrected too (``nshort``; ``_vocabulary``)."""
    vocab, readings = _vocabulary(readings, lex, fix_targets, exact_vocab, common)
    cur = _starts(words, readings).with_columns(nskip=pl.lit(0, dtype=pl.Int64))
    tokens = lex.select("n", toks=pl.col("key").str.split(" "))
    max_n = int(lex["n"].max() or 0)
    found: list[pl.DataFrame] = []
    for i in range(1, max_n + 1):
        found.append(cur.join(lex.filter(pl.col("n") == i), on="key"))
        if i == max_n:
            break
        prefixes = (
            tokens.filter(pl.col("n") > i).select(key=pl.col("toks").list.head(i).list.join(" ")).unique()
        )
        cur = cur.join(prefixes, on="key", how="semi")
        if cur.is_empty():
            break
        # Keys one word longer that some entry has (in full or as a prefix): nothing else is grown.
        valid = (
            tokens.filter(pl.col("n") > i)
            .select(key=pl.col("toks").list.head(i).list.join(" "), nxt=pl.col("toks").list.get(i))
            .unique()
        )
        grown = _grow(words, cur, vocab, valid)
        if given is not None:
            grown = pl.concat(
                [grown, _grow_skipping(words, cur, vocab, given, valid)], how="diagonal_relaxed"
            )
        cur = grown
    found_all = pl.concat(found, how="diagonal_relaxed").filter(fuzzy_ok())
    # Only persons' names take an inserted patronymic, and only ones whose key has a last name
    # after the first (a skip then never ends the match).
    found_all = found_all.filter(
        (pl.col("nskip") == 0) | ((pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON"))
    )
    return _drop_ancestors(words, found_all)


def _drop_ancestors(words: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """A person's name right after بن/بنت/ابن is an ancestor in someone else's patronymic chain:
    سعود بن نايف بن عبدالعزيز names Saud, son of Nayef, not Nayef bin Abdulaziz; ابن سلمان is
    the king's son, not the king."""
    is_person = (pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON")
    cand = found.with_row_index("_fid").filter(is_person & (pl.col("w0") > 0)).select("_fid", "aidx", "w0")
    if cand.is_empty():
        return found
    prev = words_at(words, cand.with_columns(wp=pl.col("w0") - 1), "wp", {"norm": "p_norm"})
    # The gap before the name (between بن and it) must be a plain space.
    prev = words_at(words, prev, "w0", {"gap": "p_gap"})
    ancestors = prev.filter(
        pl.col("p_norm").is_in(list(CHILD_WORDS)) & (gap_class(pl.col("p_gap")) == GAP_SPACE)
    )["_fid"]
    return found.with_row_index("_fid").filter(~pl.col("_fid").is_in(ancestors.implode())).drop("_fid")


def select_longest(m: pl.DataFrame, tie_break: list[str]) -> pl.DataFrame:
    """Leftmost-longest non-overlapping matches; ``tie_break`` orders candidates on the same span.

    ``wid`` is global and increasing across articles, so one running maximum over the sorted frame
    suffices. Every other scalar column breaks the remaining ties: the matches come out of joins in
    no fixed order, and which reading of a span survives must not change from run to run."""
    keys = ["w0", "length", *tie_break]
    rest = [c for c, t in m.schema.items() if c not in keys and not t.is_nested()]
    ordered = m.with_columns(length=pl.col("w1") - pl.col("w0")).sort(
        [*keys, *rest],
        descending=[False, True, *([False] * (len(keys) - 2 + len(rest)))],
        maintain_order=True,
    )
    prev_end = pl.col("w1").cum_max().shift(1, fill_value=-1)
    return ordered.filter(pl.col("w0") >= prev_end).drop("length")
