"""A1f: promotion of violence, obscenity and pornography.

Pornography terms are distribution phrases (watch / download / free / site
for an explicit medium), explicit act + medium phrases, solicitation of paid
sex and anything sexual involving minors (always severity 3).  Bare anatomical
or sexual words are severity 1 with medical and culinary exceptions.  Violence
terms are gore media and how-to-hurt instructions, not reports of crimes.
"""
from build_default import Library, cat, fill

ZH_VIDEO = ["色情片", "黄片", "成人片", "成人视频", "色情视频", "黄色视频", "A片", "AV", "三级片", "毛片", "性爱视频",
            "做爱视频", "裸聊视频", "无码视频", "无码AV", "色情电影", "黄色电影", "色情直播", "裸体直播", "偷拍裙底视频",
            "厕所偷拍视频", "情侣自拍视频", "乱伦视频", "强奸视频", "迷奸视频", "成人动漫", "色情动漫", "里番", "日本AV",
            "欧美AV", "国产自拍", "国产AV", "偷拍合集", "成人电影", "情色电影", "黄色网站"]
ZH_STILL = ["裸照", "艳照", "色情图片", "黄色图片", "色情小说", "黄色小说", "成人漫画", "H漫", "成人小说", "淫秽图片",
            "淫秽小说", "色情漫画", "私密照", "露点照"]
ZH_ACTS = ["口交", "肛交", "群交", "乱伦", "自慰", "潮吹", "内射", "颜射", "足交", "乳交", "性交", "做爱", "调教", "捆绑",
           "性奴", "换妻", "强奸", "迷奸", "轮奸", "偷拍", "露出", "3P", "啪啪啪"]
ZH_ROLES = ["人妻", "熟女", "少妇", "学生妹", "空姐", "护士", "女教师", "女优", "嫩模", "女主播", "校花", "美女"]
ZH_MINORS = ["儿童", "幼女", "幼童", "未成年", "小学生", "初中生", "萝莉", "未成年少女", "童"]


