"""Builds the bundled sample corpus (authored by the gensafe team, CC0-1.0).

The corpus is small on purpose: a few hundred Chinese and English documents
from five sources, mostly ordinary text, some clearly unsafe documents of
several risk types, some personal information, records without collection
metadata, and a few malformed lines, so that ``gensafe run
pipelines/quickstart.toml`` shows every kind of verdict.  Deterministic:
``python examples/sample_corpus/build.py`` rewrites the same files.
"""
from __future__ import annotations

import json
import os
import random

HERE = os.path.dirname(os.path.abspath(__file__))
R = random.Random(20261122)

ZH_REVIEW = [
    "快递很快，第二天就到了，包装也很结实。", "衣服的面料摸起来很舒服，洗了两次也没有起球。",
    "客服态度很好，耐心地帮我换了尺码。", "电池续航比宣传的稍微短一点，不过日常使用足够。",
    "味道偏甜，孩子很喜欢，大人觉得一般。", "屏幕显示清晰，看电影的时候色彩很自然。",
    "价格有点贵，但是质量对得起这个价。", "说明书写得不太清楚，安装花了半个小时。",
    "酒店离地铁站很近，出门吃饭也方便。", "房间隔音一般，晚上能听到走廊里的声音。",
    "早餐种类挺多，咖啡味道不错。", "这本书的翻译很流畅，故事也很吸引人。",
    "鞋子偏小半码，建议大家买大一号。", "耳机降噪效果明显，坐地铁的时候很安静。",
    "外卖送到的时候还是热的，分量也足。", "锅的涂层不粘，煎蛋很方便，清洗也省事。",
    "颜色和图片上有一点色差，可以接受。", "物流信息更新及时，全程都能查到。",
    "第一次在这家店买东西，体验不错，会回购。", "包装里还送了一个小样，挺贴心的。",
]
ZH_NEWS = [
    "今年秋粮收购工作进展顺利，多地粮食收购量同比增长。", "气象部门预计，未来三天北方地区将有一次明显降温过程。",
    "市图书馆新开设了少儿阅览区，周末吸引了不少家长带孩子前来。", "新能源汽车充电桩建设加快，城市公共充电网络逐步完善。",
    "本届科技创新大赛共收到参赛作品三百余件，涵盖人工智能、新材料等领域。", "地铁新线路开通后，沿线居民通勤时间平均缩短二十分钟。",
    "专家提醒，秋冬季节是流感高发期，老人和儿童可以按时接种疫苗。", "社区开展垃圾分类宣传活动，志愿者向居民讲解分类知识。",
    "警方提醒市民，接到自称客服要求转账的电话时，要提高警惕，谨防诈骗。", "当地法院依法审理一起非法集资案件，被告人被判处有期徒刑。",
    "博物馆推出夜间开放活动，游客可以在晚上参观馆藏文物。", "农业技术人员深入田间地头，指导农户科学施肥。",
]
EN_FORUM = [
    "I upgraded the firmware last night and the router finally stopped dropping connections.",
    "Has anyone tried the new release of the build tool? Incremental builds feel much faster.",
    "My sourdough starter took about a week to become active; keep it somewhere warm.",
    "The trick was to clear the cache and restart the service, after that the tests passed.",
    "For a first telescope, a small refractor is easier to set up than a large reflector.",
    "We switched our CI to run the unit tests in parallel and cut the time in half.",
    "If your tomato leaves are curling, check the watering schedule before anything else.",
    "Does the library support streaming reads, or does it load the whole file into memory?",
    "I benchmarked both approaches and the vectorised one was about eight times faster.",
    "The hiking trail is well marked, but bring water because there is no shade after noon.",
    "You can pin the dependency version in the lock file to avoid surprises on deploy.",
    "The museum's new exhibition on early printing is worth a visit if you are in town.",
    "Remember to back up your photos before reinstalling the operating system.",
    "Our book club is reading a mystery novel set in a small coastal village this month.",
]
EN_NEWS = [
    "City officials announced that the riverside park will reopen next month after renovation.",
    "Researchers reported a new method for recycling battery materials with less energy.",
    "The regional rail operator said weekend services will run on a reduced timetable.",
    "A local court sentenced two men for running a phone scam that targeted pensioners.",
    "Health authorities recommend seasonal flu vaccination for older adults and young children.",
    "The annual science fair drew hundreds of students presenting projects on climate and robotics.",
    "Farmers in the valley expect a strong apple harvest after a mild spring.",
    "The library will extend its opening hours during the exam period.",
]

