-- count is null exactly when count_qualifier is 'unspecified'.

with

claims as (

    -- the claims of changed articles (macros/checked_rows.sql)
    select * from {{ checked_rows(ref('fct_claims')) }}

),

final as (

    select
        claim_id,
        article_id,
        count,
        count_qualifier,
        count_text,
        evidence_text

    from claims
    where (count is null) <> (count_qualifier = 'unspecified')
        or count_qualifier is null

)

select * from final
