"""The plain results of a GX validation, which `orchestration.defs.quality` turns into asset checks.

Split out of `gx_suites` (issue #10): Dagster and the suites share these types without either side
importing the other's library.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

Severity = Literal["ERROR", "WARN"]
ERROR: Severity = "ERROR"
WARN: Severity = "WARN"


@dataclass(frozen=True)
class ExpectationOutcome:
    """One expectation of one validation, flattened to plain values."""

    expectation: str  # GX type, e.g. "expect_column_values_to_be_between"
    column: str | None  # column, "A,B" for pair/compound expectations
    severity: Severity
    success: bool
    unexpected_count: int | None = None
    unexpected_values: tuple[str, ...] = ()
    # A few offending rows identified by the table's key columns (article_id, mention_id, ...).
    unexpected_rows: tuple[dict[str, str], ...] = ()
    error: str | None = None  # set when GX could not evaluate it (e.g. a missing column)

    def as_dict(self) -> dict[str, Any]:
        return {
            "expectation": self.expectation,
            "column": self.column,
            "severity": self.severity,
            "unexpected_count": self.unexpected_count,
            "unexpected_values": list(self.unexpected_values),
            "unexpected_rows": list(self.unexpected_rows),
            **({"error": self.error} if self.error else {}),
        }


@dataclass(frozen=True)
class SuiteResult:
    """The outcome of validating one table against its suite."""

    suite: str
    rows: int
    outcomes: tuple[ExpectationOutcome, ...]
    seconds: float

    @property
    def success(self) -> bool:
        return all(o.success for o in self.outcomes)

    @property
    def evaluated(self) -> int:
        return len(self.outcomes)

    @property
    def successful(self) -> int:
        return sum(o.success for o in self.outcomes)

    @property
    def failures(self) -> tuple[ExpectationOutcome, ...]:
        return tuple(o for o in self.outcomes if not o.success)

    def only(self, severity: Severity) -> SuiteResult:
        """The part of the result with one severity (one Dagster check per severity)."""
        return SuiteResult(
            suite=self.suite,
            rows=self.rows,
            outcomes=tuple(o for o in self.outcomes if o.severity == severity),
            seconds=self.seconds,
        )

    def summary(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "success": self.success,
            "rows": self.rows,
            "evaluated_expectations": self.evaluated,
            "successful_expectations": self.successful,
            "failed_expectations": [o.as_dict() for o in self.failures],
            "seconds": round(self.seconds, 4),
        }
