"""What a synthetic document says: phrase banks of ordinary provincial emergency-management
Chinese, and the titles, 文号, genres and bodies `gkml_bench.synth` composes from them, each
drawn from the one `random.Random` it passes, in the order it calls them."""

from __future__ import annotations

import random
from datetime import date

# The department was reorganised in 2018: name and 机关代字 change with it.
REORG_YEAR = 2019

GENRES: dict[str, tuple[str, ...]] = {
    "gkzn": ("其他", "通知"),
    "gkzd": ("通知", "决定", "其他"),
    "fdzdgknr": ("其他", "通知"),
    "jgzn": ("其他",),
    "fgwj": ("通知", "通知", "决定", "意见", "解读", "公告", "通告", "批复", "函"),
    "ghjh": ("规划", "总结", "通知", "报告"),
    "tjxx": ("公报", "报告", "其他"),
    "xzxk": ("公告", "通知", "批复", "其他"),
    "xzcf": ("决定", "通报", "公告"),
    "czzj": ("报告", "通知", "公告", "其他"),
    "yjgl": ("通知", "通告", "意见", "命令", "通报", "纪要"),
    "aqjc": ("通报", "通知", "报告", "纪要"),
    "rsxx": ("公告", "通知", "决定"),
    "jyta": ("函", "报告", "总结"),
    "nb": ("报告",),
}

CITIES = (
    "合肥市", "芜湖市", "蚌埠市", "淮南市", "马鞍山市", "淮北市", "铜陵市", "安庆市",
    "黄山市", "滁州市", "阜阳市", "宿州市", "六安市", "亳州市", "池州市", "宣城市",
)
UNITS = (
    "办公室", "政策法规处", "应急指挥中心", "风险监测和综合减灾处", "救援协调和预案管理处",
    "火灾防治管理处", "防汛抗旱处", "地震和地质灾害救援处", "危险化学品安全监督管理处",
    "安全生产基础处", "安全生产综合协调处", "安全执法和工贸安全监督管理处",
    "救灾和物资保障处", "规划财务处", "调查评估和统计处", "科技和信息化处", "宣传教育处", "人事处",
)
SUBORDINATES = (
    "安徽省安全生产应急救援指挥中心", "安徽省安全生产执法监察总队",
    "安徽省应急管理宣传教育中心", "安徽省矿山救护总队", "安徽省应急物资储备中心",
)
SUBJECTS = (
    "安全生产", "危险化学品安全生产", "非煤矿山安全生产", "工贸行业安全生产", "烟花爆竹经营",
    "安全生产行政执法", "生产安全事故应急预案管理", "自然灾害救助", "防汛抗旱", "森林火灾防治",
    "地震应急", "安全生产责任保险", "安全生产标准化建设", "应急物资储备", "安全生产培训",
    "事故隐患排查治理", "安全风险分级管控", "安全生产举报奖励", "有限空间作业安全", "粉尘防爆",
    "城镇燃气安全", "尾矿库安全", "冶金企业安全", "应急救援队伍建设", "综合减灾示范社区创建",
    "自然灾害综合风险普查", "危险化学品重大危险源监管", "安全生产专项整治三年行动", "应急管理信息化",
    "地质灾害防治", "汛期安全防范", "消防安全", "安全生产诚信体系建设",
)
ACTIONS = (
    "进一步加强", "做好", "深入开展", "切实做好", "加快推进", "全面加强", "扎实推进",
    "组织开展", "认真做好", "持续深化", "规范", "严格落实",
)
RULE_KINDS = (
    "管理办法", "实施细则", "工作规则", "实施方案", "暂行规定", "工作指引", "考核办法",
    "工作规范", "操作规程", "评分标准", "实施意见",
)
DISASTERS = (
    "防汛", "抗旱", "地震", "森林火灾", "低温雨雪冰冻", "台风", "地质灾害", "生产安全事故",
    "危险化学品事故", "矿山事故", "自然灾害救助",
)
HOLIDAYS = ("元旦", "春节", "清明节", "五一", "端午节", "中秋节", "国庆节", "全国两会")
FIRMS_A = (
    "恒达", "华鑫", "长江", "新能", "皖北", "金源", "宏远", "润丰", "中盛", "东方", "永安",
    "联创", "江淮", "徽商", "天元", "瑞泰", "鑫源", "安泰", "昌盛", "海螺",
)
FIRMS_B = (
    "化工", "矿业", "建材", "冶金", "机械制造", "物流", "燃气", "煤业", "钢铁", "新材料",
    "烟花爆竹", "石化", "医药化工", "铸造", "仓储",
)
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰红建国志海峰文斌宏波辉"
PLANS = ((2006, "十一五"), (2011, "十二五"), (2016, "十三五"), (2021, "十四五"), (2026, "十五五"))
LAWS = (
    "中华人民共和国安全生产法", "中华人民共和国突发事件应对法", "生产安全事故应急条例",
    "安徽省安全生产条例", "中华人民共和国政府信息公开条例", "危险化学品安全管理条例",
    "中华人民共和国防洪法", "中华人民共和国行政处罚法", "自然灾害救助条例",
    "安全生产许可证条例", "烟花爆竹安全管理条例", "中华人民共和国消防法",
)
EXEMPTIONS = (
    "涉及国家秘密，依据《中华人民共和国政府信息公开条例》第十四条不予公开",
    "涉及商业秘密，依据《中华人民共和国政府信息公开条例》第十五条不予公开",
    "涉及个人隐私，依据《中华人民共和国政府信息公开条例》第十五条不予公开",
    "属于内部事务信息，依据《中华人民共和国政府信息公开条例》第十六条第一款不予公开",
    "属于过程性信息，依据《中华人民共和国政府信息公开条例》第十六条第二款不予公开",
)

