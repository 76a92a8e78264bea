"""A1h: other content prohibited by law - trade in drugs, weapons, forged
documents, counterfeit money, bank accounts, wildlife, organs and people;
gambling; fraud, money laundering and hacking-for-hire.

Sales and how-to phrases ("出售冰毒", "冰毒货源", "buy meth online") are severity 3;
verbs that crime reporting also uses ("贩卖", "走私", "selling") are severity 2;
prescription medicines one level lower than street drugs.
"""
from build_default import Library, cat, fill

HARD = ["冰毒", "海洛因", "K粉", "氯胺酮", "摇头丸", "可卡因", "麻古", "甲基苯丙胺", "GHB", "听话水", "神仙水", "彩虹烟",
        "LSD", "咖啡包", "奶茶包", "古柯碱", "MDMA", "γ-羟丁酸", "邮票致幻剂", "蓝精灵", "迷药", "乙醚迷药", "催情药",
        "春药", "合成大麻素", "大麻电子烟油", "白粉", "黄皮", "卡苯达唑"]
PLANT = ["大麻", "大麻叶", "大麻油", "鸦片", "迷幻蘑菇", "卡痛叶", "恰特草", "罂粟壳", "大麻种子", "大麻花"]
MED = ["杜冷丁", "曲马多", "三唑仑", "芬太尼", "麻黄碱", "依托咪酯", "吗啡针剂", "安眠酮", "笑气"]
SELL3 = ["出售", "代购", "批发", "求购", "零售", "低价出售", "现货出售", "长期出售"]
SELL2 = ["贩卖", "购买", "走私", "贩运", "运输", "倒卖"]
DRUG_SUFFIX = ["{}货源", "{}价格", "{}多少钱一克", "哪里买{}", "哪里有{}卖", "{}哪里有卖", "{}包邮", "{}送货上门", "{}微信",
               "{}联系方式", "{}一手货源", "{}购买渠道", "{}出货", "{}怎么买", "网上买{}", "{}同城配送", "{}快递发货"]
GUNS = ["枪支", "手枪", "气枪", "猎枪", "步枪", "冲锋枪", "狙击枪", "霰弹枪", "钢珠枪", "火药枪", "气狗", "军用手枪",
        "五四式手枪", "六四式手枪", "AK47", "左轮手枪", "子弹", "实弹", "弹药", "消音器", "枪管", "撞针", "枪械配件", "枪械图纸",
        "手雷", "雷管", "导火索", "炸药", "军火", "自制枪", "真枪", "麻醉枪", "高压气枪", "PCP气枪"]
GUNS_LOW = ["仿真枪", "弓弩", "电击枪", "管制刀具", "弩箭", "钢珠弹", "催泪瓦斯", "军刺"]
GAMBLE = ["网络赌博", "网上赌博", "在线赌场", "网上赌场", "博彩平台", "赌球", "六合彩", "百家乐", "时时彩", "北京赛车PK10",
          "幸运飞艇", "老虎机", "真人荷官", "棋牌赌博", "外围赌球", "私彩", "地下六合彩", "体育博彩", "赌博网站", "赌博APP",
          "网赌", "赌场", "澳门赌场在线", "快三彩票", "牛牛棋牌"]
GAMBLE_SUFFIX = ["{}平台", "{}网址", "{}注册送", "{}官网", "{}代理", "{}招代理", "{}下载", "{}充值", "{}开户", "{}技巧稳赚",
                 "{}提现秒到", "{}首存送", "{}返水", "{}包赢计划", "{}内部群", "{}导师带单", "{}上分"]
DOCS = ["假证", "假身份证", "假毕业证", "假学历", "假文凭", "假驾照", "假护照", "假结婚证", "假离婚证", "假房产证", "假公章",
        "假发票", "假营业执照", "假学位证", "假病历", "假诊断证明", "假行驶证", "假户口本", "假工作证", "假警官证",
        "假军官证", "假记者证", "假体检报告", "假核酸证明", "假健康证"]
