"""Stage 4b: actor spans. Titles and honorifics before a name are part of the actor's span.

Real wire copy puts long title chains between a partner marker and the name it introduces
("بحث مع نائب رئيس مجلس الوزراء وزير الخارجية العراقي، الدكتور فؤاد محمد حسين"; "تلقى اتصالاً من
رئيس الجمهورية اللبنانية العماد ميشال سليمان"). Distances from a marker or a verb to its argument
are measured from ``t_start``, the first word of that chain, not from the name.

A chain is a run of title words (``data/reference/actor_title_words.csv``, the words of the role
patterns of ``roles.csv``; clitics و/ف/ب/ل/ال ignored) and nisba adjectives (الإيرانية، العراقي)
right before the mention, in its sentence, after the previous actor, starting at a title word.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import polars as pl

from orchestration.transforms.events.contracts import KEYS, SENTENCE_STRIDE, text_order
from orchestration.transforms.events.windows import same_group
from orchestration.transforms.reference import REFERENCE_DIR, read_table
from orchestration.transforms.text import normalize_expr

# Proclitics and the article, stripped before a word is looked up (والمغتربين، بالجمهورية، للأمم):
# و/ف first, then the article with or without a preposition; a word may itself start with و (وزير).
_CONJ = r"^[وف](.{3,})$"
_ARTICLE = r"^(?:بال|لل|كال|ال|ب|ل)(.{2,})$"
# Function words of the role patterns ("الوزير المسؤول عن الشؤون الخارجية") are no title words.
_NOT_TITLE = ["عن", "في", "من", "علي", "الي", "لدي", "مع", "بين", "او"]
# A nisba adjective (العراقي، الإيرانية، الأفريقي), only inside a chain that has a title word.
_NISBA = r"^..+(?:ي|يه)$"


def title_key(expr: pl.Expr) -> pl.Expr:
    """The lookup key of a dictionary word: the article stripped (normalized first)."""
    return expr.str.replace(r"^ال(.{2,})$", "${1}")


def is_title(norm: pl.Expr, keys: pl.Series) -> pl.Expr:
    """True where a normalized token is a title word, with or without its proclitics."""
    bare = norm.str.replace(_CONJ, "${1}")
    variants = [norm, bare, norm.str.replace(_ARTICLE, "${1}"), bare.str.replace(_ARTICLE, "${1}")]
    hit = pl.lit(False)
    for v in variants:
        hit = hit | v.is_in(keys.implode())
    return hit.fill_null(False)


@lru_cache(maxsize=4)
def load_connectors(reference_dir: Path = REFERENCE_DIR) -> pl.Series:
    """Words that continue a title chain but never start one (إلى، لدى، الجديد)."""
    table = read_table("actor_title_words.csv", reference_dir).filter(pl.col("kind") == "connector")
    return table.select(k=normalize_expr(pl.col("word")))["k"].unique().sort()


@lru_cache(maxsize=4)
def load_title_words(reference_dir: Path = REFERENCE_DIR) -> pl.Series:
    """Lookup keys of the title words: the CSV's and every word of a role pattern."""
    own = read_table("actor_title_words.csv", reference_dir)
    own = own.filter(pl.col("kind") != "connector").select(w=pl.col("word"))
    roles = read_table("roles.csv", reference_dir).select(w=pl.col("pattern_ar").str.split(" ")).explode("w")
    roles = roles.with_columns(w=normalize_expr(pl.col("w").str.strip_chars()))
    roles = roles.filter((pl.col("w").str.len_chars() >= 3) & ~pl.col("w").is_in(_NOT_TITLE))
    words = pl.concat([own.with_columns(w=normalize_expr(pl.col("w"))), roles]).select(
        k=title_key(pl.col("w"))
    )
    return words.filter(pl.col("k").str.len_chars() >= 1)["k"].unique().sort()


