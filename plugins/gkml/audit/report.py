"""The audit report in Chinese: lines for a terminal, a standalone HTML page for the web team."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path

import jinja2

from gkml.audit.findings import CHECKS, SEVERITIES, VETO, Finding, ordered

_TEMPLATE = Path(__file__).with_name("report.html")


def summary(findings: Sequence[Finding]) -> str:
    if not findings:
        return "检查完毕：未发现问题。"
    counts = Counter(f.severity for f in findings)
    parts = "，".join(f"{severity} {counts[severity]} 项" for severity in SEVERITIES if counts[severity])
    verdict = "存在单项否决问题，网站检查将不合格。" if counts[VETO] else "无单项否决问题。"
    return f"检查完毕：共发现 {len(findings)} 个问题（{parts}）。{verdict}"


def text_report(findings: Sequence[Finding]) -> str:
    lines = [f"[{f.severity}] {f.check_name}  {f.place}  {f.message}" for f in ordered(findings)]
    return "\n".join([*lines, summary(findings)])


def html_report(findings: Sequence[Finding], *, site_name: str, site_dir: str, generated: datetime) -> str:
    env = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined, keep_trailing_newline=True)
    template = env.from_string(_TEMPLATE.read_text(encoding="utf-8"))
    counts = Counter(f.severity for f in findings)
    return template.render(findings=ordered(findings), site_name=site_name, site_dir=site_dir,
                           generated=generated.strftime("%Y-%m-%d %H:%M"), summary=summary(findings),
                           counts=[(s, counts[s]) for s in SEVERITIES], checks=CHECKS, veto=VETO)
