"""Organizations nobody listed: a head noun with its complement chain, and Latin-script names.

``وزارة الخارجية المصرية``, ``حزب العمال``, ``جامعة برينستون``: a head noun (``org_head`` in ``openworld_cues.csv``)
followed by definite words (idafa and adjectives) or known countries, places and nisbas, glued by
spaces, at most ``MAX_CHAIN`` words; a bare proper noun may follow the head directly (``حركة حماس``).
A nisba in the chain gives the organization its country. A run of Latin-script words (CNN, IBM) is
an organization candidate too when one of them is an acronym.
"""

from __future__ import annotations

import polars as pl

MAX_CHAIN = 4
# Zipf frequency above which a word is ordinary vocabulary rather than a name (see lexicon.common).
COMMON_PROPER = 4.0
# The method of a head noun followed by common words only: a description of a body rather than its
# name, kept for its country but below the name-mention confidence (``resolve.FOUND_CONFIDENCE``).
DESCRIPTION = "head-phrase"


def _chain_word() -> pl.Expr:
    c = pl.col
    kb_spec = c("cov_kind").is_in(["nisba", "name"]) & (c("cov_type") != "PERSON")
    definite = c("al") & ~c("stop") & ~c("lprep") & ~c("cov") & ~c("conj") & ~c("speech")
    return c("joined") & (definite | (kb_spec & ~c("conj")))


def _proper_word() -> pl.Expr:
    """A bare proper noun that may follow a head directly (حركة حماس)."""
    c = pl.col
    # Not an adjective or a suffixed noun (منظمة إجرامية، مجلس إدارته) and not a verbal noun of the
    # taf'il pattern (لجنة تحديد).
    return (
        c("joined")
        & (c("arabic") | c("latin"))
        & ~c("al")
        & ~c("stop")
        & ~c("cov")
        & ~c("conj")
        & ~c("title")
        & ~c("office")
        & ~c("org_head")
        & ~c("adjish")
        & (c("zipf") < COMMON_PROPER)
    )


def _chain_length() -> pl.Expr:
    """How many chain words follow each word (0..MAX_CHAIN), on the ``ch`` and ``proper`` columns."""
    c = pl.col
    proper = c("proper")
    n = pl.lit(0, pl.Int64)
    ok = pl.lit(True)
    for k in range(1, MAX_CHAIN + 1):
        step = c("ch").shift(-k).fill_null(False)
        if k == 1:
            # Only an indefinite head takes a bare proper noun (حركة حماس, not الاتحاد برند).
            # A university, institute or college takes one too, and keeps its head (جامعة كامبريدج).
            takes = c("appositive") | c("place_org_head")
            step = step | (proper.shift(-1).fill_null(False) & ~c("al") & takes)
        else:
            # After a bare proper noun the name is over (حركة حماس اليوم).
            step = step & ~(proper.shift(-1).fill_null(False) & ~c("ch").shift(-1).fill_null(False))
        ok = ok & step
        n = n + ok.cast(pl.Int64)
    return n


def _head_spans(w: pl.DataFrame) -> pl.DataFrame:
    """Spans of a head noun with its chain, with the country a nisba in the chain gives."""
    c = pl.col
    heads = w.with_columns(
        n=_chain_length() + 1,
        pnext=c("proper").shift(-1).fill_null(False),
        znext=c("zipf").shift(-1).fill_null(0.0),
    ).filter(c("org_head") & ~c("cov") & (c("n") >= 2))
    # A nisba or country in the chain gives the country: gathered for the few heads only.
    isos = [
        w["cov_iso3"].gather((heads["wid"] + k).clip(0, w.height - 1)).alias(f"i{k}")
        for k in range(1, MAX_CHAIN + 1)
    ]
    heads = heads.with_columns(
        a_iso3=pl.coalesce([pl.when(c("n") > k).then(iso) for k, iso in enumerate(isos, start=1)])
    )
    # A head with one frequent definite word is a common noun phrase (شركة الغاز، حركة المقاومة).
    heads = heads.filter(c("pnext") | (c("n") > 2) | (c("znext") < COMMON_PROPER))
    # An appositive head before a proper name is left out of the span (شركة نوكيا -> نوكيا).
    skip = (c("appositive") & c("pnext")).cast(pl.Int64)
    return heads.select(
        "aidx",
        s=c("wid") + skip,
        e=c("wid") + pl.when(c("pnext")).then(1).otherwise(c("n") - 1),
        n=pl.when(c("pnext")).then(2).otherwise(c("n")) - skip,
        # A head and common words only (لجنة الانضباط، صندوق المقاصة، وزارة السياحة الإسرائيلية)
        # describe a body by its function; a proper noun after the head names it (جامعة كامبريدج).
        method=pl.when(c("pnext")).then(pl.lit("head-noun")).otherwise(pl.lit(DESCRIPTION)),
        a_iso3="a_iso3",
    )


def _latin_runs(w: pl.DataFrame) -> pl.DataFrame:
    """Runs of glued Latin-script words (at most four) with an acronym among them (CNN, IBM)."""
    c = pl.col
    latin = w.with_columns(
        run_start=c("latin") & ~(c("latin").shift(1).fill_null(False) & c("joined")),
    ).with_columns(grp=c("run_start").cum_sum())
    return (
        latin.filter(c("latin"))
        .group_by("grp", maintain_order=True)
        .agg(
            aidx=c("aidx").first(),
            s=c("wid").first(),
            e=c("wid").last(),
            n=pl.len(),
            acro=c("caps").any(),
            glued=(c("wid").diff().fill_null(1) == 1).all(),
        )
        .filter(c("acro") & c("glued") & (c("n") <= 4))
        .select(
            "aidx",
            "s",
            "e",
            n=c("n").cast(pl.Int64),
            method=pl.lit("latin"),
            a_iso3=pl.lit(None, pl.String),
        )
    )


def find_orgs(w: pl.DataFrame) -> pl.DataFrame:
    """Organization spans: ``aidx, s, e, n, method, a_iso3``: head-noun chains, then Latin runs."""
    w = w.with_columns(ch=_chain_word())
    w = w.with_columns(proper=_proper_word())
    return pl.concat([_head_spans(w), _latin_runs(w)], how="vertical_relaxed").sort("s")