# Sentence banks: a body sentence is opener + subject + verb + object + clause.
OPENERS = (
    "为深入贯彻落实《{law}》，", "根据《{law}》有关规定，", "按照省委、省政府决策部署，",
    "{year}年以来，", "近年来，", "为进一步{action}{subject}工作，", "经研究，", "同时，",
    "此外，", "针对当前{subject}面临的形势，", "结合我省实际，", "", "", "",
)
ACTORS = (
    "各市应急管理局", "各有关单位", "厅机关各处室", "各级应急管理部门", "全省各类生产经营单位",
    "各重点企业", "省安委会各成员单位", "各县（市、区）", "各级负有安全生产监管职责的部门",
    "各直属单位", "各市防汛抗旱指挥部", "有关行业主管部门",
)
VERBS = (
    "要切实加强", "要认真落实", "应当建立健全", "要进一步完善", "要严格执行", "要全面排查",
    "要持续深化", "应当定期开展", "要扎实推进", "要加快构建", "要着力强化", "要统筹做好",
)
OBJECTS = (
    "安全生产责任制", "隐患排查治理体系", "应急预案管理", "重大危险源监测预警", "安全风险分级管控",
    "执法检查计划", "应急救援队伍建设", "应急物资储备", "信息报送制度", "值班值守制度",
    "宣传教育培训", "安全生产标准化建设", "事故调查处理", "灾害风险普查", "监测预警和会商研判",
    "跨部门协同联动机制", "基层应急能力建设", "企业主体责任落实", "执法规范化建设", "数据共享和信息化应用",
)
CLAUSES = (
    "确保各项措施落到实处", "坚决遏制重特大事故发生", "切实保障人民群众生命财产安全",
    "形成工作合力", "不断提升应急处置能力", "做到早发现、早报告、早处置",
    "推动安全生产形势持续稳定向好", "防范化解重大安全风险", "及时消除事故隐患",
    "为经济社会高质量发展创造良好环境", "坚持问题导向和目标导向", "做到责任到人、措施到位",
)
STAT_SENTENCES = (
    "{year}年，全省共发生各类生产安全事故{a}起、死亡{b}人，同比分别下降{p}%和{q}%。",
    "全年共检查企业{a}家次，发现隐患{b}项，已整改{c}项，整改率{p}%。",
    "共立案查处安全生产违法行为{a}起，罚款{b}万元，责令停产停业整顿{c}家。",
    "本年度共收到政府信息公开申请{a}件，均已按期答复，其中予以公开{b}件。",
    "累计组织开展应急演练{a}场次，参演人员{b}人次，发放宣传资料{c}万份。",
    "共安排资金{b}万元，支持{a}个项目建设，资金执行率达到{p}%。",
    "全省已建成综合减灾示范社区{a}个，培训灾害信息员{b}名。",
)
CLOSINGS = (
    "本通知自印发之日起施行。", "请各地结合实际，认真贯彻执行。", "执行中遇到的问题，请及时反馈。",
    "特此通知。", "特此公告。", "请于{month}月{day}日前将贯彻落实情况报送我厅{unit}。",
    "联系人：{name}，联系电话：0551-6{phone}。",
)
HEADINGS = (
    "总体要求", "主要任务", "工作目标", "重点措施", "保障措施", "工作安排", "有关要求",
    "基本情况", "存在问题", "下一步工作打算", "组织领导", "职责分工", "检查内容", "适用范围",
    "工作原则", "监督考核", "实施步骤", "政策背景", "主要内容", "名词解释",
)
NB_HEADINGS = (
    "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况",
    "政府信息公开行政复议、行政诉讼情况", "存在的主要问题及改进情况", "其他需要报告的事项",
)
NUMERALS = "一二三四五六七八九十"
# Keywords must not repeat within a document, so the bank holds each term once.
KEYWORDS = tuple(dict.fromkeys(SUBJECTS + OBJECTS))


