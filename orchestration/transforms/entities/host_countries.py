"""New persons with a domestic title of the country an article's envoys are accredited to (issue #11).

A name the open-world stages find after a title that names no country ("نائب رئيس المجلس الرئاسي
أحمد معيتيق") has no country, so it never becomes an event party. In a report where a foreign envoy
serves in one country ("سفير الولايات المتحدة لدى ليبيا", "المبعوث الأممي إلى ليبيا"), such a
titled local official is that host country's: diplomatic reports name the host's officials by
office alone and the foreign ones by their country. Only where the article has exactly one host,
and only for a title that is not itself an international office (an envoy with no code stays
unknown).
"""

from __future__ import annotations

import polars as pl

# Normalized words: «لدى» (accredited to) and «إلى» after an envoy's title (المبعوث الأممي إلى).
_ACCREDITED = "لدي"
_TO = "الي"
_ENVOY = r"^(?:ال)?(?:مبعوث|سفير|ممثل|سفيره)$"
_ENVOY_IN_NAME = "سفير|سفراء|مبعوث"
# Normalized words that open a domestic office's title («رئيس المجلس الأعلى للدولة، محمد تكالة»,
# «رئيس مجلس الوزراء الدكتور علي محمد مجور»): a name the found stages gave no role still follows one.
_OFFICE_HEAD = r"^(?:ال)?(?:رئيس|رئيسه|نائب|وزير|وزيره)$"
# How many words such a title (its head, complement, honorific) may span before the name.
_TITLE_REACH = 5
# How many words an envoy's title may stand before «إلى» (المبعوث الخاص للأمين العام إلى).
_ENVOY_REACH = 4
# How far after a name's first word a title in apposition starts (a name of up to three words).
_APPOSITION_REACH = 3
# Posts held abroad whatever their office column says (roles.csv files ambassadors under "other").
_ABROAD = ["ambassador", "envoy", "head_of_mission"]


def _domestic_roles(roles: pl.DataFrame) -> pl.Series:
    """Roles held at home (of the knowledge base's ``roles``): never an international office (an
    IGO envoy's title gives no host) nor a post abroad (an ambassador or envoy «لدى العراق» serves
    in the host, he is not of it)."""
    if roles.is_empty():
        return pl.Series("role", [], dtype=pl.String)
    abroad = (pl.col("cameo_role") == "IGO") | (pl.col("office") == "envoy") | pl.col("role").is_in(_ABROAD)
    away = roles.filter(abroad)["role"].unique()
    return roles.filter(~pl.col("role").is_in(away.implode()))["role"].unique()


def article_hosts(words: pl.DataFrame, mentions: pl.DataFrame) -> pl.DataFrame:
    """(aidx, host_iso3): the one country an article's envoys serve in (a country right after
    «لدى», or after «إلى» within a few words of an envoy's title)."""
    w = words.select("aidx", wid=pl.col("wid").cast(pl.Int64), norm="norm", char_start="char_start")
    envoy = w.filter(pl.col("norm").str.contains(_ENVOY))
    to = w.filter(pl.col("norm") == _TO)
    near = (
        to.join(envoy.select("aidx", e_wid="wid"), on="aidx")
        .filter((pl.col("wid") > pl.col("e_wid")) & (pl.col("wid") - pl.col("e_wid") <= _ENVOY_REACH))
        .select("aidx", "wid")
    )
    marks = pl.concat([w.filter(pl.col("norm") == _ACCREDITED).select("aidx", "wid"), near]).unique()
    nxt = marks.select("aidx", wid=pl.col("wid") + 1).join(
        w.select("aidx", "wid", "char_start"), on=["aidx", "wid"]
    )
    countries = mentions.filter(
        pl.col("entity_id").str.starts_with("country:") & (pl.col("method") != "nisba")
    ).select("aidx", char_start="cs", host_iso3=pl.col("entity_id").str.replace("^country:", ""))
    hosts = nxt.join(countries, on=["aidx", "char_start"]).select("aidx", "host_iso3").unique()
    return hosts.filter(pl.len().over("aidx") == 1)


