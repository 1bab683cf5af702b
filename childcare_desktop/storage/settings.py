"""Business settings kept in the store, each declared once with its type and default.

Only window geometry belongs in QSettings; everything that describes the work (the
village, the director's name, the idle-lock time) lives here, encrypted with the rest.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Generic, TypeVar

from sqlalchemy import text

from .audit import Executor

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Setting(Generic[T]):
    key: str
    default: T
    title: str  # shown in the settings screen (translated there)


HOME_REGION: Setting[str | None] = Setting("home_region", None, "本村区划代码（12位）")
VILLAGE_NAME: Setting[str] = Setting("village_name", "", "村（居）名称")
TOWNSHIP_NAME: Setting[str] = Setting("township_name", "", "乡镇（街道）名称")
COUNTY_NAME: Setting[str] = Setting("county_name", "", "县（市、区）名称")
DIRECTOR_NAME: Setting[str] = Setting("director_name", "", "儿童主任姓名")
IDLE_LOCK_MINUTES: Setting[int] = Setting("idle_lock_minutes", 10, "无操作自动锁定（分钟）")
LARGE_FONT: Setting[bool] = Setting("large_font", False, "大字模式")
DEMO: Setting[bool] = Setting("demo", False, "示范数据（虚构）")
# director (儿童主任), supervisor (督导员), county, or viewer (may not see reports)
ROLE: Setting[str] = Setting("role", "director", "本机使用人的角色")
# The county server's own certificate (PEM), when the county signs it itself: the laptop
# trusts it for that server alone. Not secret; kept here so that it travels with the store.
SERVER_CA: Setting[str | None] = Setting("server_ca_pem", None, "县服务器证书")
# The county's public recovery key, {"fingerprint", "key"} (sync.recovery): the store's
# key is sealed to it beside the store (storage.recovery). Public; from the county server
# at enrollment and hello, or from a file at creation.
RECOVERY_KEY: Setting[dict[str, str] | None] = Setting("recovery_key", None, "县级恢复公钥")
# Sync health (issue 15): what the county server last sent of the devices this user may
# see, {"at_ms": server time, "devices": [...]} (kept for offline; not a business setting
# anyone types, so not in ALL).
SYNC_HEALTH: Setting[dict[str, Any] | None] = Setting("sync_health", None, "同步情况")
# The store's clock when its first complete sync ended (storage.syncstore): a township's
# review shows what arrived after it, not the villages' whole past.
REVIEW_SINCE_HLC: Setting[int | None] = Setting("review_since_hlc", None, "审核起点")
# Sync by USB stick (issue 16, sync.client.bundles): this laptop's bundle keys, the
# server's public keys, the numbers of the last bundle made and reply read, the server's
# clock at its last answer applied. The private keys stay here, encrypted with the rest.
SYNC_BUNDLE: Setting[dict[str, Any] | None] = Setting("sync_bundle", None, "同步包")

# Automatic backups (services.backups): where the second copy goes (a folder on another
# disk or a USB stick), and when the last good backup was written to each place (ISO
# times, {"store": ..., "second": ...}). Kept in the store: each store (each user of a
# shared PC) has its own, the CLI's `backup --auto` reads the same, and they are encrypted.
BACKUP_PLACE: Setting[str | None] = Setting("backup_place", None, "第二备份位置")
BACKUP_LAST: Setting[dict[str, str]] = Setting("backup_last", {}, "上次自动备份")
# A random name for this store's backup folder: stable across restores (the backup holds
# it), unlike the sync site id, and tells two stores' backups apart on one USB stick.
BACKUP_ID: Setting[str | None] = Setting("backup_id", None, "备份编号")
# Category suggestions dismissed (services.suggestions): {child id: [suggestion keys]}.
# A key holds the facts' fingerprint, so a dismissal lapses when the facts change. Local:
# one director's "not now" is no record the county needs.
SUGGESTIONS_DISMISSED: Setting[dict[str, list[str]]] = Setting(
    "suggestions_dismissed", {}, "已忽略的类别提示"
)
# The most visits (contacts and home visits) a week the director plans (services.workload):
# None, the default, plans nothing. In the store, so it follows the store, not the laptop.
WEEKLY_VISIT_CAP: Setting[int | None] = Setting("weekly_visit_cap", None, "每周最多走访（次）")

ALL = (
    DEMO,
    ROLE,
    HOME_REGION,
    VILLAGE_NAME,
    TOWNSHIP_NAME,
    COUNTY_NAME,
    DIRECTOR_NAME,
    IDLE_LOCK_MINUTES,
    LARGE_FONT,
)


def read(db: Executor, setting: Setting[T]) -> T:
    raw = db.execute(text("SELECT value FROM setting WHERE key = :k"), {"k": setting.key})
    value = raw.scalar()
    return setting.default if value is None else json.loads(value)


def write(db: Executor, setting: Setting[Any], value: Any) -> None:
    db.execute(
        text(
            "INSERT INTO setting (key, value) VALUES (:k, :v) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
        ),
        {"k": setting.key, "v": json.dumps(value, ensure_ascii=False)},
    )
