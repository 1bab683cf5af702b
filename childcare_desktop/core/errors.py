"""Error kinds raised by every layer below the UI.

Code below the UI never builds a sentence for a user: it raises one of these
with a :class:`Kind` and, where it helps, the field and a few parameters. The
CLI (``childcare_desktop.messages``) and the GUI turn kinds into text.
"""

from __future__ import annotations

import errno
from enum import StrEnum
from typing import Any


class Kind(StrEnum):
    # identity numbers
    ID_EMPTY = "id_empty"
    ID_BAD_LENGTH = "id_bad_length"
    ID_BAD_CHARS = "id_bad_chars"
    ID_BAD_PROVINCE = "id_bad_province"
    ID_BAD_DATE = "id_bad_date"
    ID_FUTURE_DATE = "id_future_date"
    ID_BAD_CHECK_DIGIT = "id_bad_check_digit"
    ID_BIRTH_MISMATCH = "id_birth_mismatch"
    ID_SEX_MISMATCH = "id_sex_mismatch"
    ID_DUPLICATE = "id_duplicate"
    ID_PRECISION_LOST = "id_precision_lost"
    ID_NAME_MISMATCH = "id_name_mismatch"
    NAME_AMBIGUOUS = "name_ambiguous"
    # other field values
    PHONE_INVALID = "phone_invalid"
    REGION_INVALID = "region_invalid"
    REGION_LEVEL = "region_level"  # a village code for a supervisor, a township's for a director
    REGION_OUTSIDE = "region_outside"  # a village outside a township store's township
    VILLAGE_NOT_HELD = "village_not_held"  # a village of the township the store has no child of
    REQUIRED = "required"
    TOO_LONG = "too_long"
    CONTROL_CHARS = "control_chars"
    MARKUP_IN_NAME = "markup_in_name"
    INVALID_CHOICE = "invalid_choice"
    DATE_INVALID = "date_invalid"
    DATE_IN_FUTURE = "date_in_future"
    DATE_TOO_FAR = "date_too_far"  # a date that may lie ahead, more than ten years ahead
    DATE_BEFORE_BIRTH = "date_before_birth"
    DATE_ORDER = "date_order"
    BEFORE_DROPOUT = "before_dropout"  # a persuasion (劝返) dated before the child left school
    BEFORE_FOUND = "before_found"  # a problem's target, step or closing before it was found
    OUTSIDE_PAIRING = "outside_pairing"  # a 结对帮扶 contact dated outside the pairing
    ENDS_BEFORE_CONTACT = "ends_before_contact"  # a pairing ended before its last contact
    DATE_INCOMPLETE = "date_incomplete"
    NUMBER_INVALID = "number_invalid"
    INVALID_TYPE = "invalid_type"  # a stored or synced value of the wrong kind
    UNKNOWN_FIELD = "unknown_field"
    CHOICE_MISSING = "choice_missing"  # a required choice left at 请选择
    # domain rules
    CATEGORY_AGE_LIMIT = "category_age_limit"
    CATEGORY_DUPLICATE = "category_duplicate"
    STATE_TRANSITION = "state_transition"
    CHILD_EXITED = "child_exited"
    DROPOUT_CLOSED = "dropout_closed"  # back at school or reported: no more 劝返
    PROBLEM_CLOSED = "problem_closed"  # a problem closed (结案): no more steps, no second close
    LEFT_BEHIND_SEX = "left_behind_sex"  # a 留守妇女 who is not a woman
    LEFT_BEHIND_AGE = "left_behind_age"  # a 留守老年人 under 60
    LEFT_BEHIND_EXITED = "left_behind_exited"  # no visit to a woman or elder who left the roster
    BEFORE_REGISTERED = "before_registered"  # a woman's or elder's visit before her registration
    PAIRING_ENDED = "pairing_ended"  # an ended 结对帮扶: no more contacts, no second end
    CHILD_ACTIVE = "child_active"
    NOT_FOUND = "not_found"
    POLICY_INVALID = "policy_invalid"
    CODE_INVALID = "code_invalid"
    NOT_AS_ENROLLED = "not_as_enrolled"  # role or region other than the county server's
    DEMO_STORE = "demo_store"  # the demo's invented children never go to a county server
    DUPLICATE_ELSEWHERE = "duplicate_elsewhere"  # a pair this store does not hold both of
    NOT_PERMITTED = "not_permitted"  # the store's role may not do this (审核 on a village's)
    TRANSFER_TARGET = "transfer_target"  # a transfer to the same village or out of the county
    NOTHING_TO_PRINT = "nothing_to_print"  # a batch for a roll or villages with no child
    CLUE_CLOSED = "clue_closed"  # a clue already handled or closed
    CLUE_NO_CHILD = "clue_no_child"  # a report or a visit needs the child on file
    # 季度核实 (issue 18): only a child in difficulty, once a quarter, dated in its quarter
    NOT_IN_DIFFICULTY = "not_in_difficulty"
    QUARTER_INVALID = "quarter_invalid"
    QUARTER_CHECKED = "quarter_checked"  # the quarter already has its check: edit that
    OUTSIDE_QUARTER = "outside_quarter"
    NO_CHANGE_WITH_CHANGES = "no_change_with_changes"  # 无变化 ticked with a change
    # the store
    STORE_NOT_FOUND = "store_not_found"
    STORE_EXISTS = "store_exists"
    WRONG_PASSPHRASE = "wrong_passphrase"
    NOT_A_STORE = "not_a_store"
    STORE_TOO_NEW = "store_too_new"
    STORE_LOCKED = "store_locked"
    DISK_FULL = "disk_full"
    READ_ONLY = "read_only"
    INTEGRITY_FAILED = "integrity_failed"
    WEAK_PASSPHRASE = "weak_passphrase"
    BACKUP_INVALID = "backup_invalid"
    SAME_FILE = "same_file"
    # the county's recovery of a store whose passphrase is lost
    RECOVERY_NOT_SEALED = "recovery_not_sealed"  # no recovery file beside the store
    RECOVERY_FILE_INVALID = "recovery_file_invalid"  # not a key or recovery file of ours
    RECOVERY_WRONG_PASSPHRASE = "recovery_wrong_passphrase"  # of the county's private key
    RECOVERY_WRONG_KEY = "recovery_wrong_key"  # sealed to another county key
    RECOVERY_OTHER_STORE = "recovery_other_store"  # the recovery file of another store
    RECOVERY_STALE = "recovery_stale"  # its keys no longer open the store
    # ledgers (Excel files)
    LEDGER_UNREADABLE = "ledger_unreadable"
    LEDGER_OLD_FORMAT = "ledger_old_format"
    LEDGER_NO_SHEET = "ledger_no_sheet"
    LEDGER_NO_HEADER = "ledger_no_header"
    MAPPING_INVALID = "mapping_invalid"
    CANCELLED = "cancelled"


