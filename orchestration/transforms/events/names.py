"""Stage 4a: name chains. A person's span runs over the tail of his name.

Gulf names go on after the part the knowledge base or the tagger found: "الملك سلمان بن عبدالعزيز
آل سعود", "الشيخ خليفة بن زايد آل نهيان", "الأمير فيصل بن فرحان بن عبدالله". The tail is a run of
connector + name word pairs (بن/ابن/بنت X, آل X; ``name_connectors_ar.csv``, kinds patronymic and
family), a theophoric name taking two words (بن عبد العزيز). It belongs to the person before it:
his span ends where the tail ends (so list and pair distances count from the end of the whole
name), and a mention starting inside a tail ("سعود" of آل سعود read as a new person, "نايف بن
عبدالعزيز" in "الأمير سعود بن نايف بن عبدالعزيز") is no actor of its own.
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from orchestration.transforms.events.contracts import KEYS, text_order
from orchestration.transforms.events.windows import shift_in_group
from orchestration.transforms.reference import read_table
from orchestration.transforms.text import normalize_expr

# Connector kinds that continue a name after the given name: son/daughter of, house of.
_TAIL_KINDS = ["patronymic", "family"]


@lru_cache(maxsize=1)
def _connectors() -> tuple[frozenset[str], frozenset[str]]:
    """(tail connectors, first words of two-word names), normalized."""
    table = read_table("name_connectors_ar.csv").select("kind", k=normalize_expr(pl.col("form")))
    tails = table.filter(pl.col("kind").is_in(_TAIL_KINDS))["k"]
    twos = table.filter(pl.col("kind").is_in(["theophoric", "kunya"]))["k"]
    return frozenset(tails.to_list()), frozenset(twos.to_list())


def tail_tokens(tokens: pl.DataFrame) -> pl.DataFrame:
    """(article_id, token_index, tail_end) of every token that opens a name tail: its connector,
    and where the tail run it opens ends (within the sentence, no punctuation inside)."""
    tails, twos = _connectors()
    # Tokens come in article and text order (contracts.TOKENS): a neighbour in the article is the
    # adjacent row with the same article_id (no sort by the string id, no windows).
    t = tokens.select(*KEYS, "token_index", "norm", "gap")
    art = ["article_id"]
    same = (pl.col("sentence_index") == shift_in_group(pl.col("sentence_index"), -1, art)) & (
        shift_in_group(pl.col("token_index"), -1, art) == pl.col("token_index") + 1
    )
    # A connector needs its name word right after it, with no punctuation between.
    clean_next = shift_in_group(pl.col("gap"), -1, art).fill_null("").str.strip_chars() == ""
    is_conn = pl.col("norm").is_in(list(tails)) & same.fill_null(False) & clean_next
    t = t.with_columns(conn=is_conn)
    prev_conn = shift_in_group(pl.col("conn"), 1, art).fill_null(False)
    # "بن عبد العزيز": the word after عبد/أبو is the second half of the name.
    two_word = prev_conn & pl.col("norm").is_in(list(twos)) & same.fill_null(False) & clean_next
    t = t.with_columns(name_word=prev_conn, two=two_word)
    second = shift_in_group(pl.col("two"), 1, art).fill_null(False)
    t = t.with_columns(in_tail=pl.col("conn") | pl.col("name_word") | second)
    # Runs of consecutive tail tokens; a run breaks at punctuation before a new connector.
    breaks = ~pl.col("in_tail") | (pl.col("conn") & (pl.col("gap").fill_null("").str.strip_chars() != ""))
    # Run numbers count over the whole table: with (article_id, run) as the key they split the
    # words exactly as a count restarting per article would.
    t = t.with_columns(run=breaks.cast(pl.Int64).cum_sum())
    ends = t.filter(pl.col("in_tail")).group_by("article_id", "run").agg(tail_end=pl.col("token_index").max())
    return (
        t.filter(pl.col("conn"))
        .join(ends, on=["article_id", "run"])
        .select("article_id", "token_index", "tail_end")
    )


def name_tails(m: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Persons' spans (``a_end``, ``char_end``) extended over their name tails; mentions starting
    inside a tail dropped (see the module docstring)."""
    opens = tail_tokens(tokens).rename({"token_index": "_next"})
    person = pl.col("entity_type") == "PERSON"
    m = m.with_columns(_next=pl.col("a_end") + 1).join(opens, on=["article_id", "_next"], how="left")
    ext = m.filter(person & pl.col("tail_end").is_not_null()).select(
        "article_id", _lo="_next", _hi="tail_end"
    )
    # Right after a connector a name goes on, it does not start (الأمير سعود بن نايف بن عبدالعزيز:
    # Nayef is the father's name, whether or not the son was found).
    after_conn = opens.select("article_id", a_start=pl.col("_next") + 1)
    inside = pl.concat(
        [
            m.select("article_id", "a_start")
            .join(ext, on="article_id")
            .filter((pl.col("a_start") >= pl.col("_lo")) & (pl.col("a_start") <= pl.col("_hi")))
            .select("article_id", "a_start"),
            after_conn,
        ]
    ).unique()
    char_ends = tokens.select("article_id", tail_end="token_index", _tail_char="char_end")
    return (
        m.join(inside, on=["article_id", "a_start"], how="anti")
        .join(char_ends, on=["article_id", "tail_end"], how="left")
        .with_columns(
            a_end=pl.when(person & pl.col("tail_end").is_not_null()).then("tail_end").otherwise("a_end"),
            char_end=pl.when(person & pl.col("_tail_char").is_not_null())
            .then("_tail_char")
            .otherwise("char_end"),
        )
        .drop("_next", "tail_end", "_tail_char")
    )


def titled_names(m: pl.DataFrame) -> pl.DataFrame:
    """A new person's name right before the title chain of a known person is that known person
    ("محمد عبدالرحمن آل ثاني نائب رئيس مجلس الوزراء وزير الخارجية القطري": the title resolved to
    the office holder; the name, a variant the base does not spell, is his): the made-up person
    goes, and the holder's span starts at the name, so من and و reach him as they reached it. A
    known person always wins over a made-up one (issue 11). ``m``: mentions with ``t_start``."""
    m = text_order(m, KEYS)
    cols = ("entity_id", "entity_type", "t_start", "a_start", "actor_code")
    nxt = {c: shift_in_group(pl.col(c), -1, KEYS) for c in cols}
    own_country = pl.col("actor_code").str.slice(0, 3)
    before_title = (
        pl.col("entity_id").str.starts_with("person:new:")
        # a bare name: with a title of its own ("وزير الخارجية التونسي X الأمين العام … Y") it is
        # the verb's subject and the titled person after it its object
        & (pl.col("t_start") == pl.col("a_start"))
        & (own_country.is_null() | (own_country == nxt["actor_code"].str.slice(0, 3)))
        & (nxt["entity_type"] == "PERSON")
        & ~nxt["entity_id"].str.starts_with("person:new:")
        & (nxt["t_start"] == pl.col("a_end") + 1)
        & (nxt["t_start"] < nxt["a_start"])
    ).fill_null(False)
    m = m.with_columns(_named=before_title)
    return (
        m.with_columns(
            t_start=pl.when(shift_in_group(pl.col("_named"), 1, KEYS).fill_null(False))
            .then(shift_in_group(pl.col("t_start"), 1, KEYS))
            .otherwise(pl.col("t_start"))
        )
        .filter(~pl.col("_named"))
        .drop("_named")
    )
