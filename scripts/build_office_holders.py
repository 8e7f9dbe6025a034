"""Build ``data/reference/office_holders.csv``: dated office spells from Wikidata, via EveryPolitician.

Source: the ``every-politician-scrapers/<country>`` repositories on GitHub (one per country). Each
has ``html/holders21.csv``, the result of a Wikidata query (position held, P39, with start P580 and
end P582 qualifiers) for that country's cabinet-level positions: every spell in force since 2000.
Wikidata is CC0 1.0; the repositories add no licence of their own. Columns used: ``position``
(the position's English label), ``person`` (English label), ``personID`` (Wikidata QID),
``start``/``end`` (YYYY, YYYY-MM or YYYY-MM-DD) and, where present, ``enwiki`` (the English
Wikipedia title, the base of the project's person ids).

The repositories are read from local mirrors (the ``fetch`` tool's ``<owner>+<name>/repo`` git
directories), at their HEAD commit, recorded in ``office_holders_sources.csv``. Nothing is
downloaded by this script and nothing is downloaded at run time.

Only heads of state and government, foreign and defence ministers are kept (``POSITIONS``). The
names are English only: the source has no Arabic labels, and transliterating names is not a source,
so the matcher cannot find these people by name; they serve role resolution (الرئيس المصري on a
date) and carry a Wikidata id for a later Arabic-label extract. ``load_kb`` merges the file under
the hand-kept ``office_spells.csv`` / ``persons.csv``, which win (``transforms/office_holders.py``).

    uv run python scripts/build_office_holders.py [--mirror-dir /work/.mirror]
"""

from __future__ import annotations

import argparse
import subprocess
from datetime import date
from io import StringIO
from pathlib import Path

import polars as pl

from orchestration.transforms.reference import write_table