class DomainError(Exception):
    """A known failure, described by its kind; never a bug."""

    def __init__(self, kind: Kind, field: str | None = None, **params: Any) -> None:
        self.kind = kind
        self.field = field
        self.params = params
        super().__init__(kind.value if field is None else f"{field}: {kind.value}")


class ValidationError(DomainError):
    """Input that breaks a rule; the caller can fix it and try again."""


class NotFoundError(DomainError):
    def __init__(self, what: str, ident: str) -> None:
        super().__init__(Kind.NOT_FOUND, what=what, ident=ident)


class StateError(DomainError):
    """An action that the record's current state does not allow."""


class StoreError(DomainError):
    """The store cannot be opened or written as asked."""


def raise_for_os_error(err: BaseException, path: object) -> None:
    """A full disk or a place we may not write to, as its error kind; else return."""
    if not isinstance(err, OSError):
        return
    if err.errno == errno.ENOSPC:
        raise StoreError(Kind.DISK_FULL, path=str(path)) from err
    if err.errno in (
        errno.EACCES,
        errno.EPERM,
        errno.EROFS,
        errno.ENOENT,
        errno.ENOTDIR,
        errno.EEXIST,
        errno.EISDIR,
    ):
        raise StoreError(Kind.READ_ONLY, path=str(path)) from err


# Kinds that mean "the user gave us something wrong": the CLI exits with 2 for these.
USER_INPUT_KINDS = frozenset(
    k
    for k in Kind
    if k
    not in {
        Kind.STORE_LOCKED,
        Kind.DISK_FULL,
        Kind.READ_ONLY,
        Kind.INTEGRITY_FAILED,
    }
)
