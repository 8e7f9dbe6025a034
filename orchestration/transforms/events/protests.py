"""Protests (CAMEO 14x): who demonstrates, and where.

A demonstration's crowd is rarely named: "تجمع مئات العراقيين أمام السفارة الاميركية" (Iraqis),
"تظاهر بضع مئات من الاشخاص امام مقر السفارة السعودية في طهران" (people in Tehran). CAMEO codes
the crowd by its nationality, else by the country it gathers in; the target is the seat it gathers
before (أمام, frame ``protest`` in event_frames.csv) or what it is against (ضد/على).
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.events.contracts import ACTOR_COLS
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import normalize_expr

PROTEST_ROOT = "14"
# A masculine plural nisba names people of a country ("مئات العراقيين", "المحتجون الفلسطينيون"):
# unlike a singular one (القوات الروسية) it is no adjective of a thing.
_PEOPLE_NISBA = r"^[وفبل]?(?:ال|لل)?\S{3,}(?:يين|يون)$"
# The seat a crowd gathers before, named by its nisba ("السفارة الاميركية", "القنصلية التركية").
# A bare مسيرة is a march only after a verb of marching or organizing ("خرج الآلاف في مسيرات"،
# "نظمت النقابة مسيرة"); elsewhere it is a career or a path ("مسيرته الدبلوماسية", "مسيرة التقدم").
_MARCH_NOUN = r"^[وفبل]?(?:ال)?مسير(?:ه|ات)$"
_MARCH_VERB = r"^[وف]?(?:خرج|خرجت|خرجوا|نظم|نظمت|نظموا|انطلقت|جابت|شارك|شاركت|شاركوا|سار|سارت|ساروا)$"
_MARCH_VERB_GAP = 4
# Storming (اقتحام) is a violent protest only next to a crowd noun: before it ("حاول عشرات
# المتظاهرين اقتحام مقر السفارة") or right after the verb ("اقتحم محتجون السفارة"); forces
# storming a place (اقتحمت قوات الاحتلال المسجد) are no protest. A crowd before a trigger with و
# ("اعتدت قوات الأمن على المحتجين واقتحمت …") is another clause's object.
_STORM = r"^[وف]?(?:ال)?اقتحا?م"
_CROWD_NOUN = r"^[وف]?(?:ال)?(?:متظاهر|محتج|معتصم)(?:ون|ين|ه|ات)?$"
_CROWD_BEFORE_GAP = 3
_CROWD_AFTER_GAP = 2
# The crowd's nisba stands a few words after the verb ("تظاهر عدد كبير من المصريين").
_CROWD_GAP = 4
# A city word names the country the crowd stands in ("في العاصمة التركية"); a prison its jailer.
_SEAT_NOUN = r"^[وفبل]?(?:ال|لل)?(?:سفاره|قنصليه|مقر|مبني|وزاره|بعثه|سجون|سجن|عاصمه|مدينه)$"
# What a crowd denounces, named by the nisba of the noun after it ("تنديدا بالمجزرة الإسرائيلية",
# "احتجاجا على الضربات السعودية"): that nisba is the protest's target.
_DENOUNCE = r"^[وف]?(?:لل|ال)?(?:تنديد|استنكار|احتجاج)ا?$"


# The jailer named just before a prisoners' strike, in its clause, is its target too: "بدأ الأسرى
# الفلسطينيون في السجون الإسرائيلية، أمس، إضراباً". أمام before a protest noun is mostly another
# clause's ("وقال السفير أمام مجلس الأمن إن الاحتجاجات …"): not read backwards.
_FRONTED_SEAT_GAP = 6
FRONTED_SEAT = (
    (pl.col("target") == "protest")
    & (pl.col("gov_kind") == "jailer")
    & (pl.col("gov_tok") >= pl.col("region_start"))
    & (pl.col("gov_tok") < pl.col("start"))
    & (pl.col("start") - pl.col("gov_tok") <= _FRONTED_SEAT_GAP)
)


# The genitive of a protest noun is its crowd ("احتجاجات العراقيين", "احتجاجات الجالية السورية"),
# but what follows storming is what is stormed ("اقتحام مقر السفارة الإسرائيلية", "اقتحم محتجون
# السفارة الأميركية"): no subject after it; the crowd is before it or where it stands.
NOT_STORMED = ~(pl.col("event_code").str.starts_with(PROTEST_ROOT) & (pl.col("target") == "against"))


# Troops massing (احتشدت القوات التركية على الحدود، احتشد الجيش) are no crowd: a force noun right
# after a protest trigger unmakes it.
_FORCE_NOUN = r"^[وف]?(?:ال)?(?:قوات|جيش|جنود|دبابات|وحدات|تعزيزات|اليات|اساطيل|حشود)$"
_FORCE_GAP = 2


def gate_protests(triggers: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Protest triggers that stand: marches after a verb of marching, storming next to a crowd,
    no troops massing."""
    triggers = gate_storming(gate_marches(triggers, tokens), tokens)
    forces = tokens.filter(pl.col("norm").str.contains(_FORCE_NOUN)).select("article_id", f_tok="token_index")
    massing = (
        triggers.filter(pl.col("event_code").str.starts_with(PROTEST_ROOT))
        .select("article_id", "start", "end")
        .join(forces, on="article_id")
        .filter((pl.col("f_tok") > pl.col("end")) & (pl.col("f_tok") - pl.col("end") <= _FORCE_GAP))
        .select("article_id", "start")
        .unique()
    )
    return triggers.join(massing, on=["article_id", "start"], how="anti")


