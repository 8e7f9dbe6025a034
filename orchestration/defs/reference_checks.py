import dagster as dg

from orchestration.settings import REFERENCE_DIR
from orchestration.transforms.reference_validation import describe, validate_reference


@dg.asset_check(asset=dg.AssetKey(["landing", "raw_articles"]), blocking=True, name="reference_data_valid")
def reference_data_valid() -> dg.AssetCheckResult:
    """The reference CSVs (knowledge base, codebook, lexicons) have their columns, required fields,
    unique ids, parseable dates and non-overlapping office spells.

    Blocking on the articles every extraction reads, so a damaged CSV stops the run before it
    changes a single mention; the description names each file and line.
    """
    issues = validate_reference(REFERENCE_DIR)
    return dg.AssetCheckResult(
        passed=issues.is_empty(),
        severity=dg.AssetCheckSeverity.ERROR,
        description=None if issues.is_empty() else f"reference data in {REFERENCE_DIR}:\n{describe(issues)}",
        metadata={
            "problems": issues.height,
            "first_problems": dg.MetadataValue.json(
                [f"{f}:{n}: {p}" for f, n, p in issues.head(20).iter_rows()]
            ),
        },
    )
