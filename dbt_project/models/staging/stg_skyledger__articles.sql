-- One row per distinct article. `text` is kept byte for byte: evidence offsets point into it.

with

source as (

    select * from {{ source('skyledger', 'articles') }}

),

renamed as (

    select
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(source_path as {{ dbt.type_string() }}) as source_path,
        cast(source_line as integer) as source_line,
        lower(trim(source_format)) as source_format,
        nullif(trim(url), '') as url,
        nullif(trim(outlet), '') as outlet,
        nullif(trim(title), '') as title,
        nullif(lower(trim(language)), '') as language,
        cast(published_at as timestamp) as published_at,
        cast(published_date as date) as published_date,
        cast(text as {{ dbt.type_string() }}) as article_text,
        cast(char_count as integer) as char_count,
        cast(loaded_at as timestamp) as loaded_at

    from source

)

select * from renamed
