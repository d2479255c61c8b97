-- One row per claim of the current version of its article, with what the claim points at resolved:
-- the article (published date, outlet, load time), the region name and the canonical claimant name.
-- Claims extracted from a superseded version of an article (another content_hash) are left out:
-- their evidence offsets point into a text that is no longer stored. Claims whose article is
-- missing altogether are kept, so the relationships test to dim_article reports them.
-- Incremental on DuckDB, keyed on the article (macros/incremental.sql): a build rewrites the rows
-- of the articles loaded or extracted since the last one, and removes the claims they no longer have.

{{ config(
    materialized=incremental_materialization(),
    incremental_strategy='replace_articles',
    unique_key='claim_id',
    on_schema_change='fail',
) }}
-- depends_on: {{ ref('stg_skyledger__extractions') }}

with

claims as (

    select * from {{ ref('stg_skyledger__claims') }}
    {% if is_incremental() %}
    where article_id in ({{ changed_article_ids(this) }})
    {% endif %}

),

articles as (

    select * from {{ ref('stg_skyledger__articles') }}

),

regions as (

    select * from {{ ref('stg_skyledger__regions') }}

),

claimants as (

    select * from {{ ref('stg_skyledger__claimants') }}

),

reference_dates as (

    select * from {{ ref('stg_skyledger__article_reference_dates') }}

),

current_claims as (

    select
        claims.*,
        articles.published_at,
        articles.published_date,
        articles.outlet,
        articles.loaded_at,
        articles.article_id is null as is_article_missing,
        reference_dates.reference_date,
        -- the latest change of the claim's raw rows: its article's load or its extraction
        case
            when articles.loaded_at > claims.extracted_at then articles.loaded_at
            else claims.extracted_at
        end as source_changed_at

    from claims
    left join articles
        on claims.article_id = articles.article_id
    left join reference_dates
        on
            claims.article_id = reference_dates.article_id
            and articles.published_date is null
    where
        claims.content_hash is null
        or articles.content_hash is null
        or claims.content_hash = articles.content_hash

),

final as (

    select
        current_claims.*,
        regions.region_name,
        claimants.claimant_name,
        coalesce(
            current_claims.period_end, current_claims.published_date, current_claims.reference_date
        ) as claim_date,
        case
            when current_claims.period_end is not null then 'claim period'
            when current_claims.published_date is not null then 'published date'
            when current_claims.reference_date is not null then 'date in article text'
        end as claim_date_basis,
        case
            when current_claims.period_end is not null or current_claims.published_date is not null then null
            when current_claims.reference_date is not null then null
            when current_claims.is_article_missing then 'article missing'
            else 'no publication date, and neither a dateline nor a date in the text'
        end as undated_reason,
        current_claims.parent_claim_id is not null as is_breakdown_child

    from current_claims
    left join regions
        on current_claims.region_code = regions.region_code
    left join claimants
        on current_claims.claimant_id = claimants.claimant_id

)

select * from final
