-- grain: one row per build that merged a batch: what that run added, replaced, retracted and refused.
-- `akhbar status` reads the latest row; rejected_articles.rejected_at = run_at lists its rejects.
-- Append-only: the batch tables it counts hold this run's rows only.
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
    )
}}
with files as (
    select * from {{ ref('stg_inbox_files') }}
),

articles as (
    select * from {{ ref('stg_articles') }}
),

retracted as (
    select * from {{ source('landing', 'retracted_articles') }}
),

duplicates as (
    select * from {{ ref('stg_duplicate_articles') }}
),

rejects as (
    select * from {{ ref('stg_rejected_articles') }}
),

article_changes as (
    select files.change
    from articles
    inner join files using (source_file)
),

final as (
    select
        cast('{{ run_started_at }}' as timestamp with time zone) as run_at,
        (select count(*) from files where change = 'new') as files_new,
        (select count(*) from files where change = 'changed') as files_changed,
        (select count(*) from files where change = 'reprocess') as files_reprocessed,
        (select count(*) from files where change = 'deleted') as files_deleted,
        (select count(*) from article_changes where change = 'new') as articles_added,
        (select count(*) from article_changes where change <> 'new') as articles_changed,
        (
            select count(*) from retracted
            where article_id not in (select article_id from articles)
        ) as articles_retracted,
        (select count(*) from duplicates) as duplicates,
        (select count(*) from rejects) as rejected
)

select * from final
