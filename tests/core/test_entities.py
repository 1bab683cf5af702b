"""The registry of synced records agrees with the store's tables, column by column."""

from __future__ import annotations

import pytest
from sqlalchemy import JSON, Boolean, Date, DateTime, Integer, String, Text

from childcare_desktop.core import entities
from childcare_desktop.core.entities import Type
from childcare_desktop.storage.models import SYNCED_MODELS
from childcare_desktop.storage.models.base import SYNC_META_COLUMNS, Code

MODELS = {m.__table__.name: m for m in SYNCED_MODELS}


def test_the_registry_names_exactly_the_synced_tables_in_parent_order() -> None:
    assert [e.table for e in entities.ENTITIES] == list(MODELS)
    seen: set[str] = set()
    for e in entities.ENTITIES:
        for ref in e.refs:
            if ref.ref not in ("*", e.table) and e.owner == ref.name:
                assert ref.ref in seen, f"{e.table}.{ref.name} names a later table"
        seen.add(e.table)


@pytest.mark.parametrize("table", list(MODELS))
def test_every_column_has_its_field_with_the_same_rules(table: str) -> None:
    e = entities.BY_TABLE[table]
    model = MODELS[table]
    columns = {
        c.name: c
        for c in model.__table__.columns
        if c.name not in SYNC_META_COLUMNS and not c.info.get("local") and c.name != "region_code"
    }
    assert set(columns) == set(e.by_name)
    for name, column in columns.items():
        f = e[name]
        where = f"{table}.{name}"
        assert f.required == (not column.nullable), where
        kind = column.type
        if isinstance(kind, Code):
            assert f.type is Type.CODE and f.vocab is kind.enum_cls, where
        elif isinstance(kind, JSON):
            assert f.type in (Type.CODES, Type.TEXTS, Type.POLICY), where
        elif isinstance(kind, DateTime):
            assert f.type is Type.MOMENT, where
        elif isinstance(kind, Date):
            assert f.type is Type.DATE, where
        elif isinstance(kind, Boolean):
            assert f.type is Type.BOOL, where
        elif isinstance(kind, Integer):
            assert f.type is Type.INT, where
        elif isinstance(kind, Text):
            assert f.type is Type.TEXT and f.max_len == entities.NOTE_MAX, where
        elif isinstance(kind, String):
            assert f.max_len == kind.length, where
        for fk in column.foreign_keys:
            assert f.type is Type.REF and f.ref == fk.column.table.name, where
        if column.foreign_keys:
            assert f.type is Type.REF


def test_the_owner_of_a_record_is_a_fixed_required_reference() -> None:
    for e in entities.ENTITIES:
        if e.owner is None:
            # see their notes
            assert e.table in (
                "child",
                "transfer",
                "county_policy",
                "work_log",
                "left_behind_adult",
                "clue",
            )
            continue
        owner = e[e.owner]
        assert owner.type is Type.REF and owner.required and owner.fixed


def test_keep_first_fields_are_fields_of_their_table() -> None:
    assert entities.CHILD.keep_first == {"id_number", "id_type", "birth_date", "sex"}
    assert entities.CARE_AGREEMENT.keep_first == {"state"}
