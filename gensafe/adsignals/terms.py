"""The vocabulary of illegal ads: lures, contact pointers, report markers, and
the words of each illegal trade, in Chinese and English.

Terms are written lower-case and half-width: the detector scans a folded copy
of the text (ASCII and full-width letters lower-cased, full-width forms made
half-width; same length, so offsets stay those of the original).  English terms
made of letters only are checked for word boundaries (``meth`` is not in
``method``).

Why these and not the keyword library: the library's terms are harmful acts
that remove on their own (``出售冰毒``); these are the ingredients of an ad
(``首充``, ``私聊``, ``百家乐``) that are innocent alone and telling together.
Trade words are chosen to be unambiguous inside an ad (no ``上门服务``, which
cleaners advertise; no ``邮票``, which collectors sell; no ``上分``, which gamers
say of rankings).
"""
from __future__ import annotations

#: trade -> risk code (taxonomy.py; the same codes the keyword library gives these trades)
CATEGORY_CODES: dict[str, str] = {
    "gambling": "A1h",
    "porn": "A1f",
    "drugs": "A1h",
    "weapons": "A1h",
    "documents": "A1h",
    "fraud": "A1h",
    "cards": "A1h",
    "personal_data": "A4f",
}

CATEGORY_TERMS: dict[str, list[str]] = {
    "gambling": [
        "百家乐", "龙虎斗", "炸金花", "扎金花", "牛牛", "时时彩", "北京赛车", "pk10", "幸运飞艇", "pc28", "六合彩", "特码", "真人视讯",
        "老虎机", "娱乐城", "博彩", "赌博", "赌场", "网赌", "赌球", "亚盘", "盘口", "下注", "投注", "倍投", "棋牌", "扫雷群",
        "红包群", "骰宝", "轮盘", "德州扑克", "体育竞猜", "电竞竞猜", "现金房", "推牌九", "牌九", "快三", "彩金", "返水", "赌", "跟单平台", "场子", "捕鱼", "上下分", "上分下分", "提现游戏", "casino", "baccarat", "sportsbook", "free spins", "free chips", "deposit bonus", "online slots", "betting tips",
    ],
    "porn": [
        "色情", "黄网", "黄色网站", "成人影片", "成人视频", "成人网站", "无码", "裸聊", "裸照", "约炮", "一夜情", "黄播", "偷拍",
        "不雅视频", "私拍", "包夜", "援交", "楼凤", "外围女", "学生妹", "特殊服务", "寂寞少妇", "全裸", "大尺度", "av女优", "福利视频",
        "成人免费", "宅男福利", "国产自拍", "不打码", "自拍偷拍", "主播福利", "裸体", "真实可约", "全套服务", "服务全套", "上门全套", "看片", "young and beautiful", "porn", "porno", "xxx", "nude", "nudes", "escort", "escorts", "incall", "outcall", "camgirl",
        "sex cam", "live cams", "onlyfans leak", "leaked onlyfans", "hot singles", "uncensored",
    ],
    "drugs": [
        "冰毒", "溜冰", "麻古", "k粉", "氯胺酮", "摇头丸", "海洛因", "可卡因", "大麻", "神仙水", "听话水", "迷药", "迷幻", "咖啡包",
        "奶茶包", "彩虹烟", "g水", "上头电子烟", "笑气", "芬太尼", "曲马多", "三唑仑", "冰妹", "叶子到货", "保证上头", "安眠药", "处方药", "cocaine", "meth",
        "molly", "mdma", "fentanyl", "xanax", "xans", "oxy", "percs", "lsd", "shrooms", "ketamine", "heroin", "pressed bars",
    ],
    "weapons": [
        "气枪", "气狗", "钢珠枪", "仿真枪", "火药枪", "猎枪", "手枪", "枪支", "子弹", "弓弩", "军用弩", "弩箭", "电击器", "电击枪",
        "管制刀具", "军刺", "弹簧刀", "甩棍", "消音器", "麻醉枪", "pcp", "改装枪", "打鸟枪", "改装气枪", "改装仿真枪", "ghost gun", "ghost guns",
        "80% lower", "80% lowers", "suppressors", "unregistered pistols", "full-auto switch", "full-auto switches", "auto sear",
    ],
    "documents": [
        "假证", "假文凭", "假学历", "假身份证", "假驾照", "假护照", "假发票", "代开发票", "代开", "发票代开", "学信网可查", "代考",
        "替考", "考前答案", "高仿证件", "办假证", "办证", "刻章", "刻公章", "刻合同章", "刻财务章", "防伪齐全", "做学位证", "做毕业证", "各类证件", "办理证件", "证件制作", "制作证件", "增值税专用发票", "专用发票", "假币", "高仿人民币", "道具币", "fake id", "fake ids",
        "fake passport", "fake passports", "fake diploma", "fake diplomas", "scannable", "novelty id", "novelty ids",
        "forged passports",
    ],
    "fraud": [
        "刷单", "刷好评", "刷销量", "垫付", "返佣", "做任务", "任务群", "抢单", "黑户", "不看征信", "无视征信", "征信花", "口子", "下款",
        "包装流水", "内幕消息", "带单", "稳赚不赔", "保本保收益", "资金盘", "入单", "解冻费", "工本费", "保证金", "伴游", "出国务工",
        "稳赚", "包赢", "必中", "躺赚", "引导客户充值", "黑白户", "白户", "身份证就能贷", "凭身份证", "只要身份证", "空放", "网贷", "打字员", "手工活外发", "保本无风险", "无风险", "老师带", "work from home", "working from home", "like posts", "weekly return", "daily return", "guaranteed return", "crypto trading", "guaranteed returns", "double your money", "no credit check",
        "processing fee", "redelivery fee", "signals group", "arbitrage bot", "upgrade your account",
        "like and review", "guaranteed loan", "三倍赔偿", "共享屏幕", "会议软件", "重新认证", "逾期作废", "备用金", "提现额度",
        "虚拟币合约", "usdt搬砖", "数字货币", "外汇平台", "区块链项目", "原始股", "拉人头", "下线", "一代奖", "级差",
    ],
    "cards": [
        "四件套", "三件套", "收银行卡", "收卡", "对公账户", "对公户", "二类卡", "实名手机卡", "手机卡出租", "u盾", "跑分", "收款码",
        "卡商", "实名号", "verified bank accounts", "cashout guaranteed",
    ],
    "personal_data": [
        "社工库", "查开房", "开房记录", "定位查人", "查户籍", "户籍查询", "手机号实名查询", "身份证号码查询", "身份证查询", "查人",
        "查档", "公民信息", "业主信息", "车主信息", "家长信息", "客户资料", "精准数据", "数据出售", "股民名单", "客户名单", "业主名单", "车主名单", "名单出售", "五毛一条", "一毛一条", "fullz", "dumps with pin",
        "lookup service", "leaked email list", "customer database for sale",
    ],
}

