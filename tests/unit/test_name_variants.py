"""Name variants of known persons: inserted patronymics, عبد compounds, Gulf short forms."""

from dataclasses import replace
from datetime import date

import polars as pl
import pytest

from orchestration.transforms.entities import extract_entity_mentions
from orchestration.transforms.entities.lexicon import entity_lexicon, key_exprs
from orchestration.transforms.entities.matching import match, word_readings
from orchestration.transforms.entities.pipeline import _words
from orchestration.transforms.entities.variants import person_variants
from orchestration.transforms.sentences import split_sentences
from tests.unit.test_roles import NO_REF, make_kb


def _kb():  # type: ignore[no-untyped-def]
    base = make_kb()
    extra = pl.DataFrame(
        {
            "entity_id": [
                "person:khalid_bin_khalifa",
                "person:fuad_hussein",
                "person:mishal_al_sabah",
                "person:khaled_mashal",
                "person:sabah_al_ahmad",
                "person:sabah_al_khalid",
                "person:abdullah_al_yahya",
            ],
            "name_en": [
                "Khalid bin Khalifa",
                "Fuad Hussein",
                "Mishal",
                "Khaled Mashal",
                "Sabah A",
                "Sabah K",
                "Abdullah Al-Yahya",
            ],
            "name_ar": [
                "خالد بن خليفة آل ثاني",
                "فؤاد حسين",
                "مشعل الأحمد الجابر الصباح",
                "خالد مشعل",
                "صباح الأحمد الجابر الصباح",
                "صباح الخالد الحمد الصباح",
                "عبد الله علي اليحيا",
            ],
            "aliases_ar": ["خالد بن خليفة بن عبد العزيز آل ثاني", "", "", "مشعل", "", "", ""],
            "country_iso3": ["QAT", "IRQ", "KWT", "PSE", "KWT", "KWT", "KWT"],
            "ambiguous_ar": [None, None, None, "مشعل", None, None, None],
        }
    )
    return replace(base, persons=pl.concat([base.persons, extra], how="diagonal_relaxed"))


KB = _kb()


def persons(body: str) -> list[tuple[str, str]]:
    articles = pl.DataFrame(
        {"article_id": ["a"], "body": [body], "published_date": [date(2023, 5, 1)]},
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, KB, reference_dir=NO_REF)
    for row in mentions.iter_rows(named=True):
        assert body[row["char_start"] : row["char_end"]] == row["surface"]
    return list(
        mentions.filter(pl.col("entity_type") == "PERSON")
        .sort("char_start")
        .select("entity_id", "surface")
        .iter_rows()
    )


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # An inserted grandfather's name, and عبدالعزيز written joined.
        (
            "التقى الشيخ خالد بن خليفة بن عبدالعزيز آل ثاني رئيس مجلس الوزراء",
            ("person:khalid_bin_khalifa", "خالد بن خليفة بن عبدالعزيز آل ثاني"),
        ),
        (
            "وقال خالد بن خليفة بن حمد آل ثاني إن",
            ("person:khalid_bin_khalifa", "خالد بن خليفة بن حمد آل ثاني"),
        ),
        # A bare father's name right after the first name.
        ("اتصالا هاتفيا من فؤاد محمد حسين وزير الخارجية", ("person:fuad_hussein", "فؤاد محمد حسين")),
        # A bare grandfather's name deeper in a name without بن, and عبد الله written joined.
        (
            "استقبل مبعوث أمير دولة الكويت عبدالله علي محمد اليحيا، وزير الخارجية",
            ("person:abdullah_al_yahya", "عبدالله علي محمد اليحيا"),
        ),
        # The Gulf short form; مشعل alone would be the (ambiguous) Khaled Mashal.
        ("استقبل الشيخ مشعل الصباح اليوم", ("person:mishal_al_sabah", "مشعل الصباح")),
    ],
)
def test_variant_names_the_known_person(body: str, want: tuple[str, str]) -> None:
    assert persons(body)[:1] == [want]


