with

source as (

    select * from {{ source('skyledger', 'regions') }}

),

renamed as (

    select
        trim(region_code) as region_code,
        trim(country_code) as country_code,
        trim(name) as region_name,
        nullif(trim(subdivision_type), '') as subdivision_type

    from source

)

select * from renamed
