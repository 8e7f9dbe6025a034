"""A known person wins over a new one made up from a variant of their name.

Titled new persons (``new_persons``) and found ones (``openworld``) are minted from whatever the
text spells. A foreign family name has many transliterations (غروندبرغ / جروندبرج, غريفيث / غريفثس / غريفيت),
so a new person with a known person's first name, whose family name is the known one's with at most
one edit after folding the letters transliterations swap and dropping inner long vowels, is that
known person, provided the context supports it:

- the known person is named in the same article (مارتن غريفيتث ... مارتن غريفثس), or
- the new person's title gives the known person's office code on the article's date (المبعوث
  الأممي ... هانس جروندبرج: IGOUNO, Grundberg's code then; الرئيس الفرنسي فرانسوا أولاند: FRAGOV;
  in an undated article, a code they ever held), or
- a title right next to the name (apposition) gives a code the known person ever held, whatever
  the date (ينس ستولتنبرج الأمين العام لحلف شمال الأطلسي: IGOWSTNAT, Stoltenberg's office).

A new person that is the tail of a known person's name (جوزيبي كونتي ... كونتي; محمد سالم ولد
مرزوك ... ولد مرزوك), or a one-word family name with the same skeleton (زيغمار غابرييل / جابريل),
is that person too when the article names him or the title's code on the date is his:
coreference, the known person wins. A last word after بن/آل (محمد بن سلمان) is not his own.

The first name must be the same word: Arabic given names one letter apart are other names
(سلطان / سلمان, محمد / محمود). A first name spelt another way only in transliteration letters and
inner vowels (جون / جان نويل بارو) counts when the title's code supports the known person (dated or
adjacent title), never on being named in the article alone.

Sharing the country alone is no support: the White House's روبيرت غيبس (USAGOV) is not Robert
Gates (غيتس, USAMIL). Several known candidates with equal support leave the
new person alone.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities.fuzzy import within_one_edit
from orchestration.transforms.entities.lexicon import key_exprs
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import normalize_text

# Letters transliterations of foreign names swap (g: غ ج ق ك; s/th: ث س ص; t: ت ط; z/dh: ذ ز ظ).
_FOLD_FROM = ["غ", "ج", "ق", "ث", "ص", "ط", "ذ", "ظ", "ض"]
_FOLD_TO = ["ك", "ك", "ك", "س", "س", "ت", "ز", "ز", "د"]


def skeleton(word: pl.Expr) -> pl.Expr:
    """A normalized word with transliteration letters folded and long vowels inside it dropped
    (غريفيث and غريفث, جروندبرج and غروندبرغ share theirs)."""
    return word.str.replace_many(_FOLD_FROM, _FOLD_TO).str.replace_all(r"\B[اوي]", "")


def _ends(frame: pl.DataFrame, key: pl.Expr) -> pl.DataFrame:
    toks = key.str.split(" ")
    return frame.with_columns(
        n_tok=toks.list.len(), first=toks.list.first(), sl=skeleton(toks.list.last())
    ).filter(pl.col("n_tok") >= 2)


def _candidates(new: pl.DataFrame, known: pl.DataFrame) -> pl.DataFrame:
    """(new mention, known person, loose) pairs: family names within one edit and the same first
    name, or (``loose``) a first name that differs only in transliteration letters and vowels
    (جون / جان نويل بارو), which needs the title's code for support."""
    close = within_one_edit(new["sl"], known["sl"]).rename({"query": "sl", "target": "k_sl"})
    pairs = new.join(close, on="sl").join(
        known.select("first", k_first=skeleton(pl.col("first")), k_sl="sl", k_id="entity_id"), on="k_sl"
    )
    same = pl.col("first") == pl.col("first_right")
    return (
        pairs.filter(same | (skeleton(pl.col("first")) == pl.col("k_first")))
        .group_by("mid", "k_id")
        .agg(loose=~same.any())
    )


# A one-word short form must keep this many letters of skeleton: shorter ones collide.
_MIN_SHORT_SKELETON = 4


