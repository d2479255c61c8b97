with

source as (

    select * from {{ source('skyledger', 'extractions') }}

),

renamed as (

    select
        cast(article_id as varchar) as article_id,
        cast(content_hash as varchar) as content_hash,
        cast(extractor_version as varchar) as extractor_version,
        cast(claim_count as integer) as claim_count,
        cast(extracted_at as timestamp) as extracted_at,
        cast(error as varchar) as extraction_error,

    from source

)

select * from renamed
