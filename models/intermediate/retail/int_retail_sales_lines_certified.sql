-- Every POS receipt line of a KPI-eligible store-day, signed (returns negative) and valued:
-- gross sales at original retail, markdown, net sales and cost of goods at the product's cost.
-- Lines of excluded store-days are left out here, and reported in fct_retail_store_days.
with

lines as (

    select * from {{ ref('stg_retail__pos_receipt_lines') }}

),

receipts as (

    select * from {{ ref('int_retail_pos_receipts_sequenced') }}

),

store_days as (

    select * from {{ ref('int_retail_store_days_certified') }}

),

products as (

    select * from {{ ref('stg_retail__products') }}

),

signed as (

    select
        lines.merchant_id,
        receipts.store_id,
        receipts.business_date,
        lines.receipt_id,
        lines.line_number,
        lines.sku,
        products.category,
        products.vendor_id,
        products.is_seasonal,
        lines.units,
        lines.retail_amount,
        lines.markdown_amount,
        products.unit_cost,
        case when receipts.receipt_type = 'return' then -1 else 1 end as sign
    from lines
    inner join receipts
        on
            lines.merchant_id = receipts.merchant_id
            and lines.receipt_id = receipts.receipt_id
    inner join store_days
        on
            receipts.merchant_id = store_days.merchant_id
            and receipts.store_id = store_days.store_id
            and receipts.business_date = store_days.business_date
    inner join products
        on
            lines.merchant_id = products.merchant_id
            and lines.sku = products.sku
    where store_days.is_kpi_eligible and receipts.business_date <= {{ as_of_date() }}

),

final as (

    select
        merchant_id,
        store_id,
        business_date,
        receipt_id,
        line_number,
        sku,
        category,
        vendor_id,
        is_seasonal,
        sign * units as units_sold,
        sign * retail_amount as gross_sales,
        sign * markdown_amount as markdown_amount,
        sign * (retail_amount - markdown_amount) as net_sales,
        sign * units * unit_cost as cost_of_goods
    from signed

)

select * from final
