-- grain: one row per event mention (sentence, dyad, code), accumulated over every run.
-- Incremental: mentions of retracted articles are deleted, then the batch is merged.
{{
    config(
        materialized='incremental',
        unique_key='mention_id',
        incremental_strategy='delete+insert',
        pre_hook="{{ delete_retracted_articles() }}",
    )
}}

with batch as (
    select * from {{ ref('stg_event_candidates') }}
),

final as (
    select * from batch
)

select * from final
