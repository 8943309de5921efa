{{ config(enabled=source_system_enabled('retail')) }}
-- Spec 001 (retail operations): all 26 KPIs of its four tables, per merchant, per vendor
-- (merchant:vendor) for the vendor KPIs, per category (merchant:category) where the spec says
-- targets vary by category, per ISO week and calendar month up to as_of. Sell-through is judged
-- once per season, in the month the season ends (only those months have a row); its
-- non-seasonal reading is an INFO companion per category. The five vendor rates are also read
-- over the 30 days ending each day, the shelf-audit rates over the 7 and 30 days (their spec
-- grains rest on a few deliveries or visits).
{%- set periods = {'entity_id': 'entity_id', 'grain': ['week', 'month'], 'period_start': 'period_start', 'period_end': 'period_end'} %}
{%- set merchants = dict(periods, entity_type=['merchant']) %}
{%- set merchants_categories = dict(periods, entity_type=['merchant', 'category']) %}
{%- set merchants_vendors = dict(periods, entity_type=['merchant', 'vendor']) %}
{%- set vendor_rate_periods = dict(merchants_vendors, grain=['week', 'month', 'rolling_30d']) %}
{%- set shelf_periods = dict(merchants, grain=['week', 'month', 'rolling_7d', 'rolling_30d']) %}
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

shelf as (

    select * from {{ ref('fct_retail_shelf_kpis') }}

),

measures as (

    {{ kpi_measure(
        kpi_id='retail.inventory_turnover', relation='merchandising', value='inventory_turnover', sample_size='sales_line_count',
        target_value='inventory_turnover_target', red_below='inventory_turnover_red_below', yellow_below='inventory_turnover_yellow_below',
        **merchants_categories
    ) }}
    union all
    {{ kpi_measure(kpi_id='retail.weeks_of_supply', relation='merchandising', value='weeks_of_supply', sample_size='sales_line_count', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.in_stock_rate', relation='shelf', value='in_stock_rate_pct', sample_size='shelf_visits', **shelf_periods) }}
    union all
    {{ kpi_measure(kpi_id='retail.comp_store_sales', relation='merchandising', value='comp_store_sales_pct', sample_size='comp_store_days', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.gross_margin', relation='merchandising', value='gross_margin_pct', sample_size='sales_line_count', target_value='gross_margin_target_pct', **merchants_categories) }}
    union all
    {{ kpi_measure(kpi_id='retail.initial_markup', relation='merchandising', value='initial_markup_pct', sample_size='units_received', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.markdown_rate', relation='merchandising', value='markdown_rate_pct', sample_size='sales_line_count', **merchants) }}
    union all
    {{ kpi_measure(
        kpi_id='retail.sell_through_rate', relation='merchandising', value='sell_through_rate_pct', sample_size='season_units_available',
        where='seasons_closed > 0', entity_type=['merchant', 'category'], grain=['month'], entity_id='entity_id', period_start='period_start', period_end='period_end'
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='retail.sell_through_rate_non_seasonal', relation='merchandising', value='non_seasonal_sell_through_rate_pct', sample_size='non_seasonal_units_received',
        entity_type=['category'], grain=['week', 'month'], entity_id='entity_id', period_start='period_start', period_end='period_end'
    ) }}
    union all
    {{ kpi_measure(kpi_id='retail.forecast_mape', relation='merchandising', value='forecast_mape_pct', sample_size='mape_sku_weeks', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.fill_rate', relation='vendor', value='fill_rate_pct', sample_size='units_ordered', **vendor_rate_periods) }}
    union all
    {{ kpi_measure(kpi_id='retail.on_time_delivery', relation='vendor', value='on_time_delivery_pct', sample_size='deliveries', **vendor_rate_periods) }}
    union all
    {{ kpi_measure(kpi_id='retail.asn_accuracy', relation='vendor', value='asn_accuracy_pct', sample_size='asns_received', **vendor_rate_periods) }}
    union all
    {{ kpi_measure(kpi_id='retail.edi_compliance', relation='vendor', value='edi_compliance_pct', sample_size='edi_transactions', **vendor_rate_periods) }}
    union all
    {{ kpi_measure(kpi_id='retail.invoice_accuracy', relation='vendor', value='invoice_accuracy_pct', sample_size='invoices', **vendor_rate_periods) }}
    union all
    {{ kpi_measure(kpi_id='retail.chargeback_resolution_days', relation='vendor', value='avg_chargeback_resolution_days', sample_size='chargebacks_timed', **merchants_vendors) }}
    union all
    {{ kpi_measure(kpi_id='retail.vendor_scorecard', relation='vendor', value='vendor_scorecard_score', sample_size='scorecard_dimensions_scored', **merchants_vendors) }}
    union all
    {{ kpi_measure(kpi_id='retail.shrink_rate', relation='receiving', value='shrink_rate_pct', sample_size='sales_line_count', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.perpetual_inventory_accuracy', relation='receiving', value='perpetual_inventory_accuracy_pct', sample_size='items_counted', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.three_way_match_rate', relation='receiving', value='three_way_match_rate_pct', sample_size='invoices', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.empty_shelf_rate', relation='shelf', value='empty_shelf_rate_pct', sample_size='shelf_visits', **shelf_periods) }}
    union all
    {{ kpi_measure(kpi_id='retail.receiving_discrepancy_rate', relation='receiving', value='receiving_discrepancy_rate_pct', sample_size='deliveries', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.discount_capture_rate', relation='financial', value='discount_capture_rate_pct', sample_size='discount_offers', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.invoice_cycle_days', relation='financial', value='avg_invoice_cycle_days', sample_size='approved_invoices', **merchants) }}
    union all
    {{ kpi_measure(kpi_id='retail.invoice_exception_rate', relation='financial', value='invoice_exception_rate_pct', sample_size='invoices', **merchants) }}
    union all
    -- Under-enforcement (below 0.5%) is the merchant's programme: a vendor with no chargeback
    -- is a good vendor, so a vendor's lower bound is 0 (a share is never below it).
    {{ kpi_measure(
        kpi_id='retail.chargeback_share', relation='financial', value='chargeback_share_pct', sample_size='purchase_orders',
        yellow_below="case when entity_type = 'vendor' then 0 end", **merchants_vendors
    ) }}
    union all
    {{ kpi_measure(
        kpi_id='retail.coop_utilization_rate', relation='financial', value='coop_utilization_rate_pct', sample_size='coop_funds_closed',
        entity_type=['merchant', 'vendor'], grain=['week', 'month', 'year_to_date'], entity_id='entity_id', period_start='period_start', period_end='period_end'
    ) }}

),

final as (

    select * from measures

)

select * from final