# ---- nouns of the illegal trades, adapted from the project's keyword components
# (keyword_libraries/tools/terms/a1_illegal.py): an ad names the goods, not the act
_DRUGS_HARD = ["甲基苯丙胺", "GHB", "LSD", "古柯碱", "邮票致幻剂", "蓝精灵", "乙醚迷药", "催情药", "春药", "合成大麻素",
               "大麻电子烟油", "白粉", "依托咪酯", "大麻种子", "大麻油", "大麻花", "大麻叶", "罂粟壳", "迷幻蘑菇", "卡痛叶", "恰特草",
               "crystal meth", "crack cocaine", "ecstasy pills", "rohypnol", "roofies", "carfentanil", "methamphetamine",
               "mephedrone", "black tar heroin", "date rape drugs", "oxycontin", "oxycodone", "percocet", "hydrocodone"]
_DRUGS_SOFT = ["鸦片", "安眠酮", "吗啡", "杜冷丁", "麻黄碱", "adderall", "codeine syrup", "tramadol", "valium", "kratom",
               "thc vapes", "magic mushrooms", "psilocybin", "ghb", "dmt", "ecstasy", "weed", "cannabis", "edibles"]
_WEAPONS_SOFT = ["步枪", "冲锋枪", "狙击枪", "霰弹枪", "五四式", "六四式", "ak47", "左轮", "实弹", "弹药", "枪管", "撞针",
                 "枪械配件", "枪械图纸", "手雷", "雷管", "导火索", "炸药", "军火", "自制枪", "真枪", "高压气枪", "三棱刺", "开刃",
                 "handguns", "pistols", "glocks", "ar-15", "ak-47"]
