"""Alembic environment: migrations run on the connection handed over by trackline_server.store.migrate."""

from alembic import context

from trackline_server.store.schema import metadata

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
