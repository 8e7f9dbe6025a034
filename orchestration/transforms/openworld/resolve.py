"""Run the open-world stages, give found entities stable ids and merge them with known matches."""

from __future__ import annotations

import hashlib

import polars as pl

from orchestration.transforms.openworld.arbitrate import arbitrate
from orchestration.transforms.openworld.club_genitives import find_club_genitives
from orchestration.transforms.openworld.clubs import find_clubs
from orchestration.transforms.openworld.coref import corefer, relink_repeats
from orchestration.transforms.openworld.features import word_table
from orchestration.transforms.openworld.lexicon import Lexicons
from orchestration.transforms.openworld.org_complements import find_definite_orgs
from orchestration.transforms.openworld.org_names import (
    appositive_names,
    designated_places,
    drop_bare_heads,
    drop_common_places,
    nisba_after,
    prefer_firm,
    trim_appositive,
    whole_first_word,
)
from orchestration.transforms.openworld.org_places import find_place_orgs
from orchestration.transforms.openworld.org_repeats import found_repeats
from orchestration.transforms.openworld.orgs import find_orgs
from orchestration.transforms.openworld.people import find_persons, span_text
from orchestration.transforms.openworld.person_edges import fix_person_edges
from orchestration.transforms.openworld.person_joins import join_person_parts
from orchestration.transforms.openworld.person_places import person_over_place
from orchestration.transforms.openworld.quasi_places import quasi_places
from orchestration.transforms.openworld.tagger import tag_words
from orchestration.transforms.openworld.type_heads import code_media

FOUND_ORIGIN = "found"
# Below the knowledge base's exact matches (0.95) and role phrases (0.8): found spans are rules.
FOUND_CONFIDENCE: dict[str, float] = {
    "title": 0.65,
    "speech": 0.6,
    "name-shape": 0.6,
    "coref": 0.6,
    "head-noun": 0.6,
    # A head noun with common words only (orgs.DESCRIPTION): on the tuning half of ANERcorp's
    # training split 4 of 36 such spans were names, and they change no held-out event at 0.45.
    "head-phrase": 0.45,
    "latin": 0.5,
    "club": 0.6,
    "place-org": 0.6,
    "model": 0.55,
    "repeat": 0.6,
}
# The tagger's spans below this mean word probability are left out: a lone common word tagged as a
# name (بشكل رئيسي) is the typical low-confidence error. Chosen on a split of the training half; 0.5
# scores the same micro-F1 there (0.682 against 0.681) but names verbal nouns in the seeds (إحلال سلام).
MODEL_MIN_PROB = 0.6
# Person spans are kept from a lower mean probability: the tagger's doubtful persons are mostly
# foreign names spelled in Arabic, which nothing else finds. Chosen by 2-fold cross-validation on
# the tuning half of ANERcorp's training split (each fold's tagger trained on the other fold):
# micro-F1 0.695 at 0.6, 0.697 at 0.5, 0.696 at 0.45 and 0.4; PERS recall 0.536 -> 0.580 at 0.45.
# ORG and LOC floors moved between 0.5 and 0.7 change micro-F1 by at most 0.003 there.
MODEL_MIN_PROB_PERSON = 0.45
# A one-word person span whose word is at least this frequent (wordfreq Zipf) and in no name
# lexicon is left out. Chosen by the same cross-validation: micro-F1 0.698 -> 0.700 at 4.5 (PERS
# precision 0.632 -> 0.645, 2 true spans of 751 lost); 4.0 loses 24 true spans.
MODEL_COMMON_PERSON = 4.5
# A one-word span of fewer letters, once clitics are off, is a particle or a clitic split gone
# wrong (ولي العهد read as و + لي), not a name: the tagger alone is no evidence for it.
MODEL_MIN_WORD_LEN = 3
# Person spans an organization's repeat overrides: found from one weak cue only.
WEAK_PERSON_METHODS: tuple[str, ...] = ("model", "speech", "name-shape")
_PREFIX = {"PERSON": "person:new:", "ORG": "org:new:", "PLACE": "place:new:"}


def stable_ids(keys: pl.DataFrame) -> pl.DataFrame:
    """``entity_type, name_key -> entity_id``: the same normalized name is the same entity in every
    run and article. SHA-1 like the title-pattern persons, so both paths agree on a person's id."""
    uniq = keys.select("entity_type", "name_key").unique().drop_nulls()
    ids = [
        _PREFIX[t] + hashlib.sha1(k.encode("utf-8")).hexdigest()[:12]
        for t, k in zip(uniq["entity_type"].to_list(), uniq["name_key"].to_list(), strict=True)
    ]
    return uniq.with_columns(entity_id=pl.Series(ids, dtype=pl.String))


def _wids(spans: pl.DataFrame) -> pl.Series:
    return spans.select(pl.int_ranges("s", pl.col("e") + 1).alias("wid")).explode("wid")["wid"].cast(pl.Int64)


def _longest(spans: pl.DataFrame) -> pl.DataFrame:
    """Leftmost-longest non-overlapping spans (``s``, ``e`` are global word ids)."""
    ordered = spans.sort("s", pl.col("e"), descending=[False, True])
    return ordered.filter(pl.col("s") > pl.col("e").cum_max().shift(1).fill_null(-1))


