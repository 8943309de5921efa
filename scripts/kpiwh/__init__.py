"""Tooling for the KPI warehouse: raw-data generator, build wrapper, publisher and dashboard."""
