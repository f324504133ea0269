"""What the `gkml` command says about its own arguments: Chinese, with what to type, exit code 2."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
from support import COMMANDS_YML, gkml


@pytest.mark.parametrize(("args", "said"), [
    (["chekc"], "gkml：参数有误：没有“chekc”这个命令。可用的命令：check、fix、new"),
    (["check", "--bogus"], "gkml：参数有误：不认识的参数：--bogus。运行 gkml -h 可查看说明。"),
    (["new", "--category", "fgwj"], "gkml new：参数有误：缺少必填的参数：--title。运行 gkml new -h 可查看说明。"),
    (["new", "--title"], "gkml new：参数有误：参数 --title 后面要写一个值（"),
    # argparse takes `---` for an option: the editor is told how to write such a title
    (["new", "--category", "fgwj", "--title", "---"], "（值以“-”开头时，例如 ---，请用等号连着写：--title=---）。"),
    (["check", "--format", "xml"], "gkml check：参数有误：参数 --format 不能是“xml”，可选：text、json。"),
])
def test_a_mistake_in_the_arguments_is_told_in_chinese(tmp_path: Path, args: list[str], said: str) -> None:
    result = gkml(tmp_path, *args)
    assert result.returncode == 2
    assert said in result.stderr, result.stderr
    assert "用法：gkml" in result.stderr and "usage" not in result.stderr and "error" not in result.stderr


def test_the_help_is_in_chinese(tmp_path: Path) -> None:
    result = gkml(tmp_path, "new", "-h")
    assert result.returncode == 0
    assert result.stdout.startswith("用法：gkml new") and "-h, --help         显示这份说明" in result.stdout
    assert not any(word in result.stdout for word in ("usage", "options", "show this help"))


def test_check_of_a_file_that_is_not_there_is_no_pass(tmp_path: Path) -> None:
    """A mistyped name (or A.md for a.md) was checked as nothing and passed."""
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    (tmp_path / "content/catalogue/fgwj").mkdir(parents=True)
    (tmp_path / "content/catalogue/fgwj/a.md").write_text("---\ntitle: x\n---\n", encoding="utf-8")
    result = gkml(tmp_path, "check", "content/catalogue/fgwj/A.md")
    assert result.returncode == 2
    assert "gkml check: 找不到：content/catalogue/fgwj/A.md。请核对路径" in result.stderr


def test_a_date_argument_is_read_as_typed_or_told_in_chinese(tmp_path: Path) -> None:
    result = gkml(tmp_path, "offline", "--snapshot", "2025年2月30日")
    assert result.returncode == 2
    assert "gkml offline：参数有误：参数 --snapshot：“2025年2月30日”不是有效的日期，应为 YYYY-MM-DD" in result.stderr
    assert "argument" not in result.stderr
    # read as the check's corrections read it: it gets past the arguments (to the missing mkdocs.yml)
    result = gkml(tmp_path, "offline", "--snapshot", "2025年3月5日")
    assert result.returncode == 2 and "参数有误" not in result.stderr and "mkdocs.yml" in result.stderr, result.stderr


@pytest.mark.parametrize("args", [["check"], ["fix"], ["new", "--title", "测试", "--category", "fgwj"],
                                  ["stats", "--year", "2020"], ["schema"], ["audit"], ["offline"],
                                  ["import", "page.txt"]], ids=lambda args: args[0])
def test_a_mkdocs_yml_that_is_no_yaml_is_told_where_by_every_command(tmp_path: Path, args: list[str]) -> None:
    """A bracket left open in mkdocs.yml was a PyYAML traceback from every command."""
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML.replace("site_name: 测试", "site_name: [测试"), encoding="utf-8")
    (tmp_path / "page.txt").write_text("关于测试的通知\n正文。\n", encoding="utf-8")
    result = gkml(tmp_path, *args)
    assert result.returncode == 2, result.stderr
    assert re.search(rf"gkml {args[0]}: mkdocs.yml:2:[0-9]+: YAML 格式有误，无法读取：", result.stderr), result.stderr
    assert "Traceback" not in result.stderr



def test_mkdocs_own_enabled_option_of_the_plugin_is_no_mistake_of_gkml_check(tmp_path: Path) -> None:
    """`enabled` is MkDocs' option of every plugin, taken out before the plugin reads its options:
    mkdocs build built the site, and gkml check refused the mkdocs.yml (没有这个选项, exit 2)."""
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML + "      enabled: !ENV [GKML, true]\n      allow_empty: true\n",
                                         encoding="utf-8")
    (tmp_path / "content/catalogue").mkdir(parents=True)
    result = gkml(tmp_path, "check")
    assert (result.returncode, result.stdout) == (0, ""), result.stderr

def test_an_offline_copy_of_a_catalogue_with_a_problem_ends_in_chinese(tmp_path: Path) -> None:
    """The problems were told in Chinese, then the command's last line was MkDocs' 'Aborted with a BuildError!'."""
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    (tmp_path / "content/catalogue/fgwj").mkdir(parents=True)
    (tmp_path / "content/catalogue/fgwj/a.md").write_text("---\ntitle: 关于测试的通知\n---\n", encoding="utf-8")
    result = gkml(tmp_path, "offline", "--no-zip")
    assert result.returncode == 1, result.stderr
    assert "a.md" in result.stderr and "gkml offline: 构建失败，未生成离线查阅版（原因见上）。" in result.stderr
    assert "Abort" not in result.stderr and "Error" not in result.stderr, result.stderr


def test_output_read_only_in_part_ends_without_a_traceback(tmp_path: Path) -> None:
    """`gkml check | head`: the reader stops after a few lines; gkml stops printing, no English traceback."""
    (tmp_path / "mkdocs.yml").write_text(COMMANDS_YML, encoding="utf-8")
    folder = tmp_path / "content/catalogue/fgwj"
    folder.mkdir(parents=True)
    for n in range(400):  # far more than a pipe and Python's buffer hold
        (folder / f"doc-{n:03d}.md").write_text(f"---\ntitle: 文件{n}\n---\n正文。\n", encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "gkml.cli", "check"], cwd=tmp_path, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout is not None and proc.stderr is not None
    first = proc.stdout.readline()
    proc.stdout.close()
    errors = proc.stderr.read().decode("utf-8")
    assert proc.wait(timeout=120) == 1
    assert "doc-" in first.decode("utf-8")
    assert "Traceback" not in errors and "BrokenPipeError" not in errors, errors
