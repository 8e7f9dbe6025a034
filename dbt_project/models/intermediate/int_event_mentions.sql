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

-- A batch's mentions come with their articles, so the publication date is at hand here.
articles as (
    select article_id, published_date from {{ ref('stg_articles') }}
),

final as (
    select batch.*, articles.published_date
    from batch
    left join articles using (article_id)
)

select * from final
