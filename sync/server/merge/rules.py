"""Whether an operation may be applied: the registry's rules and the device's scope.

Every byte from a device is hostile until checked. An operation is checked against the
same field rules the laptop's forms use (``core.checks``), against the role of its user,
and against the user's scope: the record itself AND every record it refers to must lie
in the user's region, and in the record's own village. What fails is held (quarantined)
with a :class:`~sync.protocol.Hold`, never applied, never passed on.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from childcare_desktop.core.checks import IDENTITY_FIELDS, check_identity, check_row, check_value
from childcare_desktop.core.entities import ENTITIES, NOT_FIELDS, Entity, Type, entity
from childcare_desktop.core.errors import ValidationError
from childcare_desktop.core.row_rules import HORIZON, OWNER, check_rules, rules_reading

from ...protocol import FIXED_FIELDS, Hold, Operation, OpKind, Refusal
from ..principal import Principal
from . import merging
from .state import ROW_ID, Batch, known, ref_target
from .transfers import refusal as transfer_refusal
from .transfers import region_of

FLAGGED_AHEAD = HORIZON  # dates up to ten years on are applied, flagged

# Per table, the fields that name the table another field's reference points into.
NAMES_TABLE = {e.table: frozenset(f.ref_table for f in e.refs if f.ref_table) for e in ENTITIES}


@dataclass(frozen=True, slots=True)
class Refused:
    hold: Hold
    waits_for: str | None = None  # "tbl/row_id" of a record that may still arrive


def refusal(b: Batch, who: Principal, op: Operation, also: str | None = None) -> Refused | None:
    """Why ``op`` cannot be applied now, or None. ``also``: a village the operation may
    write outside its user's scope (a late edit of a file that moved, see ``late``)."""
    e = entity(op.table)
    if e is None:
        return Refused(Hold(Refusal.UNKNOWN_TABLE))
    if not who.may(e.writers):
        return Refused(Hold(Refusal.NOT_PERMITTED))
    check = _insert if op.kind is OpKind.INSERT else _set
    found = check(b, who, e, op, also) or _other_file(b, who, op)
    if found is None and (hold := transfer_refusal(b, who, op)) is not None:
        child = f"child/{op.value.get('child_id')}" if op.kind is OpKind.INSERT else ""
        waits = child if hold.refusal is Refusal.MISSING_PARENT else None
        return Refused(hold, waits if waits and known(*waits.split("/", 1)) else None)
    if found is None and (held := merging.refusal(b, who, op)) is not None:
        return Refused(held, merging.awaited(b, op))  # last: a decision that passes claimed
    return found


def _other_file(b: Batch, who: Principal, op: Operation) -> Refused | None:
    """A duplicate's decision names the other file by id, no reference (it may lie where
    the file's readers do not see): the writer must cover it too, or a supervisor would
    close a pair across townships, which is the county's."""
    if op.table != "duplicate_decision" or op.kind is not OpKind.INSERT:
        return None
    other = region_of(b, str(op.value.get("other_id")))
    if other is None or not who.can_write(other):
        return Refused(Hold(Refusal.MISSING_PARENT, "other_id"))
    return None


def _insert(b: Batch, who: Principal, e: Entity, op: Operation, also: str | None) -> Refused | None:
    region = op.region_code
    if (
        not (region.isascii() and region.isdigit())
        or len(region) != e.region_digits
        or op.value.get("region_code", region) != region
    ):
        return Refused(Hold(Refusal.BAD_REGION))
    if not (who.can_write(region) or region == also):
        return Refused(Hold(Refusal.OUT_OF_SCOPE))
    if (op.table, op.row_id) in b.rows:
        return Refused(Hold(Refusal.DUPLICATE))
    if not ROW_ID.match(op.row_id):
        return Refused(Hold(Refusal.INVALID, "id", "invalid_type"))
    # A date after the server's day is no reason to hold a record: it was made on a
    # laptop whose clock was ahead, and is applied flagged (see ``write.entry``). One
    # more than ten years ahead is no clock's mistake. The rules across its fields read
    # the record it belongs to as the server holds it (a step's problem's found date).
    owner = b.owner_fields(op.table, op.value, region)
    problem = _invalid(
        lambda: check_row(e, op.value, today=b.today, ahead=FLAGGED_AHEAD, owner=owner)
    )
    if problem:
        return problem
    return _references(b, e, op, op.value, region)


