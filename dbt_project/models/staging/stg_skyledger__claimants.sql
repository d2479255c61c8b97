with

source as (

    select * from {{ source('skyledger', 'claimants') }}

),

renamed as (

    select
        trim(claimant_id) as claimant_id,
        trim(name) as claimant_name,
        trim(kind) as claimant_kind,
        nullif(trim(country), '') as claimant_country,
        -- pipe-separated spellings -> a list, blanks dropped
        {{ split_trimmed('aliases', '|') }} as aliases

    from source

)

select * from renamed
