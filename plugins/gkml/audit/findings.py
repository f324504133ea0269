"""What an inspection finds: which check, how serious, where, and what is wrong.

Severities follow the national inspection indicators (政府网站与政务新媒体检查指标,
国办函〔2019〕15号): a 单项否决 item fails the site on its own; 扣分 items cost points;
提示 items are worth fixing before an inspector sees them.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

VETO = "单项否决"
DEDUCT = "扣分"
NOTE = "提示"
SEVERITIES = (VETO, DEDUCT, NOTE)

# check code -> the name a report shows, in report order
CHECKS = {
    "broken-link": "不可用链接",
    "broken-attachment": "附件无法下载",
    "stale-column": "栏目不更新",
    "empty-column": "空白栏目",
    "missing-identifier": "缺少网站标识",
    "missing-title": "页面无标题",
    "plain-http": "非加密（http）链接",
    "word": "错别字和禁用词",
}


@dataclass(frozen=True, order=True)
class Finding:
    check: str  # a key of CHECKS
    severity: str  # one of SEVERITIES
    place: str  # 'path:line' of the source or built page an editor opens
    message: str

    @property
    def check_name(self) -> str:
        return CHECKS.get(self.check, self.check)


def place(path: str, line: int | None = None, col: int | None = None) -> str:
    return path + (f":{line}" if line else "") + (f":{col}" if line and col else "")


def ordered(findings: Iterable[Finding]) -> list[Finding]:
    order = {code: i for i, code in enumerate(CHECKS)}
    return sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), order.get(f.check, 99), f.place, f.message))


def vetoed(findings: Iterable[Finding]) -> bool:
    return any(f.severity == VETO for f in findings)
