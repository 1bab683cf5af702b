"""Declarative base, column types and the columns every synced table carries."""

from __future__ import annotations

import uuid
from enum import Enum
from typing import Any, ClassVar

from sqlalchemy import JSON, BigInteger, Boolean, MetaData, String, TypeDecorator, event
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {dict: JSON, list: JSON}


def new_id() -> str:
    return str(uuid.uuid4())


class Code(TypeDecorator[Any]):
    """A vocabulary code stored as its short string; loads as the enum member.

    A code this version does not know (written by a newer version, or by hand) loads as
    the raw string instead of failing, and is written back unchanged.
    """

    impl = String(40)
    cache_ok = True

    def __init__(self, enum_cls: type[Enum]) -> None:
        super().__init__()
        self.enum_cls = enum_cls

    def process_bind_param(self, value: Any, dialect: Any) -> str | None:
        if value is None:
            return None
        return value.value if isinstance(value, Enum) else str(value)

    def process_result_value(self, value: Any, dialect: Any) -> Any:
        # A dict lookup, not enum_cls(value): this runs for every value of every row.
        return self.enum_cls._value2member_map_.get(value, value)


class Synced:
    """Columns of every table that the sync carries between laptops and the county.

    Whether a table is insert-only, and everything else about its fields, is in the
    registry (``core.entities``). Columns whose ``info`` has ``local=True`` are derived on
    each laptop and never leave it.
    """

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    region_code: Mapped[str] = mapped_column(String(12), index=True)
    deleted: Mapped[bool] = mapped_column(Boolean, default=False, server_default="0")
    # Stamped by the capture triggers (storage.capture) after each local write, or by
    # the sync when it applies a change from the server. An ORM object keeps the value
    # it was loaded with; read them from a fresh query.
    created_hlc: Mapped[int | None] = mapped_column(BigInteger)
    updated_hlc: Mapped[int | None] = mapped_column(BigInteger)


SYNC_META_COLUMNS = frozenset({"id", "created_hlc", "updated_hlc"})


@event.listens_for(Base, "init", propagate=True)
def _id_at_birth(target: Any, _args: Any, kwargs: dict[str, Any]) -> None:
    """A synced row has its id from the moment it is made, not only after a flush: the use
    cases name it in the audit log and in the records they return before anything is flushed."""
    if isinstance(target, Synced) and kwargs.get("id") is None:
        kwargs["id"] = new_id()