def build(lib: Library) -> None:
    # Lowered after the benign-corpus audit (profanity, film criticism): defined first so they win.
    lib.add("A1f", "zh", ["鸡巴", "大鸡巴", "屄", "骚逼", "操逼"], 2)
    lib.add("A1f", "en", ["snuff film", "snuff films"], 1)  # 2026-11-29: film-review genre name, singular+plural = 2 hits
    lib.add("A1f", "en", ["rape her", "rape them", "watch porn"], 2)
    lib.add("A1f", "en", ["xxx"], 1, exceptions="xxx rated")
    # 2026-11-29 audit: descriptive words of news, law and film criticism (child-pornography laws, a
    # review of a film about the porn trade); two of them in one review made a keyword removal.
    lib.add("A1f", "en", ["pornography", "pornographic", "pornstar", "porn star", "anal sex", "oral sex"], 1,
            exceptions="obscene material act|revenge porn law")
    lib.add("A1f", "zh", ["特殊服务电话"], 2)  # hotel reviews complaining of such calls
    # ---------------- pornography, zh ----------------
    lib.add("A1f", "zh", fill(["免费{}", "{}在线观看", "{}免费观看", "{}下载", "{}种子", "{}网站", "{}网址", "高清{}", "{}资源",
                                "{}百度云", "{}合集", "最新{}", "{}大全", "{}在线播放", "{}磁力链接"], ZH_VIDEO), 3)
    lib.add("A1f", "zh", fill(["免费{}", "{}下载", "{}网站", "{}资源", "{}合集", "{}大全", "{}百度云", "{}在线阅读", "{}流出",
                                "{}泄露"], ZH_STILL), 3, exceptions="艳照门")
    lib.add("A1f", "zh", [v for v in ZH_VIDEO if v not in ("AV", "A片", "里番", "日本AV", "欧美AV", "国产自拍")], 2)
    lib.add("A1f", "zh", ["A片", "日本AV", "欧美AV", "里番"], 2)
    lib.add("A1f", "zh", ZH_STILL, 2)
    # an all-Latin product (3P+AV) would be matched as a substring of English words
    # after leet folding (3pav -> "epav" in "rePavilions"): 2026-11-29 audit
    lib.add("A1f", "zh", [t for t in fill(["{}视频", "{}图片", "{}小说", "{}AV", "{}在线观看", "{}高清无码", "{}电影", "{}动图"],
                                          ZH_ACTS) if not t.isascii()], 3, exceptions="偷拍视频曝光|强奸视频曝光")
    lib.add("A1f", "zh", fill(["{}AV", "{}裸照", "{}色情视频", "{}自慰视频", "{}无码", "{}被干", "{}做爱视频"], ZH_ROLES), 3)
    lib.add("A1f", "zh", fill(["{}色情", "{}裸照", "{}性爱视频", "{}裸聊", "{}性侵视频", "{}色情视频", "{}色情图片", "{}黄片",
                                "{}AV", "{}援交"], ZH_MINORS), 3, exceptions="打击儿童色情|儿童色情犯罪|童色情")
    lib.add("A1f", "zh", ["恋童癖资源", "恋童资源", "萝莉控资源", "幼女资源", "幼幼资源", "儿童性虐待视频", "与未成年人发生性关系的视频",
                          "未成年人性爱"], 3)
    lib.add("A1f", "zh", ["儿童色情", "恋童癖", "恋童"], 2)
    # paid sex / sex services
    svc = ["约炮", "援交", "外围", "楼凤", "兼职妹", "小姐上门", "一夜情", "裸聊", "找小姐", "包夜", "全套服务", "特殊服务",
           "上门按摩", "大保健", "莞式服务", "学生妹兼职", "空降服务", "约妹", "性服务", "炮友"]
    lib.add("A1f", "zh", cat(["同城", "附近", "本地", "高端", "真实", "快速"], svc), 3)
    lib.add("A1f", "zh", fill(["{}微信", "{}QQ", "{}群", "{}软件", "{}网站", "{}联系方式", "{}价格", "{}电话"], svc), 3)
    lib.add("A1f", "zh", ["招嫖", "卖淫嫖娼", "组织卖淫", "介绍卖淫", "容留卖淫", "性交易", "嫖娼", "卖淫", "援助交际",
                          "援交", "约炮", "楼凤", "外围女", "大保健", "裸聊"], 2,
            exceptions="组织卖淫罪|介绍卖淫罪|容留卖淫罪")
    lib.add("A1f", "zh", ["包夜一千", "快餐三百", "全套口活", "可无套", "无套内射", "上门服务有妹子", "提供性服务",
                          "有偿陪睡", "裸聊收费", "裸聊一次", "陪睡包养", "学生妹包夜", "小妹上门服务", "一条龙服务包爽",
                          "做爱全过程", "性爱全过程", "做爱细节描写", "淫荡的呻吟", "操得她浪叫", "插进她的小穴", "她的小穴",
                          "湿透的小穴", "肉棒插入", "粗大的肉棒", "舔她的乳头", "射在她脸上", "射进她体内", "骚货快来",
                          "骚逼", "操逼", "肏屄", "屄", "淫水直流", "鸡巴", "大鸡巴", "口活好", "约炮神器", "一夜情网站",
                          "成人用品", "情趣视频"], 3, exceptions="成人用品店|成人用品商店")
    lib.add("A1f", "zh", ["淫秽", "色情", "淫荡", "做爱", "性交", "口交", "肛交", "乱伦", "自慰", "手淫", "阴茎", "阴道",
                          "阴蒂", "乳头", "裸体", "露点", "巨乳", "内射", "颜射", "潮吹", "淫水", "性奴", "调教",
                          "成人", "黄色", "小穴", "肉棒"], 1,
            exceptions="扫黄打非|打击淫秽色情|淫秽物品罪|传播淫秽物品|成人教育|成人高考|成人礼|成人自考|黄色预警|黄色的|黄色皮肤|黄色预警信号|裸体艺术|调教好|阴道炎|阴茎癌")
    # ---------------- violence, zh ----------------
    gore = ["虐杀", "虐猫", "虐狗", "虐待动物", "碎尸", "分尸", "肢解", "斩首", "砍头", "活埋", "剥皮", "挖眼", "割喉",
            "烧死人", "砍人", "杀人", "凌虐", "血腥虐杀", "虐待儿童", "校园霸凌", "殴打老人", "酷刑折磨", "处决", "爆头"]
    lib.add("A1f", "zh", fill(["{}视频", "{}现场视频", "{}全过程视频", "{}高清图片", "{}直播", "{}视频完整版", "{}视频无删减"], gore), 2)
    lib.add("A1f", "zh", fill(["如何{}", "怎样{}", "教你{}", "{}的方法", "{}教程"],
                               ["杀人不被发现", "分尸", "碎尸", "处理尸体", "虐猫", "虐待动物", "折磨人", "让人痛苦地死去",
                                "毒死一个人", "下毒不被发现", "制造意外杀人", "伪造自杀现场", "勒死一个人", "打人不留伤痕",
                                "虐待小孩", "毁尸灭迹", "杀人灭口", "绑架小孩", "折磨小动物", "泼硫酸毁容"]), 3)
    lib.add("A1f", "zh", cat(["买凶", "雇凶", "花钱雇人", "找人"], ["杀人", "砍人", "打断他的腿", "泼硫酸", "教训仇人"]), 2)
    lib.add("A1f", "zh", ["杀手接单", "职业杀手服务", "代打人服务", "替人出气打人", "专业报复打人", "收钱替人报仇",
                          "杀他全家", "砍死他全家", "把他碎尸万段的视频", "活活打死的视频", "虐杀视频合集", "血腥暴力视频合集",
                          "真实杀人视频", "真实斩首视频", "真实处决视频", "看人被杀的视频", "重口味血腥图片",
                          "猎奇血腥网站", "血腥重口网站"], 3)
    lib.add("A1f", "zh", ["血腥", "暴力", "虐杀", "碎尸", "分尸", "杀人", "砍人"], 1,
            exceptions="家庭暴力|反家庭暴力|暴力美学|暴力破解|暴力求解|非暴力|杀人犯|杀人案")

    # ---------------- pornography, en ----------------
    en_video = ["porn", "porn videos", "porn movies", "sex videos", "xxx videos", "sex tapes", "hardcore porn", "hentai",
                "adult videos", "erotic videos", "amateur porn", "homemade porn", "upskirt videos", "hidden camera sex",
                "incest porn", "rape porn", "teen porn", "milf porn", "anal porn", "lesbian porn", "gay porn", "bdsm porn",
                "webcam sex", "live sex shows", "porn clips", "xxx movies", "sex cams", "nude cams", "porno", "xxx clips",
                "hardcore sex videos", "porn streams"]
    lib.add("A1f", "en", fill(["free {}", "watch {}", "download {}", "{} online", "hd {}", "{} for free", "best {}",
                                "{} site", "{} streaming", "full length {}", "hottest {}", "new {} every day"], en_video), 3)
    en_still = ["nude photos", "nudes", "leaked nudes", "nude selfies", "naked pics", "nude pics", "xxx pics", "porn pics",
                "topless pics", "explicit photos"]
    lib.add("A1f", "en", fill(["free {}", "download {}", "{} leaked", "see her {}", "send {}", "{} gallery"], en_still), 3)
    acts = ["blowjob", "gangbang", "creampie", "deepthroat", "bukkake", "handjob", "squirting", "fisting", "footjob",
            "cumshot", "rimjob", "facial cumshot", "titfuck", "double penetration", "cunnilingus", "fellatio"]
    lib.add("A1f", "en", fill(["{} videos", "{} porn", "{} sex", "{} xxx", "{} clips", "{} movies", "{} pics"], acts), 3)
    ambig = ["teen", "asian", "ebony", "mature", "granny", "lesbian", "stepmom", "stepsister", "bondage", "voyeur", "anal",
             "orgy", "threesome", "interracial", "bbw", "milf", "shemale", "femdom", "cuckold", "incest", "schoolgirl",
             "nurse", "babysitter", "massage", "public", "casting couch"]
    lib.add("A1f", "en", fill(["{} porn", "{} xxx", "{} sex videos", "{} porn videos", "{} sex tape"], ambig), 3)
    lib.add("A1f", "en", fill(["{} porn", "{} nudes", "{} sex videos", "{} nude photos", "{} sex abuse videos"],
                               ["child", "underage", "preteen", "kid", "minor", "toddler", "pedo", "loli", "kiddie", "jailbait"]), 3)
    lib.add("A1f", "en", ["cp videos", "pedophile material", "csam download", "trade cp links", "nude children photos",
                          "sex with a minor video", "lolicon hentai"], 3)
    lib.add("A1f", "en", ["child pornography", "child sexual abuse material", "pedophilia"], 2)
    lib.add("A1f", "en", fill(["{} near me", "cheap {}", "book {} tonight", "{} outcall", "{} incall"],
                               ["escorts", "hookers", "call girls", "prostitutes", "happy ending massage", "erotic massage",
                                "sex workers", "sugar babies"]), 3)
    lib.add("A1f", "en", ["pay for sex", "buy sex", "full service escort", "paid sex hookup", "hookup for cash",
                          "sex for money", "her wet pussy", "suck my cock", "fuck her hard", "pounding her pussy",
                          "cum inside her", "cum on her face", "shoved his cock", "stroking his cock", "licking her pussy",
                          "dripping wet pussy", "hard cock", "big black cock", "tight pussy", "horny sluts", "horny milfs",
                          "sluts near you", "fuck buddy finder", "hookup tonight no strings", "naked camgirls",
                          "onlyfans leaks", "onlyfans leaked", "nsfw leaks", "xxx rated", "triple x movies"], 3)
    lib.add("A1f", "en", ["pornography", "pornographic", "pornstar", "porn star", "xxx", "escort service", "prostitution",
                          "erotica", "obscene material", "hardcore sex", "anal sex", "oral sex", "sex tape", "nsfw", "hentai"], 2,
            exceptions="obscene material act|revenge porn law")
    lib.add("A1f", "en", ["porn", "sex", "nude", "naked", "breast", "breasts", "boobs", "tits", "dick", "cock", "pussy",
                          "fuck", "fucking", "erotic", "orgasm", "masturbation", "masturbate", "penis", "vagina", "horny",
                          "slut", "whore", "cum", "clit", "dildo", "vibrator", "stripper"], 1,
            exceptions="breast cancer|breastfeeding|breast milk|chicken breast|breast pump|blue tits|great tits|cock-up|cocktail|"
                       "puss|sex education|sex discrimination|sex differences|opposite sex|same sex|summa cum laude|magna cum laude|cum laude")
    # ---------------- violence, en ----------------
    lib.add("A1f", "en", fill(["{} videos", "real {} video", "{} video uncensored", "{} compilation", "watch {} video"],
                               ["gore", "murder", "beheading", "animal torture", "cat torture", "dog torture", "execution",
                                "torture", "dismemberment", "decapitation", "live killing", "snuff", "child abuse", "brutal beating"]), 2)
    lib.add("A1f", "en", fill(["how to {}", "ways to {}", "best way to {}", "step by step how to {}"],
                               ["kill someone without getting caught", "dispose of a dead body", "torture someone",
                                "poison someone", "strangle someone", "torture animals", "torture a cat", "make a murder look like suicide",
                                "make a murder look like an accident", "hurt someone without leaving marks", "kidnap a child",
                                "dismember a body", "get rid of a body", "beat a child without leaving bruises",
                                "throw acid on someone", "kill your parents", "kill your wife", "kill your husband"]), 3)
    lib.add("A1f", "en", fill(["{} for hire", "hire {}", "hiring {}", "cheap {}"], ["a hitman", "hitmen", "a contract killer",
                                                                                   "an assassin", "thugs to beat someone"]), 3,
            exceptions="hitman for hire game")
    lib.add("A1f", "en", ["snuff film", "snuff films", "gore site", "real gore", "gore forum", "shock gore", "torture porn",
                          "beat him to death", "stab him to death", "slit his throat", "kill them all slowly", "watch them bleed",
                          "murder his whole family", "rape her", "rape them", "i will rape", "i'm going to kill you"], 3,
            exceptions="torture porn genre")
    lib.add("A1f", "en", ["gore", "bloodbath", "massacre", "torture", "beheading", "mutilation"], 1)
