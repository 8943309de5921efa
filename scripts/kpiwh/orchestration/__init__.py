"""The Dagster code location (optional extra `orchestration`): the dbt models as assets, the nightly as their daily schedule.

Run it with `dagster dev -m kpiwh.orchestration.definitions`; `kpiwh.orchestration.assets` builds the definitions.
"""