def title_spans(
    m: pl.DataFrame, tokens: pl.DataFrame, title_words: pl.Series, states: pl.DataFrame
) -> pl.DataFrame:
    """Adds ``t_start``: the first token of each actor's title chain (``a_start`` without one).

    ``states``: country mentions (article_id, a_start, a_end); a country named inside a title is
    part of it ("من رئيس إسرائيل يتسحاق هرتسوغ", "أمير دولة قطر الشيخ حمد")."""
    # Integer article keys ``_ak`` in the order of the article ids: every sort, window and join
    # below runs on them, and rows come out in the order the string keys gave.
    keys = _article_keys(m, tokens, states)
    m = m.join(keys, on="article_id", how="left")
    states = states.join(keys, on="article_id", how="left")
    lut = keys.join(tokens.select("aidx", "article_id").unique("aidx"), on="article_id")
    size = int(lut["aidx"].max() or 0) + 1
    ak = pl.zeros(size, dtype=pl.UInt32, eager=True).scatter(lut["aidx"], lut["_ak"])
    tokens = tokens.select("token_index", "norm", _ak=pl.lit(ak).gather(pl.col("aidx")))
    in_state = (
        states.select("_ak", tok=pl.int_ranges("a_start", pl.col("a_end") + 1))
        .explode("tok")
        .unique()
        .select("_ak", token_index="tok", in_state=pl.lit(True))
    )
    tokens = tokens.join(in_state, on=["_ak", "token_index"], how="left")
    # The word tests run once per distinct form (a few thousand); each token is then a set lookup.
    norm = pl.col("norm")
    forms = tokens.select(norm.unique().drop_nulls()).with_columns(
        title=is_title(norm, title_words),
        as_is=title_key(norm).is_in(title_words.implode()),  # no proclitic: وزير، الوزير
        nisba=norm.str.replace(_ARTICLE, "${1}").str.contains(_NISBA),
    )
    title = norm.is_in(forms.filter("title")["norm"].implode()).fill_null(False)
    as_is = norm.is_in(forms.filter("as_is")["norm"].implode())
    nisba = norm.is_in(forms.filter("nisba")["norm"].implode()).fill_null(False)
    toks = tokens.select(
        "_ak",
        "token_index",
        sentence=pl.col("token_index") // SENTENCE_STRIDE,
        title=title,
        chain=title
        | nisba
        | pl.col("in_state").fill_null(False)
        | pl.col("norm").is_in(load_connectors().implode()),
        # The span's proclitics are the actor's: "بالرئيس الهندي X" is governed by بـ, "والرئيس X"
        # is coordinated (a word that is itself a title, وزير or باسم, carries none).
        t_b=pl.col("norm").str.contains("^[وف]?ب") & ~as_is,
        t_w=pl.col("norm").str.starts_with("و") & ~as_is,
        # "، والسوري فيصل المقداد", "وكوريا الجنوبية يون سوك يول": a list item led by its nisba or
        # country, with no title word, is coordinated through that first word.
        w_lead=pl.col("norm").str.starts_with("و") & ~title & (nisba | pl.col("in_state").fill_null(False)),
    ).sort("_ak", "token_index")
    # A chain breaks at a word that is neither, at a sentence and at an article boundary.
    breaks = ~pl.col("chain") | ~same_group(["_ak", "sentence"], 1)
    starts = toks.with_columns(
        # runs are contiguous and in token order: a run starts at its first row
        run_start=pl.when(breaks).then(pl.col("token_index")).forward_fill()
    )
    chain_end = starts.filter("chain").select("_ak", before=pl.col("token_index") + 1, run_start="run_start")
    titles = starts.filter("title").select("_ak", "t_b", "t_w", title_tok="token_index").sort("title_tok")
    # The previous actor of the sentence bounds the chain: a name is never part of another's title.
    # Countries and organizations do not: they may sit inside it ("المبعوث الخاص للأمين العام للأمم
    # المتحدة إلى اليمن هانس غروندبرغ").
    own = states.select("_ak", "a_start", _own=pl.lit(True)).unique()
    m = (
        m.join(own, on=["_ak", "a_start"], how="left")
        .pipe(text_order, ["_ak", "sentence_index"])
        .with_columns(_pe=pl.when(pl.col("_own").is_null()).then(pl.col("a_end")))
        # The last non-state end before the row, in its group: -1 marks a group's start.
        .with_columns(
            prev_end=pl.when(same_group(["_ak", "sentence_index"], 1))
            .then(pl.col("_pe").shift(1))
            .otherwise(-1)
        )
        .with_columns(prev_end=pl.col("prev_end").forward_fill().replace(-1, None))
        .drop("_own", "_pe")
    )
    m = m.join(chain_end, left_on=["_ak", "a_start"], right_on=["_ak", "before"], how="left")
    # No chain right before the name: the span is the mention (max_horizontal skips nulls).
    lo = pl.when(pl.col("run_start").is_not_null()).then(
        pl.max_horizontal(pl.col("run_start"), pl.col("prev_end").fill_null(-1) + 1)
    )
    m = (
        m.with_columns(_lo=lo.fill_null(pl.col("a_start")))
        .sort("_ak", "_lo")
        .join_asof(
            titles,
            left_on="_lo",
            right_on="title_tok",
            by="_ak",
            strategy="forward",
            check_sortedness=False,
        )
    )
    inside = pl.col("title_tok").is_not_null() & (pl.col("title_tok") < pl.col("a_start"))
    leads = toks.filter("w_lead").select("_ak", _lo="token_index", _lead=pl.lit(True))
    m = m.join(leads, on=["_ak", "_lo"], how="left")
    lead = ~inside & pl.col("_lead").fill_null(False) & (pl.col("_lo") < pl.col("a_start"))
    return m.with_columns(
        t_start=pl.when(inside).then("title_tok").when(lead).then("_lo").otherwise("a_start"),
        bprefix=pl.col("bprefix") | (inside & pl.col("t_b")),
        wprefix=pl.col("wprefix") | (inside & pl.col("t_w")) | lead,
    ).drop("prev_end", "run_start", "_lo", "title_tok", "t_b", "t_w", "_lead", "_ak")


