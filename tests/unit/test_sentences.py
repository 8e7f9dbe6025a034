import polars as pl

from orchestration.transforms.sentences import split_sentences


def _split(*bodies: str) -> pl.DataFrame:
    return split_sentences(
        pl.DataFrame({"article_id": [f"a{i}" for i in range(len(bodies))], "body": bodies})
    )


def _check_offsets(df: pl.DataFrame, *bodies: str) -> None:
    for row in df.iter_rows(named=True):
        body = bodies[int(row["article_id"][1:])]
        assert body[row["char_start"] : row["char_end"]] == row["sentence"]


def test_splits_on_terminators_and_line_breaks() -> None:
    body = "التقى بوتين الأسد. هل اتفقا؟ نعم! قال ذلك?\nسطر جديد بلا نقطة\n\n  سطر أخير"
    out = _split(body)
    assert out["sentence"].to_list() == [
        "التقى بوتين الأسد.",
        "هل اتفقا؟",
        "نعم!",
        "قال ذلك?",
        "سطر جديد بلا نقطة",
        "سطر أخير",
    ]
    assert out["sentence_index"].to_list() == list(range(6))
    _check_offsets(out, body)


def test_decimals_and_abbreviations_do_not_split() -> None:
    body = "ارتفع النمو 2.5 بالمئة و٣.٧ في المئة. قال د. محمد إن ذلك جيد."
    out = _split(body)
    assert out["sentence"].to_list() == ["ارتفع النمو 2.5 بالمئة و٣.٧ في المئة.", "قال د. محمد إن ذلك جيد."]
    _check_offsets(out, body)


def test_an_abbreviation_glued_to_the_name_does_not_split() -> None:
    # "برئاسة رئيس وزراء دولة فلسطين د.محمد أشتية ، ورئيس مجلس الوزراء المصري مصطفى مدبولي ."
    body = "عقدت مباحثات برئاسة د.محمد أشتية ونظيره مصطفى مدبولي. وجرى بحث العلاقات."
    out = _split(body)
    assert out["sentence"].to_list() == [
        "عقدت مباحثات برئاسة د.محمد أشتية ونظيره مصطفى مدبولي.",
        "وجرى بحث العلاقات.",
    ]
    _check_offsets(out, body)


def test_ellipsis_quotes_and_empty_pieces() -> None:
    body = 'هنأه بنجاحه.. بوتين يلتقي الأسد\n . \n"قال: جرى تبادل للآراء." ثم انتهى'
    out = _split(body)
    assert out["sentence"].to_list() == [
        "هنأه بنجاحه..",
        "بوتين يلتقي الأسد",
        '"قال: جرى تبادل للآراء."',
        "ثم انتهى",
    ]
    _check_offsets(out, body)


def test_several_articles_and_empty_body() -> None:
    bodies = ("جملة أولى. جملة ثانية.", "", "\n\n", "وحيدة")
    out = _split(*bodies)
    assert out.group_by("article_id").len().sort("article_id").rows() == [("a0", 2), ("a3", 1)]
    assert out.filter(pl.col("article_id") == "a3")["sentence_index"].to_list() == [0]
    _check_offsets(out, *bodies)
    assert out.schema["char_start"] == pl.Int64
