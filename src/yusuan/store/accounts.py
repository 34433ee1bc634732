"""Accounts: organisations (a finance bureau), their users with a role, signed-in sessions, and
the application's secret. Passwords are kept only as Argon2 hashes (argon2-cffi); a session's
token is kept only as its SHA-256, so a copy of the database opens no one's session."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import DateTime, Engine, ForeignKey, Integer, String, bindparam, case, delete, func, literal, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Mapped, Session, mapped_column

from ..errors import YusuanError
from ..roles import ADMIN, REVIEWER, ROLES
from .models import Base

MIN_PASSWORD = 8
SESSION_HOURS = 12
SIGN_IN_LIMIT, SIGN_IN_WINDOW = 5, timedelta(seconds=300)  # tries of one name from one address, per window
_hasher = PasswordHasher()  # argon2id with the library's recommended parameters


class Organisation(Base):
    __tablename__ = "organisations"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200), unique=True)


class Account(Base):
    __tablename__ = "accounts"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("organisations.id", ondelete="CASCADE"), index=True)
    role: Mapped[str] = mapped_column(String(10))
    password_hash: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AccountSession(Base):
    """A signed-in browser: the cookie holds a random token, this row only its SHA-256."""

    __tablename__ = "account_sessions"
    id: Mapped[str] = mapped_column(String(64), primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("accounts.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    expires_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))


class AppSecret(Base):
    """Secrets made on first start (never in the code): the key CSRF tokens are derived with."""

    __tablename__ = "app_secrets"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(String(200))


class SignInAttempts(Base):
    """Tries to sign in as one name from one address since the window began: kept in the database,
    so that every server process counts the same tries."""

    __tablename__ = "sign_in_attempts"
    name: Mapped[str] = mapped_column(String(100), primary_key=True)
    address: Mapped[str] = mapped_column(String(100), primary_key=True)
    started_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), index=True)
    attempts: Mapped[int] = mapped_column(Integer)


@dataclass(frozen=True, slots=True)
class User:
    """Who is asking: an account, or (organisation None) the one person of `serve --local`."""

    id: int
    name: str
    role: str
    organisation_id: int | None
    organisation: str

    @property
    def may_review(self) -> bool:
        return self.role in (ADMIN, REVIEWER)

    @property
    def is_admin(self) -> bool:
        return self.role == ADMIN


LOCAL = User(0, "本机用户", ADMIN, None, "本机")


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _check_new(name: str, role: str, password: str) -> None:
    if not name.strip() or len(name) > 100:
        raise YusuanError("用户名不能为空，且不超过 100 个字符")
    if role not in ROLES:
        raise YusuanError(f"角色只能是{'、'.join(ROLES)}之一，收到“{role}”")
    if len(password) < MIN_PASSWORD:
        raise YusuanError(f"密码至少 {MIN_PASSWORD} 个字符")


def add_user(engine: Engine, name: str, organisation: str, role: str, password: str) -> User:
    """A new account (its organisation made if new)."""
    name, organisation = name.strip(), organisation.strip()
    _check_new(name, role, password)
    if not organisation or len(organisation) > 200:
        raise YusuanError("单位名称不能为空，且不超过 200 个字符")
    with Session(engine) as session, session.begin():
        if session.scalar(select(Account.id).where(Account.name == name)) is not None:
            raise YusuanError(f"用户“{name}”已存在")
        org = session.scalar(select(Organisation).where(Organisation.name == organisation))
        if org is None:
            org = Organisation(name=organisation)
            session.add(org)
            session.flush()
        account = Account(name=name, organisation_id=org.id, role=role, password_hash=_hasher.hash(password),
                          created_at=datetime.now(UTC))
        session.add(account)
        session.flush()
        return User(account.id, name, role, org.id, org.name)


def users(engine: Engine, organisation_id: int | None = None) -> list[dict[str, object]]:
    """Every account (or one organisation's), by organisation and name."""
    query = (select(Account.id, Account.name, Account.role, Organisation.name, Account.created_at)
             .join(Organisation, Organisation.id == Account.organisation_id)
             .order_by(Organisation.name, Account.name))
    if organisation_id is not None:
        query = query.where(Account.organisation_id == organisation_id)
    with Session(engine) as session:
        return [{"id": id_, "name": name, "role": role, "organisation": org,
                 "created_at": created.isoformat(timespec="seconds")}
                for id_, name, role, org, created in session.execute(query)]


def count(engine: Engine) -> int:
    with Session(engine) as session:
        return session.scalar(select(func.count(Account.id))) or 0


def remove_user(engine: Engine, account_id: int, organisation_id: int) -> None:
    """Delete an account of this organisation (its sessions go with it)."""
    with Session(engine) as session, session.begin():
        account = session.get(Account, account_id)
        if account is None or account.organisation_id != organisation_id:
            raise LookupError(f"本单位没有编号为 {account_id} 的用户")
        session.execute(delete(AccountSession).where(AccountSession.account_id == account_id))
        session.delete(account)


def set_password(engine: Engine, name: str, password: str) -> None:
    """A new password; every session of the account ends."""
    if len(password) < MIN_PASSWORD:
        raise YusuanError(f"密码至少 {MIN_PASSWORD} 个字符")
    with Session(engine) as session, session.begin():
        account = session.scalar(select(Account).where(Account.name == name))
        if account is None:
            raise YusuanError(f"没有用户“{name}”")
        account.password_hash = _hasher.hash(password)
        session.execute(delete(AccountSession).where(AccountSession.account_id == account.id))


def _user(session: Session, account: Account) -> User:
    org = session.get(Organisation, account.organisation_id)
    return User(account.id, account.name, account.role, account.organisation_id, org.name if org else "")


def sign_in(engine: Engine, name: str, password: str) -> tuple[User, str] | None:
    """The user and a new session's token, or None when the name or the password is wrong."""
    with Session(engine) as session, session.begin():
        account = session.scalar(select(Account).where(Account.name == name.strip()))
        if account is None:
            _hasher.hash(password)  # as slow as a wrong password: the time says nothing of who exists
            return None
        try:
            _hasher.verify(account.password_hash, password)
        except (VerificationError, InvalidHashError):
            return None
        if _hasher.check_needs_rehash(account.password_hash):
            account.password_hash = _hasher.hash(password)
        now = datetime.now(UTC)
        session.execute(delete(AccountSession).where(AccountSession.expires_at < now))
        token = secrets.token_urlsafe(32)
        session.add(AccountSession(id=_digest(token), account_id=account.id, created_at=now,
                                   expires_at=now + timedelta(hours=SESSION_HOURS)))
        return _user(session, account), token


def session_user(engine: Engine, token: str) -> User | None:
    """Whose session the token opens, while it lasts (one query: it runs on every request)."""
    with engine.connect() as connection:
        row = connection.execute(_SESSION_USER, {"session": _digest(token)}).first()
    if row is None:
        return None
    expires = row[-1] if row[-1].tzinfo else row[-1].replace(tzinfo=UTC)  # SQLite keeps no zone; all is UTC
    return User(*row[:-1]) if expires > datetime.now(UTC) else None


# made once: building the statement costs more than running it
_SESSION_USER = (select(Account.id, Account.name, Account.role, Account.organisation_id, Organisation.name,
                        AccountSession.expires_at)
                 .join(AccountSession, AccountSession.account_id == Account.id)
                 .join(Organisation, Organisation.id == Account.organisation_id)
                 .where(AccountSession.id == bindparam("session")))


def attempt(engine: Engine, name: str, address: str) -> int:
    """Count a try to sign in as this name from this address, before its password is checked, and
    say how many seconds it must wait instead (0: go ahead). After SIGN_IN_LIMIT tries within
    SIGN_IN_WINDOW of the first, the rest of the window is refused. Counted in one statement that
    locks the row, so tries made at once, in any process, cannot all slip under the limit."""
    now = datetime.now(UTC)
    cutoff = now - SIGN_IN_WINDOW
    table = SignInAttempts.__table__
    insert = (postgresql.insert if engine.dialect.name == "postgresql" else sqlite.insert)(table)
    expired = table.c.started_at < cutoff
    counted = (insert.values(name=name, address=address, started_at=now, attempts=1)
               .on_conflict_do_update(index_elements=[table.c.name, table.c.address], set_={
                   "attempts": case((expired, 1), else_=table.c.attempts + 1),
                   "started_at": case((expired, literal(now, table.c.started_at.type)), else_=table.c.started_at)})
               .returning(table.c.attempts, table.c.started_at))
    with engine.begin() as connection:
        tries, started = connection.execute(counted).one()
    with engine.begin() as connection:  # apart: pruning then waits for no one who waits for it
        connection.execute(delete(SignInAttempts).where(SignInAttempts.started_at < cutoff))
    if tries <= SIGN_IN_LIMIT:
        return 0
    started = started if started.tzinfo else started.replace(tzinfo=UTC)  # SQLite keeps no zone
    return max(int((started + SIGN_IN_WINDOW - now).total_seconds()) + 1, 1)


def attempts_forgotten(engine: Engine, name: str, address: str) -> None:
    """Signed in: this name's tries from this address start again from none."""
    with engine.begin() as connection:
        connection.execute(delete(SignInAttempts).where(SignInAttempts.name == name,
                                                        SignInAttempts.address == address))


def sign_out(engine: Engine, token: str) -> None:
    with Session(engine) as session, session.begin():
        session.execute(delete(AccountSession).where(AccountSession.id == _digest(token)))


def secret(engine: Engine, name: str = "csrf") -> bytes:
    """The named secret, made at random on first use and kept in the database."""
    for _ in range(2):
        with Session(engine) as session:
            value = session.scalar(select(AppSecret.value).where(AppSecret.name == name))
        if value is not None:
            return bytes.fromhex(value)
        try:
            with Session(engine) as session, session.begin():
                session.add(AppSecret(name=name, value=secrets.token_hex(32)))
        except IntegrityError:  # another process made it first: read theirs
            continue
    raise YusuanError(f"无法在数据库中保存密钥 {name}")


def organisation_of_batch(engine: Engine, batch_id: int) -> tuple[bool, int | None]:
    """Whether the batch exists, and its organisation."""
    from .reviews import ReviewBatch

    with Session(engine) as session:
        row = session.execute(select(ReviewBatch.organisation_id).where(ReviewBatch.id == batch_id)).first()
    return (row is not None, row[0] if row else None)


def organisation_of_document(engine: Engine, document_id: int) -> tuple[bool, int | None]:
    from .reviews import ReviewBatch, ReviewDocument

    with Session(engine) as session:
        row = session.execute(select(ReviewBatch.organisation_id)
                              .join(ReviewDocument, ReviewDocument.batch_id == ReviewBatch.id)
                              .where(ReviewDocument.id == document_id)).first()
    return (row is not None, row[0] if row else None)
