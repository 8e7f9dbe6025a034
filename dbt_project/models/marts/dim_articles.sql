-- grain: one row per distinct article (exact duplicates were folded at ingestion).
-- Incremental: each run merges its batch; rows of re-read or deleted files are replaced first.
{{
    config(
        materialized='incremental',
        unique_key='article_id',
        incremental_strategy='delete+insert',
        pre_hook="{{ delete_batch_files() }}",
    )
}}

with articles as (
    select * from {{ ref('stg_articles') }}
),

final as (
    select
        article_id,
        source_file,
        record_index,
        title,
        published_date,
        published_date_source,
        source_name,
        case when source_name is not null then {{ short_hash("source_name") }} end as source_id,
        section,
        dateline,
        url,
        encoding,
        n_chars,
        body
    from articles
)

select * from final
