{#- Fails for every non-null offset that does not point inside the body of the row's article. -#}
{% test offset_within_body(model, column_name, articles=ref('dim_articles')) %}

with checked_rows as (
    -- the batch's rows, or all after an unverified build (macros/verified_rows.sql)
    select * from {{ model }}
    {{ rows_to_verify() }}
),

rows_ as (
    select article_id, {{ column_name }} as char_offset from checked_rows
    where {{ column_name }} is not null
),

articles as (
    select article_id, length(body) as n_chars from {{ articles }}
)

select rows_.*
from rows_
left join articles using (article_id)
where articles.article_id is null
    or rows_.char_offset < 0
    or rows_.char_offset >= articles.n_chars

{% endtest %}
