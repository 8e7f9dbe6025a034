{#- int_event_clusters is rebuilt per unordered actor pair (see there). -#}

{#- The unordered actor pair of a mention, as one string. Two pairs may share a string only if an
    entity id held '|': that merely recomputes both pairs together. -#}
{% macro actor_pair(actor1, actor2) -%}
    least(coalesce({{ actor1 }}, ''), coalesce({{ actor2 }}, ''))
    || '|' || greatest(coalesce({{ actor1 }}, ''), coalesce({{ actor2 }}, ''))
{%- endmacro %}

{#- Deletes the rows of every actor pair that the batch touches: the pairs of the batch's mentions
    (new or read again, with their former pair too) and of mentions no longer extracted (retracted
    articles). The model then recomputes the mentions that have no row left. -#}
{% macro unassign_touched_pairs() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where {{ actor_pair('actor1_entity_id', 'actor2_entity_id') }} in (
        select {{ actor_pair('actor1_entity_id', 'actor2_entity_id') }}
        from {{ ref('stg_event_candidates') }}
        union
        select {{ actor_pair('assigned.actor1_entity_id', 'assigned.actor2_entity_id') }}
        from {{ this }} as assigned
        left join {{ ref('int_event_mentions') }} as mentions using (mention_id)
        where mentions.mention_id is null
            or assigned.mention_id in (select mention_id from {{ ref('stg_event_candidates') }})
    )
    {%- endif -%}
{%- endmacro %}
