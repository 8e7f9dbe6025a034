from collections.abc import Iterator, Mapping
from typing import Any

import dagster as dg
from dagster_dbt import DagsterDbtTranslator, DagsterDbtTranslatorSettings, dbt_assets

from orchestration.dbt_inprocess import InProcessDbtResource
from orchestration.defs.resources import dbt_project


class AkhbarDbtTranslator(DagsterDbtTranslator):
    """dbt models are grouped by their folder (staging, intermediate, marts, seeds).

    Sources keep the default key ``[source_name, table]`` = ``["landing", table]``, which is the key of
    the Python asset that lands the table, so Python and dbt form one lineage graph.
    """

    def get_group_name(self, dbt_resource_props: Mapping[str, Any]) -> str | None:
        if dbt_resource_props["resource_type"] == "seed":
            return "reference"
        fqn = dbt_resource_props.get("fqn", [])
        return f"dbt_{fqn[1]}" if len(fqn) > 2 else "dbt"


@dbt_assets(
    manifest=dbt_project.manifest_path,
    project=dbt_project,
    dagster_dbt_translator=AkhbarDbtTranslator(
        settings=DagsterDbtTranslatorSettings(enable_asset_checks=True)
    ),
)
def akhbar_dbt_models(context: dg.AssetExecutionContext, dbt: InProcessDbtResource) -> Iterator[Any]:
    """`dbt build`: seeds, models and their tests (reported as asset checks), run in-process."""
    yield from dbt.build(context, ["build"])
