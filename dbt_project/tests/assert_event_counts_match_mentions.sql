{{ config(meta={'dagster': {'ref': {'name': 'fct_events'}}}) }}
-- num_mentions, num_articles of every event equal what fct_event_mentions holds for it.
with counted as (
    select
        event_id,
        count(*) as n_mentions,
        count(distinct article_id) as n_articles
    from {{ ref('fct_event_mentions') }}
    group by event_id
)

select events.event_id, events.num_mentions, counted.n_mentions, events.num_articles, counted.n_articles
from {{ ref('fct_events') }} as events
full outer join counted using (event_id)
where counted.event_id is null
    or events.event_id is null
    or events.num_mentions <> counted.n_mentions
    or events.num_articles <> counted.n_articles
