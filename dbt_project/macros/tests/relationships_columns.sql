{#- Fails for every non-null value of a column that its referenced table does not hold, one row per
    (column, value): dbt's `relationships` for several columns of a model in one node and query.
    `references` is a list of {column, to, field}, `to` a ref() as in `relationships`. -#}
{% test relationships_columns(model, references) %}

{%- for r in references %}
select distinct '{{ r.column }}' as column_name, cast(child.{{ r.column }} as {{ dbt.type_string() }}) as value
from {{ model }} as child
left join {{ r.to }} as parent on child.{{ r.column }} = parent.{{ r.field }}
where child.{{ r.column }} is not null and parent.{{ r.field }} is null
{{ "union all" if not loop.last }}
{%- endfor %}

{% endtest %}
