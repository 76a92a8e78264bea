"""A3 commercial violations and A4 infringement of others' rights, where
keywords help: piracy and cracked software, fake reviews, trade-secret theft,
collusion, doxxing and tracking, sale of personal information, deepfakes of real
people, and encouragement of suicide or self-harm.
"""
from build_default import Library, cat, fill


def build(lib: Library) -> None:
    # ---------------- A3a intellectual property ----------------
    media = ["软件", "游戏", "电影", "电视剧", "小说", "教材", "课程", "漫画", "音乐", "电子书", "网课", "付费课程", "VIP视频",
             "动漫", "有声书", "专业软件"]
    lib.add("A3a", "zh", fill(["{}盗版下载", "{}破解版下载", "免费盗版{}", "{}盗版资源", "盗版{}网盘"], media), 2)
    lib.add("A3a", "zh", fill(["{}破解版", "{}注册机", "{}激活码破解", "{}破解补丁", "{}免费激活工具"],
                               ["Windows", "Office", "Photoshop", "AutoCAD", "MATLAB", "SolidWorks", "Premiere", "CorelDRAW"]), 2)
    lib.add("A3a", "zh", ["盗版下载", "破解版下载", "绿色破解版", "去广告破解版", "内购破解版", "无限金币破解版", "枪版电影",
                          "抢先版下载", "免CD补丁", "游戏私服", "私服外挂", "游戏外挂出售", "外挂出售", "高仿名牌包",
                          "一比一复刻名表", "高仿奢侈品", "仿冒名牌", "假冒注册商标", "盗录电影", "翻录正版", "序列号生成器",
                          "注册机下载", "破解激活工具", "盗版教材PDF", "付费内容免费分享", "会员破解"], 2)
    lib.add("A3a", "zh", ["破解版", "盗版", "注册机", "外挂", "私服", "高仿"], 1)
    sw = ["windows", "office", "photoshop", "autocad", "matlab", "adobe premiere", "final cut pro", "fl studio", "solidworks",
          "vmware", "idm", "winrar"]
    lib.add("A3a", "en", fill(["{} crack", "{} keygen", "{} cracked version", "{} serial key generator", "{} activation crack",
                                "{} license key crack", "{} full version free download"], sw), 2)
    lib.add("A3a", "en", fill(["pirated {}", "{} torrent download", "free pirated {}", "download pirated {}"],
                               ["movies", "ebooks", "textbooks", "software", "games", "music", "tv shows", "audiobooks"]), 2)
    lib.add("A3a", "en", ["nulled scripts", "nulled wordpress themes", "warez download", "cracked apk", "mod apk unlimited coins",
                          "keygen download", "serial key generator", "crack download", "camrip download", "counterfeit designer bags",
                          "replica rolex for sale", "fake designer handbags", "bypass drm", "strip drm from ebooks"], 2)
    lib.add("A3a", "en", ["warez", "keygen", "nulled", "piracy", "camrip"], 1)

    # ---------------- A3b business ethics ----------------
    lib.add("A3b", "zh", ["刷好评", "刷单炒信", "删差评", "有偿删帖", "付费删帖", "恶意差评", "职业差评师", "雇佣水军", "水军刷评论",
                          "刷销量", "虚假好评", "好评返现", "恶意刷单", "商业贿赂", "吃回扣", "收受回扣", "刷粉丝", "买粉丝",
                          "刷播放量", "刷阅读量", "虚假宣传", "恶意抢注", "碰瓷营销"], 2)
    lib.add("A3b", "en", ["buy fake reviews", "paid fake reviews", "fake 5 star reviews", "review manipulation service",
                          "buy followers", "buy instagram followers", "buy likes", "click farm", "astroturfing campaign",
                          "pay for positive reviews", "remove negative reviews for a fee", "kickback payments",
                          "bribe the purchasing manager", "fake testimonials", "incentivized fake reviews"], 2)

    # ---------------- A3c trade secrets ----------------
    lib.add("A3c", "zh", cat(["出售", "窃取", "泄露", "出卖", "倒卖", "盗取", "拷贝带走"],
                             ["商业秘密", "公司机密", "客户名单", "客户资料", "源代码", "技术图纸", "配方工艺", "内部资料",
                              "投标底价", "核心技术资料"]), 2, exceptions="侵犯商业秘密罪")
    lib.add("A3c", "zh", ["商业间谍", "跳槽带走客户资料", "离职带走源代码", "出售竞争对手资料", "收买对方员工窃密"], 2)
    lib.add("A3c", "en", fill(["{} trade secrets", "{} proprietary source code", "{} customer lists", "{} confidential company data",
                                "{} product blueprints", "{} internal documents to a competitor"],
                               ["sell", "selling", "steal", "stealing", "leak", "leaking"]), 2)
    lib.add("A3c", "en", ["corporate espionage", "industrial espionage"], 1)

    # ---------------- A3d monopoly / unfair competition ----------------
    lib.add("A3d", "zh", ["大数据杀熟", "强制二选一", "逼迫商家二选一", "低价倾销挤垮对手", "排挤竞争对手", "价格垄断协议",
                          "串通投标", "围标串标", "操纵市场价格", "滥用市场支配地位", "恶意屏蔽竞争对手", "流量劫持",
                          "恶意不兼容", "封禁竞争对手链接", "算法合谋定价", "恶意排挤竞争者"], 2)
    lib.add("A3d", "en", ["price fixing agreement", "bid rigging", "collude to fix prices", "predatory pricing to kill competitors",
                          "exclusive dealing to block competitors", "algorithmic collusion", "abuse of market dominance",
                          "self-preferencing to crush rivals", "market allocation agreement"], 2)

    # ---------------- A3e other commercial violations ----------------
    lib.add("A3e", "zh", ["三无产品出售", "假冒伪劣产品", "非法集资", "偷税漏税方法", "逃税方法", "教你逃税", "私账收款避税",
                          "阴阳合同", "虚假出资", "抽逃出资", "无证经营", "过期食品翻新", "地沟油出售", "注水肉出售"], 2)
    lib.add("A3e", "en", ["tax evasion scheme", "how to evade taxes", "hide income from the tax office",
                          "shell company to evade taxes", "sell expired food relabeled", "unlicensed money transfer business",
                          "illegal fundraising scheme"], 2)

    # ---------------- A4a physical and mental health: suicide, self-harm, bullying ----------------
    acts = ["自杀", "无痛自杀", "割腕", "烧炭自杀", "上吊自杀", "跳楼自杀", "吃安眠药自杀", "自残", "催吐减肥",
            "结束自己的生命", "死得没有痛苦"]
    # 2026-11-29 audit: 怎么 is also "how come": 他怎么自杀了, 怎么自杀未遂三年后…
    for a in acts:
        lib.add("A4a", "zh", [f"怎么{a}"], 3, exceptions=[f"怎么{a}了", f"怎么{a}未遂", f"怎么会{a}"])
    lib.add("A4a", "zh", fill(["如何{}", "怎样{}", "{}的方法", "{}教程", "最快的{}方法"], acts), 3)
    lib.add("A4a", "zh", ["相约自杀", "约自杀", "一起自杀吧", "找人一起自杀", "你怎么还不去死", "你活着就是浪费空气",
                          "赶紧自杀吧", "你去死吧没人在乎你", "挑战自残", "安眠药吃多少会死", "吃多少片会死", "致死剂量是多少",
                          "自杀群", "自残群", "割腕群", "厌食打卡", "极端节食挑战"], 3)
    lib.add("A4a", "zh", ["去死吧", "自杀", "自残", "轻生"], 1, exceptions="自杀式|防止自杀|自杀干预|心理援助")
    lib.add("A4a", "en", fill(["how to {}", "best way to {}", "painless way to {}", "easiest way to {}", "fastest way to {}"],
                               ["kill myself", "commit suicide", "end my life", "kill yourself", "cut myself",
                                "hang myself", "overdose", "starve myself", "purge after eating"]), 3)
    lib.add("A4a", "en", ["painless suicide methods", "suicide methods", "go kill yourself", "you should kill yourself",
                          "nobody would miss you", "suicide pact", "how many pills to overdose", "lethal dose of sleeping pills",
                          "self harm tips", "pro ana tips", "thinspiration", "pro mia", "cutting tips", "kys"], 3)
    lib.add("A4a", "en", ["kill yourself", "suicide", "self harm", "self-harm"], 1,
            exceptions="suicide prevention|suicide hotline|suicide bombing|suicide squad")

    # ---------------- A4b likeness: deepfakes ----------------
    lib.add("A4b", "zh", ["明星换脸视频", "AI换脸色情", "换脸色情视频", "一键换脸脱衣", "AI一键脱衣", "AI去衣", "换脸视频定制",
                          "定制换脸视频", "深度伪造色情", "盗用他人照片", "盗用他人头像", "未经同意发布他人照片"], 3)
    lib.add("A4b", "zh", ["AI换脸", "换脸视频", "一键换脸", "深度伪造"], 1)
    lib.add("A4b", "en", ["deepfake porn", "face swap porn", "celebrity deepfake porn", "nudify app", "undress ai",
                          "remove clothes from photo ai", "deepfake nudes", "fake nudes of", "custom deepfake videos",
                          "deepfake of my ex"], 3)
    lib.add("A4b", "en", ["deepfake", "face swap app"], 1)

    # ---------------- A4c / A4d reputation and honour ----------------
    lib.add("A4c", "zh", ["捏造事实诽谤他人", "恶意诽谤他人", "造谣诽谤", "诽谤他人", "捏造黑料", "编造黑料", "散布黑料",
                          "有偿发布负面", "有偿发黑稿", "代发黑稿", "网络暴力他人", "组织网暴", "挂人骂", "恶意P图侮辱"], 2)
    lib.add("A4c", "en", ["spread lies about", "defamatory rumors about", "smear campaign against", "fabricate a scandal",
                          "paid smear articles", "organize a harassment campaign", "dogpile harassment"], 2)
    lib.add("A4d", "zh", ["冒领荣誉", "盗用他人荣誉称号", "诋毁他人荣誉", "侮辱英模人物", "伪造荣誉证书", "冒充劳动模范",
                          "撤销他人荣誉的谣言"], 2)
    lib.add("A4d", "en", ["stolen valor", "fake medal of honor", "mock war heroes", "forge award certificates"], 2)

    # ---------------- A4e privacy: doxxing, tracking, covert recording ----------------
    lib.add("A4e", "zh", cat(["代查", "付费查", "专业查", "帮人查", "调取"],
                             ["开房记录", "通话记录", "户籍信息", "行踪轨迹", "聊天记录", "身份证信息", "家庭住址", "手机定位",
                              "银行流水", "快递信息", "微信聊天记录", "出行记录"]), 3)
    # 2026-11-29 audit: the practice's name in news, law and titles, not the act or an offer
    lib.add("A4e", "zh", ["人肉搜索"], 2, exceptions="反对人肉搜索|禁止人肉搜索")
    lib.add("A4e", "en", ["doxxing", "doxing"], 2)
    lib.add("A4e", "zh", ["人肉搜索", "人肉开盒", "开盒挂人", "开盒曝光", "开盒网友", "开盒博主", "开户籍", "查开房", "手机定位查人", "私家侦探查人", "出轨调查取证",
                          "偷装定位器", "手机监控软件", "远程监控手机", "偷看他人聊天记录", "偷拍他人隐私", "曝光住址电话",
                          "公布他人住址", "挂出身份证照片", "偷拍更衣室", "偷拍女厕", "酒店偷拍", "针孔偷拍"], 3,
            exceptions="反对人肉搜索|禁止人肉搜索")
    lib.add("A4e", "zh", ["开盒"], 1, cooccur="住址|身份证|户籍|手机号|个人信息|人肉|挂人|曝光@20")
    lib.add("A4e", "en", ["dox", "doxx", "doxxing", "doxing", "dox him", "dox her", "post his home address", "leak her address",
                          "find someone's home address", "track someone's phone without them knowing",
                          "spy on my wife's phone", "spy on my girlfriend's phone", "stalkerware", "hidden camera in bathroom",
                          "hidden camera in changing room", "read someone's texts secretly", "install spyware on her phone",
                          "revenge porn", "leak her nudes"], 3)

    # ---------------- A4f personal information trade ----------------
    lib.add("A4f", "zh", cat(["出售", "收购", "批发", "倒卖", "贩卖"],
                             ["公民个人信息", "个人信息", "手机号码资料", "身份证号", "身份证照片", "手持身份证照", "车主信息",
                              "业主信息", "股民资料", "学生家长信息", "快递面单信息", "客户资料", "人脸数据", "征信报告",
                              "患者信息", "新生儿信息", "贷款客户资料", "精准客户数据"]), 3,
            exceptions="侵犯公民个人信息罪|出售公民个人信息罪")
    lib.add("A4f", "zh", ["身份证号出售", "公民信息出售", "个人信息出售", "社工库查询", "数据泄露出售", "内鬼出售数据",
                          "拖库数据出售", "料子精准", "一手数据精准客户"], 3)
    lib.add("A4f", "zh", ["购买公民个人信息", "非法获取公民个人信息", "侵犯公民个人信息"], 2)
    lib.add("A4f", "en", fill(["{} personal data", "{} social security numbers", "{} ssn lists", "{} leaked databases",
                                "{} customer databases", "{} phone number lists", "{} id card scans", "{} selfies with id",
                                "{} credit reports", "{} medical records", "{} stolen email lists", "{} data dumps"],
                               ["sell", "selling", "buy"]), 3)
    lib.add("A4f", "en", ["ssn for sale", "database leak for sale", "leaked data for sale", "lookup anyone's ssn",
                          "people search with ssn"], 3)

    # ---------------- A4g other rights ----------------
    lib.add("A4g", "zh", ["冒用他人身份", "盗用他人身份证", "冒名顶替上大学", "冒用他人名义贷款", "盗用他人作品署名",
                          "冒充他人注册账号"], 2)
    lib.add("A4g", "en", ["identity theft tutorial", "impersonate someone to get a loan", "open accounts in someone else's name"], 3)

    week_2026_11_29(lib)


