-- A claim's window is ordered and cannot end after its article was published:
-- period_start <= period_end <= published_date, wherever those are present.

with

claims as (

    -- the claims of changed articles (macros/checked_rows.sql)
    select * from {{ checked_rows(ref('fct_claims')) }}

),

final as (

    select
        claim_id,
        article_id,
        time_text,
        period_start,
        period_end,
        published_date,
        evidence_text

    from claims
    where
        period_start > period_end
        or period_end > published_date
        or period_start > published_date

)

select * from final
