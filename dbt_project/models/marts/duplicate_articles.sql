-- grain: one row per inbox record that repeats an article already ingested.
-- Incremental: rows of every file in this run's batch are deleted, then the batch is appended.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ delete_batch_files() }}",
    )
}}
with duplicates as (
    select * from {{ ref('stg_duplicate_articles') }}
),

final as (
    select
        source_file,
        record_index,
        article_id,
        duplicate_of_file,
        duplicate_of_record
    from duplicates
)

select * from final
