"""Unit tests for orchestration.transforms.clean (clean_articles), incl. the gold acceptance test."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import polars as pl
import pytest

from orchestration.transforms.clean import ARTICLE_SCHEMA, REJECT_SCHEMA, clean_articles
from orchestration.transforms.ingest import RAW_SCHEMA, read_inbox

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "tests" / "gold" / "articles.csv"

# Sentences that must survive cleaning (reported calls/meetings, incl. the embedded article in 003).
KEY_SENTENCES = {
    "000": [
        "أجرى الرئيس الروسي، فلاديمير بوتين سلسلة اتصالات هاتفية اليوم الثلاثاء",
        "كما بحث الرئيس الروسي فلاديمير بوتين مع العاهل السعودي الملك سلمان بن عبد العزيز عبر الهاتف",
        "من جانبه، بحث وزير الخارجية الروسي سيرغي لافروف في اتصال هاتفي مع وزير الخارجية الأمريكي",
    ],
    "001": [
        "أجرى الرئيس الروسي، فلاديمير بوتين، اتصالا هاتفيا، مع نظيره الأمريكي، دونالد ترامب",
        "يوم ال20 نتشرين الثاني",
    ],
    "002": [
        "أعلن الكرملين أن الرئيس الروسي فلاديمير بوتين، التقى رأس النظام بشار الأسد مساء أمس الاثنين",
        "والتقى الأمير محمد بن سلمان ولي العهد السعودي في الرياض",
    ],
    "003": [
        "بحث الرئيس الروسي فلاديمير بوتين خلال محادثة هاتفية مع نظيره الرئيس الإيراني مسعود بزشكيان",
        "بوتين يؤكد ضرورة الحفاظ على وحدة سوريا في اتصال مع نتنياهو",
        "أكد الرئيس الروسي فلاديمير بوتين في اتصال هاتفي مع رئيس الوزراء الإسرائيلي بنيامين نتنياهو",
        "وبحث الجانبان أيضا المواجهة الاخيرة بين إسرائيل وإيران",
    ],
    "004": [
        "أن الرئيس الروسي، فلاديمير بوتين، التقى الرئيس السوري، بشار الأسد",
        "وهذه هي المرة الثانية التي يزور فيها الأسد روسيا",
    ],
}


@pytest.fixture(scope="module")
def samples() -> pl.DataFrame:
    raw, _, _ = read_inbox(ROOT / "data" / "raw")
    articles, rejects = clean_articles(raw)
    assert rejects.height == 0
    return articles


def _gold() -> list[dict]:
    with GOLD.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["file"][:3])
def test_gold_fields(samples: pl.DataFrame, gold: dict) -> None:
    row = samples.filter(pl.col("source_file") == gold["file"]).row(0, named=True)
    assert (row["title"] or "") == gold["title"]
    assert (row["published_date"].isoformat() if row["published_date"] else "") == gold["published_date"]
    assert (row["source_name"] or "") == gold["source_name"]


@pytest.mark.parametrize("gold", _gold(), ids=lambda g: g["file"][:3])
def test_gold_boilerplate_removed_and_key_sentences_kept(samples: pl.DataFrame, gold: dict) -> None:
    row = samples.filter(pl.col("source_file") == gold["file"]).row(0, named=True)
    body = row["body"]
    for junk in gold["boilerplate_that_must_not_stay_in_body"].split("|"):
        assert junk.strip() not in body, junk
    for sentence in KEY_SENTENCES[gold["file"][:3]]:
        assert sentence in body, sentence
    if row["title"]:
        assert row["title"] not in body, "title duplicated in body"
    assert row["n_chars"] == len(body)


def test_related_headline_list_dropped(samples: pl.DataFrame) -> None:
    body = samples.filter(pl.col("source_file").str.starts_with("003"))["body"][0]
    for headline in ("ملك الأردن ورئيس وزراء بريطانيا", "سوريا تستعد لأول انتخابات برلمانية", "•"):
        assert headline not in body


def test_sample_sections_and_datelines(samples: pl.DataFrame) -> None:
    by = {r["source_file"][:3]: r for r in samples.iter_rows(named=True)}
    assert by["000"]["section"] == "أخبار سورية"
    assert by["001"]["section"] == "أخبار عربية ودولية"
    assert by["002"]["dateline"] == "عواصم ـ وكالات"
    assert by["000"]["published_date_source"] == "text"
    assert by["002"]["published_date_source"] is None


def test_schema(samples: pl.DataFrame) -> None:
    assert dict(samples.schema) == ARTICLE_SCHEMA
    assert samples["article_id"].is_unique().all()


def raw_frame(texts: list[str], **meta: list[str | None]) -> pl.DataFrame:
    n = len(texts)
    data = {
        "article_id": [f"{i:016x}" for i in range(n)],
        "source_file": [f"t{i}.txt" for i in range(n)],
        "record_index": [0] * n,
        "file_size_bytes": [len(t.encode()) for t in texts],
        "encoding": ["utf-8"] * n,
        "raw_text": texts,
    }
    for col in ("meta_id", "meta_url", "meta_title", "meta_published_at", "meta_source"):
        data[col] = meta.get(col, [None] * n)
    return pl.DataFrame(data, schema=RAW_SCHEMA)


BODY = (
    "أعلن المتحدث باسم وزارة الخارجية أن الوزير سيلتقي نظيره الفرنسي في باريس الأسبوع المقبل لبحث العلاقات "
    "الثنائية والأوضاع الإقليمية.\n\nوأضاف أن اللقاء يأتي في إطار التشاور المستمر بين البلدين، "
    "مشيرا إلى أن الجانبين وقعا اتفاقية تعاون في 12 مارس 2015 في القاهرة."
)


def clean_one(text: str, **meta: str | None) -> dict:
    articles, rejects = clean_articles(raw_frame([text], **{k: [v] for k, v in meta.items()}))
    assert rejects.height == 0, rejects
    return articles.row(0, named=True)


def test_section_with_date_line() -> None:
    row = clean_one("وزير الخارجية يزور باريس\n● أخبار سورية ٢١ نوفمبر ٢٠١٧\n\n" + BODY)
    assert row["section"] == "أخبار سورية"
    assert row["published_date"] == dt.date(2017, 11, 21)
    assert row["title"] == "وزير الخارجية يزور باريس"
    assert "أخبار سورية" not in row["body"]


def test_weekday_date_line() -> None:
    row = clean_one("وزير الخارجية يزور باريس\n\nالثلاثاء، ٢١ نوفمبر ٢٠١٧\n\n" + BODY)
    assert row["published_date"] == dt.date(2017, 11, 21)
    assert "نوفمبر" not in row["body"]


@pytest.mark.parametrize(
    "layout",
    [
        "وزير الخارجية يزور باريس\n\nالرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس\n\n{body}",
        "وزير الخارجية يزور باريس\n\nالرياض 25 شوال 1436 هـ الموافق 10 اغسطس 2015 م واس {body}",
    ],
    ids=["own-line", "prefix"],
)
def test_wire_dateline(layout: str) -> None:
    row = clean_one(layout.format(body=BODY))
    assert row["published_date"] == dt.date(2015, 8, 10)
    assert row["published_date_source"] == "text"
    assert row["dateline"].startswith("الرياض 25 شوال 1436") and row["dateline"].endswith("واس")
    assert row["body"].startswith("أعلن المتحدث باسم وزارة الخارجية")
    assert "واس" not in row["body"]


def test_dateline_with_dash_prefix() -> None:
    row = clean_one("دمشق - سانا - " + BODY)
    assert row["dateline"] == "دمشق - سانا"
    assert row["body"].startswith("أعلن المتحدث")


def test_no_date_is_null_and_body_dates_are_not_publication_dates() -> None:
    row = clean_one("وزير الخارجية يزور باريس\n\n" + BODY)
    assert row["published_date"] is None
    assert row["published_date_source"] is None
    assert "12 مارس 2015" in row["body"]


def test_footer_date_used_when_header_has_none() -> None:
    row = clean_one(BODY + "\n\nنشر في 03/04/2019 - 10:30 ص\nجميع الحقوق محفوظة لموقع المثال 2019")
    assert row["published_date"] == dt.date(2019, 4, 3)
    assert row["source_name"] == "المثال"
    assert "جميع الحقوق" not in row["body"] and "نشر في" not in row["body"]


def test_metadata_wins() -> None:
    row = clean_one(
        "● أخبار سورية ٢١ نوفمبر ٢٠١٧\n\n" + BODY,
        meta_published_at="Tue, 05 Dec 2017 10:00:00 +0000",
        meta_title="عنوان من البيانات الوصفية",
        meta_source="شبكة شام",
        meta_url="https://example.com/x",
    )
    assert row["published_date"] == dt.date(2017, 12, 5)
    assert row["published_date_source"] == "metadata"
    assert (row["title"], row["source_name"], row["url"]) == (
        "عنوان من البيانات الوصفية",
        "شبكة شام",
        "https://example.com/x",
    )


def test_arabic_metadata_date() -> None:
    row = clean_one(BODY, meta_published_at="الثلاثاء ٢١ نوفمبر ٢٠١٧")
    assert row["published_date"] == dt.date(2017, 11, 21)


def test_ticker_read_also_and_footers() -> None:
    text = (
        "أخبار عاجلة\nخبر عاجل لا علاقة له بالمقال -\n\nوزير الخارجية يزور باريس\n\n"
        + BODY
        + "\n\nاقرأ أيضاً:\n• عنوان مقال آخر لا علاقة له\n• عنوان ثان\n\n"
        "الرئيس يستقبل السفير\n\nاستقبل الرئيس في قصر الرئاسة سفير اليابان الجديد وتسلم أوراق اعتماده "
        "في حفل رسمي حضره عدد من المسؤولين.\n\nمقالات ذات صلة\nعنوان قصير أول\nعنوان قصير ثان\n"
        "التالي: مقال آخر\nتابعنا على تويتر\nشارك\nزر الذهاب إلى الأعلى"
    )
    row = clean_one(text)
    body = row["body"]
    assert row["title"] == "وزير الخارجية يزور باريس"
    for junk in (
        "أخبار عاجلة",
        "خبر عاجل",
        "اقرأ أيضاً",
        "عنوان مقال آخر",
        "عنوان ثان",
        "مقالات ذات صلة",
        "عنوان قصير",
        "التالي",
        "تابعنا",
        "شارك",
        "زر الذهاب",
    ):
        assert junk not in body, junk
    # The embedded related article after 'اقرأ أيضاً' is real news and stays.
    assert "الرئيس يستقبل السفير" in body
    assert "استقبل الرئيس في قصر الرئاسة سفير اليابان" in body


def test_sentence_starting_with_share_word_is_kept() -> None:
    row = clean_one(BODY + "\n\nشارك الرئيس في القمة العربية التي عقدت في الرياض بحضور القادة العرب.")
    assert "شارك الرئيس في القمة العربية" in row["body"]


def test_first_line_sentence_is_not_a_title() -> None:
    row = clean_one(BODY)
    assert row["title"] is None
    assert row["body"].startswith("أعلن المتحدث")


def test_boilerplate_only_rejected() -> None:
    text = "مشاركة:\nتويتر فيسبوك واتساب\nاقرأ أيضاً:\nجميع الحقوق محفوظة 2020\nـــــــ"
    articles, rejects = clean_articles(raw_frame([text, BODY]))
    assert articles.height == 1
    assert rejects.to_dicts()[0]["reason"] == "boilerplate_only"
    assert rejects["source_file"].to_list() == ["t0.txt"]
    assert dict(rejects.schema) == REJECT_SCHEMA


def test_single_one_megabyte_line() -> None:
    line = (
        "أجرى الرئيس الروسي فلاديمير بوتين اتصالا هاتفيا مع نظيره الأمريكي دونالد ترامب بحثا خلاله "
        "الوضع في سوريا. "
    ) * 6000
    articles, rejects = clean_articles(raw_frame([line]))
    assert rejects.height == 0
    assert articles["n_chars"][0] == len(line.strip())
    assert articles["title"][0] is None


def test_2000_articles_in_one_batch() -> None:
    """Copies of the sample in one batch: one row per article and one date per source file (speed is
    measured by ``make bench``, not asserted here)."""
    raw, _, _ = read_inbox(ROOT / "data" / "raw")
    copies = 400
    big = pl.concat([raw.with_columns(article_id=pl.col("article_id") + f"-{i}") for i in range(copies)])
    articles, _ = clean_articles(big)
    assert articles.height == big.height
    assert articles.filter(pl.col("source_file").str.starts_with("000"))["published_date"].n_unique() == 1


def test_date_after_an_outlet_byline_is_the_publication_date() -> None:
    """Outlet and byline lines between the title and the date line are header, not body."""
    texts = [
        "تبون يستقبل وزير الخارجية الإيطالي\n\nالشروق أونلاين\nالأحد 19 جانفي 2020\n\n"
        "استقبل رئيس الجمهورية عبد المجيد تبون، اليوم الأحد، وزير الخارجية الإيطالي لويجي دي مايو بمقر الرئاسة.",
        "الملك يجري اتصالا هاتفيا مع ماكرون\n\nهسبريس - الرباط\nالجمعة 16 فبراير 2018\n\n"
        "أجرى الملك محمد السادس، اليوم الجمعة، اتصالا هاتفيا مع الرئيس الفرنسي إيمانويل ماكرون.",
    ]
    articles, _ = clean_articles(raw_frame(texts))
    articles = articles.sort("source_file")
    assert articles["published_date"].to_list() == [dt.date(2020, 1, 19), dt.date(2018, 2, 16)]
    assert articles["dateline"].to_list() == ["الشروق أونلاين", "هسبريس - الرباط"]
    for body in articles["body"]:
        assert body.startswith(("استقبل", "أجرى"))


def test_outlet_quoted_in_a_byline_is_the_source() -> None:
    text = (
        "ولي العهد السعودي يلتقي الرئيس الصيني في بكين\n\nبكين: «الشرق الأوسط»\n23 فبراير 2019\n\n"
        "التقى ولي العهد السعودي الأمير محمد بن سلمان الرئيس الصيني شي جين بينغ في بكين أمس الجمعة."
    )
    articles, _ = clean_articles(raw_frame([text]))
    assert articles.row(0, named=True)["source_name"] == "الشرق الأوسط"
    assert articles.row(0, named=True)["published_date"] == dt.date(2019, 2, 23)


def test_photo_credit_at_paragraph_end_keeps_the_paragraph() -> None:
    paragraph = "وقصفت الطائرات مواقع للمسلحين في ريف إدلب الجنوبي صباح اليوم بحسب مصادر محلية. (© رويترز)"
    row = clean_one(BODY + "\n\n" + paragraph)
    assert "وقصفت الطائرات مواقع للمسلحين في ريف إدلب الجنوبي" in row["body"]


def test_rights_notice_inside_a_sentence_keeps_the_text() -> None:
    sentence = "وقال الوزير إن جميع الحقوق محفوظة للشعب الفلسطيني ولن يتنازل عنها تحت أي ظرف من الظروف."
    row = clean_one(BODY + "\n\n" + sentence + "\n\n© 2019 الجزيرة. جميع الحقوق محفوظة")
    assert sentence in row["body"]
    assert "2019 الجزيرة" not in row["body"]


def test_one_line_body_ending_with_a_rights_notice_is_not_rejected() -> None:
    one_line = BODY.replace("\n\n", " ") + " جميع الحقوق محفوظة"
    articles, rejects = clean_articles(raw_frame([one_line]))
    assert rejects.is_empty()
    assert "الوزير سيلتقي نظيره الفرنسي في باريس" in articles["body"][0]
