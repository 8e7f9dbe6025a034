-- grain: one row per distinct article (exact duplicates were folded at ingestion).
with articles as (
    select * from {{ ref('stg_articles') }}
),

sources as (
    select source_id, source_name from {{ ref('dim_sources') }}
),

final as (
    select
        articles.article_id,
        articles.source_file,
        articles.title,
        articles.published_date,
        articles.published_date_source,
        articles.source_name,
        sources.source_id,
        articles.section,
        articles.dateline,
        articles.url,
        articles.encoding,
        articles.n_chars,
        articles.body
    from articles
    left join sources using (source_name)
)

select * from final
