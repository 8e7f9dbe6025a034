-- grain: one row per event mention, assigned to the real-world event it reports (`event_id`).
-- The deduplication rule is documented in int_event_clusters.yml.
-- Incremental by actor pair: every step below (calls in an article, date chains, evidence for
-- undated mentions) stays within one unordered actor pair, so a pair's events depend on that pair's
-- mentions alone. The pre-hook removes the rows of every pair the batch touches (new, re-read or
-- retracted mentions); the query then recomputes exactly the mentions left without a row, i.e. those
-- pairs whole, as a full build would (tests/integration/test_incremental_fixed.py).
{{
    config(
        materialized='incremental',
        incremental_strategy='append',
        pre_hook="{{ unassign_touched_pairs() }}",
    )
}}
-- depends_on: {{ ref('stg_event_candidates') }}
with candidates as (
    select mentions.*
    from {{ ref('int_event_mentions') }} as mentions
    {% if is_incremental() %}
    left join {{ this }} as assigned_before using (mention_id)
    where assigned_before.mention_id is null
    {% endif %}
),

-- Dyads that an article reports as a telephone call: there a generic "discussed" (040) between the
-- same two actors is the content of the call, not another event.
call_dyads as (
    select distinct
        article_id,
        least(actor1_entity_id, actor2_entity_id) as actor_lo,
        greatest(actor1_entity_id, actor2_entity_id) as actor_hi
    from candidates
    where substr(event_code, 1, 3) = '041' and actor2_entity_id is not null
),

keyed as (
    select
        candidates.*,
        case
            when substr(event_code, 1, 3) = '041' then 'call'
            when event_code = '040' and call_dyads.article_id is not null then 'call'
            when substr(event_code, 1, 3) in ('040', '042', '043', '044') then 'meet'
            else substr(event_code, 1, 3)
        end as event_family,
        substr(event_code, 1, 3) in ('040', '041', '042', '043', '044') as is_symmetric,
        date_precision = 'day' and event_date is not null as is_day_dated
    from candidates
    left join call_dyads
        on call_dyads.article_id = candidates.article_id
        and call_dyads.actor_lo = least(candidates.actor1_entity_id, candidates.actor2_entity_id)
        and call_dyads.actor_hi = greatest(candidates.actor1_entity_id, candidates.actor2_entity_id)
),

dyads as (
    select
        *,
        case when is_symmetric then least(actor1_entity_id, coalesce(actor2_entity_id, ''))
            else actor1_entity_id end as dyad_a,
        case when is_symmetric then greatest(actor1_entity_id, coalesce(actor2_entity_id, ''))
            else coalesce(actor2_entity_id, '') end as dyad_b
    from keyed
),

-- 1. Day-dated mentions of one key chain into one event while consecutive dates are at most a day
--    apart (time zones and late reports), so a call between the same two leaders on another day,
--    or years apart, is another event.
day_dated as (
    select
        *,
        {{ dbt.datediff('lag(event_date) over key_by_date', 'event_date', 'day') }} as gap_days
    from dyads
    where is_day_dated
    window key_by_date as (partition by event_family, dyad_a, dyad_b order by event_date, mention_id)
),

day_clustered as (
    select
        *,
        sum(case when gap_days is null or gap_days > 1 then 1 else 0 end) over (
            partition by event_family, dyad_a, dyad_b order by event_date, mention_id
            rows between unbounded preceding and current row
        ) as cluster_no
    from day_dated
),

clusters as (
    select
        event_family,
        dyad_a,
        dyad_b,
        cluster_no,
        min(event_date) as anchor_date,
        max(event_date) as last_date
    from day_clustered
    group by event_family, dyad_a, dyad_b, cluster_no
),

loose as (
    select * from dyads where not is_day_dated
),

-- 2. A mention without a day-precise date may join a dated event of its key when nothing contradicts
--    it (no other year or month for a coarse date, no other weekday when the text names one) and
--    evidence singles that event out. Each step below keeps a mention only when exactly one event
--    is supported: it never picks between two.
compatible as (
    select
        loose.mention_id,
        loose.article_id,
        loose.location_entity_id,
        loose.status,
        loose.event_weekday,
        loose.date_precision,
        clusters.event_family,
        clusters.dyad_a,
        clusters.dyad_b,
        clusters.cluster_no
    from loose
    inner join clusters using (event_family, dyad_a, dyad_b)
    where
        -- A dated article bounds when what it reports can have happened: an occurred event within
        -- the month before publication, a recalled one before it, a planned one after it.
        (
            loose.published_date is null
            or case loose.status
                when 'occurred' then
                    clusters.anchor_date between loose.published_date - 31 and loose.published_date + 1
                when 'historical' then clusters.anchor_date <= loose.published_date + 1
                else clusters.last_date >= loose.published_date - 1
            end
        )
        and (
            (
                loose.date_precision in ('month', 'year')
                and year(loose.event_date) = year(clusters.anchor_date)
                and (loose.date_precision = 'year' or month(loose.event_date) = month(clusters.anchor_date))
            )
            or (
                loose.date_precision = 'unknown'
                and (
                    loose.event_weekday is null
                    or loose.event_weekday in ({{ iso_weekday('clusters.anchor_date') }}, {{ iso_weekday('clusters.last_date') }})
                )
            )
        )
),

