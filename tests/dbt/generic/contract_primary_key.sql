{#-
    The primary key of a staging model, as its raw table's contract declares it (source meta
    key): no key column is null and no key appears twice. Fails with the offending keys.
    The model is a base_<system>__<table> or stg_<system>__<table> model (read from its name:
    with a where config, dbt passes the test a subquery instead of the relation).
-#}
{% test contract_primary_key(model) %}
{%- set names = modules.re.search('(?:base|stg)_([a-z0-9]+)__([a-z0-9_]+)', model | string) -%}
{%- set contract = contract_table(names.group(1), names.group(2)) if names else none -%}
{%- set key = contract.key if contract else ['1'] %}

select
    {{ key | join(', ') }},
    count(*) as copies
from {{ model }}
group by {{ key | join(', ') }}
having count(*) > 1 or {{ key | join(' is null or ') }} is null

{% endtest %}
