"""Every action the services audit against a child reads in words in 历史记录 (a new
action without a label showed as "transfer_requested")."""

from __future__ import annotations

import ast
from pathlib import Path

import childcare_desktop
from childcare_desktop.core.vocab import ReviewDecision, TransferState
from childcare_desktop.ui.views.child_tabs import ACTIONS

# Actions about the store, never a child's (no file's history shows them).
NOT_A_CHILD_S = {
    "synced",
    "settings_changed",
    "policy_set",
    "ledger_imported",
    "exported",
    "bundle_exported",
    "bundle_imported",
    "work_log_added",  # 工作日志: the director's work, no child's (issue 18)
    "work_log_edited",
    "work_log_deleted",
    "left_behind_adult_added",  # 三留守: women and elders, no child's (issue 18)
    "left_behind_adult_edited",
    "left_behind_adult_visited",
    "left_behind_adult_exited",
}
AUDITING = {"save": 2, "apply_changes": 3, "record_audit": 1}  # call -> the action's place
FORMED = {"transfer_": TransferState, "review_": ReviewDecision}  # f"transfer_{state.value}"


def _actions() -> set[str]:
    found: set[str] = set()
    root = Path(childcare_desktop.__file__).parent
    for path in (root / "services").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Name):
                continue
            at = AUDITING.get(node.func.id)
            if at is None or len(node.args) <= at:
                continue
            arg = node.args[at]
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                found.add(arg.value)
            elif isinstance(arg, ast.JoinedStr):
                head = arg.values[0]
                assert isinstance(head, ast.Constant) and head.value in FORMED, path
                found |= {f"{head.value}{choice.value}" for choice in FORMED[head.value]}
    return found


def test_every_child_action_has_words() -> None:
    actions = _actions()
    assert {"child_registered", "transfer_requested", "duplicate_merged"} <= actions
    assert actions - NOT_A_CHILD_S - set(ACTIONS) == set()
