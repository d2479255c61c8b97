-- The place columns agree with scope:
--   region  => region_code present, and country is its prefix (RU-BEL => RU)
--   sea     => country null
--   country => region_code null, country present
--   not region => region_code null

with

claims as (

    -- the claims of changed articles (macros/checked_rows.sql)
    select * from {{ checked_rows(ref('fct_claims')) }}

),

checked as (

    select
        claim_id,
        article_id,
        scope,
        country,
        region_code,
        place,
        place_text,
        evidence_text,
        case
            when scope = 'region' and region_code is null
                then 'region scope without region_code'
            when scope = 'region' and country is distinct from split_part(region_code, '-', 1)
                then 'region_code not in country'
            when scope <> 'region' and region_code is not null
                then 'region_code outside region scope'
            when scope = 'sea' and country is not null
                then 'sea scope with a country'
            when scope = 'country' and country is null
                then 'country scope without country'
        end as violation

    from claims

),

final as (

    select * from checked
    where violation is not null

)

select * from final