-- 2a. Direct evidence: a coarse date in the event's month or year, or the weekday the text names.
direct as (
    select * from compatible
    where date_precision in ('month', 'year') or event_weekday is not null
    qualify count(*) over (partition by mention_id) = 1
),

-- 2b. The same story: an article that reports the event (dated, or by direct evidence) refers to it
--     again without a date. A recalled (historical) mention does not make a story for a current one.
story_articles as (
    select distinct event_family, dyad_a, dyad_b, cluster_no, article_id, status = 'historical' as recalled
    from day_clustered
    union
    select distinct event_family, dyad_a, dyad_b, cluster_no, article_id, status = 'historical'
    from direct
),

by_story as (
    select compatible.*
    from compatible
    inner join story_articles using (event_family, dyad_a, dyad_b, cluster_no, article_id)
    where story_articles.recalled = (compatible.status = 'historical')
        and compatible.mention_id not in (select mention_id from direct)
    qualify count(*) over (partition by compatible.mention_id) = 1
),

-- 2c. The same place: an undated mention that names where the event happened (according to the
--     mentions attached so far) joins it, and the rest of its article follows it.
event_places as (
    select distinct event_family, dyad_a, dyad_b, cluster_no, location_entity_id
    from (
        select event_family, dyad_a, dyad_b, cluster_no, location_entity_id from day_clustered
        union all
        select event_family, dyad_a, dyad_b, cluster_no, location_entity_id from direct
        union all
        select event_family, dyad_a, dyad_b, cluster_no, location_entity_id from by_story
    )
    where location_entity_id is not null
),

by_place as (
    select compatible.*
    from compatible
    inner join event_places using (event_family, dyad_a, dyad_b, cluster_no, location_entity_id)
    qualify count(*) over (partition by compatible.mention_id) = 1
),

place_story as (
    select compatible.*
    from compatible
    inner join (select distinct event_family, dyad_a, dyad_b, cluster_no, article_id from by_place)
        using (event_family, dyad_a, dyad_b, cluster_no, article_id)
    qualify count(*) over (partition by compatible.mention_id) = 1
),

attached as (
    select mention_id, any_value(cluster_no) as cluster_no
    from (
        select mention_id, cluster_no, 1 as priority from direct
        union all
        select mention_id, cluster_no, 2 from by_story
        union all
        select mention_id, cluster_no, 3 from by_place
        union all
        select mention_id, cluster_no, 4 from place_story
    )
    group by mention_id
    -- the strongest evidence wins; weaker steps agree with it or the mention stays apart
    having count(distinct cluster_no) = 1
),

assigned as (
    select
        day_clustered.mention_id,
        day_clustered.event_family || '|' || day_clustered.dyad_a || '|' || day_clustered.dyad_b
            || '|' || {{ date_key('clusters.anchor_date', 'day') }} as event_key
    from day_clustered
    inner join clusters using (event_family, dyad_a, dyad_b, cluster_no)
    union all
    select
        loose.mention_id,
        loose.event_family || '|' || loose.dyad_a || '|' || loose.dyad_b || '|'
            || case
                when attached.cluster_no is not null then {{ date_key('clusters.anchor_date', 'day') }}
                when loose.date_precision = 'month' then {{ date_key('loose.event_date', 'month') }}
                when loose.date_precision = 'year' then {{ date_key('loose.event_date', 'year') }}
                -- 3. An undated mention that joins nothing is its own event, one per article.
                else 'article:' || loose.article_id
            end as event_key
    from loose
    left join attached using (mention_id)
    left join clusters
        on clusters.event_family = loose.event_family
        and clusters.dyad_a = loose.dyad_a
        and clusters.dyad_b = loose.dyad_b
        and clusters.cluster_no = attached.cluster_no
),

final as (
    select
        {{ short_hash("assigned.event_key") }} as event_id,
        assigned.event_key,
        dyads.mention_id,
        dyads.article_id,
        dyads.sentence_index,
        dyads.sentence,
        dyads.event_code,
        dyads.event_family,
        dyads.trigger_text,
        dyads.action_char_offset,
        dyads.actor1_entity_id,
        dyads.actor2_entity_id,
        dyads.actor1_char_offset,
        dyads.actor2_char_offset,
        dyads.actor1_code,
        dyads.actor2_code,
        dyads.location_entity_id,
        dyads.status,
        dyads.event_date,
        dyads.date_precision,
        dyads.event_weekday,
        dyads.confidence
    from dyads
    inner join assigned using (mention_id)
)

select * from final
