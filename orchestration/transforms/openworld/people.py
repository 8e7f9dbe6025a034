"""Persons nobody listed: name spans after titles and roles, after speech verbs, and name-shaped runs.

All on the per-word table of ``features.py`` with ``shift``: a name starts at a word that is
anchored (a title or role phrase before it, possibly followed by its complement: ``وزير الخارجية
الأمريكي كولن باول``; or a speech verb: ``قال محمد ...``) or that is a known given name followed
by more name words (``محمد البرادعي``). It runs over name words glued by spaces, at most
``MAX_NAME_WORDS``; connectors (بن، أبو، عبد ...) continue it but never end it. The person takes the
country and the role of the phrase that introduced it (``الوزير المصري فلان`` -> EGY, minister).
"""

from __future__ import annotations

import polars as pl

MAX_NAME_WORDS = 4
# Words of a role's complement that may stand between the role and the name (الخارجية الأمريكي).
MAX_COMPLEMENT = 3
# Zipf frequency (wordfreq scale) above which an unlisted word is an ordinary word, not a name:
# a lone word after a title (الرئيس سعى) and the second word of a name-shaped run (كبير علماء).
COMMON_LONE = 4.3
COMMON_NEXT = 4.0
# A given name this frequent as a word (سلام 4.85) opens a name-shaped run only before a word
# rarer than RARE_NEXT.
AMBIGUOUS_GIVEN = 4.7
RARE_NEXT = 3.5
# Unlisted words this rare may extend a name beyond two words (طه ياسين رمضان).
RARE_WORD = 3.0
# The second word of a title-anchored name: above this it is the verb that follows (بوش تجاوز).
COMMON_SECOND = 4.6


def _name_word() -> pl.Expr:
    """A word that can be part of a name: letters, not grammar, cue or knowledge-base match."""
    c = pl.col
    return (
        (c("arabic") | c("latin"))
        & ~c("stop")
        & ~c("cov")
        & ~c("title")
        & ~c("office")
        & ~c("speech")
        & ~c("org_head")
        & ~c("lprep")
        & (~(c("suffixed") | c("plural")) | c("given") | c("family"))
    )


def _cue_end() -> pl.Expr:
    """The word closes a title or role phrase."""
    c = pl.col
    role_el = c("cov_kind").is_in(["role", "honorific", "counterpart"]) & c("cov_last")
    return role_el | c("title") | (c("office") & ~c("conj"))


def _complement() -> pl.Expr:
    """A word of a role's complement: definite words and known countries, places, bodies, nisbas."""
    c = pl.col
    kb_spec = c("cov_kind").is_in(["nisba", "name"]) & (c("cov_type") != "PERSON")
    # No conjunction inside: "زعماء السعودية والإمارات وقطر، تناولت" ends at the list.
    return ((c("al") & ~c("stop") & ~c("lprep")) | kb_spec | (c("bare") == "باسم")) & ~c("conj")


def _shifted(col: str | pl.Expr, k: int) -> pl.Expr:
    e = pl.col(col) if isinstance(col, str) else col
    return e.shift(k).fill_null(False)


def _anchors(w: pl.DataFrame) -> pl.DataFrame:
    """``anchor`` (title/role/speech before the word), the phrase's ``a_iso3``, ``a_role``, ``a_cameo``."""
    c = pl.col
    w = w.with_columns(cue_end=_cue_end(), compl=_complement())
    # The name follows the cue directly, or after 1..MAX_COMPLEMENT complement words; all glued.
    glued = c("joined") | c("comma")
    title = _shifted("cue_end", 1) & glued
    path = glued
    for k in range(1, MAX_COMPLEMENT + 1):
        path = path & _shifted("compl", k) & (_shifted("joined", k) if k < MAX_COMPLEMENT else pl.lit(True))
        title = title | (path & _shifted("cue_end", k + 1))
    # A nationality adjective used as a noun before a name (على التايلاندي داناي أودومتشوك، والتشيكي
    # بافل ندفيد): singular (not الأمريكيين), glued to the name.
    nisba = (c("cov_kind") == "nisba") & c("al") & ~c("plural")
    return w.with_columns(
        anchor_title=title,
        anchor_speech=_shifted("speech", 1) & c("joined"),
        anchor_nisba=_shifted(nisba.fill_null(False), 1) & c("joined"),
    )


