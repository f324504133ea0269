"""An agency's site signed (`gkml sign`) and its public key in portal.yml: the portal publishes no copy of the
site another hand changed, even with the contract's digests recomputed (a record's summary, keywords, topics,
genre pass every other check), nor one unsigned or signed by another key; the agency keeps its last good one."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from support import AgencySites, forged_site

CONFIG = ("title: 签名测试省\ngroups:\n  - name: 市县\n    agencies:\n"
          "      - {org_code: '113401000', slug: hf, base_url: 'https://hf.example.gov.cn/', public_key: keys/p9.pub.pem}\n"
          "      - {org_code: '113402000', slug: wh, base_url: 'https://wh.example.gov.cn/gkml/'}\n")


def gkml(*args: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "gkml.cli", *map(str, args)], check=False, capture_output=True,
                          text=True, timeout=900)  # a hang guard


def _keys(folder: Path) -> Path:
    assert gkml("keygen", "--out", folder).returncode == 0
    return folder / "offline-signing-key.pem"


def _signed(site: Path, into: Path, key: Path) -> Path:
    shutil.copytree(site, into)
    result = gkml("sign", into, "--key", key)
    assert result.returncode == 0 and "已签署" in result.stdout, result.stderr
    return into


def test_a_site_not_signed_by_the_agencys_key_is_refused(tmp_path: Path, agency_sites: AgencySites) -> None:
    key = _keys(tmp_path / "keys")
    (tmp_path / "keys" / "offline-signing-key.pub.pem").rename(tmp_path / "keys" / "p9.pub.pem")
    config = tmp_path / "portal.yml"
    config.write_text(CONFIG, encoding="utf-8")
    out = tmp_path / "portal"
    signed = _signed(agency_sites.hf, tmp_path / "signed", key)
    result = gkml("portal", "--out", out, "--config", config, signed, agency_sites.wh)  # wh: no key, none asked
    assert result.returncode == 0, result.stderr
    before = (out / "catalogue.json").read_bytes()

    other = _signed(agency_sites.hf, tmp_path / "other", _keys(tmp_path / "other-keys"))
    told = {
        forged_site(signed, tmp_path / "forged", lambda d: d.update(summary="伪造的内容概述")): "签名文件 gkml-site.sig 不是门户配置中该机关公钥",
        other: "签名文件 gkml-site.sig 不是门户配置中该机关公钥",
        agency_sites.hf: "门户配置为机关代码 113401000 指定了公钥（public_key），但站点没有签名文件 gkml-site.sig",
    }
    for site, why in told.items():
        result = gkml("portal", "--out", out, "--config", config, site, agency_sites.wh)
        assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
        assert "合肥市应急管理局（hf）：保留其" in result.stderr and why in result.stderr, result.stderr
        assert (out / "catalogue.json").read_bytes() == before
    assert "伪造的内容概述".encode() not in before


def test_a_public_key_portal_yml_cannot_use_is_told(tmp_path: Path) -> None:
    config = tmp_path / "portal.yml"
    config.write_text(CONFIG, encoding="utf-8")
    result = gkml("portal", "--out", tmp_path / "portal", "--config", config, tmp_path)
    assert result.returncode == 1 and "groups[0].agencies[0].public_key：找不到公钥文件" in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    unsigned = gkml("sign", tmp_path / "nowhere", "--key", _keys(tmp_path / "keys"))
    assert unsigned.returncode == 2 and "gkml sign: 无法读写" in unsigned.stderr, unsigned.stderr


def test_a_private_key_given_as_the_public_one_is_told(tmp_path: Path) -> None:
    """The agency's private key put in portal.yml: refused, saying the portal needs only the public one."""
    from gkml.portal.config import PortalConfigError, parse_portal_config

    _keys(tmp_path)
    data = {"groups": [{"name": "市县", "agencies": [{"org_code": "113401000", "public_key": "offline-signing-key.pem"}]}]}
    try:
        parse_portal_config(data, tmp_path)
    except PortalConfigError as error:
        assert str(error).startswith("groups[0].agencies[0].public_key：") and "是私钥，不是公钥" in str(error), error
    else:
        raise AssertionError("a private key was taken for the public one")
    data["groups"][0]["agencies"][0]["public_key"] = "offline-signing-key.pub.pem"  # type: ignore[index]
    assert parse_portal_config(data, tmp_path).agencies[0].public_key is not None
