"""Build ``data/reference/person_gazetteer_ar.csv``: person name words from ANERgazet.

ANERgazet (Benajiba, Rosso & Benedí 2007) is the gazetteer published with ANERcorp: its person
list (``AlignedPersGazetteer``, 2,308 lines) holds given and family names, Arabic and foreign
(بلير، كلينتون، ميركل، رونالدو), one word a line, collected from the web, not from the corpus. It is
read from the same fetched snapshot as the NER fixtures (``ITE-5th/arabic-ner``,
``data/ANERGazet/AlignedPersGazetteer/data``).

The list is noisy (الملك، اليوم، مسجد، الجزائر، واشنطن), so a word is kept only if it is:

- one Arabic word of at least three letters once normalized;
- no place or country name the knowledge base lists (grammar words are all frequent);
- rarer than ``MAX_ZIPF`` as a word in general Arabic text (``common_words_ar.csv``, wordfreq):
  a frequent word is an ordinary word far more often than it is a name.

    uv run python scripts/build_person_gazetteer.py /work/.mirror/ITE-5th+arabic-ner/repo
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path

import polars as pl

from orchestration.transforms.text import normalize_expr

REF = Path(__file__).resolve().parents[1] / "data" / "reference"
OUT = REF / "person_gazetteer_ar.csv"
SOURCE_PATH = "data/ANERGazet/AlignedPersGazetteer/data"
# Above this Zipf frequency a word of the list is an ordinary word (الملك 5.6, اليوم 6.3, مسجد 4.6)
# more often than a name.
MAX_ZIPF = 4.0


def read_source(repo: Path) -> list[str]:
    """The gazetteer's lines, from the snapshot's git directory (no work tree)."""
    text = subprocess.run(
        ["git", "--git-dir", str(repo), "show", f"HEAD:{SOURCE_PATH}"],
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return [line.strip() for line in text.splitlines()]


def _place_words() -> pl.Series:
    """Normalized one-word names and aliases of the knowledge base's places and countries."""
    frames = []
    for name, cols in (
        ("places.csv", ["name_ar", "aliases_ar"]),
        ("gazetteer.csv", ["name_ar", "aliases_ar"]),
        ("countries.csv", ["name_ar", "aliases_ar"]),
    ):
        df = pl.read_csv(REF / name, infer_schema=False).select(cols)
        frames.append(df.select(w=pl.concat_list(cols).list.join("|").str.split("|")).explode("w"))
    return pl.concat(frames).select(normalize_expr(pl.col("w").str.strip_chars()))["w"].drop_nulls()


def build(lines: list[str]) -> pl.DataFrame:
    c = pl.col
    common = pl.read_csv(
        REF / "common_words_ar.csv", schema_overrides={"word": pl.String, "zipf": pl.Float64}
    )
    places = _place_words()
    df = (
        pl.DataFrame({"raw": lines})
        .filter(c("raw").str.contains(r"^\p{Arabic}+$"))
        .with_columns(name_ar=normalize_expr(c("raw")))
        .filter(c("name_ar").str.len_chars() >= 3)
        .unique("name_ar")
        .join(common.rename({"word": "name_ar", "zipf": "zipf_ar"}), on="name_ar", how="left")
        .with_columns(c("zipf_ar").fill_null(0.0))
    )
    return (
        df.filter((c("zipf_ar") < MAX_ZIPF) & ~c("name_ar").is_in(places.implode()))
        .select("name_ar", "zipf_ar")
        .sort("name_ar")
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("repo", type=Path, help="git directory of the fetched ITE-5th/arabic-ner snapshot")
    args = parser.parse_args()
    out = build(read_source(args.repo))
    out.write_csv(OUT)
    print(f"{out.height} person name words -> {OUT}")


if __name__ == "__main__":
    main()
