with

source as (

    select * from {{ source('skyledger', 'countries') }}

),

renamed as (

    select
        trim(country_code) as country_code,
        trim(name) as country_name

    from source

)

select * from renamed