def publisher(year: int) -> str:
    return "安徽省应急管理厅" if year >= REORG_YEAR else "安徽省安全生产监督管理局"


def _org_short(year: int) -> str:
    return "省应急厅" if year >= REORG_YEAR else "省安全监管局"


def _person(rng: random.Random) -> str:
    given = rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.7 else "")
    return rng.choice(SURNAMES) + given


def _firm(rng: random.Random) -> str:
    return rng.choice(CITIES) + rng.choice(FIRMS_A) + rng.choice(FIRMS_B) + "有限公司"


def _plan_name(year: int) -> str:
    name = PLANS[0][1]
    for start, label in PLANS:
        if year >= start:
            name = label
    return name


def doc_no(rng: random.Random, category: str, year: int) -> str:
    if category == "xzcf":
        code = "皖应急罚" if year >= REORG_YEAR else "皖安监罚"
    elif year >= REORG_YEAR:
        code = rng.choice(("皖应急", "皖应急", "皖应急办", "皖应急函", "皖安委办", "皖减灾委", "皖防指"))
    else:
        code = rng.choice(("皖安监", "皖安监", "皖安监管", "皖安监办", "皖安委办"))
    return f"{code}〔{year}〕{rng.randint(1, 260)}号"


def title(rng: random.Random, category: str, created: date) -> str:
    """A category-typical title; the year in it is the document's own."""
    y, m = created.year, created.month
    org = publisher(y)
    subject = rng.choice(SUBJECTS)
    c = category
    if c == "gkzn":
        return rng.choice((f"{org}政府信息公开指南（{y}年修订）", f"{org}依申请公开政府信息办理流程说明",
                           f"{org}政府信息公开目录编制说明（{y}年版）"))
    if c == "gkzd":
        return f"{org}" + rng.choice(("政府信息公开工作制度", "政府信息公开保密审查制度", "政府信息主动公开工作规程",
                                       "政府信息公开申请办理工作规程", "政府信息公开工作考核制度", "政务公开工作责任追究办法"))
    if c == "fdzdgknr":
        return rng.choice((f"{org}法定主动公开内容目录（{y}年版）", f"{org}{y}年主动公开基本目录调整说明"))
    if c == "jgzn":
        return rng.choice((f"{org}主要职责", f"{org}内设机构及职能", f"{org}{rng.choice(UNITS)}职能简介",
                           f"{rng.choice(SUBORDINATES)}机构职能", f"{org}领导信息（{y}年{m}月更新）"))
    if c == "fgwj":
        return rng.choice((
            f"{org}关于印发《安徽省{subject}{rng.choice(RULE_KINDS)}》的通知",
            f"{org}关于{rng.choice(ACTIONS)}{subject}工作的通知",
            f"关于{rng.choice(ACTIONS)}{subject}工作的意见",
            f"《安徽省{subject}{rng.choice(RULE_KINDS)}》政策解读",
            f"{org}关于废止和修改部分规范性文件的决定",
            f"安徽省{subject}{rng.choice(RULE_KINDS)}",
            f"图解：{subject}有关政策要点",
        ))
    if c == "ghjh":
        return rng.choice((
            f"安徽省{subject}“{_plan_name(y)}”规划", f"{org}{y}年工作要点", f"{org}{y}年工作总结",
            f"{y}年全省{subject}工作要点", f"{y}年上半年{subject}工作总结",
            f"关于印发{y}年{subject}工作计划的通知",
        ))
    if c == "tjxx":
        return rng.choice((
            f"{y}年{m}月全省生产安全事故统计分析", f"{y}年第{(m - 1) // 3 + 1}季度全省安全生产形势分析",
            f"{y}年全省自然灾害情况统计", f"{y}年{m}月全省{subject}统计数据", f"{y - 1}年全省安全生产统计公报",
        ))
    if c == "xzxk":
        return rng.choice((
            f"关于{_firm(rng)}危险化学品经营许可证核发的公告",
            f"{y}年第{rng.randint(1, 24)}批安全生产许可证颁发情况公告",
            f"安全评价机构资质认可名单公示（{y}年第{rng.randint(1, 6)}批）",
            f"行政许可事项服务指南（{subject}）", f"{org}政务服务事项实施清单（{y}年版）",
            f"关于{_firm(rng)}安全设施设计审查意见的批复",
        ))
    if c == "xzcf":
        return rng.choice((
            f"{_firm(rng)}行政处罚决定书", f"{y}年{m}月行政处罚信息公示",
            f"关于{_firm(rng)}“{rng.randint(1, 12)}·{rng.randint(1, 28)}”{rng.choice(('中毒', '火灾', '爆炸', '机械伤害', '高处坠落'))}事故调查处理情况的通报",
            f"{org}行政强制措施决定书（{_firm(rng)}）", f"{y}年安全生产行政执法典型案例",
        ))
    if c == "czzj":
        return rng.choice((
            f"{org}{y}年部门预算", f"{org}{y - 1}年部门决算", f"{y}年度政府采购意向公开（{subject}）",
            f"关于下达{y}年安全生产预防及应急专项资金的通知", f"{y}年中央自然灾害救灾资金分配方案",
            f"{org}{y}年“三公”经费预算情况说明",
        ))
    if c == "yjgl":
        disaster = rng.choice(DISASTERS)
        return rng.choice((
            f"安徽省{disaster}应急预案（{y}年修订）", f"关于做好{y}年{rng.choice(HOLIDAYS)}期间安全防范工作的通知",
            f"{rng.choice(CITIES)}{disaster}风险预警信息", f"关于启动{disaster}Ⅳ级应急响应的通知",
            f"关于终止{disaster}应急响应的通知", f"{y}年{m}月全国自然灾害风险形势会商研判意见",
        ))
    if c == "aqjc":
        return rng.choice((
            f"{y}年{subject}专项执法检查情况通报", f"关于开展{y}年安全生产大检查的通知",
            f"{org}{y}年度安全生产监督检查计划", f"关于对{rng.choice(CITIES)}{subject}督导检查情况的通报",
            f"{y}年第{rng.randint(1, 4)}季度“双随机、一公开”抽查结果",
        ))
    if c == "rsxx":
        return rng.choice((
            f"{org}{y}年度公开招聘工作人员公告", f"{org}拟任职干部任前公示（{y}年{m}月）",
            f"{org}{y}年度考试录用公务员拟录用人员名单公示", f"关于{_person(rng)}等同志职务任免的通知",
        ))
    if c == "jyta":
        return rng.choice((
            f"对省十{rng.choice('一二三四')}届人大{rng.choice('一二三四五')}次会议第{rng.randint(1, 999)}号代表建议的答复",
            f"关于省政协{rng.choice('十十十')}{rng.choice('一二三')}届{rng.choice('一二三四五')}次会议第{rng.randint(1, 999)}号提案的答复",
            f"{org}{y}年建议提案办理工作总结",
        ))
    # nb: the report is written early in the year after the one it covers.
    return rng.choice((f"{org}{y - 1}年政府信息公开工作年度报告",
                       f"{rng.choice(SUBORDINATES)}{y - 1}年政府信息公开工作年度报告",
                       f"{_org_short(y)}{y - 1}年度政务公开、政府信息公开工作总结报告"))