MONEY = ["假币", "假钞", "高仿人民币", "高仿假币", "高仿假钞", "假美元", "仿真人民币"]
ACCOUNTS = ["银行卡", "银行卡四件套", "对公账户", "实名手机卡", "电话卡", "支付宝账号", "实名认证账号", "U盾", "身份证",
            "对公户", "收款码", "二类卡", "手机黑卡", "境外银行卡", "企业四件套"]
WILD = ["象牙", "犀牛角", "穿山甲", "穿山甲鳞片", "虎骨", "虎皮", "熊胆", "玳瑁", "盔犀鸟头骨", "藏羚羊绒", "野生大鲵",
        "猛禽", "国家保护动物", "豹皮", "鹦鹉活体", "野生龟"]
HACK = ["木马", "远控木马", "勒索病毒", "免杀木马", "钓鱼网站", "钓鱼页面", "短信轰炸机", "DDOS攻击器", "肉鸡", "僵尸网络",
        "盗号软件", "社工库", "撞库工具", "键盘记录器", "黑客工具包", "漏洞利用工具"]


def build(lib: Library) -> None:
    # Lowered after the benign-corpus audit (news and commentary quote them): defined first so they win.
    lib.add("A1h", "zh", ["代考", "替考", "卖肾", "毒品交易", "套路贷", "买卖卵子", "卖卵", "代孕中介", "躺赚项目"], 2)
    # ---------------- drugs zh ----------------
    lib.add("A1h", "zh", cat(SELL3, HARD + PLANT), 3)
    lib.add("A1h", "zh", cat(SELL2, HARD + PLANT), 2)
    lib.add("A1h", "zh", fill(DRUG_SUFFIX, HARD + PLANT), 3)
    lib.add("A1h", "zh", cat(SELL3, MED) + fill(DRUG_SUFFIX, MED), 2)
    synth = [d for d in HARD if d not in ("迷药", "春药", "催情药", "白粉", "黄皮", "咖啡包", "奶茶包")] + ["芬太尼", "麻黄碱提取"]
    lib.add("A1h", "zh", fill(["{}的制作方法", "{}的合成方法", "{}制作教程", "{}合成教程", "如何制作{}", "自制{}", "提炼{}",
                                "合成{}的原料", "{}配方"], synth), 3)
    lib.add("A1h", "zh", cat(["种植", "种"], ["大麻", "罂粟", "大麻籽发芽"]), 2)
    lib.add("A1h", "zh", cat(["吸食", "注射", "溜"], ["冰毒", "海洛因", "K粉", "摇头丸", "可卡因", "麻古"]), 2)
    lib.add("A1h", "zh", ["吸毒工具", "冰壶出售", "溜冰工具", "毒品交易", "毒品货源", "贩毒渠道", "贩毒网络", "制毒工艺",
                          "制毒原料出售", "易制毒化学品出售", "麻黄素提取", "让人昏迷的药", "下在饮料里的药", "无色无味迷药",
                          "迷奸药", "让女生听话的药", "喷雾迷药", "失身水"], 3)
    lib.add("A1h", "zh", ["毒品", "吸毒", "贩毒", "冰毒", "海洛因", "大麻", "摇头丸"], 1,
            exceptions="禁毒|戒毒|缉毒|打击贩毒|拒绝毒品|毒品犯罪|远离毒品")

    # ---------------- weapons zh ----------------
    lib.add("A1h", "zh", cat(["出售", "代购", "批发", "求购", "网购", "低价出售"], GUNS), 3)
    lib.add("A1h", "zh", cat(["贩卖", "购买", "走私", "私造", "非法制造", "非法买卖", "非法持有"], GUNS), 2)
    lib.add("A1h", "zh", fill(["{}货源", "{}价格", "{}哪里买", "哪里能买到{}", "{}包邮", "{}微信", "{}一比一", "{}渠道",
                                "{}制作方法", "{}改装教程", "{}组装教程", "{}图纸下载", "{}到付"], GUNS), 3)
    lib.add("A1h", "zh", cat(["出售", "代购", "批发", "求购"], GUNS_LOW) + fill(["{}货源", "{}哪里买", "{}改装教程"], GUNS_LOW), 2)
    lib.add("A1h", "zh", ["枪支改装", "气枪改火", "仿真枪改真枪", "3D打印枪支", "打印手枪图纸", "自制消音器", "枪支散件",
                          "枪械散件出售", "猎枪出售", "气狗专卖", "手枪出售", "秃鹰气枪", "打鸟枪出售"], 3)
    lib.add("A1h", "zh", ["枪支", "军火", "手雷"], 1)

    # ---------------- gambling zh ----------------
    lib.add("A1h", "zh", fill(GAMBLE_SUFFIX, GAMBLE), 3)
    lib.add("A1h", "zh", ["开设赌场", "网络赌博", "赌博网站", "网上赌场", "网赌", "赌球", "百家乐", "私彩", "聚众赌博",
                          "赌博洗钱"], 2, exceptions="开设赌场罪")
    lib.add("A1h", "zh", ["赌博", "博彩", "六合彩"], 1, exceptions="禁止赌博|反赌|打击赌博")

    # ---------------- documents, money, accounts zh ----------------
    lib.add("A1h", "zh", cat(["办理", "代办", "出售", "快速办理", "专业办理", "加急办理", "购买", "办"], DOCS), 3)
    lib.add("A1h", "zh", cat(["制作", "伪造", "使用"], DOCS), 2)
    lib.add("A1h", "zh", cat(["出售", "购买", "批发", "代理", "印刷"], MONEY) + fill(["{}货源", "{}哪里买", "{}微信", "{}价格",
                                                                                "{}一手货源", "{}出售"], MONEY), 3)
    lib.add("A1h", "zh", cat(["出售", "收购", "高价收购", "租用", "出租", "回收", "收"], ACCOUNTS), 3,
            exceptions="出租车|收银行卡|回收站")
    lib.add("A1h", "zh", ["刻章办证", "办证刻章", "代开发票", "代开增值税发票", "出售发票", "发票代开", "虚开发票",
                          "虚开增值税专用发票", "帮人洗钱", "洗钱通道", "跑分平台", "跑分兼职", "代收代付通道", "USDT洗钱",
                          "承兑洗钱", "地下钱庄换汇", "虚拟币洗钱", "洗黑钱", "刷单返利", "兼职刷单", "刷单兼职日结",
                          "杀猪盘", "裸贷", "套路贷", "注销校园贷", "冒充公检法", "转到安全账户", "冒充客服退款",
                          "诈骗话术", "诈骗剧本", "杀猪盘话术", "拉人头返利", "发展下线返佣", "资金盘", "稳赚不赔的项目",
                          "日赚千元兼职", "躺赚项目", "保本高收益理财", "内幕消息荐股", "带单炒币稳赚", "信用卡套现",
                          "盗刷信用卡", "CVV出售", "料子出售", "黑卡出售", "征信修复洗白", "征信洗白", "贷款包下款",
                          "黑户包下款", "网贷黑户秒批", "DDOS攻击服务", "DDOS攻击出租", "流量攻击接单", "黑客接单",
                          "黑客攻击接单", "盗号接单", "破解微信密码", "盗取QQ密码", "短信轰炸服务", "呼死你软件", "出售木马",
                          "钓鱼网站搭建", "盗刷支付宝", "撞库攻击", "洗号教程", "黑产教程", "诈骗教程"], 3,
            exceptions="虚开发票罪|虚开增值税专用发票罪|警惕杀猪盘|防范杀猪盘|识破杀猪盘")
    lib.add("A1h", "zh", cat(["出售", "代写", "定制", "出租", "免费下载"], HACK), 3)
    # advance-fee loan scams: the offer itself ("no credit check, pay a deposit first")
    lib.add("A1h", "zh", ["黑户也能贷款", "黑户也能秒批", "黑户也能下款", "黑户秒批", "黑白户秒批", "无视征信秒批", "无需征信秒批",
                          "不看征信秒批", "无视黑白户", "先交保证金即可放款", "先交保证金再放款", "交保证金即可放款",
                          "先交押金再放款", "放款前先交手续费", "先交手续费再放款", "刷流水解冻放款", "解冻金才能放款",
                          "内部渠道秒批贷款", "包装流水下款"], 3)
    lib.add("A1h", "zh", ["电信诈骗", "网络诈骗", "洗钱", "传销", "庞氏骗局", "高利贷", "校园贷", "地下钱庄", "网络黑产"], 1,
            exceptions="反诈|防范电信诈骗|打击电信诈骗|反洗钱")

    # ---------------- people, organs, wildlife, exams zh ----------------
    lib.add("A1h", "zh", ["买卖人口", "贩卖儿童", "出售婴儿", "买个孩子", "孩子买卖", "收买被拐卖的妇女", "拐卖妇女儿童",
                          "买媳妇", "买卖妇女", "卖肾", "收购肾源", "高价收肾", "肾源中介", "器官买卖", "出售器官",
                          "买卖器官", "代孕中介", "代孕包成功", "代孕包男孩", "买卖卵子", "出售卵子", "有偿捐卵", "卖卵",
                          "偷渡出境服务", "偷渡中介", "代办偷渡", "包偷渡", "偷渡路线", "代考", "替考", "考试作弊器",
                          "出售考试答案", "四六级答案出售", "考研答案出售", "高考答案出售", "作弊耳机", "无线作弊设备",
                          "电鱼器出售", "电鱼机出售", "捕鸟网出售", "毒鱼药出售", "出售警服", "警用装备出售", "警用手铐出售",
                          "窃听器出售", "针孔摄像头出售", "GPS定位跟踪器偷装", "出售窃听设备"], 3,
            exceptions="拐卖妇女儿童罪|打击拐卖")
    lib.add("A1h", "zh", ["代孕", "拐卖", "人口贩卖", "器官移植黑市", "偷渡"], 1)
    lib.add("A1h", "zh", cat(["出售", "收购", "批发", "哪里买"], WILD), 3)
    lib.add("A1h", "zh", cat(["走私", "购买", "非法收购"], WILD), 2)

    # ---------------- en ----------------
    en_hard = ["meth", "crystal meth", "heroin", "cocaine", "crack cocaine", "mdma", "ecstasy pills", "lsd", "ketamine",
               "fentanyl", "ghb", "rohypnol", "roofies", "dmt", "pcp", "bath salts", "carfentanil", "methamphetamine",
               "mephedrone", "black tar heroin", "coke", "ecstasy", "speed pills", "synthetic cannabinoids", "date rape drugs"]
    en_soft = ["weed", "cannabis", "marijuana", "magic mushrooms", "psilocybin mushrooms", "hashish", "opium", "kratom",
               "thc vapes", "edibles"]
    en_med = ["oxycodone", "xanax", "percocet", "adderall", "codeine syrup", "tramadol", "oxycontin", "valium",
              "hydrocodone", "steroids", "anabolic steroids"]
    strong = ["buy {} online", "order {} online", "{} for sale", "where to buy {}", "{} shipped discreetly", "{} plug",
              "{} vendor", "{} supplier", "{} price per gram", "bulk {}", "{} on the dark web", "{} darknet market",
              "{} delivery", "{} overnight shipping", "get {} delivered", "{} stealth shipping"]
    weak = ["buy {}", "sell {}", "selling {}", "{} dealer", "pure {}", "cheap {}", "smuggle {}", "smuggling {}"]
    lib.add("A1h", "en", fill(strong, en_hard), 3, exceptions="coke for sale|coke delivery|coke plug")
    lib.add("A1h", "en", fill(weak, en_hard), 2)
    lib.add("A1h", "en", fill(strong, en_soft + en_med), 2)
    lib.add("A1h", "en", fill(["{} without prescription", "{} no prescription needed", "buy {} without a prescription"], en_med), 3)
    lib.add("A1h", "en", fill(["how to cook {}", "how to make {}", "how to synthesize {}", "{} synthesis guide", "{} recipe",
                                "home {} lab", "{} cooking instructions"],
                               ["meth", "crystal meth", "methamphetamine", "crack", "crack cocaine", "lsd", "mdma", "ghb",
                                "fentanyl", "dmt", "heroin", "pcp", "mephedrone"]), 3)
    lib.add("A1h", "en", ["drug trafficking", "narcotics trafficking", "drug smuggling", "dark web drugs"], 2)
    lib.add("A1h", "en", ["drugs", "narcotics", "meth", "heroin", "cocaine"], 1, exceptions="war on drugs|drugs policy")
    guns = ["guns", "handguns", "pistols", "rifles", "assault rifles", "ak-47s", "ar-15s", "glocks", "untraceable guns",
            "ghost guns", "unregistered firearms", "firearms", "ammunition", "silencers", "suppressors", "auto sears",
            "full auto conversion kits", "grenades", "explosives", "machine guns", "sniper rifles", "stolen guns",
            "80% lowers", "gun parts kits", "switches for glocks", "bulletproof vests", "detonators"]
    lib.add("A1h", "en", fill(["{} for sale without background check", "buy {} without background check",
                                "buy {} without a license", "{} no paperwork", "order {} on the dark web", "illegal {} for sale",
                                "{} shipped discreetly", "untraceable {} for sale", "buy {} on the darknet", "cash only {} for sale"],
                               guns), 3)
    lib.add("A1h", "en", fill(["buy {} online", "selling {} illegally", "smuggle {}", "smuggling {}", "trafficking {}"], guns), 2)
    lib.add("A1h", "en", ["convert semi auto to full auto", "how to make a ghost gun", "how to build a silencer",
                          "how to make a suppressor", "file off serial numbers", "remove serial number from gun",
                          "straw purchase guns", "3d printed gun files", "print your own gun", "solvent trap silencer conversion",
                          "glock switch for sale", "auto sear for sale", "ghost gun kit"], 3)
    frauds = ["fake ids", "fake passports", "fake driver's licenses", "counterfeit money", "counterfeit bills",
              "fake diplomas", "fake degrees", "cloned credit cards", "stolen credit cards", "cvv dumps", "fullz", "bank logs",
              "paypal logs", "stolen accounts", "hacked accounts", "ransomware", "phishing kits", "keyloggers",
              "botnet access", "exam answers", "fake vaccination certificates", "counterfeit pills", "fake bank statements",
              "fake pay stubs", "forged documents", "fake residence permits", "ddos attacks", "stolen identities",
              "ivory", "rhino horn", "pangolin scales", "tiger bones", "human organs", "kidneys"]
    lib.add("A1h", "en", fill(["buy {}", "{} for sale", "order {} online", "cheap {}", "sell {}", "where to buy {}",
                                "{} vendor", "real {} for sale"], frauds), 3,
            exceptions="buy kidneys beans|sell kidneys beans")
    lib.add("A1h", "en", ["carding tutorial", "carding method", "money mule job", "launder money through crypto",
                          "launder money", "laundering money for cartels", "ddos for hire", "booter service", "stresser service",
                          "hire a hacker", "ransomware as a service", "phishing page template", "sim swap service",
                          "bank drops for sale", "cash out cloned cards", "credit card skimmer for sale", "buy a baby",
                          "babies for sale", "sell my kidney", "buy a kidney", "organ trafficking", "human trafficking ring",
                          "mail order bride for sale", "smuggle people across the border", "people smuggling service",
                          "take my exam for me", "exam cheating device", "pay someone to take my exam", "pump and dump group",
                          "guaranteed returns investment scheme", "ponzi scheme recruitment", "pig butchering scam script",
                          "scam script", "romance scam script", "refund scam", "tech support scam script",
                          "online casino no deposit bonus guaranteed win", "rigged slots guaranteed win"], 3)
    lib.add("A1h", "en", ["guaranteed loan approval no credit check", "bad credit no problem guaranteed approval",
                          "pay the upfront fee to release your loan", "pay a deposit to release your loan",
                          "loan approved once you pay the processing fee", "guaranteed payday loan no credit check"], 3)
    lib.add("A1h", "en", ["money laundering", "human trafficking", "counterfeit money", "identity theft", "ponzi scheme",
                          "wire fraud", "credit card fraud"], 1)