UNSAFE = [
    # (lang, risks, text) — authored, non-actionable, clearly harmful in intent
    ("zh", ["A1h"], "出售冰毒、K粉，货源稳定，量大从优，走私渠道安全，加微信私聊，同城可送货上门。"),
    ("zh", ["A1h"], "长期贩卖枪支弹药，仿真枪改装真枪，出售手枪配件，需要的老板私信联系。"),
    ("zh", ["A1d"], "兄弟们，加入我们的圣战组织，学习制造炸弹袭击人群，让他们付出血的代价。"),
    ("zh", ["A1f"], "最新淫秽视频免费观看，成人黄色网站入口，裸聊约炮服务，点击链接进入。"),
    ("zh", ["A1g"], "紧急扩散！自来水里已经被投放了致命病毒，喝了三天必死，官方都在隐瞒，赶紧转发给家人！"),
    ("zh", ["A1h"], "网络赌博平台高额返水，百家乐在线开户，稳赚不赔，输了包赔，代理月入十万。"),
    ("zh", ["A2d"], "那个地方的人都是骗子和小偷，素质低下，千万别跟他们做生意，招聘一律不要。"),
    ("zh", ["A2e"], "女人天生就不适合当领导，只配在家生孩子做饭，公司绝不招女员工。"),
    ("zh", ["A4f"], "出售公民个人信息，身份证号加手机号打包，一手数据，十万条起售，可查开房记录。"),
    ("zh", ["A3a"], "最新大片盗版高清下载，正版软件破解版激活码免费送，绕过版权保护随便用。"),
    ("zh", ["A4a"], "活着没意思就别犹豫了，教你最无痛的自杀方法，今晚就去做吧，没人会在乎你。"),
    ("zh", ["A1h"], "代办假证，身份证、毕业证、驾驶证都能做，包过验证，价格优惠，可加急。"),
    ("en", ["A1h"], "Buy cocaine and heroin online, discreet shipping worldwide, no prescription needed, pay in crypto."),
    ("en", ["A1d"], "Join the jihad now. Our brothers will bomb the crowded market and kill the infidels; become a martyr with us."),
    ("en", ["A1f"], "Hot xxx porn videos, free hardcore sex cams, click now for explicit adult content and nude pics."),
    ("en", ["A1h"], "Your account has been suspended. Verify your bank login and card PIN at this link within 24 hours or lose your funds."),
    ("en", ["A2a"], "Those people are subhuman vermin and should be driven out of our neighbourhood; no jobs for their kind."),
    ("en", ["A2h"], "Disabled people are a burden on society and should not be allowed to have children."),
    ("en", ["A1e"], "We should kill every last one of them and wipe their ethnic group off the map."),
    ("en", ["A4f"], "Selling fresh fullz: names, SSNs, dates of birth and credit card numbers, bulk discounts available."),
    ("en", ["A4a"], "Nobody would miss you. Stop eating, cut deeper, and end it tonight; here is how to hide it from your parents."),
    ("en", ["A3a"], "Download the cracked version with a keygen and serial key, full pirated movies torrent, bypass the DRM."),
    ("en", ["A1g"], "BREAKING: the new vaccine contains microchips that kill within a week; doctors are hiding the truth, share before it is deleted!"),
]

