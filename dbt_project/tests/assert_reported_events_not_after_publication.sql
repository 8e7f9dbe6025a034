{{ config(meta={'dagster': {'ref': {'name': 'fct_event_mentions'}}}) }}
-- An article cannot report as having happened an event dated after its own publication:
-- for every occurred or historical mention whose article is dated, the event's date is not later.
select mentions.mention_id, mentions.event_id, events.event_date, articles.published_date
from {{ ref('fct_event_mentions') }} as mentions
inner join {{ ref('fct_events') }} as events using (event_id)
inner join {{ ref('dim_articles') }} as articles using (article_id)
where mentions.status in ('occurred', 'historical')
    and events.date_precision = 'day'
    and events.event_date is not null
    and articles.published_date is not null
    and events.event_date > articles.published_date
