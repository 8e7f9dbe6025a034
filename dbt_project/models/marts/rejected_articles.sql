-- grain: one row per inbox file (record_index NULL) or record that did not become an article.
-- Incremental: rows of every file in this run's batch are deleted, then the batch is appended.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ delete_batch_files() }}",
    )
}}
with rejects as (
    select * from {{ ref('stg_rejected_articles') }}
),

final as (
    select
        reject_id,
        source_file,
        record_index,
        file_size_bytes,
        reason,
        message,
        rejected_stage,
        rejected_at
    from rejects
)

select * from final
