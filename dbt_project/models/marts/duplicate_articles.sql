-- grain: one row per inbox record that repeats an article already ingested.
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
