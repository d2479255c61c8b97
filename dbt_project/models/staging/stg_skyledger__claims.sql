-- One row per extracted claim. `evidence_text` is kept as extracted: it must equal the article slice.

with

source as (

    select * from {{ source('skyledger', 'claims') }}

),

renamed as (

    select
        cast(claim_id as {{ dbt.type_string() }}) as claim_id,
        cast(article_id as {{ dbt.type_string() }}) as article_id,
        nullif(trim(claimant), '') as claimant,
        trim(claimant_id) as claimant_id,
        trim(claimant_kind) as claimant_kind,
        nullif(trim(claimant_country), '') as claimant_country,
        trim(outcome) as outcome,
        trim(weapon) as weapon,
        nullif(trim(weapon_model), '') as weapon_model,
        nullif(trim(weapon_origin), '') as weapon_origin,
        cast(count as integer) as count,
        trim(count_qualifier) as count_qualifier,
        nullif(trim(country), '') as country,
        nullif(trim(region_code), '') as region_code,
        trim(scope) as scope,
        nullif(trim(place), '') as place,
        nullif(trim(time_text), '') as time_text,
        cast(period_start as date) as period_start,
        cast(period_end as date) as period_end,
        nullif(trim(parent_claim_id), '') as parent_claim_id,
        cast(evidence_start as integer) as evidence_start,
        cast(evidence_end as integer) as evidence_end,
        cast(evidence_text as {{ dbt.type_string() }}) as evidence_text,
        nullif(trim(count_text), '') as count_text,
        nullif(trim(outcome_text), '') as outcome_text,
        nullif(trim(weapon_text), '') as weapon_text,
        nullif(trim(place_text), '') as place_text,
        cast(is_place_resolved as boolean) as is_place_resolved,
        cast(is_hedged as boolean) as is_hedged,
        cast(mention_start as integer) as mention_start,
        cast(content_hash as {{ dbt.type_string() }}) as content_hash,
        cast(extractor_version as {{ dbt.type_string() }}) as extractor_version,
        cast(extracted_at as timestamp) as extracted_at

    from source

)

select * from renamed
