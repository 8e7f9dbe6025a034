"""In-article coreference of found persons: a later surname, or first and last name, is the same person.

Keys per found person and article: its last word (``السنيورة`` for ``فؤاد السنيورة``), its first and
last words for longer names, and the word itself for a one-word name found after a title (``السيد
أنان`` ... ``أنان``). A key shared by two different persons of the article is ambiguous and dropped.
A word matching a key, outside every known or found span, is a mention of that person.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.text import normalize_text

MIN_KEY_LEN = 3
# Connectors «son/daughter of» (``person_edges.PATRONYMIC``; not imported: person_edges is later).
PATRONYMIC: tuple[str, ...] = tuple(normalize_text(f) for f in ("بن", "بنت", "ابن"))


# Persons found only by their shape (a given name, then any rare word): their keys yield to those
# of a person found otherwise (أمل فرويد "Freud's hope" must not make فرويد ambiguous).
WEAK_METHODS: tuple[str, ...] = ("name-shape",)


def _keys(persons: pl.DataFrame) -> pl.DataFrame:
    """``aidx, entity_id, key, n``: the keys of each person (``aidx, entity_id, name_key`` and
    optionally ``method``) that no other person of the article shares."""
    c = pl.col
    if "method" not in persons.columns:
        persons = persons.with_columns(method=pl.lit(None, pl.String))
    toks = persons.select("aidx", "entity_id", "method", t=c("name_key").str.split(" "))
    one = toks.select("aidx", "entity_id", "method", key=c("t").list.last(), n=pl.lit(1, pl.Int64))
    two = toks.filter(c("t").list.len() >= 3).select(
        "aidx",
        "entity_id",
        "method",
        key=c("t").list.first() + " " + c("t").list.last(),
        n=pl.lit(2, pl.Int64),
    )
    # The name less its given name: the family name of محمد حسني مبارك, سامي أبو زهري.
    tail = toks.filter(c("t").list.len() >= 3).select(
        "aidx", "entity_id", "method", key=c("t").list.slice(-2).list.join(" "), n=pl.lit(2, pl.Int64)
    )
    # A patronymic name is shortened to its given name (معاوية بن أبي سفيان ... معاوية), not to its
    # last word, which is the father's or grandfather's name.
    given = toks.filter(c("t").list.get(1, null_on_oob=True).is_in(list(PATRONYMIC))).select(
        "aidx", "entity_id", "method", key=c("t").list.first(), n=pl.lit(1, pl.Int64)
    )
    keys = pl.concat([one, two, tail, given]).filter(c("key").str.len_chars() >= MIN_KEY_LEN)
    weak = c("method").is_in(list(WEAK_METHODS)).fill_null(False)
    keys = keys.filter(~weak | ~(~weak).any().over("aidx", "key")).drop("method").unique()
    return keys.filter(c("entity_id").n_unique().over("aidx", "key") == 1)


def corefer(w: pl.DataFrame, persons: pl.DataFrame, taken: pl.Series) -> pl.DataFrame:
    """Further mentions of ``persons`` (``aidx, entity_id, name_key``): ``aidx, s, e, entity_id,
    clip`` (letters of a proclitic to leave out of the mention's surface: لفرويد -> فرويد).

    ``taken`` lists the word ids already inside a known or found span."""
    c = pl.col
    if persons.is_empty():
        return pl.DataFrame(
            schema={"aidx": pl.UInt32, "s": pl.Int64, "e": pl.Int64, "entity_id": pl.String, "clip": pl.Int64}
        )
    keys = _keys(persons)
    free = (
        ~c("cov")
        & ~c("stop")
        & ~c("wid").is_in(taken.implode())
        & (c("arabic") | c("latin"))
        & ~c("lprep")
        # A connector or the divine name ends no surname of its own (عبد الله، نصر الله، ولد).
        & ~c("connector")
        & (c("bare") != "الله")
    )
    # Only the columns read here are filtered (the word table has ~45).
    used = ["aidx", "wid", "bare", "cov", "stop", "arabic", "latin", "lprep", "connector", "joined"]
    cand = (
        w.select(used)
        .filter(c("aidx").is_in(keys["aidx"].unique().implode()))
        .select(
            "aidx",
            "wid",
            "bare",
            free=free,
            nxt=c("bare").shift(-1) if w.height else c("bare"),
            nxt_ok=(c("joined").shift(-1).fill_null(False) & free.shift(-1).fill_null(False)),
        )
    )
    one = (
        cand.filter(c("free"))
        .join(keys.filter(c("n") == 1), left_on=["aidx", "bare"], right_on=["aidx", "key"])
        .select("aidx", s="wid", e="wid", entity_id="entity_id", clip=pl.lit(0, pl.Int64))
    )
    # A surname after a preposition clitic (لفرويد، بكابيلو): the word less its first letter.
    clitic = (
        cand.filter(c("free") & c("bare").str.contains(r"^[لبك]\p{Arabic}{3,}$"))
        .with_columns(rest=c("bare").str.slice(1))
        .join(keys.filter(c("n") == 1), left_on=["aidx", "rest"], right_on=["aidx", "key"])
        .select("aidx", s="wid", e="wid", entity_id="entity_id", clip=pl.lit(1, pl.Int64))
    )
    # A two-word key is "first last" (no space inside a word): only words that are some key's first
    # word get the pair string built.
    firsts = keys.filter(c("n") == 2).select(c("key").str.split(" ").list.first())["key"]
    two = (
        cand.filter(c("free") & c("nxt_ok") & c("bare").is_in(firsts.implode()))
        .with_columns(key=c("bare") + " " + c("nxt"))
        .join(keys.filter(c("n") == 2), on=["aidx", "key"])
        .select("aidx", s="wid", e=c("wid") + 1, entity_id="entity_id", clip=pl.lit(0, pl.Int64))
    )
    both = pl.concat([two, one, clitic]).sort("s", c("e"), descending=[False, True])
    return both.filter(c("s") > c("e").cum_max().shift(1).fill_null(-1))


def relink_repeats(spans: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Tagger spans that repeat the keys of another found person, and the other spans.

    The tagger reads a bare surname (البرقوقي after سامر البرقوقي) as a name of its own; it is a
    later mention of the person with the longer name, whichever stage found that one (a rule or the
    tagger itself), and takes their id. Returns the relinked mentions (``aidx, s, e, entity_id``, as
    ``corefer`` gives them) and ``spans`` without them."""
    c = pl.col
    person = c("entity_type") == "PERSON"
    model = person & (c("method") == "model")
    longer = person & c("name_key").str.contains(" ")
    keys = _keys(spans.filter(longer).select("aidx", "entity_id", "name_key", "method"))
    cands = spans.filter(model).select(
        "aidx", "s", "e", "entity_id", key="name_key", clip=pl.lit(0, pl.Int64)
    )
    # The same surname after a preposition clitic (لفرويد): the key less its first letter.
    clitic = cands.filter(c("key").str.contains(r"^[لبك]\p{Arabic}{3,}$")).with_columns(
        key=c("key").str.slice(1), clip=pl.lit(1, pl.Int64)
    )
    hits = (
        pl.concat([cands, clitic])
        .join(keys.select("aidx", "key", antecedent="entity_id"), on=["aidx", "key"])
        .filter(c("antecedent") != c("entity_id"))
        .unique(["aidx", "s"], keep="first", maintain_order=True)
    )
    relinked = hits.select("aidx", "s", "e", entity_id="antecedent", clip="clip")
    rest = spans.join(hits.select("aidx", "s"), on=["aidx", "s"], how="anti", maintain_order="left")
    return relinked, rest
