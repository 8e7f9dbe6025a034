"""The scale-out tests share the sample pipeline of the main suite (one materialization per session)."""

from tests.conftest import sample_pipeline

__all__ = ["sample_pipeline"]
