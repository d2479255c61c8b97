-- Grain: one row per distinct claim (a claim reported by several articles counted once),
-- keyed by the claim_id of its earliest report.
-- Bitemporal: period_start/period_end/claim_date say when it happened; published_at, loaded_at
-- (the representative report) and first_published_at, first_loaded_at (the earliest of all its
-- reports) say when we learned it.

-- Incremental on DuckDB, keyed on the group (macros/incremental.sql): a build rewrites the groups
-- that changed articles' claims joined (their source_changed_at is newer than any here) or left.

{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='replace_articles',
    unique_key='claim_group_id',
    article_column='article_ids',
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('stg_skyledger__articles') }}
-- depends_on: {{ ref('stg_skyledger__extractions') }}

with

{% if is_incremental() %}
changed_articles as (

    {{ changed_article_ids(this) }}

),

-- the groups a changed article belonged to as this table holds them: it may have left them
left_groups as (

    select claim_group_id
    from (
        select
            claim_group_id,
            {{ explode_list('article_ids') }} as article_id
        from {{ this }}
    ) as reports
    where article_id in (select article_id from changed_articles)

),

{% endif %}
deduplicated as (

    select * from {{ ref('int_claims_deduplicated') }}
    {% if is_incremental() %}
    where
        source_changed_at > (
            select coalesce(max(source_changed_at), cast('1900-01-01' as timestamp)) from {{ this }}
        )
        or claim_group_id in (select claim_group_id from left_groups)
    {% endif %}

),

final as (

    select
        claim_id,
        claim_group_id,
        article_id,
        claimant,
        claimant_id,
        claimant_kind,
        claimant_country,
        outcome,
        weapon,
        weapon_model,
        weapon_origin,
        count,
        count_qualifier,
        country,
        region_code,
        scope,
        place,
        time_text,
        period_start,
        period_end,
        claim_date,
        parent_claim_id,
        evidence_text,
        outlet,
        published_date,
        published_at,
        loaded_at,
        first_published_date,
        first_published_at,
        first_loaded_at,
        report_count,
        article_count,
        outlet_count,
        article_ids,
        claim_ids,
        source_changed_at

    from deduplicated

)

select * from final