def _family_only(mentions: pl.DataFrame, person_keys: pl.DataFrame) -> pl.DataFrame:
    """``mid, k_id``: new persons that are the tail of a known person's name, a later short
    reference, not a new person: the family name (جوزيبي كونتي ... كونتي), spelt another way
    (زيغمار غابرييل ... جابريل: the same skeleton), or the last words (محمد سالم ولد مرزوك ... ولد
    مرزوك, محمد بن زايد ... بن زايد). The support (``resolve_to_known``) is the known person named
    in the article or the title's code on the date; a last word after بن/آل is a father's or a
    family's name, never the person's own."""
    # ابن is how بن is written where it opens the reference («ابن علوي» for يوسف بن علوي).
    word = _bin_spelling(key_exprs(pl.col("surf"))[0])
    short = mentions.select("mid", word=word).with_columns(n=pl.col("word").str.count_matches(" ") + 1)
    toks = pl.col("key").str.split(" ")
    keys = (
        person_keys.select(_bin_spelling(pl.col("key")), k_id="entity_id")
        .unique()
        .filter(toks.list.len() >= 2)
    )
    particles = [normalize_text(p) for p in rl.NAME_PARTICLES]
    own_last = ~toks.list.get(-2).is_in(particles)
    tails = pl.concat(
        [
            keys.filter((toks.list.len() > k) & (own_last if k == 1 else pl.lit(True))).select(
                "k_id", word=toks.list.slice(-k, k).list.join(" "), n=pl.lit(k, pl.UInt32)
            )
            for k in (1, 2, 3)
        ]
    )
    exact = short.join(tails, on=["word", "n"]).select("mid", "k_id")
    one = tails.filter(pl.col("n") == 1).select("k_id", sk=skeleton(pl.col("word")))
    spelt = (
        short.filter(pl.col("n") == 1)
        .with_columns(sk=skeleton(pl.col("word")))
        .filter(pl.col("sk").str.len_chars() >= _MIN_SHORT_SKELETON)
        .join(one, on="sk")
        .select("mid", "k_id")
    )
    return pl.concat([exact, spelt]).unique()


def _bin_spelling(key: pl.Expr) -> pl.Expr:
    """A normalized name key with the connector ابن spelt بن (the same word: "son of")."""
    return key.str.replace_all(r"(^| )ابن ", "${1}بن ")


# Characters between a name and a title in apposition (a space, or a comma and a space).
APPOSITION_GAP = 2


def _adjacent_title_codes(new: pl.DataFrame, titles: pl.DataFrame | None) -> pl.DataFrame:
    """``mid, t_code``: codes of role mentions (``titles``) right before or after a new mention."""
    if titles is None or titles.is_empty():
        return pl.DataFrame(schema={"mid": pl.UInt32(), "t_code": pl.String()})
    t = titles.filter(pl.col("actor_code").is_not_null()).select(
        "aidx", t_cs="cs", t_ce="ce", t_code="actor_code"
    )
    near = new.select("mid", "aidx", "cs", "ce").join(t, on="aidx")
    after = (pl.col("t_cs") - pl.col("ce")).is_between(0, APPOSITION_GAP)
    before = (pl.col("cs") - pl.col("t_ce")).is_between(0, APPOSITION_GAP)
    return near.filter(after | before).select("mid", "t_code").unique()


def _with_spell_codes(cand: pl.DataFrame, kb: KnowledgeBase) -> pl.DataFrame:
    """``spell_cameo_code``: the known candidate's (``k_id``) code on the article's ``date``."""
    # An undated article's ``floor`` (as in ``role_refs``): only offices still held after it count.
    floor = [pl.col("floor")] if "floor" in cand.columns else []
    spells = rl.person_spells_on(
        cand.with_row_index("req_id").select("req_id", *floor, entity_id="k_id", date="date"),
        kb.office_spells,
    )
    return cand.with_row_index("req_id").join(
        spells.select("req_id", "spell_cameo_code"), on="req_id", how="left"
    )


