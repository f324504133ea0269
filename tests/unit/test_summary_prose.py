"""内容概述 made from a body's prose, not its tables' cells (a listing shows them run together);
from the table only when the body is nothing else."""

from __future__ import annotations

from gkml.site.summary import Summariser, summary_text

TABLE = "| 序号 | 单位 | 金额（万元） |\n|---|---|---|\n| 1 | 合肥市 | 120 |\n| 2 | 芜湖市 | 80 |\n"


def test_the_summary_leaves_out_a_table_before_or_between_the_prose() -> None:
    summarise = Summariser(extensions=["tables"])
    assert summarise(TABLE + "\n现将有关情况公告如下。\n") == "现将有关情况公告如下。"
    assert summarise("各单位：\n\n" + TABLE + "\n- 第一项\n- 第二项\n") == "各单位：第一项 第二项"
    long_table = "| 单位 | 金额 |\n|---|---|\n" + "".join(f"| 第{n}单位 | {n}万元 |\n" for n in range(200))
    assert summarise(long_table + "\n表后的说明文字。\n") == "表后的说明文字。"  # prose after a long table
    assert summary_text("<table><tr><td><table><tr><td>内表</td></tr></table>外表</td></tr></table><p>正文。</p>") \
        == "正文。"


def test_a_body_that_is_only_a_table_is_summarised_row_by_row() -> None:
    assert Summariser(extensions=["tables"])(TABLE) == "序号 单位 金额（万元）；1 合肥市 120；2 芜湖市 80"
    assert summary_text("<table><tr><td>Unit</td><td>Sum</td></tr><tr><td>Hefei</td><td>120</td></tr></table>") \
        == "Unit Sum; Hefei 120"
    assert summary_text("<table><tr><td>第一行。</td></tr><tr><td>第二行</td></tr></table>") == "第一行。第二行"
