import dagster as dg
import polars as pl


def frame_metadata(df: pl.DataFrame, preview_columns: list[str] | None = None) -> dict[str, dg.MetadataValue]:
    """Row count and a small preview, the metadata every landed table reports."""
    preview = (df.select(preview_columns) if preview_columns else df).head(5)
    preview = preview.with_columns(pl.col(pl.String).str.slice(0, 60))
    with pl.Config(tbl_rows=5, tbl_cols=12, fmt_str_lengths=60, tbl_width_chars=200):
        text = str(preview)
    return {
        "dagster/row_count": dg.MetadataValue.int(df.height),
        "preview": dg.MetadataValue.md(f"```\n{text}\n```"),
    }
