{#- The row-by-row offset tests (offsets_match_body, offset_within_body) join every mention with its
    article's body: over a whole mart that is most of a small batch's test time (issue #14). Mention
    rows never change once merged (a re-read or retracted article replaces or deletes them), so each
    row needs checking once, in the build that merges it. The tests therefore check the batch's
    articles only, and every row when the previous build did not end verified: the verdict is set
    false when a build starts (its tests read the previous build's), and true at its end only when
    the build ran every such test and nothing failed. A failed, killed or partial build is thus
    followed by a whole check. -#}

{%- macro verdict_relation() -%}
    {{ return(api.Relation.create(database=target.database, schema='intermediate',
                                  identifier='akhbar_offsets_verified')) }}
{%- endmacro %}

{#- Whether the verdict table exists (made by the on-run-start hook, which the adapter's relation
    cache does not see, so it is looked up in the catalog). -#}
{%- macro verdict_exists() -%}
    {%- set found = run_query(
        "select count(*) from information_schema.tables "
        "where table_schema = 'intermediate' and table_name = 'akhbar_offsets_verified'"
    ) -%}
    {{ return(found.columns[0].values()[0] > 0) }}
{%- endmacro %}

{#- on-run-start: carry the last build's verdict over to `previous` (what this build's tests read),
    and mark this build unverified until its end. -#}
{% macro reset_offsets_verdict() -%}
    {%- if execute and target.type == 'duckdb' -%}
    {%- set relation = verdict_relation() -%}
    {%- do run_query('create schema if not exists ' ~ relation.without_identifier()) -%}
    {%- do run_query('create table if not exists ' ~ relation ~ ' (previous boolean, verified boolean)') -%}
    {%- do run_query('insert into ' ~ relation ~ ' select false, false where not exists (select 1 from ' ~ relation ~ ')') -%}
    update {{ relation }} set previous = verified, verified = false
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- on-run-end: verified when every offset test of the project ran in this build and none failed. -#}
{% macro record_offsets_verdict(results) -%}
    {%- if execute and target.type == 'duckdb' -%}
    {%- set offset_tests = [] -%}
    {%- for node in graph.nodes.values() if node.resource_type == 'test'
        and (node.test_metadata or {}).get('name') in ('offsets_match_body', 'offset_within_body') -%}
        {%- do offset_tests.append(node.unique_id) -%}
    {%- endfor -%}
    {%- set passed = [] -%}
    {%- set failed = [] -%}
    {%- for result in results -%}
        {%- if result.status in ('error', 'fail', 'runtime error') -%}
            {%- do failed.append(result.node.unique_id) -%}
        {%- elif result.node.unique_id in offset_tests and result.status == 'pass' -%}
            {%- do passed.append(result.node.unique_id) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- set verified = not failed and (passed | length) == (offset_tests | length) -%}
    update {{ verdict_relation() }} set verified = {{ 'true' if verified else 'false' }}
    {%- else -%}
    select 1
    {%- endif -%}
{%- endmacro %}

{#- A filter on a mart's rows: those of the batch's articles, or every row after an unverified build. -#}
{% macro rows_to_verify(article_column='article_id') -%}
    {#- the ref outside the condition: dbt records a test's dependencies when parsing, unexecuted -#}
    {%- set batch_articles = ref('stg_articles') -%}
    {%- if execute and target.type == 'duckdb' and verdict_exists() -%}
    {%- set relation = verdict_relation() -%}
    where {{ article_column }} in (select article_id from {{ batch_articles }})
        or not coalesce((select bool_and(previous) from {{ relation }}), false)
    {%- endif -%}
{%- endmacro %}
