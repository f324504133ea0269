"""An agency's site signed (`gkml sign`) and its public key in portal.yml: the portal publishes no copy of the
site another hand changed, even with the contract's digests recomputed (a record's summary, keywords, topics,
genre pass every other check), nor one unsigned or signed by another key; the agency keeps its last good one."""

from __future__ import annotations

import json
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


def test_a_symlinked_signature_is_refused(tmp_path: Path, agency_sites: AgencySites) -> None:
    """gkml-site.sig a link to the agency's true signature elsewhere: read through the link, it was taken
    (is_file follows links), as no other file of a site is; now refused, named, as the others are."""
    key = _keys(tmp_path / "keys")
    (tmp_path / "keys" / "offline-signing-key.pub.pem").rename(tmp_path / "keys" / "p9.pub.pem")
    config = tmp_path / "portal.yml"
    config.write_text(CONFIG, encoding="utf-8")
    signed = _signed(agency_sites.hf, tmp_path / "signed", key)
    (signed / "gkml-site.sig").rename(tmp_path / "elsewhere.sig")
    (signed / "gkml-site.sig").symlink_to(tmp_path / "elsewhere.sig")
    out = tmp_path / "portal"
    result = gkml("portal", "--out", out, "--config", config, signed, agency_sites.wh)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert "合肥市应急管理局（hf）：未列入门户" in result.stderr, result.stderr
    assert "签名文件 gkml-site.sig 是符号链接" in result.stderr, result.stderr
    assert not (out / "agency" / "hf").exists() and (out / "agency" / "wh" / "index.html").is_file()


def _rotated(config: Path, public: Path) -> None:
    """portal.yml's key for hf is now `public`."""
    shutil.copyfile(public, config.parent / "keys" / "p9.pub.pem")


def test_a_kept_copy_is_proved_by_the_key_portal_yml_gives_now(tmp_path: Path, agency_sites: AgencySites) -> None:
    """hf's key rotated in portal.yml (its old private key lost, or another's put there) on a run its site is
    missing: its kept copy, signed by the old key, was published all the same (the portal kept no signature).
    Now the signature is kept with the copy and checked against the key portal.yml gives now: hf is left out,
    named, its copy kept aside; the key put back, the copy is published again."""
    old = _keys(tmp_path / "keys")
    new = _keys(tmp_path / "new-keys")
    (tmp_path / "keys" / "offline-signing-key.pub.pem").rename(tmp_path / "keys" / "old.pub.pem")
    config = tmp_path / "portal.yml"
    config.write_text(CONFIG, encoding="utf-8")
    _rotated(config, tmp_path / "keys" / "old.pub.pem")
    out = tmp_path / "portal"
    signed = _signed(agency_sites.hf, tmp_path / "signed", old)
    for _run in range(2):
        assert gkml("portal", "--out", out, "--config", config, signed, agency_sites.wh).returncode == 0
    kept_signature = out.parent / "portal.gkml-kept" / "hf" / "gkml-site.sig"
    assert kept_signature.read_bytes() == (signed / "gkml-site.sig").read_bytes()
    result = gkml("portal", "--out", out, "--config", config, agency_sites.wh)
    assert result.returncode == 3 and "合肥市应急管理局（hf）：保留其" in result.stderr, result.stderr  # the same key

    _rotated(config, tmp_path / "new-keys" / "offline-signing-key.pub.pem")
    result = gkml("portal", "--out", out, "--config", config, agency_sites.wh)
    assert result.returncode == 3 and "Traceback" not in result.stderr, result.stderr
    assert "合肥市应急管理局（hf）：未列入门户" in result.stderr, result.stderr
    assert "门户保存的该机关上一次发布的版本" in result.stderr and "不是门户配置中该机关现在的公钥" in result.stderr, result.stderr
    assert not (out / "agency" / "hf").exists()
    assert not [d for d in json.loads((out / "catalogue.json").read_text("utf-8"))["documents"] if d["agency"] == "hf"]
    assert kept_signature.is_file()  # set aside, not served

    _rotated(config, tmp_path / "keys" / "old.pub.pem")  # the rotation undone: the copy the old key proves is back
    result = gkml("portal", "--out", out, "--config", config, agency_sites.wh)
    assert result.returncode == 3 and "合肥市应急管理局（hf）：保留其" in result.stderr, result.stderr
    assert (out / "agency" / "hf" / "index.html").is_file()
    resigned = _signed(agency_sites.hf, tmp_path / "resigned", new)  # the same site signed by the new key
    _rotated(config, tmp_path / "new-keys" / "offline-signing-key.pub.pem")
    assert gkml("portal", "--out", out, "--config", config, resigned, agency_sites.wh).returncode == 0
    assert kept_signature.read_bytes() == (resigned / "gkml-site.sig").read_bytes()


def test_a_key_added_proves_the_signed_copy_kept_before_it(tmp_path: Path, agency_sites: AgencySites) -> None:
    """portal.yml gave hf no key while it published signed sites, then its key is added on a run its site is
    missing: the signature kept proves the copy (kept); an unsigned copy cannot be proved (left out, named)."""
    key = _keys(tmp_path / "keys")
    (tmp_path / "keys" / "offline-signing-key.pub.pem").rename(tmp_path / "keys" / "p9.pub.pem")
    config = tmp_path / "portal.yml"
    config.write_text(CONFIG.replace(", public_key: keys/p9.pub.pem", ""), encoding="utf-8")
    out = tmp_path / "portal"
    assert gkml("portal", "--out", out, "--config", config, _signed(agency_sites.hf, tmp_path / "s", key),
                agency_sites.wh).returncode == 0
    config.write_text(CONFIG, encoding="utf-8")
    result = gkml("portal", "--out", out, "--config", config, agency_sites.wh)
    assert result.returncode == 3 and "合肥市应急管理局（hf）：保留其" in result.stderr, result.stderr

    unsigned = tmp_path / "unsigned"
    config.write_text(CONFIG.replace(", public_key: keys/p9.pub.pem", ""), encoding="utf-8")
    assert gkml("portal", "--out", unsigned, "--config", config, agency_sites.hf, agency_sites.wh).returncode == 0
    config.write_text(CONFIG, encoding="utf-8")
    result = gkml("portal", "--out", unsigned, "--config", config, agency_sites.wh)
    assert result.returncode == 3 and "合肥市应急管理局（hf）：未列入门户" in result.stderr, result.stderr
    assert "没有签名文件 gkml-site.sig，无法证明是门户配置中该机关公钥" in result.stderr, result.stderr
