"""Place names the county syncs, with ``&`` and what reads like markup (``&lt;``),
printed on an agreement and read back (issue 15): printed as written, never as markup."""

from __future__ import annotations

import subprocess
from datetime import date, timedelta
from pathlib import Path

from childcare_desktop.services import agreements, family, printing
from childcare_desktop.storage import places
from childcare_desktop.storage.store import Store
from tests.conftest import VILLAGE
from tests.factories import make_child


def test_place_names_with_ampersands_print_as_written(store: Store, tmp_path: Path) -> None:
    with store.connection() as conn:
        kept = places.save_names(
            conn,
            "v1",
            [(VILLAGE[:6], "清河&县"), (VILLAGE[:9], "青石&lt;镇"), (VILLAGE, "柳&amp;溪村")],
        )
    assert kept == 3
    with store.session() as session:
        child = make_child(session, name="张小明")
        carer = family.add_carer(
            session, child_id=child.id, name="李奶奶", relation="paternal_grandmother"
        )
        made = agreements.draft_agreement(
            session,
            child_id=child.id,
            carer_id=carer.id,
            start_date=date.today(),
            end_date=date.today() + timedelta(days=365),
        )
        pdf = printing.agreement(session, agreement_id=made.id)
    path = tmp_path / "协议.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True
    ).stdout
    squeezed = "".join(text.split())
    assert "柳&amp;溪村村民委员会" in squeezed
    assert "青石&lt;镇" in squeezed or "青石&lt;镇" in text
