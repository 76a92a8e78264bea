"""A2a-A2i: discrimination.  Slurs (severity 3, or lower when the word has an
innocent sense) and dehumanising or exclusionary phrases about a group
(severity 2-3).  A bare group name is never a term.  Regional 地域黑 tropes are
generic stereotypes, included as such.
"""
from build_default import Library, fill


def groups_x_preds(lib: Library, code: str, lang: str, groups: list[str], strong: list[str], weak: list[str],
                   sep: str = "") -> None:
    lib.add(code, lang, [g + sep + p for g in groups for p in strong], 3)
    lib.add(code, lang, [g + sep + p for g in groups for p in weak], 2)


def build(lib: Library) -> None:
    # ---------------- A2a ethnicity / race ----------------
    groups_x_preds(lib, "A2a", "zh",
                   ["黑人", "白人", "黄种人", "有色人种", "少数民族", "犹太人", "阿拉伯人", "吉普赛人", "亚裔", "非洲人",
                    "混血儿", "外族人", "土著人", "印第安人"],
                   ["都是劣等人", "不配做人", "都是畜生", "是劣等种族", "天生低贱"],
                   ["智商低下", "天生就是罪犯", "都是小偷", "都是骗子", "都很脏", "不配和我们通婚", "滚出我们的国家"])
    # 2026-11-29 audit: 尼哥 inside 维尼哥哥/尼哥拉斯; gook = grime and gobbledygook in reviews and news
    lib.add("A2a", "zh", ["尼哥"], 3, exceptions="尼哥哥|尼哥拉斯")
    lib.add("A2a", "en", ["gook"], 2, exceptions="gobbledygook|gobbledy-gook|gobbledly-gook|gobbledy gook|the gook out")
    lib.add("A2a", "zh", ["黑鬼", "黑蛆", "白皮猪", "黄皮猴子", "尼哥", "黑奴就该", "黑皮猴子", "白猪滚", "劣等人种"], 3)
    lib.add("A2a", "zh", ["洋鬼子", "鬼佬", "杂种", "蛮夷之人"], 2)
    lib.add("A2a", "zh", ["蛮夷", "串串"], 1, exceptions="串串香|烤串串|串串火锅")
    groups_x_preds(lib, "A2a", "en",
                   ["blacks", "black people", "whites", "asians", "jews", "arabs", "mexicans", "hispanics", "latinos",
                    "gypsies", "africans", "natives", "chinese people", "indians"],
                   ["are subhuman", "are animals", "are genetically inferior", "are vermin", "are parasites", "are a plague"],
                   ["are inferior", "are all criminals", "should go back to where they came from", "are less intelligent",
                    "don't deserve rights", "ruin every neighborhood"], sep=" ")
    lib.add("A2a", "en", ["nigger", "niggers", "jigaboo", "porch monkey", "porch monkeys", "spics", "wetback", "wetbacks",
                          "beaner", "beaners", "chinks", "gook", "gooks", "kike", "kikes", "sand nigger", "towelhead",
                          "towelheads", "raghead", "ragheads", "zipperhead", "slant eyes", "yellow monkey", "jungle bunny",
                          "coons", "injuns", "gyppos", "half-breeds", "mud people", "shitskins"], 3)
    lib.add("A2a", "en", ["nigga", "niggas", "spic", "chink", "pakis", "redskins", "japs", "wop", "wops", "half-breed"], 2,
            exceptions="chink in the armor|chink in the armour|chink in his armor|chink in her armor")
    lib.add("A2a", "en", ["negroes", "coon", "kraut", "gringo", "mongrel", "paki", "redskin", "jap"], 1,
            exceptions="coon dog|coon hound|coon hunting|united negro college fund")

    # ---------------- A2b beliefs ----------------
    groups_x_preds(lib, "A2b", "zh",
                   ["穆斯林", "基督徒", "佛教徒", "天主教徒", "犹太教徒", "道教徒", "信教的人", "无神论者", "和尚",
                    "尼姑", "教徒"],
                   ["都是恐怖分子", "不配活着", "都该下地狱", "都该被赶出去", "都是邪恶的"],
                   ["都是疯子", "都是傻子", "都是骗子", "脑子有病", "都是洗脑的蠢货"])
    lib.add("A2b", "zh", ["绿教", "穆畜", "基督狗", "绿绿滚", "信教的都是脑残", "宗教都是毒瘤", "把信教的都赶出去"], 3)
    lib.add("A2b", "zh", ["绿绿", "异教徒都该"], 2)
    lib.add("A2b", "zh", ["秃驴", "神棍"], 1)
    groups_x_preds(lib, "A2b", "en",
                   ["muslims", "christians", "jews", "hindus", "buddhists", "catholics", "atheists", "mormons", "sikhs",
                    "religious people", "believers"],
                   ["are all terrorists", "are subhuman", "are a cancer on society", "should burn in hell", "should be deported"],
                   ["are terrorists", "are brainwashed idiots", "are evil", "should be banned", "worship the devil"], sep=" ")
    lib.add("A2b", "en", ["muzzies", "muzrats", "hymie", "hymies", "goat fuckers", "christ killers", "islam is a cancer",
                          "ban all muslims", "deport all muslims", "kill the jews", "jews control the world",
                          "jews control the media", "zionist occupied government", "burn the mosques", "burn down the mosque",
                          "burn down the church"], 3)
    lib.add("A2b", "en", ["christcucks", "christcuck", "religitards", "islamofascists", "sky daddy worshippers"], 2)
    lib.add("A2b", "en", ["bible thumpers", "jesus freaks", "infidels"], 1)

    # ---------------- A2c nationality ----------------
    groups_x_preds(lib, "A2c", "zh",
                   ["日本人", "韩国人", "美国人", "印度人", "越南人", "菲律宾人", "俄罗斯人", "英国人", "法国人", "德国人",
                    "泰国人", "巴基斯坦人", "朝鲜人", "墨西哥人", "外国人", "老外", "缅甸人"],
                   ["都该死", "都是畜生", "不配做人"],
                   ["都是骗子", "都是小偷", "滚出中国", "没一个好东西", "都是垃圾", "素质低下", "都很脏"])
    lib.add("A2c", "zh", ["高丽棒子", "印度阿三", "越南猴子", "小日本鬼子", "棒子国", "阿三国", "猴子国的人", "洋垃圾人"], 3)
    lib.add("A2c", "zh", ["小日本", "小鬼子", "老毛子", "南朝鲜棒子"], 2)
    lib.add("A2c", "zh", ["日本鬼子", "倭寇", "阿三", "棒子", "毛子"], 1,
            exceptions="玉米棒子|棒子面|一棒子|棒子骨|毛子哥")
    groups_x_preds(lib, "A2c", "en",
                   ["mexicans", "chinese", "indians", "russians", "americans", "pakistanis", "nigerians", "filipinos",
                    "poles", "romanians", "koreans", "japanese", "vietnamese", "turks", "albanians", "foreigners",
                    "immigrants", "refugees"],
                   ["are subhuman", "are all rapists", "are scum"],
                   ["are all thieves", "are all liars", "are dirty", "should be deported", "go home", "are taking our jobs",
                    "out of our country"], sep=" ")
    lib.add("A2c", "en", ["polack", "polacks", "dago", "dagos", "curry muncher", "curry munchers", "bug eaters",
                          "rice eaters", "illegals are vermin", "invaders must be expelled"], 3)
    lib.add("A2c", "en", ["chinaman", "limeys", "krauts", "ruskies", "frogs and krauts"], 2)
    lib.add("A2c", "en", ["gweilo", "limey", "illegals"], 1)

    # ---------------- A2d regional origin ----------------
    regions = ["河南人", "东北人", "上海人", "北京人", "广东人", "四川人", "湖南人", "湖北人", "安徽人", "山东人", "江西人",
               "福建人", "潮汕人", "温州人", "广西人", "贵州人", "甘肃人", "山西人", "陕西人", "河北人", "天津人", "重庆人",
               "云南人", "江苏人", "浙江人", "黑龙江人", "吉林人", "辽宁人", "海南人", "外地人", "农村人", "乡下人",
               "山里人", "北方人", "南方人", "外省人"]
    lib.add("A2d", "zh", fill(["{}都是骗子", "{}都是小偷", "{}没一个好东西", "{}滚出去", "{}勿扰", "不招{}", "谢绝{}",
                                "{}素质低"], regions), 2)
    lib.add("A2d", "zh", ["河南人偷井盖", "偷井盖的河南人", "东北人都是黑社会", "外地狗", "外地佬滚", "捞仔滚",
                          "北佬滚", "乡巴佬滚出城市", "农村人不配进城", "穷山沟出来的都是"], 3)
    lib.add("A2d", "zh", ["北佬", "捞仔", "外地佬", "农村土鳖", "盲流子"], 2)
    lib.add("A2d", "zh", ["乡巴佬", "土包子", "盲流"], 1)
    groups_x_preds(lib, "A2d", "en",
                   ["rednecks", "hillbillies", "southerners", "northerners", "country folk", "city people", "midwesterners",
                    "appalachians", "rural people", "inner city people", "people from the ghetto", "small town people",
                    "yankees", "people from the north", "people from the south"],
                   ["are subhuman", "should be sterilized"],
                   ["are all inbred", "are stupid", "are all criminals", "are trash", "are worthless", "are all thugs"], sep=" ")
    lib.add("A2d", "en", ["ghetto rats", "inbred hicks", "inbred hillbillies", "trailer park trash"], 3)
    lib.add("A2d", "en", ["trailer trash", "inbred hick", "hick town idiots", "white trash"], 2)
    lib.add("A2d", "en", ["hillbilly", "okie", "hick"], 1)

    # ---------------- A2e gender ----------------
    groups_x_preds(lib, "A2e", "zh", ["女人", "女的", "女性", "娘们", "女生", "男人", "男的"],
                   ["都是贱货", "都是婊子", "就该被打", "都该死", "都是畜生"],
                   ["就是生育机器", "不配有权利", "天生低人一等", "都是拜金的", "头发长见识短", "就该待在家里",
                    "不适合当领导", "智商低"])
    lib.add("A2e", "zh", fill(["只招{}", "仅限{}", "限{}", "{}优先录用"], ["男性", "男生"]), 2)
    lib.add("A2e", "zh", ["女人就该待在厨房", "女人就该在家带孩子", "女司机都是马路杀手", "女人是男人的附属品",
                          "生不出儿子没用", "女孩读书没用", "女孩子读那么多书没用", "女人就是生育工具", "女性勿扰",
                          "谢绝女性", "不招女性", "女性不予考虑", "已婚未育勿扰", "怀孕就辞退", "怀孕即解聘", "孕妇不录用",
                          "生育后降薪", "打女人天经地义", "老婆不打不听话", "臭婊子", "女拳师滚"], 3)
    lib.add("A2e", "zh", ["婊子", "贱货", "骚货", "女拳", "田园女权", "女拳师", "绿茶婊", "男拳", "娘炮", "要求已婚已育"], 2)
    lib.add("A2e", "zh", ["母狗", "直男癌", "剩女", "普信男", "母猪"], 1)
    groups_x_preds(lib, "A2e", "en", ["women", "females", "girls", "wives"],
                   ["are property", "are only good for sex", "are only good for breeding", "deserve to be beaten",
                    "are all whores", "should not be allowed to vote"],
                   ["belong in the kitchen", "are too emotional to lead", "are inferior", "are stupid", "should obey men",
                    "shouldn't work", "have no place in science"], sep=" ")
    groups_x_preds(lib, "A2e", "en", ["men", "males"],
                   ["are subhuman", "should be castrated", "are all rapists"], ["are trash", "are pigs", "are worthless"], sep=" ")
    lib.add("A2e", "en", ["femoids", "foids", "roasties", "no women applicants", "female applicants will not be considered",
                          "pregnant women need not apply", "fire her for getting pregnant", "men only need apply",
                          "women are objects", "get back in the kitchen"], 3)
    lib.add("A2e", "en", ["feminazi", "feminazis", "thots", "mangina", "make me a sandwich woman"], 2)
    lib.add("A2e", "en", ["bitches", "soyboy", "cuck", "hoes", "make me a sandwich"], 1)

    # ---------------- A2f age ----------------
    groups_x_preds(lib, "A2f", "zh", ["老年人", "老人", "老头", "老太太", "老家伙", "中年人", "中年男人", "中年妇女", "大妈",
                                      "年轻人", "小屁孩"],
                   ["都该去死", "不配活着"],
                   ["都是累赘", "都是社会的负担", "都是坏人", "都是废物", "占用社会资源", "该被淘汰"])
    lib.add("A2f", "zh", fill(["只招{}", "仅限{}", "年龄限{}"], ["25岁以下", "28岁以下", "30岁以下", "35岁以下", "40岁以下",
                                                           "45岁以下"]), 2)
    lib.add("A2f", "zh", fill(["{}岁以上勿扰", "{}岁以上不要", "{}岁以上不予录用", "超过{}岁一律不要", "清退{}岁以上员工",
                                "优化{}岁以上员工"], ["30", "35", "40", "45", "50"]), 2)
    lib.add("A2f", "zh", ["老不死的", "老年人该去死", "坏人变老了", "老东西快去死", "老不死的东西", "老而不死是为贼"], 2)
    lib.add("A2f", "zh", ["老不死", "老东西", "老棺材瓤子"], 1)
    groups_x_preds(lib, "A2f", "en", ["old people", "boomers", "the elderly", "seniors", "old geezers", "millennials",
                                      "zoomers", "old farts", "old women", "old men"],
                   ["should just die", "should be euthanized", "need to die off", "should be put down"],
                   ["are useless", "are a burden on society", "are worthless", "are parasites", "are too old to work"], sep=" ")
    lib.add("A2f", "en", fill(["no applicants over {}", "applicants over {} need not apply", "nobody over {} will be hired",
                                "fire everyone over {}"], ["30", "35", "40", "45", "50"]), 2)
    lib.add("A2f", "en", ["coffin dodger", "coffin dodgers", "wrinklies", "old hag", "senile old fool", "too old to hire"], 2)
    lib.add("A2f", "en", ["ok boomer", "geezer"], 1)

    # ---------------- A2g occupation ----------------
    jobs = ["农民工", "民工", "外卖员", "送外卖的", "快递员", "保安", "清洁工", "扫大街的", "服务员", "保姆", "搬砖的",
            "捡破烂的", "环卫工", "农民", "司机", "小商贩", "摆地摊的", "打工的", "理发师", "洗碗工"]
    groups_x_preds(lib, "A2g", "zh", jobs, ["都是社会底层渣滓", "都是垃圾"],
                   ["都是下等人", "低人一等", "没素质", "活该穷一辈子", "都是失败者"])
    lib.add("A2g", "zh", fill(["{}禁止入内", "{}不得入内", "禁止{}进入", "{}与狗不得入内"],
                               ["农民工", "民工", "外卖员", "快递员", "保姆", "乞丐"]), 2)
    lib.add("A2g", "zh", ["臭打工的", "穷打工仔", "臭要饭的", "臭保安", "臭送外卖的", "臭扫地的", "下贱的服务员"], 2)
    lib.add("A2g", "zh", ["泥腿子", "戏子"], 1)
    groups_x_preds(lib, "A2g", "en", ["janitors", "cleaners", "waiters", "fast food workers", "cashiers", "farmers",
                                      "construction workers", "garbage collectors", "truck drivers", "maids", "nannies",
                                      "factory workers", "delivery drivers", "retail workers", "sex workers",
                                      "manual laborers", "blue collar workers", "uber drivers"],
                   ["are subhuman", "are the dregs of society", "are scum"],
                   ["are losers", "are too stupid to do anything else", "deserve to be poor", "are worthless"], sep=" ")

    # ---------------- A2h health / disability ----------------
    sick = ["残疾人", "残废", "瘸子", "瞎子", "聋哑人", "智障", "精神病人", "精神病患者", "艾滋病人", "乙肝患者", "乙肝携带者",
            "抑郁症患者", "自闭症儿童", "癌症病人", "传染病人", "HIV感染者", "麻风病人", "脑瘫患者", "侏儒"]
    groups_x_preds(lib, "A2h", "zh", sick, ["都该死", "不配活着", "不应该生下来", "都该被安乐死"],
                   ["都是废物", "都是累赘", "勿扰", "不予录用", "都该被关起来"])
    lib.add("A2h", "zh", ["拒收乙肝携带者", "不招残疾人", "残疾人禁止入内", "死残废", "死瘸子", "死瞎子", "残疾人都是废物",
                          "艾滋病人都该死", "精神病都该关起来", "抑郁症就是矫情", "抑郁症都是装的"], 3)
    lib.add("A2h", "zh", ["残废", "瘸子", "瞎子", "聋子", "哑巴", "傻子", "智障", "弱智", "脑残", "神经病", "疯子", "白痴"], 1,
            exceptions="弱智儿童|智障人士|智障儿童")
    groups_x_preds(lib, "A2h", "en", ["disabled people", "the disabled", "cripples", "retards", "autistic people",
                                      "the mentally ill", "schizophrenics", "people with aids", "hiv positive people",
                                      "people with down syndrome", "deaf people", "blind people", "fat people", "diabetics",
                                      "cancer patients", "people with depression", "amputees", "wheelchair users"],
                   ["should be euthanized", "should never have been born", "deserve to die", "are subhuman",
                    "should be sterilized"],
                   ["are useless", "are a burden on society", "should be locked up", "are worthless"], sep=" ")
    lib.add("A2h", "en", ["midget", "midgets"], 1)  # 2026-11-29 audit: dated descriptive word in film reviews
    lib.add("A2h", "en", ["retards", "cripples", "spaz", "mongoloid", "mongoloids", "tard", "schizo"], 2)
    lib.add("A2h", "en", ["retard", "retarded", "cripple", "spastic", "psycho", "lunatic", "nutjob", "deaf and dumb"], 1,
            exceptions="flame retardant|fire retardant|retard the|retard growth|retarded growth|mentally retarded children")

    # ---------------- A2i other (sexual orientation, gender identity, appearance, family status, class) ----------------
    groups_x_preds(lib, "A2i", "zh", ["同性恋", "同性恋者", "基佬", "跨性别者", "变性人", "双性恋", "性少数群体"],
                   ["都该死", "都该被烧死", "不配活着", "都是艾滋病传播者"],
                   ["是病", "是精神病", "都是变态", "应该被治疗", "恶心死了", "是罪孽"])
    groups_x_preds(lib, "A2i", "zh", ["胖子", "矮子", "丑女", "丑男", "穷人", "单亲家庭的孩子", "离婚女人", "私生子", "剩女",
                                      "光棍"],
                   ["不配活着", "都该死"], ["都是废物", "都是失败者", "不配结婚", "都是垃圾", "低人一等"])
    lib.add("A2i", "zh", ["死基佬", "死同性恋", "变态同性恋", "同性恋滚出去", "离异女都是破鞋", "穷逼滚"], 3)
    lib.add("A2i", "zh", ["二椅子", "死胖子", "穷逼", "基佬滚"], 2)
    lib.add("A2i", "zh", ["基佬", "人妖", "兔儿爷", "丑八怪", "肥猪", "穷鬼", "破鞋"], 1)
    groups_x_preds(lib, "A2i", "en", ["gays", "gay people", "homosexuals", "lesbians", "trans people", "transgender people",
                                      "bisexuals", "queers", "trannies", "faggots"],
                   ["are mentally ill", "are an abomination", "deserve to die", "should be burned", "are pedophiles",
                    "should be stoned"],
                   ["are sick", "are disgusting", "should be cured", "are going to hell"], sep=" ")
    groups_x_preds(lib, "A2i", "en", ["ugly people", "poor people", "short men", "single mothers", "divorcees", "orphans",
                                      "the homeless", "welfare recipients"],
                   ["are subhuman", "should be sterilized"], ["are disgusting", "are worthless", "are parasites",
                                                             "deserve their misery"], sep=" ")
    lib.add("A2i", "en", ["faggot", "faggots", "tranny", "trannies", "poofter", "batty boy", "fudge packer", "landwhale",
                          "gay is a disease", "burn the gays", "kill the gays"], 3)
    lib.add("A2i", "en", ["fag", "dyke", "homo", "sodomites", "fatso", "lardass", "fat pig"], 2,
            exceptions="homo sapiens|homo erectus|homo habilis|homo neanderthalensis")
    lib.add("A2i", "en", ["fags", "dykes", "poof", "ladyboy", "sodomite"], 1)
