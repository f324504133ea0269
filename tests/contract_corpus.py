"""Contract-valid documents made from /work/shared/spec/content-model.md alone.

Nothing here reads gkml: the fields, labels, categories, enums and forms below are copied from
the contract's text, so a mistake gkml makes in its own tables is not shared by the corpus that
tests it. `corpus(seed, count)` returns the files of a catalogue folder and, for each document,
what the contract says a reader must see of it.
"""

from __future__ import annotations

import posixpath
import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

# --- the contract's tables, copied by hand -----------------------------------------------

LABELS = {
    "title": "名称", "index_no": "索引号", "category": "信息分类", "publisher": "发布机构", "created": "生成日期",
    "published": "发布日期", "doc_no": "文号", "summary": "内容概述", "genre": "体裁", "topics": "主题分类",
    "keywords": "主题词", "disclosure": "公开方式", "exemption": "不予公开依据", "validity": "有效性",
    "superseded_by": "替代文件", "interprets": "解读对象", "source": "来源", "attachments": "附件",
    "report_year": "年报年度",
}
GENRES = ["决议", "决定", "命令", "公报", "公告", "通告", "意见", "通知", "通报", "报告", "请示", "批复", "议案", "函", "纪要",
          "规划", "解读", "总结", "其他"]
DISCLOSURES = ["主动公开", "依申请公开", "不予公开"]
VALIDITIES = ["有效", "失效", "废止", "已修订"]
# slug -> (name, parent slug)
CATEGORIES = {
    "gkzn": ("政府信息公开指南", None), "gkzd": ("政府信息公开制度", None), "fdzdgknr": ("法定主动公开内容", None),
    "jgzn": ("机构职能", "fdzdgknr"), "fgwj": ("法规文件", "fdzdgknr"), "ghjh": ("规划计划与总结", "fdzdgknr"),
    "tjxx": ("统计信息", "fdzdgknr"), "xzxk": ("行政许可与政务服务", "fdzdgknr"),
    "xzcf": ("行政处罚与行政强制", "fdzdgknr"), "czzj": ("财政资金", "fdzdgknr"), "yjgl": ("应急管理", "fdzdgknr"),
    "aqjc": ("安全生产监督检查", "fdzdgknr"), "rsxx": ("人事信息", "fdzdgknr"), "jyta": ("建议提案办理", "fdzdgknr"),
    "nb": ("政府信息公开年报", None),
}
ORGS = ["002986620", "11340000MB1A23456X", "34000000X"]  # a 组织机构代码 may end in its check letter X
ATTACHMENT_TYPES = ["pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "ppt", "pptx", "jpg", "png", "zip"]

# --- pieces of text an editor writes ------------------------------------------------------

WORDS = ["安全生产", "应急预案", "防汛抗旱", "危险化学品", "非煤矿山", "消防救援", "地质灾害", "森林防火", "执法检查",
         "行政许可", "政府采购", "部门预算", "统计公报", "人事任免", "建议提案", "隐患排查", "举报奖励", "尾矿库",
         "烟花爆竹", "工贸行业", "Safety", "ISO 45001", "5G", "A&B"]
AGENCIES = ["安徽省应急管理厅", "安徽省安全生产委员会办公室", "安徽省防汛抗旱指挥部", "Anhui Emergency Bureau"]
AGENCY_CODES = ["皖应急", "皖安委办", "皖防指", "皖应急函", "应急厅"]
# Titles hold what official titles hold: 《》, quotes, colons, numbers, a # and brackets of every kind.
TITLE_FORMS = [
    "关于做好{y}年{w}工作的通知", "《{w}管理办法》政策解读", "{agency}{y}年度政府信息公开工作年度报告",
    "关于印发《{w}实施方案》的通知", "{w}：问与答", "“{w}”专项行动情况通报", "{w}（第{n}期）",
    "[{w}] 工作要点 #{n}", "{w} - 第{n}号公告", "关于{w}的意见 & 说明", "{y}年{w}统计数据", "{w}{n}% 完成情况",
    "'{w}' 与 \"{w}\"", "关于<b>{w}</b>的通知 &amp; 说明", "{w}：{w2}、{w2}和{w}的决定", "- {w} 的批复", "{w} {{附件}} @ {y}",
]


def _yaml(value: str, rng: random.Random) -> str:
    """`value` in one of the three forms YAML gives a one-line string, the plain one only when it stays text."""
    forms = ["double", "single"]
    if _plain_safe(value):
        forms += ["plain", "plain"]
    form = rng.choice(forms)
    if form == "plain":
        return value
    if form == "single":
        return "'" + value.replace("'", "''") + "'"
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _plain_safe(value: str) -> bool:
    if not value or value != value.strip() or value[0] in "!&*-?[]{}|>'\"%@`#,:":
        return False
    if ": " in value or " #" in value or value.endswith(":"):
        return False
    lowered = value.lower()
    if lowered in {"yes", "no", "on", "off", "true", "false", "null", "y", "n", "~"}:
        return False
    return not any(ch.isdigit() for ch in value[:1])  # numbers and dates stay quoted


def _list(values: list[str], rng: random.Random) -> list[str]:
    """A YAML list in flow or block style: the lines after the key (the first continues its line)."""
    if rng.random() < 0.5:
        return ["[" + ", ".join('"' + v.replace('"', '\\"') + '"' if not _plain_safe(v) or "," in v else v
                                for v in values) + "]"]
    return ["", *(f"  - {_yaml(v, rng)}" for v in values)]


# --- the corpus --------------------------------------------------------------------------


@dataclass
class Expected:
    """One document and what the contract says of it."""

    path: str  # below the catalogue folder
    index_no: str
    category: str
    title: str
    published_at: datetime
    created: date
    public: bool  # 主动公开 and not in the future: it gets a page
    shown: dict[str, list[str]] = field(default_factory=dict)  # label -> values the page must show
    attachments: list[tuple[str, str]] = field(default_factory=list)  # (file relative to the document, title)
    superseded_by: str = ""
    interprets: str = ""
    genre: str = ""
    crlf: bool = False
    bom: bool = False
    summary: str = ""
    empty_body: bool = False  # published as its front matter (and attachments) alone


def corpus(seed: int, count: int, today: date = date(2026, 1, 1)) -> tuple[dict[str, str | bytes], list[Expected]]:
    """`count` contract-valid documents and their attachments (path below the catalogue folder ->
    text or bytes), and what each must give. Documents published after `today` are embargoed."""
    rng = random.Random(seed)
    files: dict[str, str | bytes] = {}
    docs: list[Expected] = []
    numbers: set[str] = set()
    for n in range(count):
        docs.append(_document(rng, n, numbers, files, today, docs))
    return files, docs


def _index_no(rng: random.Random, created: date, numbers: set[str]) -> str:
    while True:
        period = f"{created:%Y%m}" if rng.random() < 0.5 else f"{created:%Y}"
        number = f"{rng.choice(ORGS)}/{period}-{rng.randint(0, 99999):05d}"
        if number not in numbers:
            numbers.add(number)
            return number


def _document(rng: random.Random, n: int, numbers: set[str], files: dict[str, str | bytes], today: date,
              earlier: list[Expected]) -> Expected:
    created = date(2005, 1, 1) + timedelta(days=rng.randint(0, 7600))
    if rng.random() < 0.03:  # made after today, published no earlier: embargoed till then (told, never refused)
        created = today + timedelta(days=rng.randint(1, 400))
    published_at = datetime.combine(created, datetime.min.time()) + timedelta(days=rng.choice([0, 0, 1, 3, 30, 400]))
    with_time = rng.random() < 0.6
    if with_time:
        published_at += timedelta(minutes=rng.choice([0, rng.randint(0, 24 * 60 - 1)]))
    category = rng.choice(list(CATEGORIES))
    disclosure = DISCLOSURES[0] if rng.random() < 0.85 else rng.choice(DISCLOSURES[1:])
    title = rng.choice(TITLE_FORMS).format(y=created.year, w=rng.choice(WORDS), w2=rng.choice(WORDS),
                                           n=rng.randint(1, 99), agency=rng.choice(AGENCIES))
    if rng.random() < 0.05:
        title = (title + "，" + "关于进一步加强" * 40)[:200]
    index_no = _index_no(rng, created, numbers)
    publisher = rng.choice(AGENCIES)
    # anywhere below the catalogue folder, under any name an editor gives (the category is the field's)
    folder = rng.choice([category, category, category, f"{category}/{created.year}", f"{created.year}/{created.month:02d}",
                         "", "其他 文件/2020（旧）"])
    name = rng.choice([f"doc-{n:03d}", f"doc-{n:03d}", f"{n:03d} 关于{rng.choice(WORDS)}的通知（定稿）", f"{n:03d}_A&B #1"])
    path = f"{folder}/{name}.md".lstrip("/")
    public = disclosure == "主动公开" and published_at.date() < today
    doc = Expected(path, index_no, category, title, published_at, created, public)

    published_text = f"{published_at:%Y-%m-%d %H:%M}" if with_time else f"{published_at:%Y-%m-%d}"
    created_text = f"{created:%Y-%m-%d}"
    lines: dict[str, list[str]] = {
        "title": [_yaml(title, rng)],
        "index_no": [rng.choice([index_no, f'"{index_no}"', f"'{index_no}'"])],
        "category": [rng.choice([category, f'"{category}"'])],
        "publisher": [_yaml(publisher, rng)],
        "created": [rng.choice([created_text, f'"{created_text}"', f"'{created_text}'"])],
        "published": [rng.choice([published_text, f'"{published_text}"'])],
        "disclosure": [rng.choice([disclosure, f'"{disclosure}"'])],
    }
    shown = {"名称": [title], "索引号": [index_no], "信息分类": [CATEGORIES[category][0]], "发布机构": [publisher],
             "生成日期": [created_text], "发布日期": [published_text]}
    if disclosure == "不予公开":
        lines["exemption"] = [_yaml("《中华人民共和国政府信息公开条例》第十四条", rng)]
    if category == "nb":
        year = created.year - rng.choice([0, 1])
        lines["report_year"] = [str(year)]  # an integer: quoted, it is text (refused with its fix)
        shown["年报年度"] = [str(year)]

    genre = ""
    if rng.random() < 0.7:
        genre = doc.genre = rng.choice(GENRES)
        # a 解读 explains an earlier published policy, when there is one
        targets = [d for d in earlier if d.public and d.genre != "解读"]
        if genre == "解读" and targets and rng.random() < 0.8:
            target = rng.choice(targets)
            doc.interprets = target.index_no
            lines["interprets"] = [_yaml(target.index_no, rng) if rng.random() < 0.5 else target.index_no]
        lines["genre"] = [rng.choice([genre, f'"{genre}"'])]
        shown["体裁"] = [genre]
    if rng.random() < 0.5:
        year, number = created.year, rng.randint(1, 300)
        doc_no = f"{rng.choice(AGENCY_CODES)}〔{year}〕{number}号"
        if rng.random() < 0.1:  # an order (规章): 令第N号, no year
            doc_no = f"安徽省人民政府令第{number}号"
        lines["doc_no"] = [_yaml(doc_no, rng)]
        shown["文号"] = [doc_no]
    if rng.random() < 0.5:
        doc.summary = ("本文件" + "、".join(rng.sample(WORDS, 4)) + "。" + "主要内容包括工作目标和保障措施。" * rng.randint(0, 12))[:300]
        lines["summary"] = [_yaml(doc.summary, rng)]
        shown["内容概述"] = [doc.summary]
    if rng.random() < 0.5:
        topics = rng.sample(WORDS[:20], rng.randint(1, 4))
        lines["topics"] = _list(topics, rng)
        shown["主题分类"] = topics
    if rng.random() < 0.5:
        keywords = rng.sample(WORDS[:20], rng.randint(1, 5))
        lines["keywords"] = _list(keywords, rng)
        shown["主题词"] = keywords
    if rng.random() < 0.4:
        validity = rng.choice(VALIDITIES)
        lines["validity"] = [validity]
        shown["有效性"] = [validity]
    else:
        shown["有效性"] = ["有效"]
    if rng.random() < 0.3:
        lines["source"] = [_yaml(rng.choice(["政策法规处", "办公室", "新华社", "人民网: 要闻"]), rng)]
        shown["来源"] = [lines["source"][0].strip("'\"")]
    # a replacement names an earlier document: chains form as later ones replace them in turn
    # (a held-back document is named by none: the check refuses that, see the report)
    replaceable = [d for d in earlier if not d.superseded_by and d.index_no != doc.interprets and d.public]
    if public and replaceable and rng.random() < 0.15:
        older = rng.choice(replaceable)
        older.superseded_by = index_no
        older_front, rest = str(files[older.path]).split("\n---\n", 1)
        if "\nvalidity: 有效\n" in older_front + "\n":  # a replaced document is no longer in force
            older_front = (older_front + "\n").replace("\nvalidity: 有效\n", "\nvalidity: 已修订\n").rstrip("\n")
            older.shown["有效性"] = ["已修订"]
        files[older.path] = older_front + f"\nsuperseded_by: {_yaml(index_no, rng)}\n---\n" + rest
    # an optional field left empty is one not given (validity then shows its default)
    for key in ("doc_no", "summary", "genre", "topics", "keywords", "validity", "source", "interprets", "attachments"):
        if key not in lines and rng.random() < 0.04:
            lines[key] = [rng.choice(["", '""', "''", "~", "null"])]
    if rng.random() < 0.3:
        _attach(rng, n, folder, doc, files, earlier)
        lines["attachments"] = [""]
        for name, label in doc.attachments:
            if rng.random() < 0.3:  # flow style
                lines["attachments"].append(f"  - {{file: {_yaml(name, rng)}, title: {_yaml(label, rng)}}}")
            else:
                lines["attachments"] += [f"  - file: {_yaml(name, rng)}", f"    title: {_yaml(label, rng)}"]
    keys = list(lines)
    rng.shuffle(keys)
    front = []
    for key in keys:
        first, *more = lines[key]
        front.append(f"{key}: {first}".rstrip())
        front.extend(more)
    body = _body(rng, doc)
    doc.empty_body = n % 25 == 7  # by number, the body still drawn: the random stream, and so the rest, stays
    text = "---\n" + "\n".join(front) + "\n---\n" + ("" if doc.empty_body else "\n" + body + "\n")
    doc.shown = shown
    doc.crlf, doc.bom = rng.random() < 0.2, rng.random() < 0.1
    files[path] = text
    return doc


def encoded(doc: Expected, text: str) -> bytes:
    """A document's file as its editor's tool saved it: UTF-8, with or without BOM, LF or CRLF."""
    return ("\ufeff" if doc.bom else "").encode() + (text.replace("\n", "\r\n") if doc.crlf else text).encode()


def _attach(rng: random.Random, n: int, folder: str, doc: Expected, files: dict[str, str | bytes],
            earlier: list[Expected]) -> None:
    """Attachments beside the document, in a sub-folder, a folder above it, any case of extension;
    now and then one an earlier published document also attaches."""
    shared = [(d, name) for d in earlier if d.public and posixpath.dirname(d.path) == folder for name, _ in d.attachments]
    if doc.public and shared and rng.random() < 0.2:
        _, name = rng.choice(shared)
        doc.attachments.append((name, "共用附件：" + rng.choice(WORDS)))
    for k in range(rng.randint(1, 3)):
        kind = rng.choice(ATTACHMENT_TYPES)
        kind = rng.choice([kind, kind, kind.upper(), kind.capitalize()])
        where = rng.choice(["files/", "", "附件/", "../shared/" if "/" in folder else ""])
        name = f"{where}{n:03d}-{k}{rng.choice(['', '-附件', ' 表格', '（定稿）'])}.{kind}"
        target = posixpath.normpath(posixpath.join(folder, name))
        files[target] = f"{kind} {n} {k}".encode()
        doc.attachments.append((name, f"附件{k + 1}：{rng.choice(WORDS)}"))
    if n % 9 == 4:  # a file of the same name in another folder (两个“附件.pdf”): both are published
        name, _ = doc.attachments[-1]
        other = f"同名/{posixpath.basename(name)}"
        files[posixpath.normpath(posixpath.join(folder, other))] = f"same name {n}".encode()
        doc.attachments.append((other, "同名附件"))


# Markdown constructs an editor uses, as Python-Markdown (tables, footnotes, attr_list) reads them
SNIPPETS = {
    "heading": "## 一、总体要求\n\n坚持人民至上、生命至上。\n\n### （一）工作目标\n\n到年底基本建成。",
    "list": "工作要求：\n\n- 加强组织领导；\n- 压实工作责任；\n    - 落实到人；\n- 强化督促检查。",
    "olist": "工作步骤：\n\n1. 制定方案\n2. 组织实施\n3. 总结评估",
    "table": "| 序号 | 单位 | 金额（万元） |\n|---|---|---:|\n| 1 | 合肥市 | 1,200.50 |\n| 2 | 芜湖市 | 980 |",
    "footnote": "依据《条例》第二十条[^1]办理。\n\n[^1]: 《中华人民共和国政府信息公开条例》（2019年修订）。",
    "quote": "> 安全生产责任重于泰山。",
    "link": "详见[中国政府网](https://www.gov.cn/)或来电 <mailto:ban@example.gov.cn>。",
    "bold": "**特此通知。** *请遵照执行*，`〔2020〕` 除外。",
    "html": "第一行<br>第二行，面积10m<sup>2</sup>。\n\n<table><tr><th>项目</th><td>金额</td></tr></table>",
}


def _body(rng: random.Random, doc: Expected) -> str:
    parts = [f"各有关单位：\n\n现将{doc.title[:20]}有关事项说明如下。"]
    for construct in rng.sample([*SNIPPETS, "attachment"], rng.randint(1, 6)):
        if construct != "attachment":
            parts.append(SNIPPETS[construct])
            continue
        images = [name for name, _ in doc.attachments if name.lower().endswith((".png", ".jpg"))]
        if images:
            parts.append(f"![示意图]({images[0].replace(' ', '%20')})")
        if doc.attachments:
            name = doc.attachments[-1][0]
            parts.append(f"请下载[附件]({name.replace(' ', '%20')})或<a href=\"{name}\">点此</a>。")
    return "\n\n".join(parts)


# --- careless forms: what the contract corrects ---------------------------------------------

FULL_WIDTH = str.maketrans("0123456789-:", "０１２３４５６７８９－：")
LOOKALIKES = [("[", "]"), ("(", ")"), ("（", "）"), ("【", "】"), ("［", "］"), ("﹝", "﹞")]


def careless(files: dict[str, str | bytes], docs: list[Expected], seed: int) -> dict[str, dict[str, str]]:
    """Rewrite some documents as editors paste them: full-width digits where the contract says
    digits, look-alike brackets in a 文号, an ideographic space in a time. Returns, per document
    path, each field changed and the value the contract's error must show as the corrected form."""
    rng = random.Random(seed)
    referenced = {d.superseded_by for d in docs} | {d.interprets for d in docs}
    changed: dict[str, dict[str, str]] = {}
    for doc in docs:
        if rng.random() > 0.3 or doc.index_no in referenced:  # a reference to a refused file is an error too
            continue
        text = str(files[doc.path])
        keys = ["created", "published", "index_no",
                *(["doc_no"] if "文号" in doc.shown else []), *(["report_year"] if "年报年度" in doc.shown else [])]
        key = rng.choice(keys)
        right = {"created": doc.shown["生成日期"][0], "published": doc.shown["发布日期"][0], "index_no": doc.index_no,
                 "doc_no": doc.shown.get("文号", [""])[0], "report_year": doc.shown.get("年报年度", [""])[0]}[key]
        if key == "doc_no" and rng.random() < 0.7:
            left, close = rng.choice(LOOKALIKES)
            wrong = right.replace("〔", left).replace("〕", close)
        elif key == "published" and " " in right and rng.random() < 0.5:
            wrong = right.replace(" ", "\u3000")
        else:
            wrong = right.translate(FULL_WIDTH) if key != "doc_no" else right.translate(FULL_WIDTH).replace("－", "-")
        line = next(line for line in text.split("\n") if line.startswith(f"{key}: "))
        files[doc.path] = text.replace(line, f'{key}: "{wrong}"' if key != "report_year" else f"{key}: {wrong}", 1)
        changed[doc.path] = {key: right}
    return changed
