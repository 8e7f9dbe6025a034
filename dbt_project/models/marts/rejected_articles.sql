-- grain: one row per inbox file (record_index NULL) or record that did not become an article.
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
        rejected_at
    from rejects
)

select * from final
