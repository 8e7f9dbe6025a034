"""Role phrases: a role noun (or a counterpart) with its country, and the person it names.

A role is followed by its country as a nisba or a country name (``الرئيس الروسي``, ``أمير قطر``);
a phrase annotates the person right after it (apposition, comma allowed; or after an honorific
or a second role), or right before it when the countries agree (``محمد بن سلمان ولي العهد السعودي``).
Counterparts (``نظيره``) take the office of the nearest person named before them.
"""

from __future__ import annotations

import polars as pl

from orchestration.transforms.entities import roles as rl
from orchestration.transforms.entities.matching import words_at
from orchestration.transforms.reference import KnowledgeBase
from orchestration.transforms.text import GAP_COMMA, GAP_SPACE

# A nisba or a country name element: a role's possible country.
# Only spaces and one opening quote between a role phrase and a name.
_QUOTE_GAP = r'^[^\S\n]*["«“”\'][^\S\n]*$'
IS_COUNTRY = (pl.col("kind") == "nisba") | (
    (pl.col("kind") == "name") & pl.col("entity_id").str.starts_with("country:")
)


def counterparts(
    elements: pl.DataFrame, firm_persons: pl.DataFrame, kb: KnowledgeBase, floors: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Counterpart elements with the office of the nearest person named before them (undated
    articles: an office they can still have held after ``floors``, see ``undated``)."""
    cps = elements.filter(pl.col("kind") == "counterpart").drop("role", "office", "cameo_role", "rank")
    if cps.is_empty() or firm_persons.is_empty():
        return cps.head(0).with_columns(
            role=pl.lit(None, pl.String()),
            office=pl.lit(None, pl.String()),
            cameo_role=pl.lit(None, pl.String()),
            rank=pl.lit(None, pl.Int64()),
        )
    prev_person = (
        cps.select("eid", "aidx", "w0")
        .sort("w0")
        .join_asof(
            firm_persons.select("aidx", pw0="w0", person_id="entity_id", pdate="date").sort("pw0"),
            left_on="w0",
            right_on="pw0",
            by="aidx",
            strategy="backward",
            check_sortedness=False,
        )
    )
    if floors is not None:
        prev_person = prev_person.join(floors, on="aidx", how="left")
    cols = ["floor"] if "floor" in prev_person.columns else []
    prev_office = rl.person_spells_on(
        prev_person.select(*cols, req_id="eid", entity_id="person_id", date="pdate").drop_nulls("entity_id"),
        kb.office_spells,
    ).join(rl.office_roles(kb.roles), on="office")
    by_spell = prev_office.select(
        eid="req_id",
        role=pl.coalesce("title", "role"),
        office="office",
        cameo_role="cameo_role",
        rank="rank",
    )
    # Where the spells leave the antecedent's office open (an undated article: a defence minister
    # then president), the title the text puts before his name settles it («تلقى الرئيس عبد الفتاح
    # السيسي اتصالا من نظيره الصربي»: the Serbian president).
    by_title = _titled_antecedents(prev_person, elements).filter(
        ~pl.col("eid").is_in(by_spell["eid"].implode())
    )
    return cps.join(pl.concat([by_spell, by_title], how="vertical_relaxed"), on="eid", how="inner")


# How many words (a nisba, an honorific) may stand between a title and the name it heads.
_TITLE_TO_NAME = 2


def _titled_antecedents(prev_person: pl.DataFrame, elements: pl.DataFrame) -> pl.DataFrame:
    """(``eid, role, office, cameo_role, rank``) of counterparts whose antecedent person has a role
    noun right before his name (the nearest one, at most ``_TITLE_TO_NAME`` words before it)."""
    titles = elements.filter((pl.col("kind") == "role") & pl.col("office").is_not_null()).select(
        "aidx", "role", "office", "cameo_role", "rank", t_w1="w1"
    )
    return (
        prev_person.drop_nulls("pw0")
        .select("eid", "aidx", "pw0")
        .join(titles, on="aidx")
        .filter((pl.col("t_w1") <= pl.col("pw0")) & (pl.col("pw0") - pl.col("t_w1") <= _TITLE_TO_NAME))
        .sort("eid", "t_w1", "rank", "role", descending=[False, True, False, False], nulls_last=True)
        .unique("eid", keep="first", maintain_order=True)
        .select("eid", "role", "office", "cameo_role", "rank")
    )


def role_phrases(
    heads: pl.DataFrame, elements: pl.DataFrame, words: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Each role head with its country: a nisba or a country name right after it, without clitic or
    punctuation (``spec_*`` columns); ``pw1``/``pce``/``psurf`` end the whole phrase.

    A country name may also start on the role's last word when the role key was read with the
    idafa's ``دولة`` (رئيس دولة الإمارات: the role ``رئيس دولة``, the country ``دولة الإمارات``).
    A counterpart may reach its country over في / كل من (``words``, see ``_counterpart_linkers``)."""
    specs = elements.filter(IS_COUNTRY).filter((pl.col("prefix") == "") & (pl.col("gap_before") == GAP_SPACE))
    spec_cols = specs.select(
        "aidx",
        s_w0="w0",
        spec_eid="eid",
        spec_iso3="iso3",
        spec_w1="w1",
        spec_cs="cs",
        spec_ce="ce",
        spec_surf="surf",
        spec_gap="gap_text",
    )
    base = heads.select("eid", "aidx", "w1")
    # The country right after the role, or after a counterpart's linker (في، كل من).
    reach = base.with_columns(spec_w0="w1", link_text=pl.lit(""), _lk=pl.lit(0))
    if words is not None:
        reach = pl.concat(
            [reach, _counterpart_linkers(heads, words), _envoy_linkers(heads, words)], how="vertical_relaxed"
        )
    after = (
        reach.join(spec_cols, left_on=["aidx", "spec_w0"], right_on=["aidx", "s_w0"])
        .drop("spec_w0")
        .with_columns(overlap=pl.lit(0))
    )
    over = (
        base.with_columns(last=pl.col("w1") - 1)
        .join(spec_cols, left_on=["aidx", "last"], right_on=["aidx", "s_w0"])
        .filter(pl.col("spec_w1") > pl.col("w1"))
        .drop("last")
        .with_columns(overlap=pl.lit(1))
    )
    chosen = (
        pl.concat([after, over], how="diagonal_relaxed")
        # A total order, not the joins': of two country readings starting on one word, the longer.
        .sort(
            "overlap",
            pl.col("_lk").fill_null(0),
            "spec_w1",
            "spec_eid",
            descending=[False, False, True, False],
            maintain_order=True,
        )
        .unique("eid", keep="first", maintain_order=True)
        .drop("aidx", "w1", "_lk")
    )
    joined = heads.join(chosen, on="eid", how="left")
    tail = pl.when(pl.col("overlap") == 1).then(
        pl.col("surf").str.slice(0, pl.col("spec_cs") - pl.col("cs")) + pl.col("spec_surf")
    )
    return joined.with_columns(
        pw1=pl.coalesce("spec_w1", "w1"),
        pce=pl.coalesce("spec_ce", "ce"),
        psurf=pl.coalesce(
            tail,
            pl.col("surf") + pl.col("link_text").fill_null("") + pl.col("spec_gap") + pl.col("spec_surf"),
            pl.col("surf"),
        ),
    ).drop("overlap", "spec_cs", "spec_gap", "link_text")


# Words a counterpart may stand before its country: «بنظيره في جمهورية سيراليون», «نظرائه في كل من
# السعودية وقطر», «نظيريه من مصر والأردن» (normalized, as the words table has them). A state word
# the country's own name does not carry (جمهورية سيراليون) is part of the linker.
_STATE_WORDS = ("جمهوريه", "دوله", "مملكه", "سلطنه", "اماره")
_LINKERS = (
    *[(p, s) for p in ("في", "من") for s in _STATE_WORDS],
    ("في", "كل", "من"),
    ("من", "كل", "من"),
    ("كل", "من"),
    ("في",),
    ("من",),
)


# Words an envoy stands before his state (issue 11, credentials lists): «سفير جمهورية كوبا», «السفير
# غير المقيم لجمهورية أرمينيا», «سفير غير مقيم لجمهورية ألبانيا», «السفير الجديد لجمهورية فرنسا»,
# «سفير دولة النيجر», «سفير مملكة النرويج» (a state word the country's own name does not carry).
_ENVOY_STATE = (*_STATE_WORDS, *[f"ل{w}" for w in _STATE_WORDS])
_ENVOY_LINKS = (
    *[(a, b, w) for a, b in (("غير", "مقيم"), ("غير", "المقيم"), ("غير", "المقيمه")) for w in _ENVOY_STATE],
    *[(a, w) for a in ("الجديد", "الجديده", "المعتمد") for w in _ENVOY_STATE],
    *[(w,) for w in _ENVOY_STATE],
)


def _envoy_linkers(heads: pl.DataFrame, words: pl.DataFrame) -> pl.DataFrame:
    """Like ``_counterpart_linkers``, for ambassadors over ``_ENVOY_LINKS``."""
    envoys = heads.filter((pl.col("kind") == "role") & (pl.col("role") == "ambassador"))
    return _counterpart_linkers(envoys, words, _ENVOY_LINKS, kind=None)


def _counterpart_linkers(
    heads: pl.DataFrame,
    words: pl.DataFrame,
    linkers: tuple[tuple[str, ...], ...] = _LINKERS,
    kind: str | None = "counterpart",
) -> pl.DataFrame:
    """(eid, aidx, w1, spec_w0, link_text): for a counterpart, the first word after each linker
    right after it and the linker's text (its words and the gaps before them); the country that
    starts there, if any, is the counterpart's."""
    cps = (heads if kind is None else heads.filter(pl.col("kind") == kind)).select("eid", "aidx", "w1")
    found = []
    for rank, linker in enumerate(linkers, start=1):
        frame = cps
        ok = pl.lit(True)
        text = pl.lit("")
        for k, word in enumerate(linker):
            frame = frame.with_columns(**{f"_w{k}": pl.col("w1") + k})
            frame = words_at(words, frame, f"_w{k}", {"norm": f"_n{k}", "surface": f"_t{k}", "gap": f"_g{k}"})
            ok = ok & (pl.col(f"_n{k}") == word) & ~pl.col(f"_g{k}").str.contains("[،,.]")
            text = text + pl.col(f"_g{k}") + pl.col(f"_t{k}")
        found.append(
            frame.filter(ok).select(
                "eid", "aidx", "w1", spec_w0=pl.col("w1") + len(linker), link_text=text, _lk=pl.lit(rank)
            )
        )
    return pl.concat(found)


def attach_persons(
    phrases: pl.DataFrame, elements: pl.DataFrame, persons: pl.DataFrame
) -> tuple[pl.DataFrame, pl.Series]:
    """(``eid, person_eid`` for phrases naming a person; eids of counterparts whose role is spelled
    out by the phrase after them)."""
    # What follows the phrase: a person (apposition, comma allowed), or an honorific/role then a person.
    # A quoted name right after the phrase is its holder too (الرئيس الأمريكي "جو بايدن"): the
    # quote sets the name off, it opens no new clause.
    quoted = (
        pl.col("gap_text").str.contains(_QUOTE_GAP).fill_null(False)
        & (pl.col("kind") == "name")
        & (pl.col("entity_type") == "PERSON")
    )
    follow = elements.filter(
        (pl.col("gap_before").is_in([GAP_SPACE, GAP_COMMA]) | quoted) & (pl.col("prefix") == "")
    )
    nxt = phrases.select("eid", "aidx", "pw1").join(
        follow.select(
            "aidx", pw1="w0", n_eid="eid", n_kind="kind", n_type="entity_type", n_w1="w1", n_gap="gap_before"
        ),
        on=["aidx", "pw1"],
    )
    direct = nxt.filter((pl.col("n_kind") == "name") & (pl.col("n_type") == "PERSON")).select(
        "eid", person_eid="n_eid"
    )
    mid = nxt.filter(pl.col("n_kind").is_in(["honorific", "role"]))
    via = (
        mid.join(
            follow.filter((pl.col("kind") == "name") & (pl.col("entity_type") == "PERSON")).select(
                "aidx", n_w1="w0", person_eid="eid", p_gap="gap_before"
            ),
            on=["aidx", "n_w1"],
        )
        .filter(pl.col("p_gap") == GAP_SPACE)
        .select("eid", "person_eid")
    )
    # A person right after the phrase before one after an honorific or role; then a total order.
    forward = (
        pl.concat([direct.with_columns(_via=pl.lit(0)), via.with_columns(_via=pl.lit(1))])
        .sort("eid", "_via", "person_eid")
        .unique("eid", keep="first", maintain_order=True)
        .drop("_via")
    )
    # Postposed apposition (محمد بن سلمان ولي العهد السعودي): only when the countries agree, since
    # "subject object" order puts a person right before a role just as often (أطلع بوتين العاهل السعودي).
    backward = (
        phrases.filter(
            pl.col("spec_iso3").is_not_null()
            & (pl.col("prefix") == "")
            & pl.col("gap_before").is_in([GAP_SPACE, GAP_COMMA])
        )
        .filter(~pl.col("eid").is_in(forward["eid"].implode()))
        .select("eid", "aidx", "w0", "spec_iso3")
        .join(persons.select("aidx", w0="w1", person_eid="eid", p_iso3="iso3"), on=["aidx", "w0"])
        .filter(pl.col("p_iso3") == pl.col("spec_iso3"))
        .select("eid", "person_eid")
    )
    # Counterparts followed by a full role phrase (نظيره الرئيس الإيراني ...) leave it to that phrase.
    consumed = mid.join(phrases.select("eid", "kind"), on="eid").filter(pl.col("kind") == "counterpart")[
        "eid"
    ]
    return pl.concat([forward, backward]), consumed


def annotations(
    attached: pl.DataFrame, phrases: pl.DataFrame, persons: pl.DataFrame, kb: KnowledgeBase
) -> pl.DataFrame:
    """Role annotations of attached persons (``eid, a_role, a_iso3, a_cameo_role``); without a
    country the role must be one the person holds."""
    annot = attached.join(phrases, on="eid").join(
        persons.select(person_eid="eid", person_id="entity_id"), on="person_eid"
    )
    spell_keys = kb.office_spells.select(
        person_id="entity_id",
        office="office",
        title=pl.col("title") if "title" in kb.office_spells.columns else pl.lit(None, pl.String()),
    )
    holds = (
        pl.concat(
            [
                spell_keys.filter(pl.col("office") != rl.GENERIC_OFFICE).select("person_id", key="office"),
                spell_keys.select("person_id", key="title").drop_nulls(),
            ]
        )
        .unique()
        .with_columns(held=pl.lit(True))
    )
    return (
        annot.join(holds, left_on=["person_id", "role"], right_on=["person_id", "key"], how="left")
        .join(
            holds.rename({"held": "held_office"}),
            left_on=["person_id", "office"],
            right_on=["person_id", "key"],
            how="left",
        )
        .filter(
            pl.col("spec_iso3").is_not_null()
            | pl.col("held").fill_null(False)
            | pl.col("held_office").fill_null(False)
        )
        .sort(
            "person_eid",
            pl.col("spec_iso3").is_null(),
            "rank",
            "role",
            "cameo_role",
            "spec_iso3",
            nulls_last=True,
        )
        .unique("person_eid", keep="first", maintain_order=True)
        .select(eid="person_eid", a_role="role", a_iso3="spec_iso3", a_cameo_role="cameo_role")
    )
