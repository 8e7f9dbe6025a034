"""Per-word features for the open-world stages, computed once per distinct word form.

``words`` is the entity stage's token table (``wid`` = row number, ``aidx``, ``surface``, ``gap``,
``char_start``, ``char_end``) and ``elements`` the knowledge-base matches over it (``w0``, ``w1``,
``kind``, ``entity_type``, ``iso3``, ``role``, ``cameo_role``). The result has one row per word, in
``wid`` order, so the stages look at neighbours with ``shift`` instead of joins.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.lexicon import COLLECTIVE_ROLES, Lexicons
from orchestration.transforms.text import GAP_COMMA, GAP_SPACE, gap_class, normalize_expr, original_prefix_len


def _vocab(words: pl.DataFrame, lx: Lexicons) -> pl.DataFrame:
    v = words.select("token").unique().with_columns(norm=normalize_expr(pl.col("token")))
    n = pl.col("norm")
    names = pl.concat([lx.given, lx.family]).implode()
    zipf = lx.common.rename({"word": "_w"})
    v = (
        v.with_columns(_rest=n.str.slice(1))
        .join(zipf.rename({"zipf": "_z"}), left_on="norm", right_on="_w", how="left")
        .join(zipf.rename({"zipf": "_zr"}), left_on="_rest", right_on="_w", how="left")
    )
    # A conjunction (و/ف) is stripped unless the whole word is a name (وليد، فارس) or a word in
    # its own right, more frequent than what is left without the letter (وزير, not و + زير).
    # Where neither the word nor its rest is listed, و is still the conjunction (وضموها، ولوكاشنكو),
    # but ف is mostly a foreign name's first letter (فيرجسون، فرنانديز، فيلار), not ف + a word:
    # it is stripped then only before hamza/alif (فأطاحوا، فانتفض، فالمهاجمون).
    zw, zr = pl.col("_z"), pl.col("_zr")
    rest_name = pl.col("_rest").is_in(names)
    unread = zw.is_null() & zr.is_null() & ~rest_name
    v = v.with_columns(
        conj=n.str.contains(r"^[وف]..")
        & ~n.is_in(names)
        & (
            ((zr.is_not_null() | rest_name) & (zr.fill_null(0.0) >= zw.fill_null(0.0)))
            | (unread & n.str.contains(r"^(?:و|ف[أإاآ])"))
        )
    )
    conj = pl.col("conj")
    v = v.with_columns(bare=pl.when(conj).then(n.str.slice(1)).otherwise(n), strip=conj.cast(pl.Int64))
    b = pl.col("bare")
    # ب/ل/ك before the article: بالرئيس -> الرئيس, للرئيس -> الرئيس.
    v = v.with_columns(
        bare=pl.when(b.str.contains(r"^[بك]ال."))
        .then(b.str.slice(1))
        .when(b.str.contains(r"^لل."))
        .then(pl.lit("ا") + b.str.slice(1))
        .otherwise(b),
        strip=pl.col("strip") + b.str.contains(r"^[بكل]ال.|^لل.").cast(pl.Int64),
        lprep=b.str.contains(r"^[بكل]ال.|^لل."),
    )
    b = pl.col("bare")
    # ب/ل before an institution's head noun (لجامعة برينستون، بفندق شيراتون، لشركة بترونت): the head
    # is the word, as with the article; only for head nouns, a closed list (لجنة is no ل + جنة).
    heads = pl.concat([lx.org_heads, lx.appositive, lx.facility, lx.place_org_head]).unique().implode()
    clitic_head = b.str.contains(r"^[بل]...") & ~b.is_in(heads) & b.str.slice(1).is_in(heads)
    v = v.with_columns(
        bare=pl.when(clitic_head).then(b.str.slice(1)).otherwise(b),
        strip=pl.col("strip") + clitic_head.cast(pl.Int64),
    )
    b = pl.col("bare")
    v = (
        v.drop("_rest", "_z", "_zr")
        .join(lx.common.rename({"word": "bare"}), on="bare", how="left")
        # How frequent the word is without its first letter: ب/ل/ك is a proclitic only where the
        # rest is the likelier word (لحسن النوايا), not on a name (كريستيانو، بلير).
        .with_columns(_pr=b.str.slice(1))
        .join(lx.common.rename({"word": "_pr", "zipf": "rest_zipf"}), on="_pr", how="left")
        .drop("_pr")
        .with_columns(pl.col("zipf", "rest_zipf").fill_null(0.0))
    )
    return v.with_columns(
        # Regex shapes once per distinct word: imperfect-verb prefix, adjective/suffix endings
        # (ي/ه, the taf'il verbal noun), plural endings.
        verbish=b.str.contains(r"^[يتن]"),
        adjish=b.str.contains(r"[يه]$|^ت..ي.$"),
        plural=b.str.contains(r"(?:ون|ين|ات)$"),
        clitic_prep=b.str.contains(r"^[بلك].."),
        # Pronoun suffixes (لدعمهما، لنظامه) and sound plurals (إقليميين) mark ordinary words.
        suffixed=b.str.contains(r"(?:هما|هم|ها|هن|كم|كما)$|^[بل].{2,}ه$"),
        pre=original_prefix_len(pl.col("token"), pl.col("strip")),
        # Grammar words keep being grammar with a proclitic (بأن، لأن، وفي).
        stop=n.is_in(lx.stop.implode())
        | b.is_in(lx.stop.implode())
        | (n.str.contains(r"^[وفبلك]..") & n.str.slice(1).is_in(lx.stop.implode())),
        generic=b.is_in(lx.generic.implode()),
        al=b.str.starts_with("ال"),
        arabic=b.str.contains(r"^\p{Arabic}{2,}$"),
        latin=pl.col("token").str.contains(r"^[A-Za-z][A-Za-z0-9.&-]*$"),
        caps=pl.col("token").str.contains(r"^[A-Z][A-Z0-9&]{1,5}$"),
        given=b.is_in(lx.given.implode()),
        family=b.is_in(lx.family.implode()) | n.is_in(lx.family.implode()),
        connector=b.is_in(lx.connectors.implode()),
        title=b.is_in(lx.titles.implode()),
        office=b.is_in(lx.office_heads.implode()),
        speech=b.is_in(lx.speech.implode())
        | (n.str.contains(r"^[وف]..") & n.str.slice(1).is_in(lx.speech.implode())),
        org_head=b.is_in(lx.org_heads.implode()),
        appositive=b.is_in(lx.appositive.implode()),
        facility=b.is_in(lx.facility.implode()),
        place_head=b.is_in(lx.place_heads.implode()),
        # With a proclitic too: لريال مدريد، وباير ليفركوزن.
        club_prefix=b.is_in(lx.club_prefix.implode())
        | (n.str.contains(r"^[وفلب]..") & n.str.slice(1).is_in(lx.club_prefix.implode())),
        sport=b.is_in(lx.sport_cue.implode()) | n.is_in(lx.sport_cue.implode()),
        place_org_head=b.is_in(lx.place_org_head.implode()),
    )


def _coverage(elements: pl.DataFrame, n_words: int) -> pl.DataFrame:
    """Which knowledge-base element covers each word, with the payload the stages need."""
    e = elements.with_columns(
        # A collective role (السلطات، الجنود) introduces no name.
        kind=pl.when(pl.col("role").is_in(list(COLLECTIVE_ROLES)) & (pl.col("kind") == "role"))
        .then(pl.lit("collective"))
        .otherwise(pl.col("kind"))
    ).select(
        "w0",
        "w1",
        "kind",
        etype=pl.col("entity_type"),
        iso3=pl.col("iso3"),
        role=pl.col("role"),
        cameo_role=pl.col("cameo_role"),
        amb=pl.col("ambiguous").fill_null(False) if "ambiguous" in elements.columns else pl.lit(False),
        last=pl.lit(False),
    )
    cov = (
        e.with_columns(wid=pl.int_ranges("w0", "w1"))
        .explode("wid")
        .with_columns(pl.col("wid").cast(pl.Int64), last=pl.col("wid").cast(pl.Int64) == pl.col("w1") - 1)
        .filter(pl.col("wid") < n_words)
        # A role phrase and the name inside it may both cover a word: the name counts. Other ties
        # (two phrases over one word) by a total order, the longer first: an unstable sort let a
        # found name's role flip between runs.
        .with_columns(_len=pl.col("w1") - pl.col("w0"))
        .sort(
            ["wid", pl.col("kind") == "role", "_len", "w0", "kind", "etype", "role", "iso3", "cameo_role"],
            descending=[False, False, True, False, False, False, False, False, False],
            nulls_last=True,
        )
        .unique("wid", keep="first", maintain_order=True)
    )
    return cov.select(
        "wid",
        # A small integer per (kind, type): the tagger keys its context scores on it.
        cov_id=pl.concat_str(pl.col("kind").fill_null("-"), pl.col("etype").fill_null("-")).rank("dense"),
        cov_kind="kind",
        cov_type="etype",
        cov_iso3="iso3",
        cov_role="role",
        cov_cameo="cameo_role",
        cov_last="last",
        # A form the reference flags as ambiguous (المالكي names two persons): kept only with support.
        cov_amb="amb",
    )


def _with_coverage(w: pl.DataFrame, cov: pl.DataFrame) -> pl.DataFrame:
    """``w`` left-joined to ``cov`` on ``wid`` (unique in ``cov``), by a lookup table from ``wid`` to
    the row of ``cov``: an integer gather per column instead of a join over every word."""
    size = max(int(w["wid"].max() or 0), int(cov["wid"].max() or 0)) + 1 if w.height else 0
    lut = pl.repeat(None, size, dtype=pl.UInt32, eager=True).scatter(
        cov["wid"], pl.int_range(cov.height, dtype=pl.UInt32, eager=True)
    )
    return w.hstack(cov.drop("wid").select(pl.all().gather(lut.gather(w["wid"]))))


def word_features(words: pl.DataFrame, elements: pl.DataFrame, lx: Lexicons) -> pl.DataFrame:
    """One row per word (``wid`` order): lexical flags, coverage by known elements, gap and offsets."""
    return word_table(words, elements, lx)[0]


def word_table(
    words: pl.DataFrame, elements: pl.DataFrame, lx: Lexicons
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """``word_features`` and the table of distinct word forms it was joined from (one row per
    ``token``), which the tagger scores once per form."""
    # The entity stage's token table (``tokens.TOKENS_SCHEMA`` + ``aidx``, ``wid``) calls the word
    # ``surface``; the open-world features re-derive their own bare form from it (a و/ف is a
    # conjunction only when the rest is the likelier word).
    if "token" not in words.columns:
        words = words.rename({"surface": "token"})
    # ``vid``: the form's row in ``v``, so per-form tables are gathered onto words without a join.
    v = _vocab(words, lx).with_row_index("vid")
    w = words.select("wid", "aidx", "token", "gap", "char_start", "char_end").join(
        v, on="token", how="left", maintain_order="left"
    )
    w = _with_coverage(w, _coverage(elements, words.height))
    # Gap classes on the few distinct gaps, then a hash lookup per word (no join on 1M strings).
    gaps = words.select("gap").unique().with_columns(gcls=gap_class(pl.col("gap")))
    space = gaps.filter(pl.col("gcls") == GAP_SPACE)["gap"].implode()
    comma = gaps.filter(pl.col("gcls") == GAP_COMMA)["gap"].implode()
    same = (pl.col("aidx") == pl.col("aidx").shift(1)).fill_null(False)
    w = w.with_columns(
        cov=pl.col("cov_kind").is_not_null(),
        # The word is glued to the previous one by plain spaces, in the same article.
        joined=same & pl.col("gap").is_in(space),
        comma=same & pl.col("gap").is_in(comma),
        cs=pl.col("char_start") + pl.col("pre"),
    )
    return w, v
