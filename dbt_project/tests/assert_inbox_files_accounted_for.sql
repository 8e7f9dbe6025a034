{{ config(meta={'dagster': {'ref': {'name': 'inbox_files'}}}) }}
-- Every file of the inbox state is in dim_articles, duplicate_articles or rejected_articles.
with ledger as (
    select source_file from {{ ref('dim_articles') }}
    union
    select source_file from {{ ref('duplicate_articles') }}
    union
    select source_file from {{ ref('rejected_articles') }}
)

select inbox_files.source_file
from {{ ref('inbox_files') }} as inbox_files
left join ledger using (source_file)
where ledger.source_file is null