def _title_before(words: pl.DataFrame, m: pl.DataFrame) -> pl.Series:
    """(aidx, char_start) structs of the role-less new persons whose sentence puts a domestic
    office's head word a few words before them, with no other mention in between."""
    w = words.select(
        "aidx", "sentence_index", wid=pl.col("wid").cast(pl.Int64), norm="norm", char_start="char_start"
    )
    new = m.filter(pl.col("entity_id").str.starts_with("person:new:") & pl.col("role").is_null()).select(
        "aidx", "char_start"
    )
    at = new.join(w.select("aidx", "char_start", "sentence_index", n_wid="wid"), on=["aidx", "char_start"])
    heads = w.filter(pl.col("norm").str.contains(_OFFICE_HEAD)).select("aidx", "sentence_index", h_wid="wid")
    near = at.join(heads, on=["aidx", "sentence_index"]).filter(
        (pl.col("h_wid") < pl.col("n_wid")) & (pl.col("n_wid") - pl.col("h_wid") <= _TITLE_REACH)
    )
    # Another mention between the head and the name (a country, a person) owns the title.
    between = (
        near.join(
            m.select("aidx", o_start="char_start").join(
                w.select("aidx", o_start="char_start", o_wid="wid"), on=["aidx", "o_start"]
            ),
            on="aidx",
        )
        .filter((pl.col("o_wid") >= pl.col("h_wid")) & (pl.col("o_wid") < pl.col("n_wid")))
        .select("aidx", "char_start")
    )
    # ... and so does an envoy's title between them («رئيس مجلس الوزراء بسفير خادم الحرمين»).
    envoys = w.filter(pl.col("norm").str.contains(_ENVOY_IN_NAME)).select("aidx", e_wid="wid")
    between = pl.concat(
        [
            between,
            near.join(envoys, on="aidx")
            .filter((pl.col("e_wid") > pl.col("h_wid")) & (pl.col("e_wid") < pl.col("n_wid")))
            .select("aidx", "char_start"),
            # ... and so does an envoy's title in apposition after the name (جون ماكلين، السفير
            # المقيم لدى العراق): the head before him is the subject's (والتقى الوزير اليوم).
            # A coordinated envoy (محمد تكالة، والسفير الفرنسي) is another party: only a bare title.
            near.join(w.filter(pl.col("norm").str.contains(_ENVOY)).select("aidx", e_wid="wid"), on="aidx")
            .filter(
                (pl.col("e_wid") > pl.col("n_wid")) & (pl.col("e_wid") - pl.col("n_wid") <= _APPOSITION_REACH)
            )
            .select("aidx", "char_start"),
        ]
    )
    kept = near.select("aidx", "char_start").unique().join(between, on=["aidx", "char_start"], how="anti")
    return kept.select(pl.struct("aidx", "char_start")).to_series()


def with_host_country(
    mentions: pl.DataFrame,
    entities: pl.DataFrame,
    words: pl.DataFrame,
    arts: pl.DataFrame,
    roles: pl.DataFrame,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """(mentions, entities) where a titled new person with no country gets the article's host."""
    if mentions.is_empty() or entities.is_empty():
        return mentions, entities
    m = mentions.join(arts.select("aidx", "article_id"), on="article_id", how="left")
    hosts = article_hosts(words, m.rename({"char_start": "cs"}))
    if hosts.is_empty():
        return mentions, entities
    titled_before = _title_before(words, m)
    countryless = entities.filter(pl.col("country_iso3").is_null())["entity_id"]
    titled = (
        m.filter(
            pl.col("entity_id").str.starts_with("person:new:")
            & pl.col("entity_id").is_in(countryless.implode())
            & pl.col("actor_code").is_null()
            & (
                pl.col("role").is_in(_domestic_roles(roles).implode())
                | (pl.col("role").is_null() & pl.struct("aidx", "char_start").is_in(titled_before.implode()))
            )
            # A plural or envoy's title read as a name (السادة السفراء) is no host official.
            & ~pl.col("surface").fill_null("").str.contains(_ENVOY_IN_NAME)
        )
        .select("aidx", "entity_id")
        .unique()
        .join(hosts, on="aidx")
    )
    if titled.is_empty():
        return mentions, entities
    # Per article, every mention of the person; per batch, the host most articles give (then by code).
    per_article = titled.join(arts.select("aidx", "article_id"), on="aidx").select(
        "article_id", "entity_id", h_iso3="host_iso3"
    )
    per_entity = (
        titled.group_by("entity_id", "host_iso3")
        .agg(n=pl.len())
        .sort(["entity_id", "n", "host_iso3"], descending=[False, True, False])
        .unique("entity_id", keep="first", maintain_order=True)
        .select("entity_id", e_iso3="host_iso3")
    )
    mentions = (
        mentions.join(per_article, on=["article_id", "entity_id"], how="left")
        .with_columns(actor_code=pl.coalesce("actor_code", "h_iso3"))
        .drop("h_iso3")
    )
    entities = (
        entities.join(per_entity, on="entity_id", how="left")
        .with_columns(
            country_iso3=pl.coalesce("country_iso3", "e_iso3"), cameo_code=pl.coalesce("cameo_code", "e_iso3")
        )
        .drop("e_iso3")
    )
    return mentions, entities
