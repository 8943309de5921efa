-- Each clean POS receipt next to the receipt before it on the same register, in sequence-number
-- order: the basis of the integrity checks (a register's numbers must be gap-free, and time
-- must not run backwards along them).
with

receipts as (

    select * from {{ ref('stg_retail__pos_receipts') }}

),

sequenced as (

    select
        merchant_id,
        receipt_id,
        store_id,
        register_id,
        sequence_number,
        receipt_at,
        cast(receipt_at as date) as business_date,
        receipt_type,
        lag(sequence_number) over (
            partition by merchant_id, store_id, register_id
            order by sequence_number, receipt_at, receipt_id
        ) as previous_sequence_number,
        lag(receipt_at) over (
            partition by merchant_id, store_id, register_id
            order by sequence_number, receipt_at, receipt_id
        ) as previous_receipt_at
    from receipts

),

final as (

    select
        *,
        cast(previous_receipt_at as date) as previous_business_date,
        -- The first receipt of a register has no predecessor: nothing before it can be checked.
        case
            when previous_sequence_number is null then null
            when sequence_number = previous_sequence_number then 'duplicate_sequence'
            when sequence_number > previous_sequence_number + 1 then 'sequence_gap'
            when receipt_at < previous_receipt_at then 'sequence_out_of_order'
        end as sequence_issue_type
    from sequenced

)

select * from final
