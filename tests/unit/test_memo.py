"""gkml.memo: what a memo keeps, and when a lazy save leaves the file as it was."""

from __future__ import annotations

from pathlib import Path

from gkml.memo import LAZY_AT_LEAST, Memo


def test_a_lazy_save_waits_until_enough_changed_and_a_missing_entry_only_costs_its_making(tmp_path: Path) -> None:
    path = tmp_path / "memo-x.json"
    memo = Memo(path, "fp")
    for n in range(200):
        memo.put(f"k{n}", f"v{n}")
    memo.save(lazily=True)  # no file yet: saved whatever the count
    written = path.read_bytes()

    memo = Memo(path, "fp")
    assert all(memo.get(f"k{n}") == f"v{n}" for n in range(199))  # k199 no longer used
    memo.put("new", "made")
    memo.save(lazily=True)
    assert path.read_bytes() == written  # one new entry, one unused: not worth rewriting
    assert Memo(path, "fp").get("new") is None  # made again by the next build that needs it

    memo = Memo(path, "fp")
    for n in range(LAZY_AT_LEAST):
        memo.put(f"more{n}", "x")
    memo.save(lazily=True)
    again = Memo(path, "fp")
    assert again.get("more0") == "x" and again.get("k0") is None  # only what that build used is kept
    memo.save()  # an eager save always writes what changed

    path.write_bytes(path.read_bytes().replace(b'"x"', b'"y"'))
    assert Memo(path, "fp").get("more0") is None  # altered: not trusted
    assert Memo(path, "other").get("more0") is None  # another namespace: empty


def test_a_save_without_pruning_keeps_what_this_build_did_not_ask_for(tmp_path: Path) -> None:
    path = tmp_path / "memo-x.json"
    memo = Memo(path, "fp")
    memo.put("a", "1")
    memo.put("b", "2")
    memo.save()
    memo = Memo(path, "fp")
    memo.put("c", "3")
    memo.save(prune=False)
    assert [Memo(path, "fp").get(k) for k in "abc"] == ["1", "2", "3"]
    memo = Memo(path, "fp")
    memo.get("c")
    memo.save()
    assert [Memo(path, "fp").get(k) for k in "abc"] == [None, None, "3"]