_WEAPONS_HARD = ["pcp气枪", "枪支出售", "出售枪支", "仿真枪出售", "untraceable guns", "军火出售"]
_DOCS_HARD = ["假毕业证", "假学位证", "假结婚证", "假离婚证", "假房产证", "假公章", "假营业执照", "假病历", "假诊断证明", "假行驶证",
              "假户口本", "假工作证", "假警官证", "假军官证", "假记者证", "假体检报告", "假健康证", "假钞", "高仿假币", "高仿假钞",
              "假美元", "仿真人民币", "counterfeit money", "counterfeit bills", "fake driver's licenses",
              "fake driver's license", "real registered passport", "registered passport", "fake documents"]
_GAMBLING_HARD = ["网络赌博", "网上赌博", "在线赌场", "网上赌场", "博彩平台", "外围赌球", "私彩", "地下六合彩", "体育博彩", "赌博网站",
                  "赌博app", "真人荷官", "加拿大28", "pc蛋蛋", "红包扫雷"]
_GAMBLING_SOFT = ["体育投注", "串关", "老虎机", "电子游艺", "回血", "上岸", "喊单", "亏损包赔", "存款即送", "彩票计划", "足彩推荐",
                  "连红", "回本"]
_PORN_SOFT = ["福利站", "那种视频", "出租女友", "过夜", "陪睡", "寂寞", "hot girls", "sexy", "sexydate", "adult dating", "美女直播",
              "约吗", "照片真实", "身材好"]
_FRAUD_SOFT = ["点赞赚钱", "点赞关注", "一个赞", "材料押金", "停息挂账", "征信修复", "协商还款", "实盘", "喊单", "带单老师",
               "mentor", "our platform", "10x", "点赞员", "任务app", "simple tasks", "from home"]
_FRAUD_HARD = ["洗白征信", "征信洗白", "内部渠道"]
_CARDS_SOFT = ["实名号", "微信实名号", "支付宝实名号", "实名账号", "cvv", "bank logs", "escrow"]
_PDATA_SOFT = ["新鲜料", "电话资料", "客户电话", "股民", "贷款客户", "精准度", "元一条", "毛一条", "分一条"]
_HACK = ["木马", "远控木马", "勒索病毒", "免杀", "钓鱼网站", "钓鱼页面", "短信轰炸", "ddos", "肉鸡", "盗号", "撞库",
         "黑客工具", "carding", "dumps", "外挂", "透视自瞄", "自瞄", "不封号", "外挂出售"]
# ---- a second, broader pass over each trade's everyday vocabulary (2026-12-02)
_GAMBLING_SOFT += ["赢钱", "包你赢", "准确比分", "内部比分", "斗牛", "三公", "推筒子", "赌局", "庄家", "押大小", "大小单双", "网投",
                   "购彩平台", "彩票平台", "娱乐平台", "win big", "online slots", "sports betting", "betting site", "bet now"]
_PORN_SOFT += ["尺度超大", "深夜福利", "福利秀", "人妻", "少妇", "熟女", "番号", "日本av", "同城约", "包养", "兼职女", "寂寞交友",
               "sexy singles", "singles near you", "meet singles", "nsfw", "adult content", "hookups", "hookup"]
_FRAUD_SOFT += ["看视频赚钱", "赚钱app", "手机赚钱", "日赚百元", "在家赚钱", "兼职赚钱", "passive income", "receive $", "invest $",
                "guaranteed profit", "guaranteed profits", "double your", "get rich"]
_WEAPONS_SOFT += ["射钉枪", "弩", "钢珠", "枪模", "仿真枪改装"]
_PDATA_SOFT += ["身份证信息", "公民身份证", "身份证照片", "手持身份证", "四要素", "三要素", "个人信息出售", "开房信息"]
_HACK += ["hack any", "hacked accounts", "hacked", "hacker", "破解账号", "黑客", "入侵", "盗qq", "找回密码", "定位手机",
          "netflix accounts", "spotify accounts"]