def _phrase_payload(w: pl.DataFrame, found: pl.DataFrame) -> pl.DataFrame:
    """Country, role and CAMEO role of the phrase before each title-anchored name, gathered from
    the few words before it (a gather per found name, not a shift of whole string columns)."""
    c = pl.col
    cols: dict[str, list[pl.Series]] = {"cov_iso3": [], "cov_role": [], "cov_cameo": []}
    for k in range(1, MAX_COMPLEMENT + 2):
        idx = (found["wid"] - k).clip(0)
        picked = w.select("cov_iso3", "cov_role", "cov_cameo").select(pl.all().gather(idx))
        for name in cols:
            cols[name].append(picked[name].alias(f"{name}{k}"))
    title = c("method") == "title"
    return found.with_columns(
        a_iso3=pl.when(title).then(pl.coalesce(cols["cov_iso3"][:MAX_COMPLEMENT])),
        a_role=pl.when(title).then(pl.coalesce(cols["cov_role"])),
        a_cameo=pl.when(title).then(pl.coalesce(cols["cov_cameo"])),
    )


def _name_length(w: pl.DataFrame) -> pl.DataFrame:
    """``w`` with ``n``: how many words a name starting at each word would take (up to
    ``MAX_NAME_WORDS``, never ending on a connector)."""
    c = pl.col
    # Continuation: a name word glued to the previous one; a definite word only right after the
    # first word (فؤاد السنيورة) or after a connector (عبد الله، أبو الغيط); no conjunction inside.
    plain = c("nw") & c("joined") & (~c("al") | c("family")) & (~c("conj") | c("given") | c("family"))
    after_conn = c("joined") & _shifted("connector", 1) & (c("nw") | (c("bare") == "الله"))
    conn = c("connector") & c("joined")
    cont_first = plain | after_conn | conn | (c("nw") & c("joined") & c("al") & ~c("conj"))
    cont_later = plain | after_conn | conn
    w = w.with_columns(cf=cont_first, cl=cont_later)
    n = pl.lit(1, pl.Int64)
    ok = c("cf").shift(-1).fill_null(False)
    n = n + ok.cast(pl.Int64)
    # From the third word on, only known names and connectors: an unknown word there is more
    # often the verb or object that follows a two-word name (أوليفر كرومول استطاع).
    w = w.with_columns(
        later=c("cl")
        & (c("given") | c("family") | c("connector") | _shifted("connector", 1) | (c("zipf") < RARE_WORD))
    )
    for k in range(2, MAX_NAME_WORDS):
        ok = ok & c("later").shift(-k).fill_null(False) & ~c("al").shift(-(k - 1)).fill_null(False)
        n = n + ok.cast(pl.Int64)
    w = w.with_columns(n=n)
    # A name never ends in a connector.
    last_conn = pl.coalesce([pl.when(c("n") == k).then(c("connector").shift(-(k - 1))) for k in range(1, 5)])
    return w.with_columns(n=c("n") - last_conn.fill_null(False).cast(pl.Int64))


def _start_ok() -> pl.Expr:
    """The word can open a name (whatever anchors it)."""
    c = pl.col
    known = c("given") | c("family")
    # A start word with a proclitic is a preposition or conjunction on an ordinary word (لحسن
    # النوايا، ومازال) unless a name lexicon lists the whole word.
    # ... but only where the word without its first letter is the likelier word: كريستيانو,
    # بلير are names (their rest is no word), لحسن is ل + حسن.
    clitic = c("clitic_prep") & (c("zipf") >= 3.0) & (c("rest_zipf") >= c("zipf"))
    clitic_start = c("conj") | (clitic & ~known)
    return (
        c("nw")
        & ~c("connector")
        & (~c("al") | c("family"))
        & (~clitic_start | (c("given") & c("conj")))
        & (known | (c("zipf") < COMMON_LONE))
        # An unlisted word shaped like an imperfect verb (تناولت، يدعو) starts no name.
        & (known | ~c("verbish") | (c("zipf") < RARE_WORD))
    )


def _title_ok() -> pl.Expr:
    """A title-anchored name passes the second-word and lone-word tests (needs ``n``)."""
    c = pl.col
    known = c("given") | c("family")
    second_ok = (c("n") == 1) | (
        (c("given") | c("family")).shift(-1).fill_null(False)
        | (c("zipf").shift(-1).fill_null(0.0) < COMMON_SECOND)
    )
    # One word alone must not look like an imperfect verb (الرئيس يستقبل) unless it is a known name.
    # After a comma a title introduces a full name (وزير الخارجية، فيصل بن فرحان); one unlisted
    # word that is not rare starts the next clause there (لرئيس دولة الإمارات، مراسم استقبال).
    lone_ok = (
        (c("n") >= 2)
        | known
        | (~c("verbish") & (c("zipf") < COMMON_LONE) & (~c("comma") | (c("zipf") < RARE_WORD)))
    )
    return lone_ok & second_ok


