-- Top actor pairs by mentions, whichever side acted.
select
    least(actor1_name_en, actor2_name_en) as actor_a,
    greatest(actor1_name_en, actor2_name_en) as actor_b,
    count(*) as events,
    sum(num_mentions) as mentions,
    sum(num_articles) as articles
from {{ ref('fct_events') }}
where actor2_entity_id is not null
group by all
order by mentions desc, events desc
limit 20
