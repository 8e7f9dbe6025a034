{{ config(meta={'dagster': {'ref': {'name': 'fct_event_mentions'}}}) }}
-- An article cannot report as having happened something dated after its own publication: for every
-- occurred or historical mention with a day-precise date of its own, that date is not later.
select mentions.mention_id, mentions.event_date, articles.published_date
from {{ ref('fct_event_mentions') }} as mentions
inner join {{ ref('dim_articles') }} as articles using (article_id)
where mentions.status in ('occurred', 'historical')
    and mentions.date_precision = 'day'
    and mentions.event_date is not null
    and articles.published_date is not null
    and mentions.event_date > articles.published_date
