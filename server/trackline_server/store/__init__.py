"""The SQL store (SQLite or PostgreSQL), one module per concern.

- ``engine``: engines, read and write transactions, driver SQL; ``schema``: the tables;
  ``migrate``: Alembic migrations run once per database, under a lock.
- ``common``: what every store shares (lifecycle states, the clock, metric values on the wire,
  chunking, upserts, key-value rows); ``paging``: page tokens; ``rules``: MLflow's limits.
- ``filters``: parsing filter strings and ``order_by``; ``conditions``: clauses as SQL.
- ``tracking``: experiments, runs, logging, metric history, search and gc.
- ``registry``: registered models, versions, sources, aliases, search and the audit trail.
- ``logged_models``: MLflow 3 logged models.
"""
