{#-
    The quarantined rows of one base model in the common quarantine shape, so that every
    source system's quarantine model is a plain union of these. entity_column is the tenant key
    the system's rows carry (merchant_id for the storefront, hotel_id for the hotel PMS).
-#}
{% macro quarantined_rows(source_system, source_table, base_model, record_key, entity_column='merchant_id') -%}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        {{ entity_column }},
        {{ record_key }} as record_key,
        quarantine_reason,
        loaded_at
    from {{ ref(base_model) }}
    where quarantine_reason is not null
{%- endmacro %}
