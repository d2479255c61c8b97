-- One row per claim of the current version of its article, with what the claim points at resolved:
-- the article (published date, outlet, load time), the region name and the canonical claimant name.
-- Claims extracted from a superseded version of an article (another content_hash) are left out:
-- their evidence offsets point into a text that is no longer stored. Claims whose article is
-- missing altogether are kept, so the relationships test to dim_article reports them.

with

claims as (

    select * from {{ ref('stg_skyledger__claims') }}

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

current_claims as (

    select
        claims.*,
        articles.published_at,
        articles.published_date,
        articles.outlet,
        articles.loaded_at

    from claims
    left join articles
        on claims.article_id = articles.article_id
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
        coalesce(current_claims.period_end, current_claims.published_date) as claim_date,
        current_claims.parent_claim_id is not null as is_breakdown_child

    from current_claims
    left join regions
        on current_claims.region_code = regions.region_code
    left join claimants
        on current_claims.claimant_id = claimants.claimant_id

)

select * from final
