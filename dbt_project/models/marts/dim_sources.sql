-- grain: one row per outlet name found in the articles.
with articles as (
    select * from {{ ref('dim_articles') }}
),

aggregated as (
    select
        source_id,
        source_name,
        count(*) as n_articles,
        min(published_date) as first_published_date,
        max(published_date) as last_published_date
    from articles
    where source_name is not null
    group by source_id, source_name
),

final as (
    select * from aggregated
)

select * from final
