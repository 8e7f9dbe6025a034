{#- Incremental models accumulate across runs while the landing tables hold only one run's batch.
    Before a batch is merged, rows that the batch replaces are deleted: -#}

{#- rows of every inbox file in the batch (new, changed, reprocessed or deleted files) -#}
{% macro delete_batch_files(column='source_file') -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where {{ column }} in (select source_file from {{ source('landing', 'inbox_files') }} {{ ingest_window() }})
    {%- endif -%}
{%- endmacro %}

{#- rows derived from articles whose file is in the batch (retracted, perhaps re-added) -#}
{% macro delete_retracted_articles() -%}
    {%- if is_incremental() -%}
    delete from {{ this }}
    where article_id in (select article_id from {{ source('landing', 'retracted_articles') }} {{ ingest_window() }})
    {{ seen_before_window() }}
    {%- endif -%}
{%- endmacro %}