def find_open_world(
    words: pl.DataFrame, elements: pl.DataFrame, lx: Lexicons, tagger: pl.DataFrame | None = None
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Found mentions (``aidx, cs, ce, surf, entity_id, entity_type, method, actor_code, role,
    confidence``) and found entities (the ``entities`` schema, origin ``found``). ``tagger`` is the
    token model's weight table (``tagger.load_tagger``); without it only the rules run."""
    c = pl.col
    w, v = word_table(words, elements, lx)
    persons = find_persons(w).with_columns(entity_type=pl.lit("PERSON"))
    orgs = find_orgs(w).with_columns(entity_type=pl.lit("ORG"), a_role=None, a_cameo=None)
    rules = pl.concat([persons, orgs, designated_places(w)], how="diagonal_relaxed")
    if tagger is not None:
        # Where the tagger and a rule overlap the tagger's span wins and takes the rule's payload.
        rules = arbitrate(rules, _model_spans(w, v, tagger, lx.titles))
    # Quoted and facility names after a head noun: the quotes and the head fix their extent.
    rules = prefer_firm(rules, _longest(appositive_names(w)))
    # A definite head, adjectives and a ل-complement (الاتحاد الدولي لكرة القدم) likewise; before the
    # clubs and place-named bodies, so that one in the complement (لريال مدريد) stays its own name.
    rules = prefer_firm(rules, find_definite_orgs(w, lx.org_heads))
    # A club named after its city (ريال مدريد، ميلان الإيطالي) over the tagger's place or person.
    rules = prefer_firm(rules, find_clubs(w))
    # ... and a club named after a club noun (لاعبي يوفنتوس، بنادي الزمالك) in sports news.
    rules = prefer_firm(rules, find_club_genitives(w))
    # An institution named after a known place (جامعة القاهرة، بنك إنجلترا المركزي) likewise.
    rules = prefer_firm(rules, find_place_orgs(w))
    spans = drop_common_places(drop_bare_heads(_longest(rules), w), w)
    # A name read right after شبه (شبه الجزيرة العربية) is the noun of a compound place.
    spans = quasi_places(spans, w)
    spans = code_media(nisba_after(trim_appositive(spans, w), w), w)
    # A person span cut on a patronymic or run into the words around it (person_edges).
    spans = fix_person_edges(spans, w)
    # ... or cut a word short or late: a foreign surname, a verb after it, a name in two parts.
    spans = join_person_parts(spans, w)
    spans = whole_first_word(span_text(w, spans), w)
    spans = spans.join(stable_ids(spans), on=["entity_type", "name_key"], how="left")
    # A found organization's name again elsewhere in its article (وطلب الزمالك) is the same body,
    # also where a weak cue read it as a person (وقالت نوكيا، the tagger's guess).
    weak = (c("entity_type") == "PERSON") & c("method").is_in(list(WEAK_PERSON_METHODS))
    repeats = found_repeats(w, spans, _wids(spans.filter(~weak)))
    spans = spans.filter(~(weak & _overlaps(spans, repeats)))
    taken = pl.concat([_wids(spans), _wids(repeats)])
    relinked, spans = relink_repeats(spans)
    again = corefer(
        w, spans.filter(c("entity_type") == "PERSON").select("aidx", "entity_id", "name_key", "method"), taken
    )
    again = pl.concat([again, relinked], how="vertical_relaxed")
    # A coreferent mention carries what the article said about its antecedent.
    first = (
        spans.filter(c("entity_type") == "PERSON")
        .sort("aidx", "entity_id", "a_iso3", "cs", "ce", "a_role", "a_cameo", nulls_last=True)
        .unique(["aidx", "entity_id"], keep="first", maintain_order=True)
        .select("aidx", "entity_id", "a_iso3", "a_role", "a_cameo", "name_key")
    )
    again = (
        span_text(w, again.join(first, on=["aidx", "entity_id"]).drop("name_key"))
        .with_columns(cs=c("cs") + c("clip"), surf=c("surf").str.slice(c("clip")))
        .drop("clip")
        .with_columns(method=pl.lit("coref"), entity_type=pl.lit("PERSON"))
    )
    found = pl.concat([spans, again, repeats], how="diagonal_relaxed")
    mentions = found.select(
        "aidx",
        "cs",
        "ce",
        "surf",
        "entity_id",
        "entity_type",
        "method",
        actor_code=pl.when(c("a_iso3").is_not_null()).then(c("a_iso3") + c("a_cameo").fill_null("")),
        role="a_role",
        confidence=c("method").replace_strict(FOUND_CONFIDENCE, return_dtype=pl.Float64),
    )
    # The entity's row must not depend on article order (slices, DuckDB scans): its most frequent
    # surface form, then the smallest, and the smallest of tied countries.
    entities = (
        spans.with_columns(
            iso3=c("a_iso3").drop_nulls().mode().sort().first().over("entity_id"),
            n_key=c("name_key").n_unique().over("entity_id"),
            n_surf=pl.len().over("entity_id", "surf"),
        )
        .sort("n_surf", "surf", "a_cameo", descending=[True, False, False], nulls_last=True)
        .unique("entity_id", keep="first", maintain_order=True)
        .select(
            "entity_id",
            entity_type="entity_type",
            name_en=pl.lit(None, pl.String),
            name_ar="surf",
            country_iso3="iso3",
            cameo_code=pl.when(c("iso3").is_not_null()).then(c("iso3") + c("a_cameo").fill_null("")),
            origin=pl.lit(FOUND_ORIGIN),
        )
    )
    return mentions, entities


def _overlaps(spans: pl.DataFrame, other: pl.DataFrame) -> pl.Expr:
    """Whether each of ``spans`` shares a word with one of ``other`` (both ``s, e`` word ids)."""
    hit = _wids(other).implode()
    return pl.int_ranges("s", pl.col("e") + 1).list.eval(pl.element().cast(pl.Int64).is_in(hit)).list.any()


def _model_spans(w: pl.DataFrame, v: pl.DataFrame, tagger: pl.DataFrame, titles: pl.Series) -> pl.DataFrame:
    """The tagger's spans, less nationality adjectives: a word the knowledge base reads as a nisba
    (المصري) qualifies a person or body and is never a place mention."""
    c = pl.col
    floor = pl.when(c("entity_type") == "PERSON").then(MODEL_MIN_PROB_PERSON).otherwise(MODEL_MIN_PROB)
    spans = tag_words(w, v, tagger).filter(c("prob") >= floor)
    # Known names win before coreference too: a span touching a knowledge-base name (الرئيس بوتين
    # أطلع) is the matcher's, and must not lend its last word to later mentions.
    # An ambiguous person form (المالكي) is dropped when nothing supports it, so it blocks nothing.
    firm = (c("cov_kind") == "name") & ~(c("cov_amb") & (c("cov_type") == "PERSON"))
    known = w.select(n=firm.fill_null(False).cast(pl.Int32).cum_sum())["n"]
    before = pl.when(c("s") > 0).then(known.gather((spans["s"] - 1).clip(0, None))).otherwise(0)
    # The first word of each span: its tests run on those few rows, not on every word.
    head = w.select(c("cov_kind", "bare", "title").gather(spans["s"]))
    spans = spans.with_columns(
        touches=pl.lit(known.gather(spans["e"])) - before,
        nb=pl.lit((head["cov_kind"] == "nisba").fill_null(False)),
        short=pl.lit(head["bare"].str.len_chars() < MODEL_MIN_WORD_LEN),
        # Titles in construct state too: أمير قطر, ملك الأردن (the cue list holds الأمير, الملك).
        cue=pl.lit(
            head.select(
                c("title").fill_null(False) | (pl.lit("ال") + c("bare")).is_in(titles.implode())
            ).to_series()
        ),
    )
    one_word = c("s") == c("e")
    # A lone frequent word (ترأس، ذهابا، طبي) read as a person is a tagger slip unless a name
    # lexicon lists it (عباس، علي).
    common = (w["zipf"] >= MODEL_COMMON_PERSON) & ~(w["given"] | w["family"])
    spans = spans.with_columns(
        common=pl.lit(common.gather(spans["s"])),
        # ... but a person's name holding a town's (كولن باول، الملكة صوفيا) is the person's.
        over_place=person_over_place(spans, w, titles),
    )
    spans = spans.filter(
        # A lone nisba (الروسي) or title (أمير) qualifies a name; it is never one by itself.
        ((c("touches") == 0) | c("over_place"))
        & ~(one_word & (c("nb") | c("cue") | c("short")))
        & ~(one_word & (c("entity_type") == "PERSON") & c("common"))
    ).drop("common", "nb", "prob", "touches", "short", "cue", "over_place")
    return construct_places(spans, w, titles)


def construct_places(spans: pl.DataFrame, w: pl.DataFrame, titles: pl.Series) -> pl.DataFrame:
    """A tagged person right after a title in construct state is the place the title is of: ملك
    أراجون، رئيس بوركينا فاسو (king of, president of). The titled person's own name follows the
    definite title (الملك خايمي), so an indefinite title word's complement is no name. Only spans
    without the article: a definite complement is mostly an office or a body (أمير المؤمنين)."""
    c = pl.col
    if spans.is_empty():
        return spans
    prev = w.select("bare", "al").select(pl.all().gather((spans["s"] - 1).clip(0, None)))
    first = w.select("joined", "al").select(pl.all().gather(spans["s"]))
    construct = (
        (spans["s"] > 0)
        & first["joined"].fill_null(False)
        & ~first["al"].fill_null(False)
        & ~prev["al"].fill_null(False)
        & prev.select((pl.lit("ال") + c("bare")).is_in(titles.implode()).fill_null(False)).to_series()
    )
    return spans.with_columns(
        entity_type=pl.when(pl.lit(construct) & (c("entity_type") == "PERSON"))
        .then(pl.lit("PLACE"))
        .otherwise(c("entity_type"))
    )