def resolve_to_known(
    mentions: pl.DataFrame,
    dates: pl.DataFrame,
    named: pl.DataFrame,
    person_keys: pl.DataFrame,
    kb: KnowledgeBase,
    titles: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """``mentions`` of new persons (``aidx, surf, entity_id, actor_code`` ...) with those that are
    a variant of a known person re-pointed to them (``method`` ``fuzzy``, their dated code).

    ``dates``: ``aidx, date`` and optionally ``floor`` (an undated article's earliest plausible
    date, ``undated.undated_floors``: the known person's code then comes from the offices they can
    still have held after it); ``named``: ``aidx, entity_id`` of known persons in each article;
    ``person_keys``: lexicon name keys of known persons (``key, entity_id, iso3``); ``titles``:
    role mentions (``aidx, cs, ce, actor_code``) whose codes support a name next to them."""
    if mentions.is_empty():
        return mentions
    allm = mentions.with_row_index("mid")
    new = _ends(allm, key_exprs(pl.col("surf"))[0])
    known = _ends(person_keys.select("key", "entity_id", "iso3").unique(), pl.col("key"))
    cand = (
        pl.concat(
            [
                _candidates(new, known),
                _family_only(allm, person_keys).with_columns(loose=pl.lit(False)),
            ]
        )
        .unique()
        .join(allm.select("mid", "aidx", "actor_code"), on="mid")
    )
    if cand.is_empty():
        return mentions
    cand = _with_spell_codes(cand.join(dates, on="aidx", how="left"), kb)
    in_article = named.select("aidx", k_id="entity_id").unique().with_columns(here=pl.lit(True))
    held = kb.office_spells.select(k_id="entity_id", t_code="cameo_code").unique()
    titled = (
        _adjacent_title_codes(allm, titles)
        .join(cand.select("mid", "k_id").unique(), on="mid")
        .join(held, on=["k_id", "t_code"], how="semi")
        .select("mid", "k_id", titled=pl.lit(True))
        .unique()
    )
    code = pl.col("actor_code").fill_null("")
    # Undated, the title's code need only be one the known person ever held: a person with offices
    # under several codes (Moussa Faki: Chad's cabinet, then the AU Commission) has no single one.
    ever = held.select("k_id", actor_code="t_code", ever=pl.lit(True))
    dated = (code != "") & (
        (code == pl.col("spell_cameo_code")) | (pl.col("date").is_null() & pl.col("ever").fill_null(False))
    )
    cand = (
        cand.join(ever, on=["k_id", "actor_code"], how="left")
        .join(in_article, on=["aidx", "k_id"], how="left")
        .join(titled, on=["mid", "k_id"], how="left")
        .with_columns(
            support=pl.col("here").fill_null(False).cast(pl.Int8) * 2
            + (dated.fill_null(False) | pl.col("titled").fill_null(False)).cast(pl.Int8)
        )
        # A loose first name needs a code: being named in the article is not enough.
        .filter((pl.col("support") > 0) & ~(pl.col("loose") & (pl.col("support") % 2 == 0)))
        .filter(pl.col("support") == pl.col("support").max().over("mid"))
        .filter(pl.col("k_id").n_unique().over("mid") == 1)
        .unique("mid")
        .join(allm.select("mid", "entity_id"), on="mid")
    )
    # A new person's other mentions in the article (found again without their title) follow.
    decided = (
        cand.filter(pl.col("k_id").n_unique().over("aidx", "entity_id") == 1)
        .sort("mid")
        .unique(["aidx", "entity_id"], keep="first")
        .select("aidx", "entity_id", "k_id", k_code="spell_cameo_code")
    )
    out = mentions.join(decided, on=["aidx", "entity_id"], how="left")
    hit = pl.col("k_id").is_not_null()
    return out.with_columns(
        entity_id=pl.coalesce("k_id", "entity_id"),
        actor_code=pl.when(hit).then(pl.coalesce("k_code", "actor_code")).otherwise(pl.col("actor_code")),
        method=pl.when(hit).then(pl.lit("fuzzy")).otherwise(pl.col("method")),
    ).drop("k_id", "k_code")