def test_a_document_key_is_kept_while_the_documents_its_page_shows_are_the_same(tmp_path: Path) -> None:
    """An entry is used only while the values of the documents the page shows beside its own
    (neighbours, relations) and the term pages that exist are the same; nothing else of the catalogue counts."""
    from dataclasses import replace
    from datetime import datetime

    from gkml.build.memos import DocumentKeys, document_keys
    from gkml.catalogue.catalogue import build_catalogue
    from gkml.catalogue.document import SHANGHAI, Document
    from gkml.catalogue.taxonomy import build_taxonomy
    from gkml.config import GkmlConfig
    from gkml.content.parallel import meta_digest
    from gkml.profile.model import load_profile

    profile = load_profile()
    options = GkmlConfig()
    options.load_dict({})
    assert options.validate()[0] == []  # the default taxonomies
    now = datetime(2026, 11, 1, 12, tzinfo=SHANGHAI)

    def document(name: str, day: int, **meta: object) -> Document:
        values = {"title": f"关于{name}的通知", "index_no": f"002986620/202610-0000{name}", "category": "fgwj",
                  "publisher": "安徽省应急管理厅", "published": datetime(2026, 10, day, tzinfo=SHANGHAI),
                  "disclosure": "主动公开", **meta}
        return Document(f"catalogue/fgwj/{name}.md", values, "正文。", 10)

    def keys_of(documents: list[Document], when: datetime = now) -> tuple[list[Document], DocumentKeys]:
        catalogue = build_catalogue(documents, profile, when)
        taxonomies = [build_taxonomy(spec, catalogue.published, profile.categories)
                      for spec in options.taxonomy_specs]
        keys = document_keys(tmp_path, "fp", catalogue, taxonomies, {d.src_path: meta_digest(d) for d in documents},
                             documents)
        assert keys is not None
        return catalogue.published, keys

    def kept(documents: list[Document], when: datetime = now) -> set[str]:
        """The documents whose key the last `store` kept."""
        published, keys = keys_of(documents, when)
        return {doc.src_path.rsplit("/", 1)[1][:-3] for doc in published if keys.get(doc.src_path, doc)}

    def store(documents: list[Document]) -> None:
        published, keys = keys_of(documents)
        for doc in published:
            keys.put(doc.src_path, doc, "key of " + doc.src_path)
        keys.memo.save()

    # in their category, newest first: 5 4 3 2 1; 1 is replaced by 5
    docs = [document("1", 1, superseded_by="002986620/202610-00005", validity="废止"), document("2", 2),
            document("3", 3), document("4", 4), document("5", 5)]
    store(docs)
    assert kept(docs) == {"1", "2", "3", "4", "5"}
    assert kept([replace(docs[2], text="改过的正文。"), *docs[:2], *docs[3:]]) == {"1", "2", "3", "4", "5"}  # bodies: own page
    retitled = [*docs[:2], replace(docs[2], meta={**docs[2].meta, "title": "新标题"}), *docs[3:]]
    assert kept(retitled) == {"1", "3", "5"}  # 2 and 4 show 3's title (3's own entry: by its bytes, not here)
    between = document("6", 3, published=datetime(2026, 10, 3, 12, tzinfo=SHANGHAI))
    assert kept(docs + [between]) == {"1", "2", "5"}  # 6 goes between 4 and 3: they show another neighbour
    assert kept([d for d in docs if d.src_path != docs[2].src_path]) == {"1", "5"}  # 3 gone: 2 and 4
    assert kept([*docs[:4], replace(docs[4], meta={**docs[4].meta, "title": "新"})]) == {"2", "3", "5"}  # 1 shows 5
    later = [*docs, document("6", 6, published=datetime(2026, 11, 2, tzinfo=SHANGHAI))]
    assert kept(later) == {"1", "2", "3", "4", "5"}  # 6 not yet published
    assert kept(later, datetime(2026, 11, 3, tzinfo=SHANGHAI)) == {"1", "2", "3", "4"}  # now 5 shows 6
    assert kept([*docs[:4], replace(docs[4], meta={**docs[4].meta, "keywords": ("新主题词",)})]) == set()  # a new term page

    # a 解读 in another category: its page shows its original, the original's page shows it
    jiedu = document("7", 7, category="ghjh", genre="解读", interprets="002986620/202610-00002")
    store([*docs, jiedu])
    assert kept([*docs, jiedu]) == {"1", "2", "3", "4", "5", "7"}
    assert "7" not in kept([docs[0], replace(docs[1], meta={**docs[1].meta, "title": "新"}), *docs[2:], jiedu])
    assert "2" not in kept([*docs, replace(jiedu, meta={**jiedu.meta, "title": "新的解读"})])
    # 5 replaced 1: 5's page lists it
    assert "5" not in kept([replace(docs[0], meta={**docs[0].meta, "title": "新"}), *docs[1:], jiedu])


def test_a_bodys_link_targets_are_kept_by_its_bytes_and_read_back_as_made(tmp_path: Path) -> None:
    from gkml.catalogue.document import Document
    from gkml.content.body import link_targets, link_targets_of

    body = ("见[附件](附件1.pdf#p2 \"标题\")、![图](img/图1.png)和[附件](<附件 一.pdf>)。\n"
            "[网站](https://example.org/x)、[本页](#top)、[根](/a.pdf)\n\n[参考]: <参考 文件.docx>\n[另一]: ../b.xlsx\n")
    assert link_targets(body) == ["附件1.pdf", "img/图1.png", "附件 一.pdf", "参考 文件.docx", "../b.xlsx"]

    bodies = {"a.md": body, "b.md": "没有链接的正文。"}
    reads: list[str] = []

    def document(name: str) -> Document:
        def text() -> str:
            reads.append(name)
            return bodies[name]
        return Document(name, {"title": name}, text, 5)

    sources = {"a.md": "sha-a", "b.md": "sha-b"}
    made = link_targets_of(tmp_path, "fp", sources)
    first = {name: made(document(name)) for name in bodies}
    made.save(prune=True)
    assert reads == ["a.md", "b.md"]

    kept = link_targets_of(tmp_path, "fp", sources)
    assert {name: kept(document(name)) for name in bodies} == first  # the same targets, no body read
    assert reads == ["a.md", "b.md"]
    assert first["b.md"] == []
    changed = link_targets_of(tmp_path, "fp", {**sources, "a.md": "sha-a2"})
    changed(document("a.md"))  # new bytes: read again
    assert reads[-1] == "a.md" and len(reads) == 3
