"""`gkml offline [--out DIR] [--sign KEY]`: the reading-room copy, as a folder and a zip."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, ConfigurationError, MkDocsException

from gkml.build.gate import as_of
from gkml.commands.parser import day, fail
from gkml.config import load_project, snapshot_mismatch
from gkml.mkdocs_yml import find_config
from gkml.outputs.offline import copy, signing
from gkml.outputs.offline.guide import ENTRY, SITE_DIR
from gkml.outputs.offline.manifest import digest

HELP = "生成离线查阅版（文件夹和 zip 压缩包），可从 U 盘直接打开；可用私钥签名"


def configure(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", type=Path, metavar="目录", help="输出目录（默认 mkdocs.yml 中 snapshots.dir，即 offline/）")
    parser.add_argument("--config", type=Path, default=Path("."), metavar="配置", help="mkdocs.yml 或其所在目录")
    parser.add_argument("--snapshot", type=day, metavar="YYYY-MM-DD", help="快照日期，须是副本收录时刻的日期（今天，北京时间；设了 build_time 时为其日期）")
    parser.add_argument("--sign", type=Path, metavar="私钥", help="用 Ed25519 私钥（PEM）签名清单，写出 manifest.sig")
    parser.add_argument("--no-zip", action="store_true", help="只生成文件夹，不打包")


def run(args: argparse.Namespace) -> int:
    config_file = find_config(args.config)
    if config_file is None:
        return fail("offline", f"找不到 mkdocs.yml（{args.config}）")
    try:
        key = signing.load_private_key(args.sign) if args.sign else None
    except signing.KeyFileError as error:
        return fail("offline", str(error))
    try:
        load_project(config_file)  # mkdocs.yml and the options, told in Chinese before MkDocs reads them
        config = load_config(str(config_file))
    except (FileNotFoundError, ValueError, ConfigurationError) as error:
        return fail("offline", str(error))
    gkml = config.plugins["gkml"]
    agency = gkml.config.agency or config.site_name
    # the day the copy's catalogue is published as of (the build's own clock), not the machine's
    now = as_of(gkml.config)
    if args.snapshot and (why := snapshot_mismatch(gkml.config, args.snapshot, now)):
        return fail("offline", why.replace("请不指定快照日期", "请去掉 --snapshot"))
    snapshot: date = args.snapshot or now.date()
    out = args.out or config_file.parent / gkml.config.snapshots.dir
    folder = out.resolve() / copy.folder_name(agency, snapshot.isoformat())
    try:
        copy.prepare_folder(folder)
    except copy.CopyError as error:
        return fail("offline", str(error))
    config = load_config(str(config_file), site_dir=str(folder / SITE_DIR))  # .html addresses: the plugin's on_config
    gkml = config.plugins["gkml"]
    gkml.config.offline = True
    gkml.config.snapshot = snapshot.isoformat()
    try:
        config.plugins.on_startup(command="build", dirty=False)
        build(config)
    except Abort:  # MkDocs has logged why (gkml's problems, in Chinese); its own last word is English
        print("gkml offline: 构建失败，未生成离线查阅版（原因见上）。", file=sys.stderr)
        return 1
    except MkDocsException as error:
        print(f"gkml offline: {error}", file=sys.stderr)
        return 1
    finally:
        config.plugins.on_shutdown()
    manifest, raw = copy.finish_copy(folder, gkml.snapshot, key)
    print(f"离线查阅版：{folder}（入口：{ENTRY}，{len(manifest.sha256)} 个文件，收录 {manifest.documents} 件）")
    print(f"清单 manifest.json 的 SHA-256：{digest(raw)}" + ("（已签名）" if key else "（未签名）"))
    if too_long := copy.too_long_for_windows(folder.name, manifest.sha256):
        copy.zip_path(folder).unlink(missing_ok=True)  # what goes to Windows: none rather than one Explorer cannot unpack
        print(_too_long_message(folder.name, too_long), file=sys.stderr)
        return 1
    zip_bytes = None
    if args.no_zip:
        copy.zip_path(folder).unlink(missing_ok=True)  # an earlier zip of this name no longer matches
    else:
        archive = copy.make_zip(folder, copy.zip_path(folder))
        zip_bytes = archive.stat().st_size
        print(f"压缩包：{archive}（{zip_bytes / 1e6:.1f} MB）")
    if note := copy.fat32_note(zip_bytes, manifest.sizes):
        print(f"注意：{note}")
    return 0


def _too_long_message(folder: str, paths: list[str]) -> str:
    room = copy.windows_room(folder)
    lines = [(f"gkml offline: 离线查阅版中有 {len(paths)} 个文件的路径太长：在 Windows 上用“全部解压缩”解压到桌面后，"
              f"路径超过 {copy.WINDOWS_PATH} 个字符，资源管理器无法解压这些文件，页面上的链接也打不开。没有生成压缩包。")]
    lines += [f"    {path}（{copy.windows_length(path)} 个字符，本副本中的路径最多 {room} 个字符）" for path in paths[:30]]
    if len(paths) > 30:
        lines.append(f"    ……另有 {len(paths) - 30} 个")
    lines.append("请缩短这些文件的名称（附件：同时改其文件 front matter 中 attachments 的 file），然后重新运行 gkml offline。")
    return "\n".join(lines)