# Title endings that fix the genre; other titles draw from the category's genres.
GENRE_BY_ENDING = (
    ("通知", "通知"), ("解读", "解读"), ("决定", "决定"), ("意见", "意见"), ("公告", "公告"),
    ("通报", "通报"), ("批复", "批复"), ("规划", "规划"), ("总结", "总结"), ("报告", "报告"),
    ("答复", "函"), ("公示", "公告"), ("决定书", "决定"), ("预案", "其他"), ("要点", "其他"),
)


def genre(rng: random.Random, category: str, title: str) -> str:
    core = title.split("（", 1)[0]
    for ending, genre in GENRE_BY_ENDING:
        if core.endswith(ending):
            return genre
    return rng.choice(GENRES[category])


def _sentence(rng: random.Random, year: int) -> str:
    if rng.random() < 0.12:
        p = rng.randint(1, 30)
        return rng.choice(STAT_SENTENCES).format(
            year=year, a=rng.randint(3, 9000), b=rng.randint(10, 50000), c=rng.randint(1, 800),
            p=f"{p}.{rng.randint(0, 9)}", q=f"{rng.randint(1, 30)}.{rng.randint(0, 9)}")
    opener = rng.choice(OPENERS)
    if "{" in opener:
        opener = opener.format(law=rng.choice(LAWS), year=year, action=rng.choice(ACTIONS),
                               subject=rng.choice(SUBJECTS))
    tail = "，" + rng.choice(CLAUSES) if rng.random() < 0.7 else ""
    return f"{opener}{rng.choice(ACTORS)}{rng.choice(VERBS)}{rng.choice(OBJECTS)}{tail}。"


