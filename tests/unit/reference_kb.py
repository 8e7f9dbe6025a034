"""The reference knowledge base, loaded once per test process and shared by every test that reads it."""

from __future__ import annotations

from functools import cache

import pytest

from orchestration.transforms.reference import KnowledgeBase, load_kb


@cache
def reference_kb() -> KnowledgeBase:
    # Frames are immutable and no test rebinds a field, so one instance is safe to share.
    return load_kb()


@pytest.fixture(scope="session")
def kb() -> KnowledgeBase:
    return reference_kb()