def _article_keys(m: pl.DataFrame, tokens: pl.DataFrame, states: pl.DataFrame) -> pl.DataFrame:
    """``article_id`` -> ``_ak``: integers numbering the articles in the sort order of their ids."""
    ids = pl.concat([m["article_id"], states["article_id"], tokens.unique("aidx")["article_id"]]).unique()
    return ids.sort().to_frame().with_row_index("_ak")


def drop_title_members(m: pl.DataFrame) -> pl.DataFrame:
    """Drops the countries and organizations named inside a person's title span (between its
    ``t_start`` and the name): they qualify the person ("المبعوث الخاص للأمين العام للأمم المتحدة
    إلى اليمن X", "رئيس مفوضية الاتحاد الأفريقي X"), they are no party of their own."""
    spans = m.filter((pl.col("entity_type") == "PERSON") & (pl.col("t_start") < pl.col("a_start"))).select(
        *KEYS, p_lo="t_start", p_hi="a_start"
    )
    member = (
        m.filter((pl.col("klass") == "state") | (pl.col("entity_type") == "ORG"))
        .select(*KEYS, "a_start", "a_end", is_role=pl.col("entity_id").str.starts_with("actor:"))
        .join(spans, on=KEYS)
        .filter(
            # a role phrase opening the title is the person's office too («سفير الولايات المتحدة
            # لدى ليبيا ريتشارد نورلاند»: the ambassador is Norland, not a second party)
            (
                (pl.col("a_start") > pl.col("p_lo"))
                | (pl.col("is_role") & (pl.col("a_start") == pl.col("p_lo")))
            )
            & (pl.col("a_end") < pl.col("p_hi"))
        )
        .select(*KEYS, "a_start")
        .unique()
    )
    # The organization right after an official acting for it names his office (أجرى الأمين العام
    # للأمم المتحدة اتصالا): the role mention ends before the organization, which is no party.
    officials = m.filter(
        (pl.col("entity_type") == "PERSON") & pl.col("actor_code").fill_null("").str.starts_with("IGO")
    ).select(*KEYS, a_start=pl.col("a_end") + 1, o_code="actor_code")
    office_org = (
        m.filter(pl.col("entity_type") == "ORG")
        .join(officials, on=[*KEYS, "a_start"])
        .filter(pl.col("actor_code") == pl.col("o_code"))
        .select(*KEYS, "a_start")
    )
    return m.join(pl.concat([member, office_org]).unique(), on=[*KEYS, "a_start"], how="anti")
