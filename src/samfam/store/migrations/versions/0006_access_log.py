"""The access log: reads logged with their purpose and cases, and a hash chain over the audit log.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-01

Every existing row is chained in id order (the reads logged before, `case.show` and `plan`, are
marked as reads). The database refuses an update of the log, a delete of a row newer than the
pruning anchor, and an insert at or below the newest id (which `INSERT OR REPLACE` would be).
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_REFUSE = "the audit log is append-only"
_ANCHOR = "coalesce((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'audit.anchor.id'), 0)"


def upgrade() -> None:
    bind = op.get_bind()
    dialect = bind.dialect.name
    _drop_guards(dialect)
    op.add_column("audit_log", sa.Column("kind", sa.String(5), nullable=False, server_default="write"))
    op.add_column("audit_log", sa.Column("purpose", sa.String(200), nullable=True))
    op.add_column("audit_log", sa.Column("cases", sa.String(), nullable=True))
    op.add_column("audit_log", sa.Column("prev_hash", sa.String(64), nullable=True))
    op.add_column("audit_log", sa.Column("hash", sa.String(64), nullable=True))
    op.create_index("ix_audit_at", "audit_log", ["at"])
    op.execute("UPDATE audit_log SET kind = 'read' WHERE action IN ('case.show', 'case.show.reveal-cpr', 'plan')")
    _chain_existing_rows(bind)
    create_guards(dialect)


def _chain_existing_rows(bind: sa.Connection) -> None:
    from samfam.store import chain
    from samfam.store import tables as t

    log = t.audit_log
    prev = chain.GENESIS
    updates = []
    # The columns as they are at this revision (the table grows later: 0008 adds os_login).
    columns = [log.c[name] for name in ("id", "at", "user", "action", "kind", "purpose", "case_ref", "cases", "detail")]
    for row in bind.execute(sa.select(*columns).order_by(log.c.id)):
        digest = chain.row_hash(prev, row)
        updates.append({"row_id": row.id, "prev_hash": prev, "hash": digest})
        prev = digest
    if updates:
        bind.execute(
            sa.update(log)
            .where(log.c.id == sa.bindparam("row_id"))
            .values(prev_hash=sa.bindparam("prev_hash"), hash=sa.bindparam("hash")),
            updates,
        )


def _drop_guards(dialect: str) -> None:
    if dialect == "sqlite":
        for name in ("audit_log_no_update", "audit_log_no_delete", "audit_log_no_rewrite"):
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
    elif dialect == "postgresql":
        op.execute("DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log")


def create_guards(dialect: str) -> None:
    """The database's own refusal of a rewrite (the chain detects what gets past it)."""
    if dialect == "sqlite":
        op.execute(
            f"CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END"
        )
        op.execute(
            f"CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log WHEN OLD.id >= {_ANCHOR} "
            f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END"
        )
        op.execute(
            "CREATE TRIGGER audit_log_no_rewrite BEFORE INSERT ON audit_log "
            "WHEN NEW.id IS NULL OR NEW.id <= coalesce((SELECT max(id) FROM audit_log), 0) "
            f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END"
        )
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION samfam_audit_append_only() RETURNS trigger AS $$ BEGIN "
            f"IF TG_OP = 'DELETE' AND OLD.id < {_ANCHOR} THEN RETURN OLD; END IF; "
            "IF TG_OP = 'INSERT' AND NEW.id IS NOT NULL "
            "AND NEW.id > coalesce((SELECT max(id) FROM audit_log), 0) THEN RETURN NEW; END IF; "
            f"RAISE EXCEPTION '{_REFUSE}'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE INSERT OR UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION samfam_audit_append_only()"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    _drop_guards(dialect)
    op.drop_index("ix_audit_at", "audit_log")
    for name in ("hash", "prev_hash", "cases", "purpose", "kind"):
        with op.batch_alter_table("audit_log") as batch:
            batch.drop_column(name)
    if dialect == "sqlite":
        for verb in ("UPDATE", "DELETE"):
            op.execute(
                f"CREATE TRIGGER audit_log_no_{verb.lower()} BEFORE {verb} ON audit_log "
                f"BEGIN SELECT RAISE(ABORT, '{_REFUSE}'); END"
            )
    elif dialect == "postgresql":
        op.execute(
            "CREATE OR REPLACE FUNCTION samfam_audit_append_only() RETURNS trigger AS $$ "
            f"BEGIN RAISE EXCEPTION '{_REFUSE}'; END $$ LANGUAGE plpgsql"
        )
        op.execute(
            "CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log "
            "FOR EACH ROW EXECUTE FUNCTION samfam_audit_append_only()"
        )