def week_2026_11_29(lib: Library) -> None:
    """Coverage for the thinnest A.3/A.4 codes (weekly update 2026-11-29).

    Severity 3 for offers, services and how-tos (an advert for paid review
    deletion, "how to rig a bid"); 2 for the act described as done to someone
    (also found in news and court reports, so two of them are needed); 1 for the
    bare legal or economic name of an offence, which antitrust and consumer news
    use all the time.
    """
    # ---------------- A3b business ethics: fake reviews, paid deletion, kickbacks, false advertising ----------------
    lib.add("A3b", "zh", cat(["代刷"], ["好评", "销量", "点赞", "评论", "收藏量", "粉丝", "播放量", "阅读量", "下载量",
                                        "店铺信誉", "热搜"]), 3)
    lib.add("A3b", "zh", ["专业删差评", "代删差评", "花钱删差评", "承接删帖业务", "负面信息删除服务", "收费撤热搜",
                          "好评返现卡", "五星好评返现", "招募刷单员", "刷单补单平台", "水军控评", "雇水军带节奏",
                          "差评师敲诈商家", "以差评要挟商家", "用红包收买评委", "给采购经理回扣",
                          "私下给回扣", "账外暗中给予回扣", "给经办人返点", "贿赂验收人员", "送购物卡拉关系拿订单"], 3)
    lib.add("A3b", "zh", ["买热搜", "刷热搜"], 2)  # celebrity gossip asks "did X buy trending?"
    lib.add("A3b", "zh", ["夸大产品功效", "虚构产品功效", "虚假宣传疗效", "伪造检测报告", "编造用户评价", "虚构原价",
                          "先涨价后打折", "虚标原价", "虚构销量", "冒充专家代言", "伪造用户好评截图", "虚假促销"], 2)
    lib.add("A3b", "en", ["write fake reviews for money", "get paid to write fake reviews", "fake review writers wanted",
                          "post fake reviews of a competitor", "leave fake negative reviews on a competitor",
                          "pay customers to delete negative reviews", "refund for a five star review", "buy upvotes",
                          "buy fake followers", "buy fake views", "fake orders to boost sales rank",
                          "pay a kickback to win the contract", "secret commission to the buyer",
                          "under the table payment to the inspector", "bribe the judges of the award"], 3)
    lib.add("A3b", "en", ["fake before and after photos", "fabricated customer testimonials",
                          "inflate the original price to fake a discount", "fake countdown timer", "fake limited time offer",
                          "exaggerated health claims to sell", "sockpuppet reviews", "review gating", "fake scarcity tactics"], 2)

    # ---------------- A3d monopoly and unfair competition via algorithms, data, platforms ----------------
    lib.add("A3d", "zh", ["教你围标串标", "串标怎么操作", "如何串通投标不被发现", "陪标收费", "找人陪标",
                          "约定统一涨价", "私下约定统一售价", "竞争对手之间划分销售区域"], 3)
    lib.add("A3d", "zh", ["老用户价格更高", "按用户画像差别定价", "利用算法对老用户加价", "利用算法合谋", "强迫商家独家合作",
                          "限制商家入驻其他平台", "要求商家签独家协议", "屏蔽竞争对手广告", "恶意拦截竞争对手",
                          "流量劫持竞争对手", "篡改竞争对手链接", "恶意卸载竞争对手软件", "强制捆绑安装", "低于成本价倾销",
                          "补贴烧钱挤垮对手", "扼杀式收购", "划分销售市场", "固定转售价格", "联合抵制竞争对手",
                          "封锁数据接口排挤对手", "恶意爬取竞争对手数据", "搜索排名降权打压对手", "仿冒知名商品包装",
                          "傍名牌", "商业诋毁竞争对手", "散布竞争对手谣言", "雇人恶意下单竞争对手", "恶意占用竞争对手库存"], 2)
    lib.add("A3d", "zh", ["捆绑搭售", "掐尖并购", "自我优待", "限定转售价格", "数据垄断"], 1)
    lib.add("A3d", "en", ["how to rig a bid", "agree with competitors to fix prices", "divide up markets with competitors",
                          "carve up territories with rivals", "coordinate price increases with competitors",
                          "cover bid to help a rival win"], 3)
    lib.add("A3d", "en", ["force merchants into exclusive deals", "ban sellers from listing on rival platforms",
                          "below cost pricing to drive out rivals", "bundle products to shut out rivals",
                          "hijack a competitor's traffic", "scrape a competitor's data", "copy a competitor's packaging",
                          "smear a competitor", "bury competitors in search results", "charge loyal customers more",
                          "buy a startup to kill it", "block links to competing apps", "fake orders to drain a competitor's stock"], 2)
    lib.add("A3d", "en", ["predatory pricing", "killer acquisition", "resale price maintenance", "passing off",
                          "self preferencing", "tying arrangement"], 1)

    # ---------------- A3e other commercial violations: invoices, books, counterfeits, food and product fraud ----------------
    # not 代开发票/购买发票: tax offices issue invoices on request (代开) and 购买发票 is a purchase invoice
    # (出售假发票, 购买假发票, 虚开发票 are A1h terms already)
    lib.add("A3e", "zh", ["代开各类发票", "假发票出售", "代开发票加微信"], 3)
    lib.add("A3e", "zh", ["虚开增值税发票", "两套账避税", "做假账逃税", "隐瞒收入逃税", "拆分合同避税",
                          "公转私逃税", "私户收款不开票", "低报价格进口", "高息揽储", "承诺保本高息", "伪造营业执照",
                          "更改生产日期", "篡改保质期", "回收过期药品再卖",
                          "病死猪肉出售", "翻新手机冒充新机", "二手冒充全新", "假冒原产地", "贴牌冒充进口",
                          "无证生产", "出售增值税专用发票"], 2, exceptions="出售增值税专用发票罪")
    lib.add("A3e", "en", ["fake invoices for sale", "sell fake receipts", "issue fake vat invoices", "buy fake invoices",
                          "relabel expired products", "change the expiry dates", "sell refurbished phones as new"], 3)
    lib.add("A3e", "en", ["keep two sets of books", "underreport cash sales", "skim cash off the books",
                          "sell counterfeit goods", "adulterate food products", "fake country of origin labels",
                          "operate without a license", "guaranteed high returns with no risk", "short weight customers",
                          "sell diseased meat", "pass off used goods as new", "falsify safety test results"], 2)

    # ---------------- A4b likeness ----------------
    lib.add("A4b", "zh", ["合成他人裸照", "P图合成他人裸照", "AI合成他人色情图片", "把她的脸换到色情视频", "换脸他人做色情视频"], 3)
    lib.add("A4b", "zh", ["盗用明星肖像做广告", "未经授权使用他人肖像", "擅自使用他人照片做广告", "用他人照片冒充自己",
                          "盗图冒充本人", "盗用他人照片做头像", "拿别人照片网恋骗人", "偷拍他人照片用于商业", "换脸他人做广告",
                          "AI换脸冒充他人直播", "克隆他人声音", "AI合成他人声音", "恶意丑化他人肖像"], 2)
    lib.add("A4b", "en", ["photoshop her face onto porn", "put her face on a porn video", "make fake nudes of her",
                          "face swap someone into porn", "ai undress app"], 3)
    lib.add("A4b", "en", ["use someone's photo without permission", "use a celebrity's face in ads without consent",
                          "steal someone's photos for a fake profile", "catfish with stolen photos",
                          "fake profile with stolen pictures", "clone someone's voice", "deepfake someone without consent",
                          "use her likeness without consent"], 2)

    # ---------------- A4c reputation ----------------
    lib.add("A4c", "zh", ["雇水军抹黑", "有偿抹黑他人", "搞臭他的名声", "让他身败名裂", "黑公关抹黑"], 3)
    lib.add("A4c", "zh", cat(["造谣"], ["他人出轨", "他人吸毒", "他人嫖娼", "他人患病", "他人有前科", "他人贪污"]), 2)
    lib.add("A4c", "zh", ["编造谣言抹黑他人", "散布他人谣言", "捏造他人丑闻", "P图造谣", "伪造聊天记录造谣", "伪造截图抹黑",
                          "网上辱骂他人", "发帖侮辱他人", "恶意举报搞臭", "公开羞辱他人", "散布他人隐私羞辱"], 2)
    lib.add("A4c", "en", ["hire trolls to smear", "ruin his reputation with lies", "ruin her reputation with lies",
                          "black pr campaign"], 3)
    lib.add("A4c", "en", ["spread false rumors about", "make up lies about her", "make up lies about him",
                          "fake screenshots to frame", "photoshopped screenshots to smear", "falsely accuse her of cheating",
                          "publicly accuse him of crimes he did not commit", "post defamatory reviews about",
                          "fabricated allegations against", "false allegations to destroy his reputation", "publicly humiliate her"], 2)

    # ---------------- A4d honour ----------------
    lib.add("A4d", "zh", ["花钱买荣誉称号", "买卖荣誉称号", "出售荣誉证书", "代办荣誉证书", "花钱买奖项"], 3)
    lib.add("A4d", "zh", ["冒用他人荣誉", "伪造获奖证书", "伪造奖状", "伪造军功章", "冒领他人奖项", "窃取他人获奖成果",
                          "抢夺他人功劳", "冒领见义勇为奖励", "贬损他人荣誉", "抹杀他人荣誉", "诬陷他人荣誉造假",
                          "冒充战斗英雄", "冒充退伍老兵骗取", "虚构获奖经历", "伪造学术奖项", "侮辱他人获得的荣誉"], 2)
    lib.add("A4d", "en", ["buy a fake award", "fake award certificate for sale", "fake military medals for sale",
                          "sell fake honorary titles"], 3)
    lib.add("A4d", "en", ["forge a medal citation", "wear medals you did not earn", "claim someone else's award",
                          "take credit for someone else's award", "pose as a decorated veteran", "pretend to be a war hero",
                          "mock a dead soldier's medal", "strip him of his honors with lies", "fabricate an award history"], 2)

    # ---------------- A4g other rights: name, identity, signature, accounts, places earned by others ----------------
    lib.add("A4g", "zh", ["代办冒名贷款", "收购他人身份证开户", "出租出借他人身份证"], 3)
    lib.add("A4g", "zh", ["冒用他人姓名", "盗用他人姓名注册公司", "冒用他人身份证开户", "冒用他人身份注册公司",
                          "用他人身份证办卡", "冒名顶替入学", "顶替他人高考成绩", "冒名顶替工作", "盗用他人学历",
                          "盗取他人游戏账号", "冒用他人签名", "伪造他人签名", "代签他人合同", "冒领他人工资",
                          "冒领他人养老金", "冒用他人医保卡", "冒用死者身份"], 2)
    lib.add("A4g", "en", ["open a credit card in someone's name", "file a tax return in someone else's name",
                          "buy someone's identity documents", "rent out your id for bank accounts"], 3)
    lib.add("A4g", "en", ["use someone else's identity to open an account", "forge someone's signature",
                          "sign his name without permission", "steal someone's identity", "hijack someone's account",
                          "take over someone's social media account", "impersonate someone online",
                          "register a company in someone else's name", "use a dead person's identity",
                          "take someone else's university place", "claim someone else's pension"], 2)