OWNER = "every-politician-scrapers"
SOURCE_FILE = "html/holders21.csv"
# Repository per state: the 22 Arab League members, the P5, Turkey, Iran, Israel and partners.
REPOS: dict[str, str] = {
    "DZA": "algeria-cabinet",
    "BHR": "bahrain",
    "COM": "comoros",
    "DJI": "djibouti-ministers",
    "EGY": "egypt-ministers",
    "IRQ": "iraq-ministers",
    "JOR": "jordan-ministers",
    "KWT": "kuwait-ministers",
    "LBN": "lebanon",
    "LBY": "libya",
    "MRT": "mauritania",
    "MAR": "morocco-ministers",
    "OMN": "oman",
    "PSE": "palestine",
    "QAT": "qatar-ministers",
    "SAU": "saudi-ministers",
    "SOM": "somalia-cabinet",
    "SDN": "sudan",
    "SYR": "syria",
    "TUN": "tunisia-ministers",
    "ARE": "uae-ministers",
    "YEM": "yemen",
    "USA": "us-cabinet",
    "GBR": "united-kingdom-cabinet",
    "FRA": "france-cabinet",
    "RUS": "russia-cabinet",
    "CHN": "china-ministers",
    "TUR": "turkey-ministers",
    "IRN": "iran-ministers",
    "ISR": "israel-ministers",
    "AFG": "afghanistan",
    "BRA": "brazil-ministers",
    "CAN": "canada-cabinet",
    "ETH": "ethiopia-ministers",
    "IDN": "indonesia-ministers",
    "IND": "india-ministers",
    "ITA": "italy-ministers",
    "JPN": "japan-ministers",
    "KOR": "south-korea-ministers",
    "PAK": "pakistan-ministers",
    "SSD": "south-sudan",
    "ESP": "spain-ministers",
    "UKR": "ukraine-cabinet",
    "ZAF": "south-africa-cabinet",
    # African Union members (and the Horn, Sahel and East Africa) whose repository is available.
    "AGO": "angola",
    "BDI": "burundi-ministers",
    "BEN": "benin-ministers",
    "BWA": "botswana-ministers",
    "ERI": "eritrea-ministers",
    "GAB": "gabon-ministers",
    "GMB": "gambia-ministers",
    "MDG": "madagascar-ministers",
    "SWZ": "eswatini",
    "SYC": "seychelles-ministers",
    "TCD": "chad-ministers",
    "BFA": "burkina-faso",
    "CAF": "central-african-republic",
    "CIV": "ivory-coast",
    "CMR": "cameroon",
    "COD": "congo-kinshasa-ministers",
    "COG": "congo-brazzaville",
    "CPV": "cabo-verde",
    "GHA": "ghana-ministers",
    "GIN": "guinea",
    "GNB": "guinea-bissau",
    "GNQ": "equatorial-guinea",
    "KEN": "kenya",
    "LBR": "liberia-ministers",
    "LSO": "lesotho-ministers",
    "MLI": "mali",
    "MOZ": "mozambique",
    "MUS": "mauritius-ministers",
    "MWI": "malawi-ministers",
    "NER": "niger-ministers",
    "NGA": "nigeria",
    "RWA": "rwanda-ministers",
    "SEN": "senegal-ministers",
    "SLE": "sierra-leone",
    "STP": "sao-tome-and-principe",
    "TGO": "togo",
    "TZA": "tanzania-ministers",
    "UGA": "uganda-ministers",
    "ZMB": "zambia-ministers",
    "ZWE": "zimbabwe",
}
# Source position label -> (office, title). Titles are role keys of roles.csv.
POSITIONS: dict[str, tuple[str, str]] = {
    "President": ("head_of_state", "president"),
    "King": ("head_of_state", "king"),
    "monarch": ("head_of_state", "king"),
    "emir": ("head_of_state", "emir"),
    "Emir": ("head_of_state", "emir"),
    "Sultan": ("head_of_state", "sultan"),
    "Supreme Leader": ("head_of_state", "supreme_leader"),
    "Chairman of the Presidential Council": ("head_of_state", "chairman"),
    "Chairman of the Transitional Military Council": ("head_of_state", "chairman"),
    "Chairman of the Sovereignty Council": ("head_of_state", "chairman"),
    "President of the Palestinian National Authority": ("head_of_state", "president"),
    "Prime Minister": ("head_of_government", "prime_minister"),
    "Prime Minister of the Palestinian National Authority": ("head_of_government", "prime_minister"),
    "Premier of the State Council": ("head_of_government", "prime_minister"),
    "Minister of Foreign Affairs": ("foreign_minister", "foreign_minister"),
    "Minister for Foreign Affairs": ("foreign_minister", "foreign_minister"),
    "Minister of External Affairs": ("foreign_minister", "foreign_minister"),
    "Minister of External Relations": ("foreign_minister", "foreign_minister"),
    "Minister of Europe and Foreign Affairs": ("foreign_minister", "foreign_minister"),
    "Minister of Foreign Affairs and Cooperation": ("foreign_minister", "foreign_minister"),
    "Minister of Foreign Affairs, European Union and Foreign Aid": ("foreign_minister", "foreign_minister"),
    "Secretary of State for Foreign and Commonwealth Affairs": ("foreign_minister", "foreign_minister"),
    "Secretary of State": ("foreign_minister", "foreign_minister"),
    "Minister of Defence": ("defence_minister", "defence_minister"),
    "Minister of National Defence": ("defence_minister", "defence_minister"),
    "Minister of National Defense": ("defence_minister", "defence_minister"),
    "Minister of Defence and Armed Forces Logistics": ("defence_minister", "defence_minister"),
    "Minister of Defence and Military Veterans": ("defence_minister", "defence_minister"),
    "Minister of the Armed Forces": ("defence_minister", "defence_minister"),
    "Secretary of State for Defence": ("defence_minister", "defence_minister"),
    "Secretary of Defence": ("defence_minister", "defence_minister"),
    "Minister for the Armed Forces": ("defence_minister", "defence_minister"),
    "Minister for Foreign Affairs and International Cooperation": ("foreign_minister", "foreign_minister"),
    "Secretary for Foreign Affairs": ("foreign_minister", "foreign_minister"),
    "Secretary for Defence": ("defence_minister", "defence_minister"),
    "Chairman of the National Committee for the Salvation of the People": ("head_of_state", "chairman"),
    "Ngwenyama (King)": ("head_of_state", "king"),
    # Vice presidents (one a time; where the source lists several at once the label is dropped:
    # CONCURRENT_OFFICES) and the speaker of the lower or only house (not senates, upper houses,
    # provincial assemblies): رئيس مجلس النواب، رئيس البرلمان.
    "Vice President": ("vice_president", "vice_president"),
    "Vice-President": ("vice_president", "vice_president"),
    "First Vice President": ("vice_president", "vice_president"),
    "First Vice-President": ("vice_president", "vice_president"),
    "Deputy President": ("vice_president", "vice_president"),
    "Speaker of the National Assembly": ("speaker", "speaker"),
    "President of the National Assembly": ("speaker", "speaker"),
    "President of the People's National Assembly": ("speaker", "speaker"),
    "President of the National People's Assembly": ("speaker", "speaker"),
    "President of the Assembly of the Union": ("speaker", "speaker"),
    "President of the Chamber of Deputies": ("speaker", "speaker"),
    "President of the House of Representatives": ("speaker", "speaker"),
    "Speaker of the House of Representatives": ("speaker", "speaker"),
    "Speaker of the Chamber of Deputies": ("speaker", "speaker"),
    "Speaker of the Parliament": ("speaker", "speaker"),
    "Speaker of the House of Parliament": ("speaker", "speaker"),
    "Speaker of the Assembly": ("speaker", "speaker"),
    "Speaker of the House of the People": ("speaker", "speaker"),
    "Speaker of the House of People's Representatives": ("speaker", "speaker"),
    "Speaker of the National Legislature": ("speaker", "speaker"),
    "Speaker of Council of Representatives": ("speaker", "speaker"),
    "Speaker of the Palestinian Legislative Council": ("speaker", "speaker"),
    "Speaker of the Shura Council": ("speaker", "speaker"),
    "Speaker of the Islamic Consultative Assembly": ("speaker", "speaker"),
    "Speaker of the Grand National Assembly": ("speaker", "speaker"),
    "Speaker of the Knesset": ("speaker", "speaker"),
    "Speaker of the House of Commons": ("speaker", "speaker"),
    "Speaker of the Lok Sabha": ("speaker", "speaker"),
    "Chairman of the State Duma": ("speaker", "speaker"),
    "Chairman of the Verkhovna Rada": ("speaker", "speaker"),
}
# Offices that some states fill with several people at once (Iran's vice presidents): a source
# label whose holders overlap by more than OVERLAP_DAYS is left out for that state, since the
# role noun would not name one person.
CONCURRENT_OFFICES = {"vice_president", "speaker"}
OVERLAP_DAYS = 31
# CAMEO role code per office (defence ministers MIL, speakers LEG, the rest GOV).
OFFICE_CAMEO = {"defence_minister": "MIL", "speaker": "LEG"}
# Iran's president heads the government; the Supreme Leader is head of state.
PRESIDENT_HEADS_GOVERNMENT_ONLY = {"IRN"}
# Presidential systems (and Oman's sultan): the head of state also heads the government, as in the
# hand-kept spells (data/reference/README.md, office_spells).
HEAD_OF_STATE_ALSO_GOVERNMENT = {"USA", "BRA", "IDN", "ZAF", "COM", "OMN"}
# Labels that mean the office only in some states: "Secretary of State" is the foreign minister
# only in the United States (elsewhere a junior rank); the Taliban's "Supreme Leader" led an
# insurgency until 2021 (the hand rows carry Afghanistan's heads of state).
ONLY_IN: dict[str, set[str]] = {
    "Secretary of State": {"USA"},
    "Secretary of Defence": {"USA"},
    "Supreme Leader": {"IRN"},
    "Secretary for Foreign Affairs": {"KEN"},
    "Secretary for Defence": {"KEN"},
}
# India's "Minister of Foreign Affairs" item holds its Foreign Secretaries (civil servants); the
# ministers are "Minister of External Affairs".
NOT_IN: dict[str, set[str]] = {"Minister of Foreign Affairs": {"IND"}}
EARLIEST = date(1990, 1, 1)
COLUMNS = [
    "entity_id",
    "name_en",
    "wikidata_id",
    "country_iso3",
    "office",
    "cameo_code",
    "start_date",
    "end_date",
    "title",
    "status",
    "notes",
]


