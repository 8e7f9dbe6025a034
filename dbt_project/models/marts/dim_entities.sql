-- grain: one row per entity that the knowledge base holds or that a run discovered.
with entities as (
    select * from {{ ref('int_entities') }}
),

mention_counts as (
    select
        entity_id,
        count(*) as n_mentions,
        count(distinct article_id) as n_articles
    from {{ ref('fct_entity_mentions') }}
    group by entity_id
),

final as (
    select
        entities.entity_id,
        entities.name_en,
        entities.name_ar,
        entities.entity_type,
        entities.country_iso3,
        entities.cameo_code,
        entities.latitude,
        entities.longitude,
        entities.origin,
        coalesce(mention_counts.n_mentions, 0) as n_mentions,
        coalesce(mention_counts.n_articles, 0) as n_articles
    from entities
    left join mention_counts using (entity_id)
)

select * from final