def _name_shaped() -> pl.Expr:
    """A run that looks like a full name without any cue: a given name and a rare or listed word."""
    c = pl.col
    # A listed next word counts unless it is also a frequent ordinary word (طويل is a family name).
    nxt_known = ((c("given") | c("family")) & (c("zipf") < AMBIGUOUS_GIVEN)).shift(-1).fill_null(False)
    return (
        c("given")
        & ~c("stop")
        & (c("n") >= 2)
        # Without a cue, a definite second word must be a listed family name (not صاحب الجلالة).
        & (~c("al").shift(-1).fill_null(False) | c("family").shift(-1).fill_null(False))
        # A given name that is also a frequent word (سلام، أمل) needs a rarer word after it.
        & (
            nxt_known
            | (
                c("zipf").shift(-1).fill_null(0.0)
                < pl.when(c("zipf") >= AMBIGUOUS_GIVEN).then(RARE_NEXT).otherwise(COMMON_NEXT)
            )
        )
    )


def _method() -> pl.Expr:
    """How the name was found: ``title``, ``speech`` or ``name-shape`` (in that order), else null."""
    c = pl.col
    # After a speech verb the subject is a name unless it is a common noun (قال مسؤول، قال مصدر).
    speech = c("anchor_speech") & (
        c("given")
        | c("family")
        | (~c("generic") & (c("zipf") < COMMON_LONE) & ~c("plural") & ~c("verbish") & ~c("conj"))
    )
    # After a nisba the name is rarer than after a title (الجيش الإسرائيلي انسحب): a listed name,
    # or a word rarer than RARE_WORD that is no verb's shape, opening a run of two words or more.
    nisba = (
        c("anchor_nisba")
        & _title_ok()
        & ~c("al")
        & ~c("conj")
        & (c("given") | c("family") | ((c("zipf") < RARE_WORD) & ~c("verbish")))
        & ((c("n") >= 2) | c("given") | c("family"))
    )
    return (
        pl.when((c("anchor_title") & _title_ok()) | nisba)
        .then(pl.lit("title"))
        .when(speech)
        .then(pl.lit("speech"))
        .when(_name_shaped())
        .then(pl.lit("name-shape"))
    )


def find_persons(w: pl.DataFrame) -> pl.DataFrame:
    """Person spans: ``aidx, s, e`` (first and last ``wid``), ``n`` (words), ``method``, ``a_iso3``,
    ``a_role``, ``a_cameo``. Stages: anchors, name length, method, then nested spans dropped."""
    c = pl.col
    w = _name_length(_anchors(w).with_columns(nw=_name_word()))
    found = w.with_columns(method=_method()).filter(_start_ok() & (c("n") >= 1) & c("method").is_not_null())
    # A span starting inside another one (the second word of a longer name) is not a new name.
    found = found.with_columns(e=c("wid") + c("n") - 1).sort("wid")
    found = found.filter(c("wid") > c("e").cum_max().shift(1).fill_null(-1))
    found = _phrase_payload(w, found)
    return found.select(
        "aidx",
        s="wid",
        e="e",
        n="n",
        method="method",
        a_iso3="a_iso3",
        a_role="a_role",
        a_cameo="a_cameo",
    )


def span_text(w: pl.DataFrame, spans: pl.DataFrame) -> pl.DataFrame:
    """``spans`` (word ranges ``s..e``) with ``cs, ce, surf`` and ``name_key`` (bare forms joined)."""
    c = pl.col
    idx = (
        spans.with_row_index("sid")
        .select("sid", wid=pl.int_ranges("s", c("e") + 1))
        .explode("wid")
        .with_columns(c("wid").cast(pl.Int64))
    )
    picked = w.select("token", "gap", "bare", "cs", "char_start", "char_end").select(
        pl.all().gather(idx["wid"])
    )
    parts = pl.concat([idx, picked], how="horizontal").with_columns(
        piece=pl.when(c("sid").is_first_distinct())
        .then(c("token").str.slice(c("cs") - c("char_start")))
        .otherwise(c("gap") + c("token"))
    )
    agg = parts.group_by("sid", maintain_order=True).agg(
        cs=c("cs").first(),
        ce=c("char_end").last(),
        surf=c("piece").str.join(""),
        name_key=c("bare").str.join(" "),
    )
    return pl.concat([spans, agg.drop("sid")], how="horizontal")
