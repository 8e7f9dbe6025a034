{#- Spark writes plain Parquet tables, which have no row-level delete, so the incremental models'
    merges (delete+insert, and the delete pre-hooks before an append) cannot run there: a Spark build
    is a full rebuild from the Parquet lake (a first build, or --full-refresh). This overrides
    dbt-spark's strategy check to say so, instead of rejecting 'delete+insert' on a first build,
    where no merge happens. -#}
{% macro dbt_spark_validate_get_incremental_strategy(raw_strategy, file_format) %}
    {%- if load_relation(this) is not none and not should_full_refresh() -%}
        {%- do exceptions.raise_compiler_error(
            "Spark builds of " ~ this ~ " are full rebuilds from the Parquet lake: run with --full-refresh"
        ) -%}
    {%- endif -%}
    {%- do return('append') -%}
{% endmacro %}