@pytest.mark.parametrize(
    "body",
    [
        # The word after a skipped patronymic is never بن: not Khalid bin Khalifa.
        "وقال خالد بن سعد بن خليفة آل نهيان",
        # A skip must be followed by the rest of the name, across spaces only.
        "قال خالد بن خليفة، بن حمد",
        # In the بن style an ancestor takes بن: a bare word is no patronymic.
        "وقال خالد بن خليفة حمد آل ثاني",
        # Two Sabahs share the short form: neither gets it.
        "وصل صباح الصباح اليوم",
    ],
)
def test_no_variant_without_a_unique_full_match(body: str) -> None:
    got = persons(body)
    assert ("person:khalid_bin_khalifa", "خالد بن خليفة بن عبدالعزيز آل ثاني") not in got
    assert all(e not in {"person:sabah_al_ahmad", "person:sabah_al_khalid"} for e, _ in got)
    assert all(" بن " not in s or e != "person:khalid_bin_khalifa" for e, s in got)


def test_person_variants_keys() -> None:
    names = KB.persons.select(
        *key_exprs(pl.col("name_ar")),
        entity_id="entity_id",
        entity_type=pl.lit("PERSON"),
        is_primary=pl.lit(True),
    )
    keys = dict(person_variants(names).select("key", "entity_id").iter_rows())
    assert keys["مشعل الصباح"] == "person:mishal_al_sabah"
    assert "صباح الصباح" not in keys  # two persons
    # The بن style gives no short form; the article-less middle name (Fuad) neither (a glued
    # variant such as فؤادمعصوم is no short form).
    assert not any(k.startswith(("خالد ال", "فؤاد ")) for k in keys)


@pytest.mark.parametrize(
    ("body", "want"),
    [
        # A matching title supports a short name with one typo (بوتن for بوتين) ...
        ("التقى الرئيس الروسي بوتن نظيره التركي في سوتشي", ["person:vladimir_putin"]),
        # ... and so does the person's country in the same sentence.
        ("وقال بوتن إن روسيا لن تتراجع", ["person:vladimir_putin"]),
        # Without either, the one-letter-off word is left alone.
        ("وصل بوتن إلى المدينة أمس", []),
        ("قال بوتن إن الوضع صعب. وأعلنت روسيا موقفها", []),
    ],
)
def test_short_name_with_a_typo_needs_context(body: str, want: list[str]) -> None:
    assert [e for e, _ in persons(body) if e.startswith("person:vladimir")] == want


def test_ordinary_words_are_never_read_as_a_short_name() -> None:
    # A word of the common-words list is never corrected to a short name, even with support.
    arts = pl.DataFrame({"article_id": ["a"], "body": ["وقال بوتن إن روسيا"]}).with_row_index("aidx")
    words = _words(arts, split_sentences(arts.select("article_id", "body")), None)
    el = entity_lexicon(KB, NO_REF)
    common = pl.Series(["بوتن"])
    without = match(words, word_readings(words), el.lex, el.name_tokens, el.exact_vocab, el.given, common)
    with_fix = match(
        words, word_readings(words), el.lex, el.name_tokens, el.exact_vocab, el.given, common[:0]
    )
    assert "person:vladimir_putin" not in without["entity_id"].to_list()
    assert with_fix.filter(pl.col("entity_id") == "person:vladimir_putin")["nshort"].to_list() == [1]


def _kb_state_aliases():  # type: ignore[no-untyped-def]
    countries = KB.countries.with_columns(
        aliases_ar=pl.when(pl.col("iso3") == "QAT").then(pl.lit("دولة قطر")).otherwise(pl.col("aliases_ar"))
    )
    roles = pl.concat(
        [
            KB.roles,
            pl.DataFrame(
                {
                    "role": ["president"],
                    "office": ["head_of_state"],
                    "pattern_ar": ["رئيس الدولة"],
                    "cameo_role": ["GOV"],
                    "rank": [30],
                }
            ),
        ],
        how="diagonal_relaxed",
    )
    return replace(KB, countries=countries, roles=roles)


def test_role_and_country_sharing_the_word_dawla() -> None:
    # رئيس دولة is a role key and دولة قطر a country name: the country still specifies the role.
    articles = pl.DataFrame(
        {
            "article_id": ["a"],
            "body": ["وأجرى الرئيس التركي اتصالا هاتفيا برئيس دولة قطر."],
            "published_date": [date(2020, 1, 1)],
        },
        schema={"article_id": pl.String, "body": pl.String, "published_date": pl.Date},
    )
    mentions, _ = extract_entity_mentions(articles, _kb_state_aliases(), reference_dir=NO_REF)
    got = mentions.filter(pl.col("entity_id") == "person:tamim_bin_hamad")
    assert got.select("surface", "actor_code").rows() == [("رئيس دولة قطر", "QATGOV")]
