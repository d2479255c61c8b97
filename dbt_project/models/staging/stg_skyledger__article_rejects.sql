with

source as (

    select * from {{ source('skyledger', 'article_rejects') }}

),

renamed as (

    select
        cast(source_path as {{ dbt.type_string() }}) as source_path,
        cast(source_line as integer) as source_line,
        lower(trim(reason)) as reason,
        nullif(trim(detail), '') as detail,
        cast(rejected_at as timestamp) as rejected_at

    from source

)

select * from renamed
