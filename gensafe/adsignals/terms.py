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
        "红包群", "骰宝", "轮盘", "德州扑克", "体育竞猜", "电竞竞猜", "现金房", "推牌九", "牌九", "快三", "彩金", "返水", "赌", "跟单平台", "场子", "casino", "baccarat", "sportsbook", "free spins", "online slots", "betting tips",
    ],
    "porn": [
        "色情", "黄网", "黄色网站", "成人影片", "成人视频", "成人网站", "无码", "裸聊", "裸照", "约炮", "一夜情", "黄播", "偷拍",
        "不雅视频", "私拍", "包夜", "援交", "楼凤", "外围女", "学生妹", "特殊服务", "寂寞少妇", "全裸", "大尺度", "av女优", "福利视频",
        "成人免费", "宅男福利", "国产自拍", "不打码", "自拍偷拍", "主播福利", "裸体", "porn", "porno", "xxx", "nude", "nudes", "escort", "escorts", "incall", "outcall", "camgirl",
        "sex cam", "live cams", "onlyfans leak", "leaked onlyfans",
    ],
    "drugs": [
        "冰毒", "溜冰", "麻古", "k粉", "氯胺酮", "摇头丸", "海洛因", "可卡因", "大麻", "神仙水", "听话水", "迷药", "迷幻", "咖啡包",
        "奶茶包", "彩虹烟", "g水", "上头电子烟", "笑气", "芬太尼", "曲马多", "三唑仑", "冰妹", "叶子到货", "保证上头", "cocaine", "meth",
        "molly", "mdma", "fentanyl", "xanax", "xans", "oxy", "percs", "lsd", "shrooms", "ketamine", "heroin", "pressed bars",
    ],
    "weapons": [
        "气枪", "气狗", "钢珠枪", "仿真枪", "火药枪", "猎枪", "手枪", "枪支", "子弹", "弓弩", "军用弩", "弩箭", "电击器", "电击枪",
        "管制刀具", "军刺", "弹簧刀", "甩棍", "消音器", "麻醉枪", "pcp", "改装枪", "打鸟枪", "改装气枪", "改装仿真枪", "ghost gun", "ghost guns",
        "80% lower", "80% lowers", "suppressors", "unregistered pistols", "full-auto switch", "full-auto switches", "auto sear",
    ],
    "documents": [
        "假证", "假文凭", "假学历", "假身份证", "假驾照", "假护照", "假发票", "代开发票", "代开", "发票代开", "学信网可查", "代考",
        "替考", "考前答案", "高仿证件", "办假证", "办证", "刻章", "刻公章", "刻合同章", "刻财务章", "防伪齐全", "做学位证", "做毕业证", "假币", "高仿人民币", "道具币", "fake id", "fake ids",
        "fake passport", "fake passports", "fake diploma", "fake diplomas", "scannable", "novelty id", "novelty ids",
        "forged passports",
    ],
    "fraud": [
        "刷单", "刷好评", "刷销量", "垫付", "返佣", "做任务", "任务群", "抢单", "黑户", "不看征信", "无视征信", "征信花", "口子", "下款",
        "包装流水", "内幕消息", "带单", "稳赚不赔", "保本保收益", "资金盘", "入单", "解冻费", "工本费", "保证金", "伴游", "出国务工",
        "稳赚", "包赢", "必中", "躺赚", "引导客户充值", "guaranteed returns", "double your money", "no credit check",
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
    "刷单", "黑户", "不看征信", "无视征信", "资金盘", "解冻费", "guaranteed returns", "no credit check",
    "四件套", "收银行卡", "手机卡出租", "跑分",
    "社工库", "查开房", "开房记录", "定位查人", "手机号实名查询", "身份证号码查询", "fullz",
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
    "质量保证", "回头客", "当面交易", "只做熟人", "包售后", "接大额", "邮寄", "快递", "顺丰", "价格", "一套", "终身会员", "付款", "提升威力", "威力大", "包教包会", "有人接送", "场子安全", "包机票", "当天结算", "无需翻墙", "不用翻墙", "七天拿证", "可过机器",
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
]

#: names that precede a phone number: a mobile or a disguised number is a strong channel, a hotline a weak one
PHONE_NAMES: frozenset[str] = frozenset(["电话", "手机", "手机号", "联系电话", "热线", "tel", "☎", "📞"])

#: the names of chat apps and numbers that precede a handle (matched by regex in patterns.py)
HANDLE_NAMES_STRONG: list[str] = [
    "微信", "v信", "vx", "薇信", "威信", "维信", "徽信", "危信", "wx", "薇❤", "微❤", "v❤", "绿泡泡", "qq", "扣扣", "企鹅", "🐧", "球球",
    "抠抠", "蔻蔻", "q号", "qq群", "群号", "tg群", "tg频道", "频道号", "tg", "纸飞机", "飞机号", "telegram", "whatsapp", "wickr", "微", "薇",
    "电话", "手机", "手机号", "联系电话", "热线", "tel", "☎", "📞",
]
#: ordinary words that are also app names: a handle only with a colon or an @ id after them
HANDLE_NAMES_WEAK: list[str] = ["卫星", "飞机", "电报", "signal", "snap", "line", "kik", "q", "v", "✈", "✈️", "💚", "🌿"]
