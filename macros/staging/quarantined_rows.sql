{#-
    The quarantined rows of one base model in the common quarantine shape, so that every
    source system's quarantine model is a plain union of these. A system without merchants or
    load timestamps (e.g. classicmodels) passes 'null' for merchant_id and loaded_at.
-#}
{% macro quarantined_rows(source_system, source_table, base_model, record_key, merchant_id='merchant_id', loaded_at='loaded_at') -%}
    select
        '{{ source_system }}' as source_system,
        '{{ source_table }}' as source_table,
        cast({{ merchant_id }} as {{ dbt.type_string() }}) as merchant_id,
        cast({{ record_key }} as {{ dbt.type_string() }}) as record_key,
        quarantine_reason,
        cast({{ loaded_at }} as {{ dbt.type_timestamp() }}) as loaded_at
    from {{ ref(base_model) }}
    where quarantine_reason is not null
{%- endmacro %}
