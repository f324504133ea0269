"""Offline reading-room copies (条例 art. 25): a folder that works from file://, its
usage guide, its manifest (optionally signed), a zip of it, the check that a copy is
complete, unaltered and the agency's, and the list of copies the online site publishes.

Layout of a copy::

    <机关>政府信息公开目录-<日期>/
        打开公开目录.html   entry page: open, search, print, and how to check the copy
        使用说明.txt        the same guide for Notepad (UTF-8 with BOM, CRLF)
        manifest.json       agency, snapshot date, document count, SHA-256 and size of every file
        SHA256SUMS          the same digests in the form `sha256sum -c` and PowerShell read
        manifest.sig        Ed25519 signature of manifest.json (with `gkml offline --sign`)
        site/               the site itself
"""
