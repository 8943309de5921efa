-- Clean asn_lines: the rows of base_retail__asn_lines that passed every check (the rest are quarantined).
with

asn_lines as (

    select * from {{ ref('base_retail__asn_lines') }}

),

final as (

    select
        merchant_id,
        asn_id,
        line_number,
        sku,
        units_shipped,
        loaded_at
    from asn_lines
    where quarantine_reason is null

)

select * from final