def _paragraph(rng: random.Random, year: int) -> str:
    return "".join(_sentence(rng, year) for _ in range(rng.randint(1, 5)))


def _list_block(rng: random.Random) -> str:
    items = rng.sample(OBJECTS, rng.randint(2, 6))
    if rng.random() < 0.5:
        return "\n".join(f"- {item}" for item in items)
    return "\n".join(f"{i}. {rng.choice(ACTIONS)}{item}" for i, item in enumerate(items, 1))


def _table_block(rng: random.Random, category: str, year: int) -> str:
    c, y = category, year
    if c == "xzcf":
        rows = [f"| {_firm(rng)} | 未按规定{rng.choice(OBJECTS)} | 《{rng.choice(LAWS)}》 | 罚款{rng.randint(1, 50)}万元 |"
                for _ in range(rng.randint(2, 8))]
        return "| 被处罚单位 | 违法事实 | 处罚依据 | 处罚决定 |\n|---|---|---|---|\n" + "\n".join(rows)
    if c == "czzj":
        rows = [f"| {rng.choice(SUBJECTS)} | {rng.randint(10, 9000)}.{rng.randint(0, 99):02d} | {rng.randint(10, 9000)}.{rng.randint(0, 99):02d} |"
                for _ in range(rng.randint(3, 8))]
        return f"| 项目 | {y}年预算（万元） | {y - 1}年执行（万元） |\n|---|---:|---:|\n" + "\n".join(rows)
    if c == "nb":
        rows = [f"| {k} | {rng.randint(0, 60)} | {rng.randint(0, 10)} | {rng.randint(10, 300)} |"
                for k in ("规章", "行政规范性文件")]
        return "| 信息内容 | 本年制发件数 | 本年废止件数 | 现行有效件数 |\n|---|---:|---:|---:|\n" + "\n".join(rows)
    cities = rng.sample(CITIES, rng.randint(3, 10))
    rows = [f"| {city} | {rng.randint(0, 60)} | {rng.randint(0, 40)} | {rng.randint(0, 30)}.{rng.randint(0, 9)}% |"
            for city in cities]
    return "| 地区 | 事故起数 | 死亡人数 | 同比变化 |\n|---|---:|---:|---:|\n" + "\n".join(rows)


def body(rng: random.Random, category: str, year: int, n_paragraphs: int) -> str:
    blocks: list[str] = []
    if category == "nb":
        headings: list[str] = list(NB_HEADINGS)
    elif n_paragraphs >= 4 and rng.random() < 0.5:
        headings = rng.sample(HEADINGS, min(len(NUMERALS), max(2, n_paragraphs // 3)))
    else:
        headings = []
    # Headings spread evenly over the paragraphs; the first one after an intro.
    every = max(1, n_paragraphs // (len(headings) + 1)) if headings else 0
    h = 0
    for i in range(n_paragraphs):
        if headings and h < len(headings) and i > 0 and i % every == 0:
            blocks.append(f"## {NUMERALS[h]}、{headings[h]}")
            h += 1
        blocks.append(_paragraph(rng, year))
        roll = rng.random()
        if roll < 0.04:
            blocks.append(_list_block(rng))
        elif roll < 0.06 or (category in ("tjxx", "nb", "czzj") and roll < 0.25):
            blocks.append(_table_block(rng, category, year))
    # Notices close like notices; other documents at most with a contact line.
    if category in ("fgwj", "yjgl", "aqjc"):
        closing = rng.choice(CLOSINGS)
    else:
        closing = CLOSINGS[-1] if rng.random() < 0.5 else ""
    if "{" in closing:
        closing = closing.format(month=rng.randint(1, 12), day=rng.randint(1, 28),
                                 unit=rng.choice(UNITS), name=_person(rng),
                                 phone=f"{rng.randint(0, 9999999):07d}")
    if closing:
        blocks.append(closing)
    return "\n\n".join(blocks) + "\n"


