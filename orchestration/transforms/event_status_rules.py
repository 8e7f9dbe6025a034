"""Status rules over event candidates (issue 11): postponed and cancelled mentions are their own
statuses; expectations, invitations, purpose clauses and announcements in the body are planned,
and so is every event of a sentence that opens with "ومن المقرر أن" / "من المتوقع أن".

The words are in ``data/reference/event_rule_words.csv``; a word counts within ``STATUS_WINDOW``
characters of the trigger (an expectation up to twice as far before it).
"""

from __future__ import annotations

from functools import lru_cache

import polars as pl

from orchestration.transforms.event_rule_leads import announcing_lead
from orchestration.transforms.event_rule_patterns import RulePatterns
from orchestration.transforms.reference import read_table
from orchestration.transforms.text import normalize_expr

# How far (characters) a status word may stand from the trigger in either direction.
STATUS_WINDOW = 60
# Short vowels, shadda, sukun, dagger alif and tatweel: «يتوجّه» and «غدًا» are the words the lists
# spell يتوجه and غدا. Removed after slicing, so character offsets keep pointing into the sentence.
_DIACRITICS = r"[\u064B-\u0652\u0670\u0640]"


def _plain(text: pl.Expr) -> pl.Expr:
    # Persian yeh and kaf as Iranian outlets type them («تأجیل زیارة الکاظمی»): the Arabic letters.
    return text.str.replace_all(_DIACRITICS, "").str.replace_all("\u06cc", "ي").str.replace_all("\u06a9", "ك")


def rule_statuses(c: pl.DataFrame, p: RulePatterns) -> pl.DataFrame:
    """Candidates with ``sentence`` and ``trig_rel`` (trigger offset in it) -> status updated."""
    raw = pl.col("sentence")
    s = _plain(raw)
    lo = (pl.col("trig_rel") - STATUS_WINDOW).clip(lower_bound=0)
    near_raw = raw.str.slice(lo, 2 * STATUS_WINDOW)
    near = _plain(near_raw)
    back_lo = (pl.col("trig_rel") - 2 * STATUS_WINDOW).clip(lower_bound=0)
    back = _plain(raw.str.slice(back_lo, pl.col("trig_rel") - back_lo))
    purpose = ~pl.col("event_code").str.starts_with("042") & (
        back.str.contains(p.purpose) | pl.col("trigger").str.contains(r"^لل(?:قاء|اجتماع)")
    )
    after = _plain(raw.str.slice(pl.col("trig_rel"), STATUS_WINDOW))
    imperfect = _plain(pl.col("trigger")).str.contains(p.imperfect)
    # A headline reports in the present tense; a body sentence, or a lead that opens with the verb
    # («يلتقي سامح شكري … اليوم»: headlines put the subject first), announces.
    body = pl.col("sentence_index") > 0
    # «يؤدي أحمد أبو الغيط … زيارة الى تونس يومي 4 و5 أبريل»: an imperfect light verb and its
    # subject before the noun trigger announce it as an imperfect verb trigger does.
    head = _plain(raw.str.slice(0, pl.col("trig_rel")))
    light = head.str.contains(p.light_before) & (body | head.str.contains(p.light_first))
    announced = (
        (((body | (pl.col("trig_rel") == 0)) & imperfect | light) & after.str.contains(p.later))
        # the time may stand between the light verb and its noun («يعقد الرئيس، بعد قليل، لقاءً»)
        | (head.str.contains(p.light_time) & (body | head.str.contains(p.light_first)))
        | announcing_lead(raw, imperfect)
    ) & ~near.str.contains(p.ongoing)
    # A step chained to announced ones shares their tense: «لافروف سيلتقي في جدة مع الملك … وبعد ذلك
    # يتوجه إلى الأردن»، «وسيمضي بلينكن بضع ساعات في القاهرة قبل أن يتوجه إلى الأردن».
    chained = imperfect & head.str.contains(p.chained)
    # A body clause that opens with an imperfect trigger announces it: «ويلتقي المقداد في طهران نظيره
    # الإيراني»، «وضمن أجندة …، يلتقي مزوار الأمين العام» (past reports open with the perfect: والتقى).
    opening = body & imperfect & head.str.contains(p.clause_open)
    # Prepared (تحضيرا لزيارة), awaited (زيارة مرتقبة), announced with a future auxiliary (سيكون
    # اللقاء) or held during a visit (يلتقي خلالها): not yet happened.
    # The whole sentence before the trigger: an intention (يعتزم الرئيس … زيارة) or a schedule
    # phrase (ومن المنتظر أن يلتقي) stands before what it announces, however long the titles.
    foreseen = (
        head.str.contains(p.intend)
        | head.str.contains(p.expected_before)
        | back.str.contains(p.prepare)
        | after.str.contains(p.awaited)
        | back.str.contains(p.future_aux)
        | (imperfect & after.str.contains(p.during_it))
        # A noun trigger the clause goes on to intend: «زيارة X إلى تركيا تأتي ضمن جولة يعتزم القيام بها».
        | (noun_trigger() & _plain(raw.str.slice(pl.col("trig_rel"))).str.contains(p.intend_after))
    )
    # «وكان من المقرر أن يجري بينس زيارة لدول المنطقة …، إلا أنه تم تأجيلها مجددا»: the schedule
    # phrase names the event, the adversative clause after it puts that event off.
    scheduled = head.str.contains(p.expected_before) | s.str.contains(p.scheduled)
    rest = _plain(raw.str.slice(pl.col("trig_rel")))
    return c.with_columns(
        # Raw text too: the shadda tells «أجّل» (put off) from «أجل» (من أجل, for the sake of).
        status=pl.when(near.str.contains(p.cancelled) | near_raw.str.contains(p.cancelled))
        .then(pl.lit("cancelled"))
        .when(near.str.contains(p.postponed) | near_raw.str.contains(p.postponed))
        .then(pl.lit("postponed"))
        .when(scheduled & rest.str.contains(p.called_off))
        .then(pl.lit("cancelled"))
        .when(scheduled & rest.str.contains(p.put_off))
        .then(pl.lit("postponed"))
        .when(
            (pl.col("status") == "occurred")
            & (
                near.str.contains(p.expected)
                | back.str.contains(p.expected)
                | s.str.contains(p.scheduled)
                | purpose
                | announced
                | chained
                | opening
                | foreseen
            )
        )
        .then(pl.lit("planned"))
        .otherwise(pl.col("status"))
    )


