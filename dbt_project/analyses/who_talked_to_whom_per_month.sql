-- Who talked to whom, per month: calls and meetings between two actors.
select
    date_trunc('month', event_date) as month,
    actor1_name_en,
    actor2_name_en,
    count(*) filter (where event_code like '041%') as calls,
    count(*) filter (where event_code similar to '04[0234].*') as meetings,
    sum(num_mentions) as mentions
from {{ ref('fct_events') }}
where event_root_code = '04' and event_date is not null
group by all
order by month, mentions desc
