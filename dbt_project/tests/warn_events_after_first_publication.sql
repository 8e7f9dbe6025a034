{{ config(severity='warn', meta={'dagster': {'ref': {'name': 'fct_events'}}}) }}
-- Events that occurred (by every mention) yet are dated more than a day after the first article that
-- reports them: usually a one-day chain in the deduplication, worth a look, not a reason to block.
select event_id, event_date, first_seen_date
from {{ ref('fct_events') }}
where status = 'occurred'
    and date_precision = 'day'
    and first_seen_date is not null
    and event_date > first_seen_date + 1
    and event_id not in (
        select event_id from {{ ref('fct_event_mentions') }} where status <> 'occurred'
    )