def slug_expr(text: pl.Expr) -> pl.Expr:
    """The project's id slug (data/reference/README.md) of a whole column: ASCII fold, lower case,
    apostrophes dropped, other runs of non-alphanumerics turned into ``_``."""
    folded = text.str.normalize("NFKD").str.replace_all(r"[^\x00-\x7F]", "").str.to_lowercase()
    return folded.str.replace_all("'", "").str.replace_all(r"[^a-z0-9]+", "_").str.strip_chars("_")


def read_source(mirror_dir: Path, iso3: str, repo: str) -> tuple[pl.DataFrame, dict[str, str]]:
    """One repository's holders at its HEAD commit, and the provenance row."""
    git_dir = mirror_dir / f"{OWNER}+{repo}" / "repo"
    commit, committed = _git(git_dir, "log", "-1", "--format=%H %cs").split()
    text = _git(git_dir, "show", f"{commit}:{SOURCE_FILE}")
    frame = pl.read_csv(StringIO(text), infer_schema=False)
    if "enwiki" not in frame.columns:
        frame = frame.with_columns(enwiki=pl.lit(None, pl.String()))
    frame = frame.select("position", "person", "personID", "start", "end", "enwiki").with_columns(
        country_iso3=pl.lit(iso3), snapshot=pl.lit(committed)
    )
    provenance = {"country_iso3": iso3, "repo": f"{OWNER}/{repo}", "path": SOURCE_FILE}
    return frame, provenance | {"commit": commit, "commit_date": committed}


