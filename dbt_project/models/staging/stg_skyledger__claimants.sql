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
        list_filter(
            list_transform(string_split(coalesce(aliases, ''), '|'), lambda spelling: trim(spelling)),
            lambda spelling: spelling <> ''
        ) as aliases,

    from source

)

select * from renamed
