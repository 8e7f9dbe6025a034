{#- Daily partitions (orchestration/partitioned.py): a partition run builds with
    --vars '{ingest_window_start: YYYY-MM-DD, ingest_window_end: YYYY-MM-DD}' (end exclusive), the
    Dagster partition's time window, over landing tables read from the lake that hold every day.
    Without the vars (the plain inbox mode) the landing tables hold just one batch and nothing is
    filtered. -#}

{#- Rows of the landing table in the window; with `key`, one row per key, the first day's (as the
    plain mode keeps an article's first copy): days are processed independently, so the knowledge
    base that every day lists, or an article copied on two days, arrives once per day. The first day
    is looked for over every earlier day, not only the window's: a copy of an article that an earlier
    build already holds is not new. -#}
{% macro ingest_window(key=none) -%}
    {%- if var('ingest_window_start', none) -%}
    {%- if key %}
    where ingest_date < cast('{{ var("ingest_window_end") }}' as date)
    qualify row_number() over (partition by {{ key }} order by ingest_date) = 1
        and ingest_date >= cast('{{ var("ingest_window_start") }}' as date)
    {%- else %}
    where ingest_date >= cast('{{ var("ingest_window_start") }}' as date)
        and ingest_date < cast('{{ var("ingest_window_end") }}' as date)
    {%- endif -%}
    {%- endif -%}
{%- endmacro %}

{#- Article records of the window's days that copy an article of an earlier day, as rows of
    `duplicate_articles` pointing at the first copy: each day's ingest only sees its own files, so a
    copy across days is found here, over every day up to the window's end. Nothing in the plain mode,
    whose ingest compares a batch with what was ingested before. -#}
{% macro later_day_copies() -%}
    {%- if var('ingest_window_start', none) -%}
    union all
    select source_file, record_index, article_id, duplicate_of_file, duplicate_of_record
    from (
        select
            source_file,
            record_index,
            article_id,
            ingest_date,
            first_value(source_file) over first_copy as duplicate_of_file,
            first_value(record_index) over first_copy as duplicate_of_record,
            row_number() over first_copy as copy_number
        from {{ source('landing', 'raw_articles') }}
        where ingest_date < cast('{{ var("ingest_window_end") }}' as date)
        window first_copy as (
            partition by article_id order by ingest_date, source_file, record_index
            rows between unbounded preceding and current row
        )
    ) as copies
    where copy_number > 1
        and ingest_date >= cast('{{ var("ingest_window_start") }}' as date)
    {%- endif -%}
{%- endmacro %}

{#- Articles whose first copy is on a day before the window: a later day's run retracting its copy
    must not take the earlier day's rows with it. -#}
{% macro seen_before_window() -%}
    {%- if var('ingest_window_start', none) -%}
    and article_id not in (
        select article_id from {{ source('landing', 'raw_articles') }}
        where ingest_date < cast('{{ var("ingest_window_start") }}' as date)
    )
    {%- endif -%}
{%- endmacro %}
