with

source as (

    select * from {{ source('skyledger', 'extractions') }}

),

renamed as (

    select
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(extractor_version as {{ dbt.type_string() }}) as extractor_version,
        cast(claim_count as integer) as claim_count,
        cast(extracted_at as timestamp) as extracted_at,
        cast(error as {{ dbt.type_string() }}) as extraction_error

    from source

)

select * from renamed
