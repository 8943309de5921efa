-- Clean chargebacks: the rows of base_retail__chargebacks that passed every check (the rest are quarantined).
with

chargebacks as (

    select * from {{ ref('base_retail__chargebacks') }}

),

final as (

    select
        merchant_id,
        chargeback_id,
        vendor_id,
        issued_date,
        credited_date,
        chargeback_amount,
        reason,
        loaded_at
    from chargebacks
    where quarantine_reason is null

)

select * from final
