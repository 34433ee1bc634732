"""The roles of the people who use a shared corpus, declared once (the store grants them, the CLI
offers them): kept apart from the store so a command that needs only their names loads no database."""

from __future__ import annotations

ADMIN, REVIEWER, READER = "管理员", "审核员", "只读"
ROLES = (ADMIN, REVIEWER, READER)
