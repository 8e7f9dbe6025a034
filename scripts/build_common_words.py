"""Build ``data/reference/common_words_ar.csv``: the most frequent Arabic words of general text.

Source: the ``wordfreq`` package (code Apache-2.0; word lists CC BY-SA 4.0, built from Wikipedia,
subtitles, news, web text and more), read from the installed package: nothing is downloaded.
The open-world entity stages use the list as a negative signal: a frequent ordinary word after a
title is a verb or a noun, not an unknown name (``الملك ساكنا``), unless a name lexicon lists it.

Columns: ``word`` (as wordfreq spells it), ``zipf`` (Zipf frequency, 3 = once per million words).

    uv run --with wordfreq==3.1.1 python scripts/build_common_words.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

from wordfreq import top_n_list, zipf_frequency

OUT = Path(__file__).resolve().parents[1] / "data" / "reference" / "common_words_ar.csv"
N_WORDS = 30_000
ARABIC_WORD = re.compile(r"^[\u0621-\u064A]{2,}$")


def main() -> None:
    rows = [(w, zipf_frequency(w, "ar")) for w in top_n_list("ar", N_WORDS) if ARABIC_WORD.match(w)]
    with OUT.open("w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["word", "zipf"])
        out.writerows((w, f"{z:.2f}") for w, z in rows)
    print(f"{OUT}: {len(rows)} words")


if __name__ == "__main__":
    main()
