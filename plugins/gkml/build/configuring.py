"""What a build reads before the documents: the options (each mistake located) and the profile; their problems (refused;
under `mkdocs serve`, shown in the browser instead of stalling the preview), the footer's
badge, and MkDocs' configuration made gkml's."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config.base import ValidationError
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

from gkml.build import environment
from gkml.config import GkmlConfig, resolve_profile
from gkml.config_location import OptionsError, describe, locate_top
from gkml.config_values import unseen
from gkml.content.problems import shown_path
from gkml.profile.model import Profile
from gkml.site.identification import badge_path, badge_problem

Broken = tuple[list[str], str]  # serve only: the problems shown instead of the site, and their summary


def load_options(options: dict[str, Any], config_file_path: str | None, *,
                 serve: bool) -> tuple[GkmlConfig, list[str], list[tuple[str, ValidationError]], list[Any]]:
    """The typed options and, each mistake (unknown keys too) a located Chinese error, the
    problems `mkdocs serve` shows, MkDocs' errors and its warnings. `mkdocs serve` keeps the
    plugin across reloads (it has on_startup): a mistake made while previewing shows in the
    browser, like a document's (read_profile), instead of stalling the preview."""
    loaded = GkmlConfig(config_file_path=config_file_path)
    loaded.load_dict(options)
    failed, warnings = loaded.validate()
    shown = describe(failed, Path(config_file_path) if config_file_path else None)
    problems = [line for _key, line in shown] if serve else []
    errors = [] if problems else [(key, ValidationError(line)) for key, line in shown]
    return loaded, problems, errors, warnings


def read_profile(options: GkmlConfig, root: Path, config_file: Path, option_problems: list[str], *,
                 serve: bool, site_name: str = "") -> tuple[Profile | None, Broken | None]:
    """The profile, or (serve) the problems the preview shows instead of the site. `site_name`:
    MkDocs' own option, shown in every page's <title> and header as the agency is."""
    if option_problems:
        summary = f"mkdocs.yml 中 gkml 的设置有 {len(option_problems)} 个问题，未生成网站。请先修正。"
        return None, (option_problems, summary)
    if hidden := unseen(site_name):
        line, col = locate_top(config_file, "site_name") or (1, 1)
        problem = f"{shown_path(config_file)}:{line}:{col}: 网站名称 site_name：{hidden}"
        if serve:
            return None, ([problem], "mkdocs.yml 中的网站名称有问题，未生成网站。请先修正。")
        raise PluginError(problem)
    try:
        profile = resolve_profile(options, root, config_file)
    except OptionsError as error:
        if serve:
            return None, ([str(error)], "信息公开目录配置（profile）有问题，未生成网站。请先修正。")
        raise PluginError(str(error)) from None
    if options.identification.badge and (problem := _badge_problem(options.identification.badge)):
        if serve:  # raised, the rebuild would stop and the preview's server hold every request
            return None, ([problem], "mkdocs.yml 中的网站标识图片有问题，未生成网站。请先修正。")
        raise PluginError(problem)
    return profile, None


def _badge_problem(badge: str) -> str | None:
    try:
        badge_path(badge)
    except ValueError as error:
        return str(error)
    if why := badge_problem(badge):
        return (f"identification.badge：网站标识图片 {badge} {why}，"
                "直接打开它的地址时会在本网站上运行或载入其他内容。请换用 PNG 图片，或只含图形的 SVG。")
    return None


# what Python-Markdown's extensions show a reader in English unless told otherwise: a heading's
# permanent link (toc, permalink: true) and a footnote's way back (footnotes), as tooltips
CHINESE_TITLES = {"toc": {"permalink_title": "本节的永久链接"},
                  "footnotes": {"BACKLINK_TITLE": "返回正文中第 %d 个脚注处"}}


def configure(config: MkDocsConfig, options: GkmlConfig) -> None:
    environment.add_templates(config)
    for extension, titles in CHINESE_TITLES.items():
        if extension in config.markdown_extensions:  # the site's own choice of title wins
            config.mdx_configs[extension] = {**titles, **config.mdx_configs.get(extension, {})}
    if options.offline:  # file:// has no directory index pages, and shows no 404 page
        config.use_directory_urls = False
        config.theme.static_templates.discard("404.html")
