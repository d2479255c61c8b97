-- One row per article without a publication date: the date its own text gives (or null).

with

source as (

    select * from {{ source('skyledger', 'article_reference_dates') }}

),

renamed as (

    select
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(reference_date as date) as reference_date,
        cast(basis as {{ dbt.type_string() }}) as reference_date_basis,
        cast(evidence_text as {{ dbt.type_string() }}) as reference_date_text

    from source

)

select * from renamed
