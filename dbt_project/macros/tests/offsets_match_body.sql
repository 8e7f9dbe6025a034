{#- Fails for every row whose [start, end) span does not lie inside the article body, or, when a
    `surface_column` is given, whose span does not spell that surface:
    substr(body, start + 1, end - start) = surface. -#}
{% test offsets_match_body(model, start_column, end_column, surface_column=none, articles=ref('dim_articles')) %}

with mentions as (
    -- the batch's rows, or all after an unverified build (macros/verified_rows.sql)
    select * from {{ model }}
    {{ rows_to_verify() }}
),

articles as (
    select article_id, body from {{ articles }}
),

checked as (
    select mentions.*
    from mentions
    left join articles using (article_id)
    where articles.article_id is null
        or mentions.{{ start_column }} < 0
        or mentions.{{ end_column }} > length(articles.body)
        or mentions.{{ start_column }} >= mentions.{{ end_column }}
        {%- if surface_column %}
        or substr(articles.body, mentions.{{ start_column }} + 1,
                  mentions.{{ end_column }} - mentions.{{ start_column }}) <> mentions.{{ surface_column }}
        {%- endif %}
)

select * from checked

{% endtest %}
