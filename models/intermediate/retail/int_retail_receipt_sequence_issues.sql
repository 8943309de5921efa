-- The integrity log of the POS receipt record: one row per break in a register's sequence (a
-- gap = missing receipt events, an out-of-order or a duplicated number), with the store,
-- register, sequence range and the store-days it touches. Every issue is CRITICAL: a missing
-- or out-of-order receipt event makes every sales-based KPI of those store-days wrong, so they
-- are excluded from the KPIs (int_retail_store_days_certified), never silently summed.
with

sequenced as (

    select * from {{ ref('int_retail_pos_receipts_sequenced') }}

),

issues as (

    select
        merchant_id,
        store_id,
        register_id,
        sequence_issue_type as issue_type,
        receipt_id as detected_at_receipt_id,
        case
            when sequence_issue_type = 'sequence_gap' then previous_sequence_number + 1
            when sequence_issue_type = 'duplicate_sequence' then sequence_number
            else previous_sequence_number
        end as sequence_from,
        case
            when sequence_issue_type = 'sequence_gap' then sequence_number - 1
            else sequence_number
        end as sequence_to,
        least(previous_business_date, business_date) as business_date_from,
        greatest(previous_business_date, business_date) as business_date_to
    from sequenced
    where sequence_issue_type is not null

),

final as (

    select
        {{ dbt.concat([
            "'retail:'", 'merchant_id', "':'", 'store_id', "':'", 'register_id', "':'", 'issue_type', "':'",
            dbt.safe_cast('sequence_from', dbt.type_string())
        ]) }} as issue_id,
        merchant_id,
        store_id,
        register_id,
        issue_type,
        sequence_from,
        sequence_to,
        case when issue_type = 'sequence_gap' then sequence_to - sequence_from + 1 else 0 end as missing_event_count,
        detected_at_receipt_id,
        business_date_from,
        business_date_to,
        'CRITICAL' as severity
    from issues

)

select * from final