def _set(b: Batch, who: Principal, e: Entity, op: Operation, also: str | None) -> Refused | None:
    region = b.rows.get((op.table, op.row_id))
    if region is None:
        waits = f"{op.table}/{op.row_id}" if known(op.table, op.row_id) else None
        return Refused(Hold(Refusal.MISSING_RECORD), waits)
    if not (who.can_write(region) or region == also):
        return Refused(Hold(Refusal.OUT_OF_SCOPE))
    if e.insert_only:
        return Refused(Hold(Refusal.INSERT_ONLY))
    problem = _value(b, e, op)
    if problem:
        return problem
    name, f = op.field or "", e[op.field or ""]
    # A reference, or the table an owner reference names: where it points is checked
    # as it will stand (an attachment moved to another table's record of the same id
    # would otherwise slip into another village).
    linked = {name: op.value}
    if name in NAMES_TABLE.get(e.table, ()):
        for ref in e.refs:
            if ref.ref_table == name:
                linked[ref.name] = b.current(op.table, op.row_id, ref.name)
    if f.type is Type.REF or len(linked) > 1:
        return _references(b, e, op, linked, region)
    return None


def _value(b: Batch, e: Entity, op: Operation) -> Refused | None:
    """Why the value a change sets is refused: a field no change may set, a value its
    field's rule refuses, or one the rules across fields refuse with the record as it
    will stand."""
    name = op.field or ""
    if name in FIXED_FIELDS or name in NOT_FIELDS:
        return Refused(Hold(Refusal.FIXED_FIELD, name))
    if name not in e:
        return Refused(Hold(Refusal.UNKNOWN_FIELD, name[:40]))
    f = e[name]
    if f.fixed:
        return Refused(Hold(Refusal.FIXED_FIELD, name))
    problem = _invalid(lambda: check_value(f, op.value, today=b.today + FLAGGED_AHEAD))
    if problem is None and name in IDENTITY_FIELDS:
        # with the other as the push leaves it: a type and its number changed in one
        # edit come as two changes, the type first (checked against the old number, a
        # passport's number made an ID card's type refused)
        row = {k: b.as_it_will_stand(op.table, op.row_id, k) for k in IDENTITY_FIELDS}
        problem = _invalid(lambda: check_identity({**row, name: op.value}, today=b.today))
    return problem or _across(b, e, op, name)


def settle(b: Batch, ops: Sequence[Operation]) -> None:
    """What a push's changes leave the fields a rule across fields reads as
    (``Batch.coming``): the last change of each whose value is taken. A change whose
    value is refused (of the wrong type, or breaking a rule with the others as they will
    stand) leaves the field as the push's change before it set it, or as it stands: a
    change checked against the refused value would otherwise be applied on a value that
    never stands (a pairing's end set before a start that was held). Worked out record by
    record until no change is refused: each round takes back at least one change."""
    by_row: dict[tuple[str, str], dict[str, list[Operation]]] = {}
    for op in ops:
        if op.kind is OpKind.SET and op.field and _read_across(op.table, op.field):
            fields = by_row.setdefault((op.table, op.row_id), {})
            fields.setdefault(op.field, []).append(op)
    for (table, _row_id), fields in by_row.items():
        e = entity(table)
        assert e is not None  # a table with rules
        refused = True
        while refused:
            refused = False
            for sent in fields.values():
                if sent and _value(b, e, sent[-1]) is not None:
                    op = sent.pop()
                    key = (op.table, op.row_id, op.field or "")
                    if sent:
                        b.coming[key] = sent[-1].value
                    else:
                        b.coming.pop(key, None)
                    refused = True


def _read_across(table: str, name: str) -> bool:
    """Whether a change of the field is checked with other fields of its record."""
    return name in IDENTITY_FIELDS or bool(rules_reading(table, name))


def _across(b: Batch, e: Entity, op: Operation, name: str) -> Refused | None:
    """The rules across fields that read ``name``, on the record as it will stand."""
    rules = rules_reading(e.table, name)
    if not rules:
        return None
    reads = {n for rule in rules for n in rule.reads if not n.startswith(OWNER)}
    row = {n: b.as_it_will_stand(op.table, op.row_id, n) for n in reads} | {name: op.value}
    return _invalid(lambda: check_rules(e.table, row, today=b.today, fields=(name,)))


def _references(
    b: Batch, e: Entity, op: Operation, values: dict[str, Any], region: str
) -> Refused | None:
    """Every record ``values`` point to is on the server, in the record's own village.

    A reference into another village reads exactly like one to a record the server does
    not have: the device learns nothing of what lies outside its scope."""
    for f in e.refs:
        if f.name not in values:
            continue
        target = ref_target(f, values, op.table, op.row_id, b)
        if target is None:
            if values.get(f.name):  # a polymorphic reference naming no table
                return Refused(Hold(Refusal.MISSING_PARENT, f.name))
            continue
        found = b.rows.get(target)
        if found is None:
            waits = f"{target[0]}/{target[1]}" if known(*target) else None
            return Refused(Hold(Refusal.MISSING_PARENT, f.name), waits)
        if found != region:
            return Refused(Hold(Refusal.MISSING_PARENT, f.name))
    return None


def _invalid(check: Any) -> Refused | None:
    try:
        check()
    except ValidationError as err:
        return Refused(Hold(Refusal.INVALID, err.field, err.kind.value))
    return None
