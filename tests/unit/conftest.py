"""Fixtures shared by the unit tests."""

from tests.unit.reference_kb import kb

__all__ = ["kb"]