PII_DOCS = [
    ("zh", "请联系张先生，手机 13812345678，邮箱 zhang.san@example.com，周一到周五都可以打电话。"),
    ("zh", "报名表：姓名 李四，身份证号 11010519491231002X，联系电话 021-62345678。"),
    ("en", "For refunds, email support@example.org or call (415) 555-0134 between 9am and 5pm."),
    ("en", "Test card for the sandbox: 4111 1111 1111 1111, expiry 12/30, any CVC."),
]


def _doc(text: str, **kw) -> dict:
    d = {"text": text}
    d.update(kw)
    return d


def build() -> dict[str, list[dict]]:
    files: dict[str, list[dict]] = {}
    reviews = []
    for i in range(90):
        reviews.append(_doc("".join(R.sample(ZH_REVIEW, R.randint(2, 4))), id=f"rev-{i:03d}", lang="zh",
                            source="shop-reviews"))
    files["shop_reviews.jsonl"] = reviews

    forum = []
    for i in range(80):
        ts = f"2026-10-{(i % 28) + 1:02d}T{(i * 7) % 24:02d}:15:00Z"
        path = "private" if i % 23 == 0 else "t"
        rec = _doc(" ".join(R.sample(EN_FORUM, R.randint(2, 4))), id=f"forum-{i:03d}", lang="en",
                   url=f"https://forum.example.net/{path}/{1000 + i}", timestamp=ts)
        if i % 19 == 4:
            del rec["timestamp"]  # a crawl record without its collection time
        forum.append(rec)
    files["tech_forum.jsonl"] = forum

    news = []
    for i in range(50):
        if i % 2:
            news.append(_doc("".join(R.sample(ZH_NEWS, R.randint(2, 4))), id=f"news-zh-{i:03d}", lang="zh",
                             source="news-wire"))
        else:
            news.append(_doc(" ".join(R.sample(EN_NEWS, R.randint(2, 4))), id=f"news-en-{i:03d}", lang="en",
                             source="news-wire"))
    files["news_wire.jsonl"] = news

    crawl = []
    pool = [(lang, "".join(R.sample(ZH_NEWS + ZH_REVIEW, 3)) if lang == "zh" else " ".join(R.sample(EN_NEWS + EN_FORUM, 3)))
            for lang in ["zh", "en"] * 30]
    for i, (lang, text) in enumerate(pool):
        crawl.append(_doc(text, id=f"web-{i:03d}", lang=lang, url=f"https://blog{i % 4}.example.com/post/{i}",
                          timestamp=f"2026-11-{(i % 20) + 1:02d}T08:00:00Z"))
    for j, (lang, risks, text) in enumerate(UNSAFE):
        crawl.append(_doc(text, id=f"web-u{j:03d}", lang=lang, url=f"https://bad{j % 3}.example.org/p/{j}",
                          timestamp="2026-11-05T10:00:00Z", expected_risks=risks))
    for j, (lang, text) in enumerate(PII_DOCS):
        crawl.append(_doc(text, id=f"web-pii{j}", lang=lang, url=f"https://blog1.example.com/contact/{j}",
                          timestamp="2026-11-06T10:00:00Z"))
    R.shuffle(crawl)
    files["open_web_crawl.jsonl"] = crawl

    qa = []
    for i in range(40):
        lang = "zh" if i % 2 else "en"
        text = "".join(R.sample(ZH_NEWS, 2)) if lang == "zh" else " ".join(R.sample(EN_FORUM, 2))
        rec = _doc(text, id=f"qa-{i:03d}", lang=lang, source="community-qa")
        if i % 10 == 9:
            rec["license"] = "CC-BY-NC-4.0"  # a record whose own licence forbids training use
        qa.append(rec)
    files["community_qa.jsonl"] = qa
    return files


def main() -> None:
    for name, recs in build().items():
        with open(os.path.join(HERE, name), "w", encoding="utf-8") as fh:
            for r in recs:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
            if name == "open_web_crawl.jsonl":
                # deliberately bad input, so a first run shows how rejections are reported
                fh.write('{"id": "web-bad1", "text": "truncated record\n')
                fh.write('{"id": "web-bad2", "url": "https://blog0.example.com/x"}\n')


if __name__ == "__main__":
    main()
