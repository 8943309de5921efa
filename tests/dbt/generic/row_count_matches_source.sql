{#-
    Row conservation through a base model: it must hold exactly as many rows as the raw table
    (nothing dropped, nothing fanned out by a join). Fails with both counts.
-#}
{% test row_count_matches_source(model, source_name, table_name) %}

with

counts as (

    select
        (select count(*) from {{ model }}) as model_rows,
        (select count(*) from {{ source(source_name, table_name) }}) as source_rows

)

select * from counts
where model_rows != source_rows

{% endtest %}
