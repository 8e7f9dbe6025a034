
import os

import dagster as dg
from dagster_dbt import DbtCliResource, DbtProject
from dagster_duckdb_polars import DuckDBPolarsIOManager

from orchestration.settings import DBT_PROJECT_DIR, Settings, get_settings

dbt_project = DbtProject(project_dir=DBT_PROJECT_DIR, profiles_dir=DBT_PROJECT_DIR)


class AkhbarConfig(dg.ConfigurableResource):
    """Paths of one deployment; defaults come from the AKHBAR_* environment variables."""

    inbox: str
    warehouse: str
    build_database: str
    quality_dir: str


def build_resources(settings: Settings | None = None) -> dict[str, object]:
    settings = settings or get_settings()
    settings.build_database.parent.mkdir(parents=True, exist_ok=True)
    # dbt reads the database path from this variable (see dbt_project/profiles.yml).
    os.environ["AKHBAR_BUILD_DB"] = str(settings.build_database)
    return {
        "io_manager": DuckDBPolarsIOManager(database=str(settings.build_database)),
        "dbt": DbtCliResource(project_dir=dbt_project),
        "akhbar": AkhbarConfig(
            inbox=str(settings.inbox),
            warehouse=str(settings.warehouse),
            build_database=str(settings.build_database),
            quality_dir=str(settings.quality_dir),
        ),
    }