_DRUGS_SOFT += ["steroids", "anabolic steroids", "类固醇", "减肥药", "春药"]
_DOCS_HARD += ["counterfeit euros", "counterfeit dollars", "counterfeit notes"]
CATEGORY_CODES["illegal_services"] = "A1h"
CATEGORY_TERMS["illegal_services"] = ["代孕", "代孕中介", "包性别", "卖肾", "卖卵", "捐卵", "买卖卵子", "供卵", "代生", "surrogacy",
                                      "sell your kidney", "kidney for sale"]
CATEGORY_CODES["hacking"] = "A1h"
CATEGORY_TERMS["drugs"] += _DRUGS_HARD + _DRUGS_SOFT
CATEGORY_TERMS["weapons"] += _WEAPONS_SOFT + _WEAPONS_HARD
CATEGORY_TERMS["documents"] += _DOCS_HARD + ["四六级答案", "考试答案", "不用考试", "免考", "直接拿证", "代办驾照", "拿证"]
CATEGORY_TERMS["gambling"] += _GAMBLING_HARD + _GAMBLING_SOFT
CATEGORY_TERMS["porn"] += _PORN_SOFT
CATEGORY_TERMS["fraud"] += _FRAUD_SOFT + _FRAUD_HARD
CATEGORY_TERMS["cards"] += _CARDS_SOFT
CATEGORY_TERMS["personal_data"] += _PDATA_SOFT
CATEGORY_TERMS["hacking"] = _HACK
#: everyday words of news, history and code that made ordinary documents candidates (pass 1) without ever
#: completing an ad: replaced by their ad phrasings (2026-12-02 benchmark, benchmarks/bench_adsignals.py)
_TOO_COMMON = {"dumps", "xxx", "mentor", "hacker", "hacked", "入侵", "寂寞", "过夜", "上岸", "级差", "子弹", "步枪", "冲锋枪",
               "狙击枪", "霰弹枪", "实弹", "弹药", "手雷", "炸药", "雷管", "导火索", "军火", "股民", "庄家", "口子", "捕鱼", "看片"}
_AD_PHRASINGS = {
    "personal_data": ["股民名单", "股民资料"], "gambling": ["回血上岸", "捕鱼游戏", "捕鱼平台", "捕鱼达人"],
    "fraud": ["网贷口子", "下款口子", "口子大全", "crypto mentor", "trading mentor", "my mentor"],
    "porn": ["看片神器", "看片软件", "看片网站", "xxx videos", "xxx video", "xxx movies", "free xxx", "xxx porn", "寂寞少妇"],
    "hacking": ["hire a hacker", "hacker for hire", "contact hacker", "hacked accounts", "网站入侵", "入侵网站", "入侵服务器",
                "入侵手机", "cc dumps", "dumps with pin", "dumps+pin"],
    "weapons": ["子弹出售", "出售子弹", "军火出售"],
}
for _cat, _words in CATEGORY_TERMS.items():
    _words = [w for w in _words if w.lower() not in _TOO_COMMON] + _AD_PHRASINGS.get(_cat, [])
    CATEGORY_TERMS[_cat] = list(dict.fromkeys(w.lower() for w in _words))

_CARD_VERBS = ["收购", "出租", "出售", "高价收", "回收", "收", "租"]
_CARD_OBJECTS = ["银行卡", "个人银行卡", "对公账户", "手机卡", "电话卡", "电信卡", "微信号", "支付宝账号", "qq号", "收款码", "实名账号"]
_LOOKUPS = ["机主", "定位", "通话记录", "开房记录", "户籍", "身份证", "手机号", "行踪", "聊天记录", "银行流水", "车辆轨迹", "快递信息"]
#: generated: the card trade (收购银行卡, 出租手机卡...) and lookup services (查机主, 查定位...)
CARD_TRADE = [v + o for v in _CARD_VERBS for o in _CARD_OBJECTS]
LOOKUP_TRADE = ["查" + o for o in _LOOKUPS] + ["代查" + o for o in _LOOKUPS]
CATEGORY_TERMS["cards"] += [t for t in CARD_TRADE if t not in CATEGORY_TERMS["cards"]]
CATEGORY_TERMS["personal_data"] += [t for t in LOOKUP_TRADE if t not in CATEGORY_TERMS["personal_data"]]

