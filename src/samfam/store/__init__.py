"""The store: the only package that imports SQLAlchemy, SQLModel and Alembic.

- `engine`: the engine, SQLite settings, the schema revision, connections;
- `schema`: the SQLModel tables, the schema's definition (migrations, demo, generator);
- `tables`: the same tables as plain Core, for every query and write at run time;
- `work`: the unit of work every write goes through;
- `queries`: the queries, one module per subject, each returning plain rows;
- `migrations`: Alembic's revisions.

Nothing is re-exported here: import the module you need.
"""
