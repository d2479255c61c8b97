-- Grain: one row per claim (of the current version of its article).
-- The columns of the claims spec come first, in the spec's order; extra columns follow.
-- Bitemporal: period_start/period_end/claim_date say when it happened; published_at, loaded_at
-- (this report) and first_published_at, first_loaded_at (the earliest report of the same claim,
-- in any article) say when we learned it.

-- Incremental on DuckDB, keyed on the claim (macros/incremental.sql): a build rewrites the claims
-- of changed articles and of every group they join or leave (its first_published_at and
-- first_loaded_at may move), and removes the claims a changed article no longer has.

{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='replace_articles',
    unique_key='claim_id',
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('stg_skyledger__articles') }}
-- depends_on: {{ ref('stg_skyledger__extractions') }}

with

{% if is_incremental() %}
changed_articles as (

    {{ changed_article_ids(this) }}

),

changed_claims as (

    select * from {{ ref('int_claims_resolved') }}
    where article_id in (select article_id from changed_articles)

),

-- the groups a changed article's claims join now or belonged to before
affected_groups as (

    select claim_group_id from ({{ claim_group_keys('changed_claims') }}) as keyed
    union
    select claim_group_id from {{ this }}
    where article_id in (select article_id from changed_articles)

),

{% endif %}
deduplicated as (

    select * from {{ ref('int_claims_deduplicated') }}
    {% if is_incremental() %}
    where claim_group_id in (select claim_group_id from affected_groups)
    {% endif %}

),

-- every report's distinct claim: one row per claim_id
claim_groups as (

    select
        {{ explode_list('claim_ids') }} as claim_id,
        claim_group_id,
        first_published_at,
        first_loaded_at

    from deduplicated

),

claims as (

    select * from {{ ref('int_claims_resolved') }}
    {% if is_incremental() %}
    where
        claim_id in (select claim_id from claim_groups)
        or article_id in (select article_id from changed_articles)
    {% endif %}

),

final as (

    select
        -- the spec's columns (shared/claims-spec.md), in order
        claims.claim_id,
        claims.article_id,
        claims.claimant,
        claims.claimant_id,
        claims.claimant_kind,
        claims.claimant_country,
        claims.outcome,
        claims.weapon,
        claims.weapon_model,
        claims.weapon_origin,
        claims.count,
        claims.count_qualifier,
        claims.country,
        claims.region_code,
        claims.scope,
        claims.place,
        claims.time_text,
        claims.period_start,
        claims.period_end,
        claims.parent_claim_id,
        claims.evidence_start,
        claims.evidence_end,
        claims.evidence_text,
        -- extras
        claims.published_date,
        claims.published_at,
        claims.loaded_at,
        claims.outlet,
        claims.claim_date,
        claims.claim_date_basis,
        claims.undated_reason,
        claims.is_place_resolved,
        claims.is_hedged,
        claims.count_text,
        claims.place_text,
        claims.region_name,
        claim_groups.claim_group_id,
        claim_groups.first_published_at,
        claim_groups.first_loaded_at,
        claims.source_changed_at

    from claims
    left join claim_groups
        on claims.claim_id = claim_groups.claim_id

)

select * from final