#: trade terms that are unambiguous on their own: they weigh 2 points, the others 1 (detect.py)
HARD_TERMS: frozenset[str] = frozenset([
    "百家乐", "时时彩", "北京赛车", "幸运飞艇", "pc28", "六合彩", "真人视讯", "娱乐城", "博彩", "网赌", "赌球", "扫雷群", "现金房",
    "炸金花", "扎金花",
    "casino", "baccarat", "sportsbook",
    "色情", "黄网", "黄色网站", "成人影片", "成人网站", "裸聊", "约炮", "黄播", "不雅视频", "援交", "楼凤", "外围女", "成人免费", "自拍偷拍", "xxx",
    "escorts", "incall", "outcall",
    "冰毒", "溜冰", "麻古", "k粉", "摇头丸", "海洛因", "可卡因", "神仙水", "听话水", "迷药", "咖啡包", "奶茶包", "彩虹烟",
    "上头电子烟", "cocaine", "meth", "fentanyl", "mdma", "heroin", "保证上头",
    "气狗", "钢珠枪", "火药枪", "改装枪", "打鸟枪", "军用弩", "改装气枪", "改装仿真枪", "ghost gun", "ghost guns", "80% lower", "80% lowers",
    "假证", "假文凭", "假学历", "假身份证", "假驾照", "假护照", "假币", "高仿人民币", "道具币", "学信网可查", "代开发票", "发票代开",
    "办假证", "代考", "替考", "fake id", "fake ids", "fake passport", "fake passports", "fake diploma", "fake diplomas",
    "刷单", "黑户", "不看征信", "无视征信", "资金盘", "解冻费", "guaranteed returns", "no credit check", "黑白户", "保本无风险",
    "四件套", "收银行卡", "手机卡出租", "跑分",
    "社工库", "查开房", "开房记录", "定位查人", "手机号实名查询", "身份证号码查询", "fullz",
    *CARD_TRADE, *LOOKUP_TRADE, *(w.lower() for w in _DRUGS_HARD + _WEAPONS_HARD + _DOCS_HARD + _GAMBLING_HARD + _FRAUD_HARD),
])

#: sign-up, deposit, bonus, income and sales lures (the offer of an ad)
LURES: list[str] = [
    "注册送", "注册就送", "注册即送", "新人注册", "首充", "首存", "充值送", "存送", "彩金", "体验金", "救援金", "返水", "日入", "日赚",
    "日结", "月入", "高薪", "躺赚", "稳赚", "包赢", "必中", "带单", "计划群", "零门槛", "零投资", "零成本", "无需经验", "一部手机",
    "兼职", "佣金", "提成", "返佣", "返利", "秒到", "秒批", "秒下", "当天放款", "当天到账", "无抵押", "无担保", "不看征信", "包过",
    "包邮", "货到付款", "现货", "到货", "货源", "出售", "批发", "零售", "代购", "高价收", "收购", "出租", "免费观看", "永久免费",
    "在线观看", "福利", "懂的都懂", "全网最全", "每天更新", "日更", "上分", "下分", "出款", "提款", "提现", "信誉", "正规平台",
    "老牌平台", "招代理", "诚招", "代理", "量大从优", "价格美丽", "先付", "定金", "一条龙", "保真", "可查", "隐秘发货", "发货",
    "同城", "上门", "可约", "真人", "一对一", "暗号", "进群", "名额有限", "限时", "优惠", "带你赚", "赚钱", "有货", "出货", "一手",
    "sign up", "sign-up", "signup", "bonus", "free chips", "no deposit", "first deposit", "cashback", "rebate",
    "guaranteed", "/day", "for sale", "discreet", "stealth", "no prescription", "without prescription",
    "lifetime access", "win rate", "commission", "instant withdrawals", "no kyc", "same day delivery",
    "overnight shipping", "reship", "crypto only", "no background check", "no serial", "bulk discounts",
    "质量保证", "回头客", "当面交易", "只做熟人", "包售后", "接大额", "邮寄", "快递", "顺丰", "价格", "一套", "终身会员", "付款", "提升威力", "威力大", "包教包会", "有人接送", "场子安全", "包机票", "当天结算", "无需翻墙", "不用翻墙", "七天拿证", "可过机器", "逼真", "以假乱真", "可验证", "可查验", "点数低", "就送", "返款", "本金安全", "立即返", "无需处方", "不要处方", "免处方", "no experience needed", "real database", "to your hotel", "秒审", "即送", "包赔", "稳定计划", "包清关", "不准不要钱", "大量出售", "可过人脸", "no rx", "free registration", "no credit card", "一天轻松", "轻松赚", "计件", "下载app", "邀请码", "注册码", "单笔最高", "周年庆", "免费看", "无需注册", "高价回收", "make $", "计划群", "包成功", "费用透明", "undetectable", "worldwide shipping", "ships discreetly", "100% guaranteed", "lifetime warranty", "cheap prices", "deposit $", "free signup", "立即观看", "永久", "付费群",
    "资源", "合集", "领取", "待领取", "胜率", "翻倍", "收益", "抓紧", "上车",
]

