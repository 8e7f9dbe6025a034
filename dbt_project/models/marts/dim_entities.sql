-- grain: one row per entity seen in the corpus: mentioned in an article or an actor or location of
-- an event. The whole catalogue (knowledge base, role actors, found entities) stays in int_entities.
with entities as (
    select * from {{ ref('int_entities') }}
),

mentions as (
    select * from {{ ref('fct_entity_mentions') }}
),

articles as (
    select article_id, published_date from {{ ref('dim_articles') }}
),

event_refs as (
    select actor1_entity_id as entity_id from {{ ref('int_event_clusters') }}
    union
    select actor2_entity_id from {{ ref('int_event_clusters') }}
    union
    select location_entity_id from {{ ref('int_event_clusters') }}
),

mention_stats as (
    select
        mentions.entity_id,
        count(*) as n_mentions,
        count(distinct mentions.article_id) as n_articles,
        min(articles.published_date) as first_seen
    from mentions
    left join articles using (article_id)
    group by mentions.entity_id
),

seen as (
    select entity_id from mention_stats
    union
    select entity_id from event_refs where entity_id is not null
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
        entities.origin in ('kb', 'role') as is_known,
        mention_stats.first_seen,
        coalesce(mention_stats.n_mentions, 0) as n_mentions,
        coalesce(mention_stats.n_articles, 0) as n_articles
    from entities
    inner join seen using (entity_id)
    left join mention_stats using (entity_id)
)

select * from final
