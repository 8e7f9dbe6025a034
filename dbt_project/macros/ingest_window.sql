{#- Daily partitions (orchestration/partitioned.py): a partition run builds with
    --vars '{ingest_window_start: YYYY-MM-DD, ingest_window_end: YYYY-MM-DD}' (end exclusive), the
    Dagster partition's time window, over landing tables read from the lake that hold every day.
    Without the vars (the plain inbox mode) the landing tables hold just one batch and nothing is
    filtered. -#}

{#- Rows of the landing table in the window; with `key`, one row per key, the first day's (as the
    plain mode keeps an article's first copy): days are processed independently, so the knowledge
    base that every day lists, or an article copied on two days, arrives once per day. -#}
{% macro ingest_window(key=none) -%}
    {%- if var('ingest_window_start', none) -%}
    where ingest_date >= cast('{{ var("ingest_window_start") }}' as date)
        and ingest_date < cast('{{ var("ingest_window_end") }}' as date)
    {%- if key %}
    qualify row_number() over (partition by {{ key }} order by ingest_date) = 1
    {%- endif -%}
    {%- endif -%}
{%- endmacro %}
