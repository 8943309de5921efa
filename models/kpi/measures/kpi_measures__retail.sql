{{ config(enabled=source_system_enabled('retail')) }}
-- Spec 001 (retail operations): all 26 KPIs of its four tables, per merchant, per vendor
-- (merchant:vendor) for the vendor KPIs, per category (merchant:category) where the spec says
-- targets vary by category, per ISO week and calendar month up to as_of.
{#- kpi_id: (mart CTE, value column, entity types, grains, per-row target column) -#}
{%- set retail_kpis = {
    'retail.inventory_turnover': ('merchandising', 'inventory_turnover', ['merchant', 'category'], ['week', 'month'], 'inventory_turnover_target'),
    'retail.weeks_of_supply': ('merchandising', 'weeks_of_supply', ['merchant'], ['week', 'month'], 'null'),
    'retail.in_stock_rate': ('merchandising', 'in_stock_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.comp_store_sales': ('merchandising', 'comp_store_sales_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.gross_margin': ('merchandising', 'gross_margin_pct', ['merchant', 'category'], ['week', 'month'], 'gross_margin_target_pct'),
    'retail.initial_markup': ('merchandising', 'initial_markup_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.markdown_rate': ('merchandising', 'markdown_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.sell_through_rate': ('merchandising', 'sell_through_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.forecast_mape': ('merchandising', 'forecast_mape_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.fill_rate': ('vendor', 'fill_rate_pct', ['merchant', 'vendor'], ['week', 'month'], 'null'),
    'retail.on_time_delivery': ('vendor', 'on_time_delivery_pct', ['merchant', 'vendor'], ['week', 'month'], 'null'),
    'retail.asn_accuracy': ('vendor', 'asn_accuracy_pct', ['merchant', 'vendor'], ['week', 'month'], 'null'),
    'retail.edi_compliance': ('vendor', 'edi_compliance_pct', ['merchant', 'vendor'], ['week', 'month'], 'null'),
    'retail.invoice_accuracy': ('vendor', 'invoice_accuracy_pct', ['merchant', 'vendor'], ['week', 'month'], 'null'),
    'retail.chargeback_resolution_days': ('vendor', 'avg_chargeback_resolution_days', ['merchant', 'vendor'], ['week', 'month'], 'null'),
    'retail.vendor_scorecard': ('vendor', 'vendor_scorecard_score', ['merchant', 'vendor'], ['week', 'month'], 'null'),
    'retail.shrink_rate': ('receiving', 'shrink_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.perpetual_inventory_accuracy': ('receiving', 'perpetual_inventory_accuracy_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.three_way_match_rate': ('receiving', 'three_way_match_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.empty_shelf_rate': ('receiving', 'empty_shelf_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.receiving_discrepancy_rate': ('receiving', 'receiving_discrepancy_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.discount_capture_rate': ('financial', 'discount_capture_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.invoice_cycle_days': ('financial', 'avg_invoice_cycle_days', ['merchant'], ['week', 'month'], 'null'),
    'retail.invoice_exception_rate': ('financial', 'invoice_exception_rate_pct', ['merchant'], ['week', 'month'], 'null'),
    'retail.chargeback_share': ('financial', 'chargeback_share_pct', ['merchant', 'vendor'], ['week', 'month'], 'null'),
    'retail.coop_utilization_rate': ('financial', 'coop_utilization_rate_pct', ['merchant', 'vendor'], ['week', 'month', 'year_to_date'], 'null'),
} %}
{#- One union branch per KPI, entity type and grain. -#}
{%- set branches = [] -%}
{%- for kpi_id, (mart, column, entity_types, grains, target) in retail_kpis.items() -%}
    {%- for entity_type in entity_types -%}
        {%- for grain in grains -%}
            {%- do branches.append((kpi_id, mart, column, entity_type, grain, target)) -%}
        {%- endfor -%}
    {%- endfor -%}
{%- endfor %}
with

merchandising as (

    select * from {{ ref('fct_retail_merchandising_kpis') }}

),

vendor as (

    select * from {{ ref('fct_retail_vendor_kpis') }}

),

receiving as (

    select * from {{ ref('fct_retail_receiving_kpis') }}

),

financial as (

    select * from {{ ref('fct_retail_financial_kpis') }}

),

measures as (

    {% for kpi_id, mart, column, entity_type, grain, target in branches -%}
        {{ kpi_measure(kpi_id, mart, entity_type, 'entity_id', grain, 'period_start', 'period_end', column, target) }}
        where entity_type = '{{ entity_type }}' and grain = '{{ grain }}'
        {%- if not loop.last %}
            union all
        {% endif -%}
    {%- endfor %}

),

final as (

    select * from measures

)

select * from final
