"""Alembic environment: samfam runs migrations on the connection it hands over."""

from __future__ import annotations

from alembic import context

from samfam.store.schema import SQLModel

config = context.config
connection = config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
