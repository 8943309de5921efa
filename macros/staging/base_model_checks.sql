{#-
    The row checks of a base model, in the order they are tried: a list of {condition, reason,
    detail} over the typed columns (staged names) and their cleaned text (<name>__text).
    file_columns are the columns the raw file has. See base_model for the rules.
-#}
{% macro base_model_checks(contract, file_columns) -%}
    {%- set type_reasons = {
        'integer': 'invalid_number', 'numeric': 'invalid_number', 'date': 'invalid_timestamp',
        'timestamp': 'invalid_timestamp', 'boolean': 'invalid_enum', 'string': 'invalid_enum',
    } -%}
    {%- set checks = [] -%}
    {%- for column in contract.columns if column.name in contract.key -%}
        {#- Missing from the line; a key that is there but not of its type is invalid_<type> below. -#}
        {%- do checks.append({'condition': column.name ~ '__text is null', 'reason': 'null_key', 'detail': column.raw_name ~ ' is missing'}) -%}
    {%- endfor -%}
    {%- for column in contract.columns if not column.nullable and column.raw_name not in file_columns -%}
        {%- do checks.append({'condition': 'true', 'reason': 'missing_column', 'detail': 'the file has no column ' ~ column.raw_name}) -%}
    {%- endfor -%}
    {%- for column in contract.columns -%}
        {%- set rules = column.rules -%}
        {%- set reason = type_reasons[column.data_type] -%}
        {%- if column.data_type != 'string' -%}
            {%- do checks.append({
                'condition': column.name ~ '__text is not null and ' ~ column.name ~ ' is null',
                'reason': reason, 'detail': column.raw_name ~ ' is not a valid ' ~ column.data_type}) -%}
        {%- endif -%}
        {%- if not column.nullable -%}
            {#- A missing identifier is a missing key; a missing status or amount is an invalid one. -#}
            {%- set missing_reason = 'null_key' if column.data_type == 'string' and not rules.get('allowed') else reason -%}
            {%- do checks.append({'condition': column.name ~ ' is null', 'reason': missing_reason, 'detail': column.raw_name ~ ' is missing'}) -%}
        {%- endif -%}
        {%- if rules.get('min') is not none -%}
            {%- do checks.append({'condition': column.name ~ ' < ' ~ rules.min, 'reason': 'invalid_number', 'detail': column.raw_name ~ ' is below ' ~ rules.min}) -%}
        {%- endif -%}
        {%- if rules.get('max') is not none -%}
            {%- do checks.append({'condition': column.name ~ ' > ' ~ rules.max, 'reason': 'invalid_number', 'detail': column.raw_name ~ ' is above ' ~ rules.max}) -%}
        {%- endif -%}
        {%- if rules.get('allowed') -%}
            {%- set quoted = [] -%}
            {%- for value in rules.allowed -%}
                {%- do quoted.append("'" ~ value ~ "'") -%}
            {%- endfor -%}
            {%- do checks.append({
                'condition': column.name ~ ' not in (' ~ quoted | join(', ') ~ ')', 'reason': 'invalid_enum',
                'detail': column.raw_name ~ ' is not one of ' ~ rules.allowed | join(', ')}) -%}
        {%- endif -%}
        {%- if rules.get('not_in_future') -%}
            {#- An event after the extract that delivered it (or, without load times, after the as_of
                day) cannot have happened yet. Not "after as_of": a nightly build with as_of
                yesterday sees today's orders, which are real. -#}
            {%- set horizon = contract.loaded_at if contract.loaded_at else 'cast(' ~ dbt.dateadd('day', 1, as_of_date()) ~ ' as ' ~ dbt.type_timestamp() ~ ')' -%}
            {%- do checks.append({
                'condition': column.name ~ ' > ' ~ horizon, 'reason': 'future_date',
                'detail': column.raw_name ~ ' is later than the row was extracted'}) -%}
        {%- endif -%}
    {%- endfor -%}
    {%- for check in contract.checks -%}
        {%- do checks.append({'condition': '(' ~ check.when ~ ')', 'reason': check.reason, 'detail': check.detail}) -%}
    {%- endfor -%}
    {{- return(checks) -}}
{%- endmacro %}
