"""Stage 4: arguments. Actor candidates (``mentions.py``) are attached to what governs them.

The seam: ``attach_arguments(triggers, mentions, tokens, markers) -> actors`` (contracts.ACTORS).
Candidates (triggers with their clause regions) come in; actors come out, each with a class
(agent | state | place) and its *governor*: the nearest preceding partner marker (مع، بين،
على/ضد، إلى) or trigger. Free actors (no partner marker) are subject candidates; governed ones are
partners. Each rule is one step of ``attach_arguments``: a new clause-level rule is a new step
(``DataFrame -> DataFrame`` on the actors frame) that keeps the ACTORS contract.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import ACTORS, KEYS, SENTENCE_STRIDE, conform
from orchestration.transforms.events.datelines import datelines
from orchestration.transforms.events.duals import dual_members
from orchestration.transforms.events.list_links import list_connectors
from orchestration.transforms.events.located import in_after
from orchestration.transforms.events.mentions import coordination, drop_non_actors, place_mentions
from orchestration.transforms.events.names import name_tails, titled_names
from orchestration.transforms.events.parties import coordinated_chains

# The reach of each marker over a list is its own pass (partner_lists.py, issue #10).
from orchestration.transforms.events.partner_lists import partner_lists
from orchestration.transforms.events.spans import drop_title_members, load_title_words, title_spans
from orchestration.transforms.events.territories import territory_states

# ``topic`` (بمناسبة، بشأن، حول) and ``return`` (عائدا إلى) govern like a partner marker but no frame
# reads them: what they govern is neither subject nor partner.
_PARTNER_MARKERS = [
    "with",
    "between",
    "chaired",
    "participants",
    "to",
    "heading",
    "against",
    "facing",
    "denounce",
    "jailer",
    "topic",
    "return",
]
# من governs the first actor whose span (titles included) starts within this many tokens: a
# kinship word may intervene ("من أخيه أمير دولة قطر"), a clause may not ("من جهة أخرى، تلقى …").
_FROM_GAP = 2
# An organization at most this many words after في is a location ("في قصر ضيافة وزارة الخارجية").
_ORG_IN_GAP = 4
# A country+role actor is typed ORG, but one of a person's office (actor:USAGOV:ambassador, "القائمة
# بأعمال السفارة الاميركية") is a guest, never a venue; a ministry or a government may be a venue.
_PERSON_ROLE = (
    pl.col("entity_id").str.starts_with("actor:")
    & ~pl.col("entity_id").str.contains(
        r":(?:\w*ministry|government|intelligence|police|air_force|opposition|rebels|soldiers)$"
    )
).fill_null(False)
# An organization named by its seat ("قصر الاتحادية", "مقر الرئاسة") after ب/في is a location.
_SEAT_PATTERN = r"^(?:[وف]?[بل]?)?(?:ال)?(?:قصر|مقر)"


def attach_arguments(
    triggers: pl.DataFrame,
    mentions: pl.DataFrame,
    tokens: pl.DataFrame,
    markers: pl.DataFrame,
    title_words: pl.Series | None = None,
) -> pl.DataFrame:
    """Stage 4: actors of the trigger-bearing sentences with their governors (contracts.ACTORS),
    each with ``t_start``, the start of its span with its titles (``spans.title_spans``)."""
    # A person's span runs over the tail of his name (بن X آل Y: names.name_tails).
    m = name_tails(place_mentions(mentions, tokens), tokens)
    # وزارتا الخارجية الصومالية والمصرية: one actor per country after a dual head (duals.py).
    m = dual_members(m, tokens)
    # «إلى إسرائيل والأراضي الفلسطينية»: a nisba after a territory noun is the state (territories.py).
    m = territory_states(m, tokens)
    # Countries and organizations named inside a title are part of it ("رئيس المكتب السياسي لحركة
    # حماس خالد مشعل", "أمير دولة قطر الشيخ حمد").
    states = m.filter((pl.col("klass") == "state") | (pl.col("entity_type") == "ORG")).select(
        "article_id", "a_start", "a_end"
    )
    m = drop_non_actors(m, triggers, tokens)
    m = title_spans(m, tokens, load_title_words() if title_words is None else title_words, states)
    m = titled_names(drop_title_members(m))
    # «وكذا سفير …»، «بالإضافة إلى سفير …»، «ثم وزير …» continue a list as و does (list_links.py).
    m = coordinated_chains(list_connectors(coordination(m, tokens), tokens))
    m = preceding_markers(m, markers)
    # «العراق / نبأ – استقبل …»: a dateline left in the text is a place (datelines.py).
    m = datelines(m, tokens)
    # «التقى X في القاهرة بالرئيس Y»: where the subject stands before its بـ partner (located.py).
    m = in_after(m, markers)
    m = governors(m, markers, triggers)
    m = partner_lists(m, tokens)
    return conform(m, ACTORS, "arguments")


def preceding_markers(m: pl.DataFrame, markers: pl.DataFrame) -> pl.DataFrame:
    """from_flag (after من), located (after في/بـ), places among organizations; drops the
    complement of a genitive head (مبعوث X)."""
    before = markers.filter(pl.col("marker").is_in(["from", "agent", "genitive_head", "in"])).select(
        "article_id", "marker", a_start=pl.col("end") + 1
    )
    on = ["article_id", "a_start"]

    def flag(marker: str, name: str, shift: int = 0) -> pl.DataFrame:
        rows = before.filter(pl.col("marker") == marker)
        return rows.select("article_id", a_start=pl.col("a_start") + shift, **{name: pl.lit(True)})

    in_flag = pl.col("in_flag").fill_null(False)
    m = (
        m.join(_first_after_from(m, before, ["from", "agent"]), on=on, how="left")
        # من طرف / من قبل: the agent of a passive reading (passive.received)
        .join(_first_after_from(m, before, ["agent"]).rename({"from_flag": "agent_flag"}), on=on, how="left")
        .join(flag("genitive_head", "genitive"), on=on, how="left")
        .join(flag("in", "in_flag"), on=on, how="left")
        .join(flag("in", "in_flag2", shift=1), on=on, how="left")  # "في مدينة سوتشي"
        .join(_org_after_in(m, before), on=on, how="left")
        .with_columns(
            pl.col("from_flag").fill_null(False),
            pl.col("agent_flag").fill_null(False),
            pl.col("genitive").fill_null(False),
            located=in_flag | pl.col("in_flag2").fill_null(False) | pl.col("bprefix"),
            # "الوضع في سوريا": a country after في is where, not who; so is a palace after ب/في
            # ("استقبل بقصر الاتحادية X": the presidency's seat, not a guest).
            klass=pl.when(
                ((pl.col("klass") == "state") & in_flag)
                | (
                    (pl.col("entity_type") == "ORG")
                    & (in_flag | pl.col("bprefix"))
                    & pl.col("norm").str.contains(_SEAT_PATTERN)
                )
                | pl.col("org_in").fill_null(False)
            )
            .then(pl.lit("place"))
            .otherwise(pl.col("klass")),
        )
    )
    return m.filter(~pl.col("genitive"))


def _org_after_in(m: pl.DataFrame, before: pl.DataFrame) -> pl.DataFrame:
    """(article_id, a_start, org_in): an organization a few words after في with no actor between
    is where, not who ("في قصر ضيافة وزارة الخارجية الروسية", "في مقر الأمانة العامة للجامعة")."""
    in_ends = (
        before.filter(pl.col("marker") == "in").select("article_id", i_end=pl.col("a_start") - 1).unique()
    )
    starts = m.select("article_id", "a_start", "entity_type", "entity_id").sort("article_id", "a_start")
    prev_end = m.select("article_id", p_end="a_end").unique().sort("p_end")
    return (
        starts.with_columns(key=pl.col("a_start") - 1)
        .sort("key")
        .join_asof(
            in_ends.sort("i_end"),
            left_on="key",
            right_on="i_end",
            by="article_id",
            strategy="backward",
            check_sortedness=False,
        )
        .join_asof(
            prev_end,
            left_on="key",
            right_on="p_end",
            by="article_id",
            strategy="backward",
            check_sortedness=False,
        )
        .filter(
            (pl.col("entity_type") == "ORG")
            & ~_PERSON_ROLE
            & (pl.col("a_start") - pl.col("i_end") <= _ORG_IN_GAP)
            & (pl.col("a_start") // SENTENCE_STRIDE == pl.col("i_end") // SENTENCE_STRIDE)
            & (pl.col("p_end").is_null() | (pl.col("p_end") < pl.col("i_end")))
        )
        .select("article_id", "a_start", org_in=pl.lit(True))
        .unique()
    )


def _first_after_from(m: pl.DataFrame, before: pl.DataFrame, kinds: list[str]) -> pl.DataFrame:
    """من governs the first actor after it within a few words ("اتصالاً من أخيه صاحب السمو الشيخ X")."""
    from_ends = (
        before.filter(pl.col("marker").is_in(kinds))
        .select("article_id", f_end=pl.col("a_start") - 1)
        .unique()
        .sort("article_id", "f_end")
    )
    return (
        m.select("article_id", "a_start", "t_start", "sentence_index")
        .with_columns(key=pl.col("t_start") - 1)
        .sort("article_id", "key")
        .join_asof(
            from_ends,
            left_on="key",
            right_on="f_end",
            by="article_id",
            strategy="backward",
            check_sortedness=False,
        )
        .filter(
            (pl.col("t_start") - pl.col("f_end") <= _FROM_GAP)
            & (pl.col("a_start") // SENTENCE_STRIDE == pl.col("f_end") // SENTENCE_STRIDE)
        )
        .sort("a_start")
        .unique(["article_id", "f_end"], keep="first")
        .select("article_id", "a_start", from_flag=pl.lit(True))
        .unique()
    )


def governors(m: pl.DataFrame, markers: pl.DataFrame, triggers: pl.DataFrame) -> pl.DataFrame:
    """gov_kind/gov_tok: nearest partner marker or trigger start before the mention, within the
    sentence; an actor with the proclitic بـ is governed by it ("bi")."""
    # A marker inside a trigger counts only when it ends the trigger ("وصل إلى", "أثنى على").
    trig_spans = triggers.select([*KEYS, "start", "end"]).rename({"start": "ts", "end": "te"})
    pm = markers.filter(pl.col("marker").is_in(_PARTNER_MARKERS)).with_row_index("mk")
    inside = (
        pm.join(trig_spans, on=KEYS)
        .filter((pl.col("start") >= pl.col("ts")) & (pl.col("start") < pl.col("te")))
        .select("mk")
        .unique()
    )
    # A marker word inside a name is no marker ("علي" = على in "علي خامنئي" once ى is folded).
    in_name = (
        pm.join(m.select(*KEYS, "a_start", "a_end"), on=KEYS)
        .filter((pl.col("start") >= pl.col("a_start")) & (pl.col("start") <= pl.col("a_end")))
        .select("mk")
        .unique()
    )
    pm = pm.join(inside, on="mk", how="anti").join(in_name, on="mk", how="anti")
    bounds = pl.concat(
        [
            pm.select(*KEYS, b_tok="start", gov_kind="marker"),
            triggers.select(*KEYS, b_tok="start", gov_kind=pl.lit("trigger")),
        ]
    ).sort("b_tok")
    # A marker inside the actor's title is the title's ("المبعوث الأممي إلى اليمن X").
    return (
        m.with_columns(key=pl.col("t_start") - 1)
        .sort("key")
        .join_asof(
            bounds, left_on="key", right_on="b_tok", by=KEYS, strategy="backward", check_sortedness=False
        )
        .with_columns(
            # the proclitic بـ: a partner only where the trigger's frame reads it so (event_frames.csv)
            gov_kind=pl.when(pl.col("bprefix")).then(pl.lit("bi")).otherwise(pl.col("gov_kind")),
            gov_tok=pl.when(pl.col("bprefix")).then(pl.col("a_start")).otherwise(pl.col("b_tok")),
        )
        .drop("key", "b_tok", "wprefix", "prev_is_wa", "genitive", "in_flag", "in_flag2", "org_in")
    )
