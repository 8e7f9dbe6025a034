"""Receptions of lists of envoys: credentials ceremonies (issue #11, meetings of several parties).

A host who receives several ambassadors is reported in one governing sentence with the trigger
(«تسلم الرئيس X أوراق اعتماد عدد من السفراء», «استقبل الملك X عددا من السفراء الأجانب») and the
envoys are listed after it, often in sentences or lines of their own with no trigger at all:
«وشملت قائمة السفراء: سفير إيران، عين الله سوري، وسفير تركيا …», «ويتعلق الأمر بالسادة ⏎ NAME سفير
جمهورية الكونغو، ⏎ …», «وهم سفراء دول كل من : ⏎ بريطانيا السيدة/ … ⏎ مملكة إسبانيا السيد/ …». The
event stages read trigger sentences only, so every listed envoy was lost.

This stage (after the event rules) carries the governing sentence's host to each envoy of the
frame: the envoys of the governing sentence after its verb and those of the run of list sentences
right after it (each with an envoy, or a short opener such as «ويتعلق الأمر بالسادة»). Each envoy
gives one 043 event host/envoy. An envoy is an ambassador actor (سفير X), or a country named right
after an envoy word («السفير الجديد لجمهورية فرنسا», «سفير غير مقيم لجمهورية ألبانيا»), after «كل من»,
at the head of a list line, or joined by و to such a country («سفراء كل من بلجيكا وفنلندا»). Lists of
attendees (حضر، بحضور) never open or continue a frame, and the host's own country is no envoy.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import KEYS
from orchestration.transforms.events.envoy_items import (
    CREDENTIALS,
    ENVOY,
    envoy_countries,
    envoys,
    with_envoy_events,
)
from orchestration.transforms.events.mentions import place_mentions
from orchestration.transforms.events.tokens import event_tokens

# Normalized forms (أ/إ/آ -> ا, ة -> ه, ى -> ي, diacritics dropped: transforms.text.normalize_expr).
# Verbs of receiving a guest (استقبل) or his credentials (تسلم، تقبل، قبل، تلقى أوراق اعتماد).
_RECEIVE = r"^[وف]?(?:استقبل|استقبلت|يستقبل|تستقبل)$"
_ACCEPT = r"^[وف]?(?:تسلم|تسلمت|يتسلم|تتسلم|تقبل|تقبلت|يتقبل|قبل|تلقي|تلقت|يتلقي)$"
# Verbs of presenting credentials: the envoys are the subject, the host follows ل / إلى
# («قدّم سفراء كل من بلجيكا وفنلندا … نسخة من أوراق إعتمادهم، للسيد السفير X وزير الخارجية»).
_PRESENT = r"^[وف]?(?:قدم|قدمت|قدما|قدموا|يقدم|تقدم|سلم|سلمت|سلما|سلموا|يسلم)$"
# «للسيد», «لرئيس», «إلى الرئيس»: the recipient of the credentials.
_TO = r"^(?:ل[^ا]|لل|الي$)"
# Several envoys: a plural or dual envoy noun («سفراء كل من», «سفيري جمهوريتي»).
_ENVOYS = r"^[وبل]?(?:ال)?(?:سفراء|سفيري|سفيرين|سفيرتي|سفيرتين)$"
# Attendance and presence: a list of attendees is no list of guests.
_ATTEND = r"^[وف]?(?:حضر|حضرها|حضره|يحضر|بحضور|حضور|وبحضور)$"
# A pluperfect (كان + verb) tells the background of the report.
_PAST = ["كان", "وكان", "كانت", "وكانت"]
# An announced ceremony («يتسلم الرئيس X غدا أوراق اعتماد …»): a future word near the verb and its
# host (event_markers.csv, planned).
_FUTURE = ["سوف", "غدا", "المقرر", "المزمع", "المرتقب", "المرتقبه", "القادم", "القادمه", "المقبل", "المقبله"]
_FUTURE_REACH = 4
# The host follows his verb within this many words (titles: «تسلّم نائب رئيس مجلس الوزراء ووزير
# الخارجية، السيد فؤاد حسين»), or stands right before it («الرئيس الموريتاني تسلم»).
_HOST_AFTER = 9
_HOST_BEFORE = 4
# A list sentence at most this many sentences after its governing sentence; an opener with no
# envoy («ويتعلق الأمر بالسادة», «وهم سفراء دول كل من :», a caption «مراسيم تسليم أوراق الاعتماد تتم
# في مقر رئاسة الجمهورية») at most this many words.
_MAX_RUN = 15
_OPENER_WORDS = 12


# A host: a person or a country+role actor with a state, not an envoy.
_HOSTLIKE = (
    (pl.col("klass") == "agent")
    & ~pl.col("envoy_word")
    & (pl.col("entity_id").str.starts_with("person:") | pl.col("entity_id").str.starts_with("actor:"))
    & pl.col("iso").is_not_null()
)
# The ل / إلى of the recipient at most this many words after the credentials noun.
_TO_GAP = 6


def _sentence_flags(t: pl.DataFrame) -> pl.DataFrame:
    """Per sentence: the first reception verb, whether it speaks of credentials or several envoys,
    whether it is an attendance sentence, and its first word and length."""
    n = pl.col("norm")
    cred = n.str.contains(CREDENTIALS).any()
    several = n.str.contains(_ENVOYS).any()
    receive = pl.when(n.str.contains(_RECEIVE)).then(pl.col("token_index"))
    accept = pl.when(n.str.contains(_ACCEPT)).then(pl.col("token_index"))
    cue = pl.when(n.str.contains(CREDENTIALS) | n.str.contains(ENVOY)).then(pl.col("token_index"))
    return t.group_by(KEYS).agg(
        # استقبل governs a list of envoys or credentials; تسلم/تقبل only credentials
        verb_tok=pl.when(cred)
        .then(pl.min_horizontal(receive.min(), accept.min()))
        .when(several)
        .then(receive.min()),
        present_tok=pl.when(cred).then(pl.when(n.str.contains(_PRESENT)).then(pl.col("token_index")).min()),
        cred_tok=pl.when(n.str.contains(CREDENTIALS)).then(pl.col("token_index")).min(),
        to_toks=pl.when(n.str.contains(_TO)).then(pl.col("token_index")).drop_nulls(),
        cue_toks=cue.drop_nulls(),
        attend=n.str.contains(_ATTEND).any(),
        # an item line may name an envoy whose state the text gives in a form no entity reads
        # («• السيد NAME، بصفته سفيراً جديداً لدولة بوركينا فاسو لدى تونس.»)
        envoy_word=n.str.contains(ENVOY).any(),
        s_start=pl.col("token_index").min(),
        n_tok=pl.len(),
    )


def _hosts(flags: pl.DataFrame, m: pl.DataFrame) -> pl.DataFrame:
    """(KEYS, host columns) of the governing sentences: the actor right after the verb, else right
    before it (a person or a country+role actor, not an envoy)."""
    cand = m.filter(_HOSTLIKE).join(
        flags.filter(pl.col("verb_tok").is_not_null() & ~pl.col("attend") & ~pl.col("past")), on=KEYS
    )
    gap = pl.col("a_start") - pl.col("verb_tok")
    # the subject after the verb stands before the credentials or the envoys it receives
    after = (
        cand.explode("cue_toks")
        .filter(pl.col("cue_toks").is_null() | (pl.col("cue_toks") > pl.col("verb_tok")))
        .group_by(*KEYS, "entity_id", "a_start", "a_end", "iso", "char_start", "actor_code", "verb_tok")
        .agg(next_cue=pl.col("cue_toks").min())
        .filter(
            (gap > 0)
            & (gap <= _HOST_AFTER)
            & (pl.col("next_cue").is_null() | (pl.col("a_start") < pl.col("next_cue")))
        )
        .sort("a_start")
        .unique(KEYS, keep="first")
    )
    before = (
        cand.filter((pl.col("verb_tok") - pl.col("a_end")).is_between(1, _HOST_BEFORE))
        .sort("a_end")
        .unique(KEYS, keep="last")
        .join(after.select(KEYS), on=KEYS, how="anti")
    )
    cols = [*KEYS, "verb_tok", "entity_id", "iso", "char_start", "actor_code", "a_start", "a_end"]
    found = pl.concat([after.select(cols), before.select(cols)]).with_columns(present=pl.lit(False))
    recipients = _recipients(flags, m.filter(_HOSTLIKE)).join(found.select(KEYS), on=KEYS, how="anti")
    return pl.concat([found, recipients.select(*cols, "present")]).select(
        *KEYS,
        "verb_tok",
        "present",
        h_id="entity_id",
        h_iso="iso",
        h_char="char_start",
        h_code="actor_code",
        h_start="a_start",
        h_end="a_end",
    )


def _recipients(flags: pl.DataFrame, cand: pl.DataFrame) -> pl.DataFrame:
    """Hosts of presenting sentences: the actor a few words after the ل / إلى that follows the
    credentials noun («قدم سفير X أوراق اعتماده إلى الرئيس Y», «… أوراق إعتمادهم، للسيد السفير Y»)."""
    c = pl.col
    to = (
        flags.filter(c("present_tok").is_not_null() & ~c("attend") & ~c("past"))
        .explode("to_toks")
        .filter((c("to_toks") > c("cred_tok")) & (c("to_toks") - c("cred_tok") <= _TO_GAP))
        .group_by(KEYS)
        .agg(to_tok=c("to_toks").min(), verb_tok=c("present_tok").first())
    )
    return (
        cand.join(to, on=KEYS)
        .filter((c("a_start") - c("to_tok")).is_between(0, _HOST_BEFORE))
        .sort("a_start")
        .unique(KEYS, keep="first")
        .with_columns(present=pl.lit(True))
    )


def _frames(flags: pl.DataFrame, hosts: pl.DataFrame, listed: pl.DataFrame) -> pl.DataFrame:
    """(KEYS, host columns): every sentence a governing sentence's host reaches, itself included.

    After a governing sentence, a run of list sentences (one with an envoy, or a short opener with
    no mention) continues its frame; any other sentence ends it."""
    s = (
        flags.join(hosts.select(*KEYS, g=pl.lit(True)), on=KEYS, how="left")
        .join(listed.select(KEYS).unique().with_columns(has_envoy=pl.lit(True)), on=KEYS, how="left")
        .with_columns(pl.col("g", "has_envoy").fill_null(False))
        .sort(KEYS)
    )
    opener = ~pl.col("has_mention") & (pl.col("n_tok") <= _OPENER_WORDS)
    listing = ~pl.col("g") & ~pl.col("attend") & (pl.col("has_envoy") | pl.col("envoy_word") | opener)
    s = s.with_columns(block=(~listing).cast(pl.Int64).cum_sum().over("article_id"))
    heads = s.filter(pl.col("g")).select("article_id", "block", head="sentence_index")
    return (
        s.drop("verb_tok")
        .join(heads, on=["article_id", "block"])
        .filter(pl.col("sentence_index") - pl.col("head") <= _MAX_RUN)
        .join(hosts.rename({"sentence_index": "head"}), on=["article_id", "head"])
        .select(
            *KEYS,
            "head",
            "has_envoy",
            "verb_tok",
            "present",
            "h_id",
            "h_iso",
            "h_char",
            "h_code",
            "h_start",
            "h_end",
        )
    )


def credential_events(
    events: pl.DataFrame,
    articles: pl.DataFrame,
    tokens: pl.DataFrame,
    sentences: pl.DataFrame,
    mentions: pl.DataFrame,
) -> pl.DataFrame:
    """``events`` with one 043 event per envoy of a credentials or envoy-list frame added, and the
    events of the frame's list sentences that leave out its host dropped (a list line is no clause
    of its own: «وشمل الاستقبال السفير الجديد لجمهورية فرنسا …»). ``articles``: article_id and
    published_date (the date of an envoy event whose governing sentence has no dated event)."""
    n = pl.col("norm")
    words = tokens.select("form_id", "norm").unique("form_id")
    cue = words.filter(n.str.contains(CREDENTIALS) | n.str.contains(_ENVOYS))["form_id"]
    arts = tokens.filter(pl.col("form_id").is_in(cue.implode())).select("aidx").unique()
    if arts.height == 0:
        return events
    t = event_tokens(tokens.join(arts, on="aidx", how="semi"), [""])
    m = place_mentions(mentions.join(t.select("article_id").unique(), on="article_id", how="semi"), t)
    m = m.with_columns(
        iso=pl.when(pl.col("entity_id").str.starts_with("country:"))
        .then(pl.col("entity_id").str.slice(8))
        .otherwise(pl.col("actor_code").str.slice(0, 3)),
        envoy_word=n.str.contains(ENVOY) | n.str.contains("^(?:ال)?ساده$"),
    )
    flags = _sentence_flags(t).join(
        m.select(KEYS).unique().with_columns(has_mention=pl.lit(True)), on=KEYS, how="left"
    )
    flags = flags.with_columns(pl.col("has_mention").fill_null(False))
    # «وكان المقداد تسلم نسخة من أوراق اعتماد الرفاعي في 8 حزيران»: background, not the report
    past = (
        t.filter(n.is_in(_PAST))
        .join(flags.select(*KEYS, "verb_tok"), on=KEYS)
        .filter((pl.col("verb_tok") - pl.col("token_index")).is_between(1, 3))
        .select(*KEYS, past=pl.lit(True))
        .unique()
    )
    flags = flags.join(past, on=KEYS, how="left").with_columns(pl.col("past").fill_null(False))
    hosts = _hosts(flags, m)
    if hosts.height == 0:
        return events
    countries = envoy_countries(t, m, flags)
    listed = pl.concat(
        [countries.select(KEYS), m.filter(pl.col("entity_id").str.ends_with(":ambassador")).select(KEYS)]
    )
    frames = _frames(flags, hosts, listed)
    planned = (
        t.filter(n.is_in(_FUTURE))
        .join(hosts.select(*KEYS, "verb_tok", "h_end"), on=KEYS)
        # before the verb, or before the words right after it and its host
        .filter(
            (pl.col("token_index") >= pl.col("verb_tok") - _FUTURE_REACH)
            & (pl.col("token_index") <= pl.max_horizontal("verb_tok", "h_end") + _FUTURE_REACH)
        )
        .select("article_id", head="sentence_index", planned=pl.lit(True))
        .unique()
    )
    frames = frames.join(planned, on=["article_id", "head"], how="left").with_columns(
        pl.col("planned").fill_null(False)
    )
    found = envoys(m, countries, frames)
    pub = articles.select("article_id", "published_date")
    return with_envoy_events(events, found.join(pub, on="article_id", how="left"), frames, t, sentences)
