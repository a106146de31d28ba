"""Alembic migrations. `HEAD` names the newest revision; a test keeps it equal to Alembic's head.

Kept as a constant so that every command can check the schema version with one query, without
importing Alembic unless an upgrade is due.
"""

HEAD = "0010"
