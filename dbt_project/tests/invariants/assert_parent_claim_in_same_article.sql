-- A breakdown part points at a total that exists, in the same article, and not at itself.

with

claims as (

    select * from {{ ref('fct_claims') }}

),

-- the parts of changed articles (macros/checked_rows.sql); their totals looked up among all claims
children as (

    select * from {{ checked_rows(ref('fct_claims')) }}
    where parent_claim_id is not null

),

final as (

    select
        children.claim_id,
        children.article_id,
        children.parent_claim_id,
        parents.article_id as parent_article_id,
        children.evidence_text

    from children
    left join claims as parents
        on children.parent_claim_id = parents.claim_id
    where
        parents.claim_id is null
        or parents.article_id <> children.article_id
        or children.parent_claim_id = children.claim_id

)

select * from final