#: everyday sales words: an ad uses them, so does every shop - half a point each (detect.py)
GENERIC_LURES: frozenset[str] = frozenset([
    "价格", "优惠", "资源", "付款", "快递", "收益", "福利", "一套", "邮寄", "顺丰", "领取", "合集", "上车", "抓紧", "翻倍", "胜率",
    "同城", "上门", "真人", "一对一", "进群", "限时", "发货", "提现", "兼职", "佣金", "提成", "代理", "出售", "批发", "零售", "收购",
    "出租", "信誉", "赚钱", "一手", "现货", "到货", "货源", "包邮", "定金", "先付", "日结", "月入", "高薪", "提款", "出款", "待领取",
    "bonus", "for sale", "commission", "discreet", "guaranteed", "rebate", "bulk discounts", "sign up", "signup",
])

#: contact pointers without a number: a channel, but a weak one
POINTERS: list[str] = [
    "私聊", "私信", "私我", "加我", "滴滴我", "戳我", "看主页", "主页有", "看简介", "看我简介", "有意者", "详聊", "拉你进群",
    "懂的来", "后台回复", "加v", "+v", "➕v", "加薇", "加微", "dm me", "hit me up", "text me", "message me",
    "link in bio", "add me", "contact me", "dm for", "inbox me",
]

#: words of reporting, warning and law: several near the ad's parts mean a report about ads, not an ad
REPORT_MARKERS: list[str] = [
    "警方", "公安", "民警", "警察", "破获", "抓获", "犯罪嫌疑人", "嫌疑人", "判处", "有期徒刑", "立案", "涉案", "反诈", "警惕",
    "谨防", "提醒", "提示", "依法", "专项行动", "记者", "法院", "检察院", "举报", "96110", "打击", "诈骗", "骗局", "套路", "受害",
    "犯罪", "违法", "禁毒", "police", "arrested", "charged", "sentenced", "court", "scam", "warning", "beware", "fraud",
    "authorities", "regulators", "prosecutors", "illegal", "psa", "reminder",
    # the disclosures of licensed lenders and registered companies, which ads for illegal ones lack
    "持牌", "年化", "有限公司", "备案号", "icp备", "银保监", "金融监管",
]

#: names that precede a phone number: a mobile or a disguised number is a strong channel, a hotline a weak one
PHONE_NAMES: frozenset[str] = frozenset(["电话", "手机", "手机号", "联系电话", "热线", "tel", "☎", "📞"])

#: the names of chat apps and numbers that precede a handle (matched by regex in patterns.py)
HANDLE_NAMES_STRONG: list[str] = [
    "微信", "v信", "vx", "薇信", "威信", "维信", "徽信", "危信", "wx", "薇❤", "微❤", "v❤", "绿泡泡", "qq", "扣扣", "企鹅", "🐧", "球球",
    "抠抠", "蔻蔻", "q号", "qq群", "群号", "tg群", "tg频道", "频道号", "加群", "q群", "v群", "icq", "tg", "纸飞机", "飞机号", "telegram", "whatsapp", "wickr", "微", "薇",
    "电话", "手机", "手机号", "联系电话", "热线", "tel", "☎", "📞",
]
#: ordinary words that are also app names: a handle only with a colon or an @ id after them
HANDLE_NAMES_WEAK: list[str] = ["卫星", "飞机", "电报", "signal", "snap", "line", "kik", "q", "v", "✈", "✈️", "💚", "🌿", "威", "维", "卫"]
