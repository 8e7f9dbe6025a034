"""A tagged person's name that holds a known place's name is the person's, not the place's.

The gazetteer lists many towns whose Arabic spelling is also a given name or surname: كولن (Köln) in
كولن باول، صوفيا (Sofia) in الملكة صوفيا، ارلن (Arlon) in ارلن سبيكتر، اراغون in لويس اراغون. The
tagger reads the whole name as a person, but a known match always wins: the tagger's span is dropped
(``resolve._model_spans``) and the place stays, so the person is lost and a false place is emitted.

A tagger person span wins over the one known place word it holds when the text supports a name:
- it has two words or more and every other word is a person-name word (a listed given or family
  name, a connector, or a rare word nothing in the knowledge base reads: a foreign name spelled in
  Arabic, سبيكتر), or
- it follows a definite title right away (الملكة صوفيا): the titled person's name comes next.
Then the place mention inside yields (``yield_places_to_persons``), like a club's city.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.openworld.titled import NAME_METHODS

# A word nothing reads, below this Zipf frequency, can be a foreign name (باول 4.1, سبيكتر 0); a
# more frequent one is an ordinary word. The tagger's own bar for one-word persons
# (``resolve.MODEL_COMMON_PERSON``).
NAME_WORD_MAX_ZIPF = 4.5
# Shorter words are particles (``resolve.MODEL_MIN_WORD_LEN``).
NAME_WORD_MIN_LEN = 3


def _in_span(flag: pl.Series, spans: pl.DataFrame) -> pl.Series:
    """How many words of each span (``s``, ``e``: word ids) have ``flag``: a running sum gathered
    at both ends, no exploding of spans into words."""
    run = flag.fill_null(False).cast(pl.Int32).cum_sum()
    before = pl.Series([0], dtype=pl.Int32).append(run).gather(spans["s"])
    return run.gather(spans["e"]) - before


def person_over_place(spans: pl.DataFrame, w: pl.DataFrame, titles: pl.Series) -> pl.Series:
    """Per tagger span (``s, e, entity_type``; global word ids into ``w``, the word table): a person
    span holding exactly one knowledge-base word, a place's, that the name's shape or a title before
    it supports (module doc). The caller lets such a span through although it touches a known name."""
    c = pl.col
    if spans.is_empty():
        return pl.Series("over_place", [], dtype=pl.Boolean)
    f = w.select(
        place=(c("cov_kind") == "name") & (c("cov_type") == "PLACE"),
        known=c("cov").fill_null(False),
        name_word=c("given")
        | c("family")
        | c("connector")
        | (
            ~c("cov").fill_null(False)
            & c("arabic")
            & ~c("al")
            # Not ``stop``: it reads a proclitic off a name too (باول as ب + أول).
            & (c("bare").str.len_chars() >= NAME_WORD_MIN_LEN)
            & (c("zipf") < NAME_WORD_MAX_ZIPF)
        ),
    )
    n = spans["e"] - spans["s"] + 1
    one_place = (_in_span(f["place"], spans) == 1) & (_in_span(f["known"], spans) == 1)
    # The place's word counts as a name word: the others must all be.
    shaped = (n > 1) & (_in_span(f["name_word"] | f["place"].fill_null(False), spans) == n)
    # A town opening the span right after an indefinite noun is that noun's genitive (مراقب برج
    # قليوب عدوي عبدالفتاح حسين: the tower of Qalyub), and the tagger ran it into the name after.
    opens = f["place"].fill_null(False).gather(spans["s"])
    pw = w.select(
        noun=~(c("al") | c("stop") | c("speech") | c("verbish") | c("title") | c("cov")).fill_null(True)
    )["noun"].gather((spans["s"] - 1).clip(0, None))
    genitive = opens & (spans["s"] > 0) & w["joined"].gather(spans["s"]).fill_null(False) & pw
    shaped = shaped & ~genitive
    prev = w.select("bare", "al", "title").select(pl.all().gather((spans["s"] - 1).clip(0, None)))
    first_joined = w["joined"].gather(spans["s"]).fill_null(False)
    definite_title = prev.select(
        c("al").fill_null(False)
        & (c("title").fill_null(False) | c("bare").is_in(titles.implode()).fill_null(False))
    ).to_series()
    titled = (spans["s"] > 0) & first_joined & definite_title
    person = spans["entity_type"] == "PERSON"
    return (person & one_place & (shaped | titled)).fill_null(False).alias("over_place")


def yield_places_to_persons(known: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """``known`` mentions (``aidx, cs, ce, entity_type, method``) less the place name matches inside
    a found tagger person span (``found``: method ``model``). Tagger spans touching a known name are
    dropped before (``resolve._model_spans``) unless ``person_over_place`` kept them, so a place
    inside one is a place that span won over."""
    c = pl.col
    persons = found.filter((c("entity_type") == "PERSON") & (c("method") == "model"))
    if persons.is_empty() or known.is_empty():
        return known
    k = known.with_row_index("_kid")
    inside = (
        k.filter((c("entity_type") == "PLACE") & c("method").is_in(list(NAME_METHODS)))
        .select("_kid", "aidx", "cs", "ce")
        .join(persons.select("aidx", p_cs="cs", p_ce="ce"), on="aidx")
        .filter((c("cs") >= c("p_cs")) & (c("ce") <= c("p_ce")))["_kid"]
    )
    return k.filter(~c("_kid").is_in(inside.implode())).drop("_kid")