def _git(git_dir: Path, *args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(git_dir), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def _partial_date(col: str) -> pl.Expr:
    """YYYY / YYYY-MM / YYYY-MM-DD as the first day of the period (Wikidata's precision)."""
    padded = pl.col(col).str.strip_chars().str.pad_end(10, "x")
    filled = padded.str.replace(r"^(\d{4})xxxxxx$", "$1-01-01").str.replace(r"^(\d{4}-\d{2})xxx$", "$1-01")
    return filled.str.to_date("%Y-%m-%d", strict=False)


def _precision_note(col: str, label: str) -> pl.Expr:
    length = pl.col(col).str.len_chars()
    return (
        pl.when(length == 4)
        .then(pl.lit(f"{label} year only"))
        .when(length == 7)
        .then(pl.lit(f"{label} month only"))
    )


def to_spells(raw: pl.DataFrame) -> pl.DataFrame:
    """Source rows of the wanted positions as spells in the office_spells layout (one per office)."""
    positions = pl.DataFrame(
        [(label, office, title) for label, (office, title) in POSITIONS.items()],
        schema=["position", "office", "title"],
        orient="row",
    )
    allowed = [(label, iso3, True) for label, states in ONLY_IN.items() for iso3 in states]
    barred = [(label, iso3, False) for label, states in NOT_IN.items() for iso3 in states]
    limits = pl.DataFrame(allowed + barred, schema=["position", "country_iso3", "ok"], orient="row")
    restricted = pl.col("position").is_in(list(ONLY_IN))
    rows = (
        raw.join(positions, on="position")
        .join(limits, on=["position", "country_iso3"], how="left")
        .filter(pl.col("ok").fill_null(~restricted))
        .with_columns(
            office=pl.when(
                (pl.col("title") == "president")
                & pl.col("country_iso3").is_in(PRESIDENT_HEADS_GOVERNMENT_ONLY)
            )
            .then(pl.lit("head_of_government"))
            .otherwise("office")
        )
    )
    both = rows.filter(
        (pl.col("office") == "head_of_state") & pl.col("country_iso3").is_in(HEAD_OF_STATE_ALSO_GOVERNMENT)
    ).with_columns(office=pl.lit("head_of_government"))
    rows = pl.concat([rows, both])
    name = pl.coalesce(pl.col("enwiki").replace("", None), pl.col("person"))
    spells = rows.with_columns(
        name_en=name,
        start_date=_partial_date("start"),
        end_date=_partial_date("end"),
        snapshot_date=pl.col("snapshot").str.to_date("%Y-%m-%d"),
        notes=pl.concat_str(
            [_precision_note("start", "start:"), _precision_note("end", "end:")],
            separator="; ",
            ignore_nulls=True,
        ),
    ).filter(
        pl.col("start_date").is_not_null()
        & pl.col("person").str.contains(r"[A-Za-z]")  # an unlabelled item shows its QID only
        & ~pl.col("person").str.contains(r"^Q\d+$")
        & (pl.col("end_date").is_null() | (pl.col("end_date") >= pl.lit(EARLIEST)))
    )
    return spells.with_columns(
        entity_id=pl.lit("person:") + slug_expr(name),
        cameo_code=pl.col("country_iso3") + pl.col("office").replace_strict(OFFICE_CAMEO, default="GOV"),
        wikidata_id=pl.col("personID"),
        status=pl.lit(None, pl.String()),
    )


def single_holder_labels(spells: pl.DataFrame) -> pl.DataFrame:
    """The spells without the labels of ``CONCURRENT_OFFICES`` that a state fills with several
    people at once (two different people overlapping by more than ``OVERLAP_DAYS``)."""
    key = ["country_iso3", "position"]
    rows = spells.filter(pl.col("office").is_in(CONCURRENT_OFFICES)).with_row_index("_r")
    end = pl.col("end_date").fill_null(pl.col("snapshot_date"))
    pairs = rows.select(*key, "_r", "personID", "start_date", end=end).join(
        rows.select(*key, "_r", "personID", "start_date", end=end), on=key, suffix="_b"
    )
    overlap = pl.min_horizontal("end", "end_b") - pl.max_horizontal("start_date", "start_date_b")
    shared = pairs.filter(
        (pl.col("_r") < pl.col("_r_b"))
        & (pl.col("personID") != pl.col("personID_b"))
        & (overlap.dt.total_days() > OVERLAP_DAYS)
    )
    return spells.join(shared.select(key).unique(), on=key, how="anti")


def successor_ends(spells: pl.DataFrame) -> pl.DataFrame:
    """One holder at a time per office: a spell ends at the next holder's start at the latest
    (Wikipedia's convention, and half-open intervals), and a spell still open in the source ends
    at the snapshot date, since the source says nothing about the time after it."""
    key = ["country_iso3", "office"]
    # Two holders starting on one day (duplicate items) cannot both hold a single-holder office.
    ordered = spells.sort([*key, "start_date", "end_date"]).unique(
        [*key, "start_date"], keep="first", maintain_order=True
    )
    next_start = pl.col("start_date").shift(-1).over(key)
    capped = ordered.with_columns(
        notes=pl.concat_str(
            [
                pl.col("notes").replace("", None),
                pl.when(pl.col("end_date").is_null()).then(
                    pl.lit("open in the source: ended at its snapshot date ")
                    + pl.col("snapshot_date").cast(pl.String)
                ),
            ],
            separator="; ",
            ignore_nulls=True,
        ),
        end_date=pl.min_horizontal(
            pl.col("end_date").fill_null(pl.col("snapshot_date")),
            pl.when(next_start > pl.col("start_date")).then(next_start),
        ),
    )
    # A spell that lost all its days to a later-starting duplicate on the same day is dropped.
    return capped.filter(pl.col("end_date") > pl.col("start_date")).with_columns(
        notes=pl.col("notes").replace("", None)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--mirror-dir", type=Path, default=Path("/work/.mirror"))
    args = parser.parse_args()
    frames, provenance = [], []
    for iso3, repo in REPOS.items():
        frame, source = read_source(args.mirror_dir, iso3, repo)
        frames.append(frame)
        provenance.append(source)
    spells = successor_ends(single_holder_labels(to_spells(pl.concat(frames))))
    out = spells.sort("country_iso3", "office", "start_date").select(COLUMNS)
    out = out.with_columns(pl.col("start_date", "end_date").cast(pl.String))
    write_table("office_holders.csv", out.to_dicts(), COLUMNS)
    write_table("office_holders_sources.csv", provenance)


if __name__ == "__main__":
    main()
