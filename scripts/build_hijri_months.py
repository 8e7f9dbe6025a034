"""Build ``data/reference/hijri_months.csv``: the Gregorian first day of every month of the Umm
al-Qura calendar (the official Saudi calendar, the one Saudi and Gulf wire copy dates by) over its
published range, 1343-1500 AH (1924-2077).

Source: the Umm al-Qura tables shipped in the ``hijridate`` package (MIT licence), read through its
public ``Hijri(...).to_gregorian()``. Run from the repository root:

    uv run --with hijridate==2.6.0 python scripts/build_hijri_months.py

``transforms.date_forms.hijri_dates`` reads the table to convert a Hijri date written without its
Gregorian equivalent; outside the range (or a day past the month's length) it falls back to the
tabular calendar.
"""

from __future__ import annotations

import csv
from pathlib import Path

from hijridate import Hijri
from hijridate.ummalqura import HIJRI_RANGE

OUT = Path(__file__).resolve().parents[1] / "data" / "reference" / "hijri_months.csv"


def main() -> None:
    (first_year, _, _), (last_year, _, _) = HIJRI_RANGE
    rows = []
    for year in range(first_year, last_year + 1):
        for month in range(1, 13):
            start = Hijri(year, month, 1)
            rows.append((year, month, start.to_gregorian().isoformat(), start.month_length()))
    with OUT.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["hijri_year", "hijri_month", "gregorian_start", "days"])
        writer.writerows(rows)
    print(f"{len(rows)} months -> {OUT}")


if __name__ == "__main__":
    main()