def gate_marches(triggers: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Drops a bare march noun (مسيرة، مسيرات) with no verb of marching a few words before it."""
    bare = (
        pl.col("event_code").str.starts_with(PROTEST_ROOT)
        & (pl.col("start") == pl.col("end"))
        & normalize_expr(pl.col("first_tok")).str.contains(_MARCH_NOUN)
    )
    verbs = tokens.filter(pl.col("norm").str.contains(_MARCH_VERB)).select("article_id", v_tok="token_index")
    marched = (
        triggers.filter(bare)
        .select("article_id", "start")
        .join(verbs, on="article_id")
        .filter((pl.col("v_tok") < pl.col("start")) & (pl.col("start") - pl.col("v_tok") <= _MARCH_VERB_GAP))
        .select("article_id", "start", _marched=pl.lit(True))
        .unique()
    )
    out = triggers.join(marched, on=["article_id", "start"], how="left")
    return out.filter(~bare | pl.col("_marched").fill_null(False)).drop("_marched")


def gate_storming(triggers: pl.DataFrame, tokens: pl.DataFrame) -> pl.DataFrame:
    """Drops a storming trigger (145, اقتحام) with no crowd noun next to it."""
    first = normalize_expr(pl.col("first_tok"))
    storm = pl.col("event_code").str.starts_with(PROTEST_ROOT) & first.str.contains(_STORM)
    crowds = tokens.filter(pl.col("norm").str.contains(_CROWD_NOUN)).select("article_id", c_tok="token_index")
    near = (
        triggers.filter(storm)
        .select("article_id", "start", "end", wa=first.str.contains("^[وف]"))
        .join(crowds, on="article_id")
        .filter(
            (
                ~pl.col("wa")
                & (pl.col("c_tok") < pl.col("start"))
                & (pl.col("start") - pl.col("c_tok") <= _CROWD_BEFORE_GAP)
            )
            | ((pl.col("c_tok") > pl.col("end")) & (pl.col("c_tok") - pl.col("end") <= _CROWD_AFTER_GAP))
        )
        .select("article_id", "start", _crowd=pl.lit(True))
        .unique()
    )
    out = triggers.join(near, on=["article_id", "start"], how="left")
    return out.filter(~storm | pl.col("_crowd").fill_null(False)).drop("_crowd")


def _in_protest_clause(tokens: pl.DataFrame, triggers: pl.DataFrame) -> pl.DataFrame:
    """The tokens inside the clause of a protest trigger (article_id, token_index, norm and the
    three words before it)."""
    protests = triggers.filter(pl.col("event_code").str.starts_with(PROTEST_ROOT)).select(
        "article_id", "start", "region_start", "region_end"
    )
    # Only the articles with a protest trigger: the windows below sort and shift every word.
    tokens = tokens.filter(pl.col("article_id").is_in(protests["article_id"].unique().implode()))
    toks = tokens.select(
        "article_id",
        "token_index",
        "norm",
        prev=pl.col("norm").shift(1).over("article_id", order_by="token_index"),
        prev2=pl.col("norm").shift(2).over("article_id", order_by="token_index"),
        prev3=pl.col("norm").shift(3).over("article_id", order_by="token_index"),
    )
    return (
        toks.join(protests, on="article_id")
        .filter(
            (pl.col("token_index") >= pl.col("region_start"))
            & (pl.col("token_index") <= pl.col("region_end"))
        )
        .select("article_id", "token_index", "norm", "prev", "prev2", "prev3")
        .unique()
    )


def crowd_nisbas(triggers: pl.DataFrame, tokens: pl.DataFrame | None) -> pl.DataFrame:
    """(article_id, a_start): nisbas that are actors in a protest clause although they are weak
    country mentions elsewhere: the crowd's plural nisba and the nisba of the seat it faces."""
    if tokens is None or triggers.is_empty():
        return pl.DataFrame(schema={"article_id": pl.String, "a_start": pl.Int64})
    toks = _in_protest_clause(tokens, triggers)
    # the denounced noun may carry على/بـ and one adjective: "احتجاجا على الضربات الجوية السعودية"
    denounced = pl.any_horizontal(pl.col(c).fill_null("").str.contains(_DENOUNCE) for c in ("prev2", "prev3"))
    keep = (
        pl.col("norm").str.contains(_PEOPLE_NISBA)
        | pl.col("prev").fill_null("").str.contains(_SEAT_NOUN)
        | denounced
    )
    return toks.filter(keep).select("article_id", a_start=pl.col("token_index"))


def partitive_crowds(t: pl.DataFrame, p: pl.DataFrame, subj: pl.DataFrame) -> pl.DataFrame:
    """s_*: a protest's crowd named after a partitive من ("اعتصم عدد من الموريتانيين", "مئات من
    الفلسطينيين"): the plural nisba right after the verb is its subject, not a source."""
    open_t = t.filter(pl.col("event_code").str.starts_with(PROTEST_ROOT)).join(
        subj.select("t_id"), on="t_id", how="anti"
    )
    crowd = (
        p.join(open_t.select("t_id"), on="t_id", how="semi")
        .filter(
            (pl.col("klass") == "state")
            & pl.col("norm").str.contains(_PEOPLE_NISBA)
            & pl.col("after")
            & (pl.col("a_start") - pl.col("end") <= _CROWD_GAP)
            & (pl.col("a_start") <= pl.col("region_end"))
        )
        .sort("t_id", "a_start", "a_end", "entity_id")
        .unique("t_id", keep="first", maintain_order=True)
    )
    return crowd.select("t_id", *[pl.col(c).alias(f"s_{c}") for c in ACTOR_COLS])


def located_crowds(t: pl.DataFrame, p: pl.DataFrame, subj: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """s_*: a protest with no named crowd is the country it takes place in ("تظاهر مئات من
    الاشخاص … في طهران" = Iranians): the first place after في in its clause, as its state."""
    open_t = t.filter(pl.col("event_code").str.starts_with(PROTEST_ROOT)).join(
        subj.select("t_id"), on="t_id", how="anti"
    )
    places = kb.places.select(entity_id="entity_id", iso3="country_iso3").filter(pl.col("iso3").is_not_null())
    where = (
        p.join(open_t.select("t_id"), on="t_id", how="semi")
        .filter(
            # "في طهران", "بتونس", "بالسويد": a city, or a country after في/بـ
            pl.col("located")
            & pl.col("klass").is_in(["place", "state"])
            & (pl.col("a_start") >= pl.col("region_start"))
            & (pl.col("a_start") <= pl.col("region_end"))
        )
        .join(places, on="entity_id", how="left")
        .with_columns(
            # a country after في is already its state; a city stands for its country's
            iso3=pl.coalesce(pl.col("iso3"), pl.col("actor_code").str.slice(0, 3)),
        )
        .filter(pl.col("iso3").is_not_null())
        .sort("t_id", "a_start", "a_end", "entity_id")
        .unique("t_id", keep="first", maintain_order=True)
        .with_columns(
            entity_id=pl.lit("country:") + pl.col("iso3"),
            actor_code=pl.col("iso3"),
            klass=pl.lit("state"),
        )
    )
    return where.select("t_id", *[pl.col(c).alias(f"s_{c}") for c in ACTOR_COLS])
