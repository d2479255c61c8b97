-- Grain: one row per ISO 3166-2 subdivision: every region of RU, UA and BY, plus every region of
-- any other country that claims name (as `country` or as the prefix of `region_code`).

with

regions as (

    select * from {{ ref('stg_skyledger__regions') }}

),

countries as (

    select * from {{ ref('stg_skyledger__countries') }}

),

claims as (

    select * from {{ ref('int_claims_resolved') }}

),

claimed_countries as (

    select country as country_code from claims where country is not null
    union
    select split_part(region_code, '-', 1) as country_code from claims where region_code is not null

),

claims_per_region as (

    select
        region_code,
        count(*) as claim_count

    from claims
    where region_code is not null
    group by region_code

),

final as (

    select
        regions.region_code,
        regions.country_code,
        countries.country_name,
        regions.region_name,
        regions.subdivision_type,
        coalesce(claims_per_region.claim_count, 0) as claim_count

    from regions
    left join countries
        on regions.country_code = countries.country_code
    left join claims_per_region
        on regions.region_code = claims_per_region.region_code
    where
        regions.country_code in ('RU', 'UA', 'BY')
        or regions.country_code in (select country_code from claimed_countries)

)

select * from final
