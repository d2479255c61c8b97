with

source as (

    select * from {{ source('skyledger', 'article_duplicates') }}

),

renamed as (

    select
        cast(source_path as {{ dbt.type_string() }}) as source_path,
        cast(source_line as integer) as source_line,
        nullif(trim(record_id), '') as record_id,
        nullif(trim(outlet), '') as outlet,
        nullif(trim(url), '') as url,
        cast(published_at as timestamp) as published_at,
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(seen_at as timestamp) as seen_at

    from source

)

select * from renamed