@lru_cache(maxsize=1)
def _noun_triggers() -> pl.Series:
    """The first words of the noun triggers (event_triggers.csv), normalized."""
    table = read_table("event_triggers.csv", ragged=True).filter(pl.col("kind") == "noun")
    return table.select(normalize_expr(pl.col("pattern_ar")).str.split(" ").list.first().unique())[
        "pattern_ar"
    ]


def noun_trigger() -> pl.Expr:
    """True where the candidate's trigger is a noun of event_triggers.csv (clitics and the suffix
    pronoun stripped): it has no tense of its own."""
    word = normalize_expr(pl.col("trigger")).str.split(" ").list.first()
    bare = word.str.replace(r"^(?:و|ف)?(?:ب|ل|ك)?(?:ال)?", "")
    nouns = _noun_triggers().implode()
    return word.is_in(nouns) | bare.is_in(nouns) | bare.str.replace(r"(?:ه|ها|هما|هم)$", "").is_in(nouns)


def cluster_statuses(c: pl.DataFrame) -> pl.DataFrame:
    """A bare noun mention of an event the article announces is announced too (issue 11): in
    «… سيزور طهران، يوم الأحد المقبل … وبحسب الوكالة، فإن زيارة رئيس الوزراء العراقي، تعد أول زيارة
    … إلى إيران» the noun has no tense of its own, and one such mention must not make the announced
    visit happen. Only where no verb of the article reports the same event (code and pair) as
    occurred: «وصل X إلى طهران … وتأتي زيارته» stays occurred."""
    noun = noun_trigger()
    pair = [
        "article_id",
        "event_code",
        pl.min_horizontal("actor1_entity_id", "actor2_entity_id"),
        pl.max_horizontal("actor1_entity_id", "actor2_entity_id"),
    ]
    occurred = pl.col("status") == "occurred"
    announced = (pl.col("status") == "planned").any().over(pair)
    told = (occurred & ~noun).any().over(pair)
    flip = occurred & noun & announced & ~told
    if "event_date" in c.columns:
        # The noun has no date of its own: an occurred mention got the publication day. It takes the
        # date the announcement gives («يوم الأحد المقبل»), or none.
        dated = (pl.col("status") == "planned") & pl.col("event_date").is_not_null()
        c = c.with_columns(
            **{
                col: pl.when(flip).then(pl.col(col).filter(dated).first().over(pair)).otherwise(pl.col(col))
                for col in ("event_date", "date_precision", "event_weekday")
                if col in c.columns
            }
        )
        if "date_precision" in c.columns:
            c = c.with_columns(
                date_precision=pl.when(flip & pl.col("event_date").is_null())
                .then(pl.lit("unknown"))
                .otherwise(pl.col("date_precision"))
            )
    return c.with_columns(status=pl.when(flip).then(pl.lit("planned")).otherwise("status"))
