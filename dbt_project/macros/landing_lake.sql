{#- Sources from the Parquet lake. With `--vars '{landing_lake: <folder>}'` (the folder holding one
    sub-folder per landing table, hive-partitioned by ingest_date), an on-run-start hook points each
    `landing.<table>` source at the lake: DuckDB gets a view over read_parquet, Spark an external
    Parquet table. Without the var the sources are the tables Dagster lands in the DuckDB database. -#}
{% macro register_landing_sources() -%}
    {%- set lake = var('landing_lake', none) -%}
    {%- if execute and lake -%}
        {%- for source in graph.sources.values() if source.source_name == 'landing' -%}
            {%- do adapter.dispatch('landing_table_over_lake', 'akhbar')(
                source.schema, source.identifier, lake ~ '/' ~ source.name
            ) -%}
        {%- endfor -%}
    {%- elif execute and target.type == 'spark' -%}
        {%- do exceptions.raise_compiler_error(
            "On Spark the landing tables are read from the Parquet lake: pass --vars '{landing_lake: <path>}'"
        ) -%}
    {%- endif -%}
    select 1
{%- endmacro %}

{% macro default__landing_table_over_lake(schema, table, location) -%}
    {%- do run_query('create schema if not exists ' ~ schema) -%}
    {%- do run_query(
        'create or replace view ' ~ schema ~ '.' ~ table ~ " as select * from read_parquet('"
        ~ location ~ "/ingest_date=*/*.parquet', hive_partitioning = true, union_by_name = true)"
    ) -%}
{%- endmacro %}

{% macro spark__landing_table_over_lake(schema, table, location) -%}
    {%- do run_query('create database if not exists ' ~ schema) -%}
    {%- do run_query('drop table if exists ' ~ schema ~ '.' ~ table) -%}
    {#- Spark infers the ingest_date=... folders as a partition column of type date, but a table's
        partitions are catalog entries: they must be recovered from the folders, or it reads empty. -#}
    {%- do run_query(
        'create table ' ~ schema ~ '.' ~ table ~ " using parquet location '" ~ location ~ "'"
    ) -%}
    {%- do run_query('alter table ' ~ schema ~ '.' ~ table ~ ' recover partitions') -%}
{%- endmacro %}
