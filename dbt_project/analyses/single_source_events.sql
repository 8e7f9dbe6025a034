-- Events reported by only one source: candidates for verification.
select
    events.event_id,
    events.event_date,
    events.event_code,
    events.actor1_name_en,
    events.actor2_name_en,
    events.num_articles,
    any_value(articles.source_name) as source_name,
    any_value(mentions.sentence) as example_sentence
from {{ ref('fct_events') }} as events
inner join {{ ref('fct_event_mentions') }} as mentions using (event_id)
inner join {{ ref('dim_articles') }} as articles using (article_id)
where events.num_sources = 1
group by all
order by events.event_date nulls last
