"""A1d terrorism and extremism, A1e ethnic hatred.

Terrorism terms are instructions and calls (how to build a device, calls to
attack, recruitment, glorification); a bare weapon word is severity 1 because
news and history mention bombs all the time.  Ethnic-hatred terms are calls to
kill, expel or exterminate a group, never a group name alone.
"""
from build_default import Library, cat, fill

ZH_DEVICES = ["炸弹", "土炸弹", "管状炸弹", "汽车炸弹", "钉子炸弹", "高压锅炸弹", "炸药包", "炸药", "雷管", "燃烧弹",
              "燃烧瓶", "自杀式炸弹背心", "爆炸装置", "简易爆炸装置", "遥控炸弹", "定时炸弹", "脏弹", "化学武器",
              "生物武器", "毒气弹", "沙林毒气", "芥子气", "神经毒剂", "蓖麻毒素", "炭疽孢子", "TATP", "三过氧化三丙酮",
              "黑火药", "硝酸甘油炸药", "C4炸药", "铝热剂炸弹", "液体炸药", "邮包炸弹", "遥控引爆装置", "延时引爆装置"]

EN_DEVICES = [("a pipe bomb", "pipe bomb"), ("a car bomb", "car bomb"), ("a nail bomb", "nail bomb"),
              ("a pressure cooker bomb", "pressure cooker bomb"), ("a suicide vest", "suicide vest"),
              ("a molotov cocktail", "molotov cocktail"), ("napalm", "napalm"), ("a thermite bomb", "thermite bomb"),
              ("an ied", "ied"), ("an improvised explosive device", "improvised explosive device"),
              ("a dirty bomb", "dirty bomb"), ("nerve gas", "nerve gas"), ("sarin gas", "sarin gas"), ("ricin", "ricin"),
              ("weaponized anthrax", "weaponized anthrax"), ("a chemical weapon", "chemical weapon"),
              ("a bioweapon", "bioweapon"), ("tatp", "tatp"), ("a letter bomb", "letter bomb"),
              ("a fertilizer bomb", "fertilizer bomb"), ("a homemade bomb", "homemade bomb"), ("a bomb", "bomb"),
              ("explosives", "explosive"), ("a detonator", "detonator"), ("a remote detonator", "remote detonator"),
              ("a chlorine gas bomb", "chlorine gas bomb"), ("mustard gas", "mustard gas"),
              ("plastic explosives", "plastic explosive"), ("an incendiary device", "incendiary device"),
              ("a suicide bomb", "suicide bomb"), ("a booby trap", "booby trap"), ("a timed detonator", "timed detonator")]


def build(lib: Library) -> None:
    # ---------------- A1d zh ----------------
    lib.add("A1d", "zh", fill(["{}制作方法", "{}制作教程", "{}的制作方法", "{}的制作教程", "如何制作{}", "怎么制作{}",
                                "{}配方", "{}的配方", "在家制作{}", "{}制造教程", "教你做{}", "{}的组装方法"],
                               ZH_DEVICES), 3, exceptions="黑火药配方一硝二磺三木炭")
    lib.add("A1d", "zh", fill(["自制{}", "制造{}", "手工制作{}", "组装{}"], ZH_DEVICES), 2)
    acts = ["恐怖袭击", "恐怖活动", "自杀式袭击", "爆炸袭击", "暴力恐怖活动", "暴恐袭击", "圣战", "极端主义", "恐怖主义",
            "宗教极端思想", "暴力圣战", "独狼式袭击", "汽车冲撞袭击", "持刀恐怖袭击", "劫持人质", "劫机", "投毒袭击",
            "无差别杀人", "暴恐活动", "恐怖暗杀"]
    for t in cat(["号召", "煽动", "宣扬", "鼓吹", "美化", "赞美", "歌颂"], acts):
        lib.add("A1d", "zh", [t], 3, exceptions=f"{t}罪")
    # 2026-11-29 audit: "支持恐怖主义的政府/被渲染成支持恐怖袭击" is how news commentary describes states and groups
    lib.add("A1d", "zh", cat(["支持"], acts), 2)
    lib.add("A1d", "zh", cat(["策划", "实施", "发动", "预谋", "组织"], acts), 2)
    orgs = ["恐怖组织", "极端组织", "圣战组织", "武装圣战组织", "恐怖分子", "极端主义组织", "暴恐团伙"]
    lib.add("A1d", "zh", cat(["宣誓效忠", "投奔", "报名加入", "我要加入", "欢迎加入"], orgs), 3)
    lib.add("A1d", "zh", cat(["加入", "招募", "资助", "参加", "勾结"], orgs), 2)
    lib.add("A1d", "zh", cat(["在地铁", "在商场", "在学校", "在广场", "在车站", "在人群中", "在机场", "在医院", "在演唱会",
                              "在人多的地方"], ["引爆炸弹", "放置炸弹", "发动袭击", "制造爆炸", "实施恐怖袭击", "引爆自己"]), 2)
    lib.add("A1d", "zh", ["斩首视频", "处决人质视频", "殉教者进入天堂", "圣战士的荣耀", "杀死异教徒", "消灭异教徒",
                          "异教徒必须死", "为圣战献身", "成为人体炸弹", "如何最大化伤亡", "造成最大伤亡的方法",
                          "恐怖袭击教程", "恐袭手册", "暴恐音视频", "极端主义宣传品", "爆炸物制作手册", "圣战训练营",
                          "恐怖分子训练营", "炸弹客手册", "如何躲避安检携带炸药", "如何把炸药带上飞机", "如何在水源投毒",
                          "向人群投毒", "开车冲撞人群", "驾车冲撞人群", "持刀砍杀路人", "随机砍杀无辜",
                          "报复社会杀人", "报复社会的方法", "血洗校园", "血洗商场", "屠杀平民", "斩首异教徒"], 3)
    lib.add("A1d", "zh", ["人体炸弹", "自杀式炸弹", "恐怖袭击", "暴恐", "圣战者", "极端分子", "恐怖分子", "独狼袭击"], 1)

    # ---------------- A1d en ----------------
    # 2026-12-02: drinks, bath products and desserts are "bombs" too (first definition wins: these rows carry the exceptions)
    bomb_kinds = ["jager", "jaeger", "bath", "hot chocolate", "cocoa", "cherry", "seed", "glitter", "flavor", "flavour",
                  "calorie", "sake"]
    for tmpl in ["how to make {}", "how to build {}", "how to assemble {}", "instructions for making {}",
                 "step by step guide to making {}", "tutorial on making {}", "make {} at home", "build {} at home"]:
        t = tmpl.format("a bomb")
        lib.add("A1d", "en", [t], 3, exceptions=[f"{t} {x}" for x in ("cocktail", "shot", "drink", "pop", "shelter", "cake")]
                if tmpl.endswith("{}") else "")
    for tmpl in ["{} instructions", "{} recipe", "{} tutorial", "{} making guide", "{} blueprint", "{} assembly guide"]:
        t = tmpl.format("bomb")
        lib.add("A1d", "en", [t], 3, exceptions=(["bomb recipe for disaster"] if t == "bomb recipe" else [])
                + [f"{k} {t}" for k in bomb_kinds])
    lib.add("A1d", "en", fill(["how to make {}", "how to build {}", "how to assemble {}", "instructions for making {}",
                                "step by step guide to making {}", "tutorial on making {}", "make {} at home",
                                "build {} at home"], [a for a, _ in EN_DEVICES]), 3)
    lib.add("A1d", "en", fill(["{} instructions", "{} recipe", "{} tutorial", "{} making guide", "{} blueprint",
                                "{} assembly guide"], [b for _, b in EN_DEVICES]), 3,
            exceptions="bomb recipe for disaster")
    lib.add("A1d", "en", fill(["homemade {}", "diy {}"], [b for _, b in EN_DEVICES if not b.startswith("homemade")]), 2)
    en_acts = ["a terrorist attack", "a suicide bombing", "a mass shooting", "a lone wolf attack", "a vehicle ramming attack",
               "a jihadist attack", "terrorist attacks", "violent jihad", "armed jihad", "a martyrdom operation",
               "a massacre of civilians", "a bombing of civilians", "attacks on civilians", "holy war against the infidels"]
    lib.add("A1d", "en", fill(["call for {}", "calling for {}", "glorify {}", "glorifying {}", "incite {}", "inciting {}",
                                "praise {}", "support {}"], en_acts), 3)
    lib.add("A1d", "en", fill(["carry out {}", "plan {}", "plot {}", "plotting {}", "launch {}", "celebrate {}"], en_acts), 2)
    en_orgs = ["a terrorist organization", "a jihadist group", "the jihad", "a terrorist cell", "an extremist militia",
               "a terror group"]
    lib.add("A1d", "en", fill(["pledge allegiance to {}", "pledging allegiance to {}", "how to join {}", "volunteer for {}"], en_orgs), 3)
    lib.add("A1d", "en", fill(["join {}", "joining {}", "recruit for {}", "recruiting for {}", "fund {}", "funding {}"], en_orgs), 2)
    targets = ["crowded subway", "shopping mall", "school", "concert", "stadium", "airport", "train station", "church",
               "mosque", "synagogue", "temple", "kindergarten", "parade"]
    lib.add("A1d", "en", fill(["bomb the {}", "shoot up the {}", "blow up the {}", "massacre everyone at the {}"], targets), 3)
    lib.add("A1d", "en", ["beheading video", "execution video of hostages", "kill the infidels", "death to the infidels",
                          "martyrdom is the path to paradise", "blow yourself up for the cause", "detonate in a crowded place",
                          "how to maximize casualties", "maximize civilian casualties", "lone wolf attack guide",
                          "terrorist training manual", "jihadi recruitment video", "mujahideen recruitment",
                          "smuggle explosives onto a plane", "poison the water supply", "drive a truck into a crowd",
                          "ram a car into the crowd", "stab random people", "mass shooting manifesto", "high score killer",
                          "kill as many people as possible", "attack soft targets", "infidels must die",
                          "behead the unbelievers", "slaughter the unbelievers"], 3)
    lib.add("A1d", "en", ["suicide bomber", "jihadist", "terrorist attack", "extremist propaganda", "radicalization"], 1)

    # ---------------- A1e: ethnic hatred ----------------
    zh_groups = ["少数民族", "外族人", "异族", "外族", "黑人", "白人", "黄种人", "有色人种", "犹太人", "阿拉伯人", "吉普赛人",
                 "亚裔", "非洲人", "外来民族", "这个民族", "那个民族", "劣等民族", "劣等种族", "混血杂种", "外国人"]
    lib.add("A1e", "zh", fill(["{}都该死", "{}都该杀", "{}都该被消灭", "{}必须灭绝", "{}不配活在世上", "杀光{}", "杀光所有{}",
                                "把{}赶尽杀绝", "把{}斩草除根", "对{}进行种族清洗", "{}应该被灭种", "血洗{}", "灭了{}"],
                               zh_groups), 3)
    lib.add("A1e", "zh", fill(["消灭{}", "灭绝{}", "屠杀{}", "驱逐所有{}", "清洗{}"], zh_groups), 2)
    hatred = ["民族仇恨", "民族歧视", "种族仇恨", "民族对立", "种族战争", "民族冲突", "种族隔离", "民族仇杀", "民族矛盾"]
    for t in cat(["煽动", "宣扬", "鼓吹", "挑起", "制造", "散布", "激化"], hatred):
        lib.add("A1e", "zh", [t], 3 if t.startswith(("鼓吹", "宣扬")) else 2, exceptions=f"{t}罪")
    lib.add("A1e", "zh", ["挑拨民族关系", "种族主义宣传", "白人至上", "种族优越论",
                          "优等民族论", "纯种民族", "民族净化", "种族净化", "种族纯洁", "消灭劣等民族", "劣等民族不配生存",
                          "我们民族高人一等", "其他民族都是劣等", "把外族赶出去", "外族滚出我们的土地", "种族圣战",
                          "发动种族战争", "仇恨其他民族", "民族败类去死", "让异族血债血偿"], 3)
    lib.add("A1e", "zh", ["种族清洗", "种族灭绝", "种族屠杀"], 2)
    lib.add("A1e", "zh", ["种族主义", "民族主义暴力", "排外"], 1)

    en_groups = ["blacks", "black people", "whites", "white people", "jews", "arabs", "asians", "mexicans", "hispanics",
                 "latinos", "gypsies", "africans", "non-whites", "brown people", "ethnic minorities", "the roma",
                 "immigrants", "foreigners"]
    for g in en_groups:  # 2026-11-29 audit: history and film reviews describe the plan, they do not call for it
        lib.add("A1e", "en", [f"exterminate the {g}"], 3,
                exceptions=[f"{w} to exterminate the {g}" for w in ("plan", "plans", "attempt", "attempts", "tried",
                                                                      "campaign", "policy")])
    lib.add("A1e", "en", fill(["kill all {}", "exterminate the {}", "exterminate all {}", "gas the {}", "lynch the {}",
                                "wipe out the {}", "purge the {}", "death to all {}", "{} must be exterminated",
                                "{} should be wiped out", "{} deserve to die", "{} should be killed",
                                "we must eliminate the {}", "hang all the {}"], en_groups), 3)
    lib.add("A1e", "en", fill(["ethnic cleansing of {}", "genocide of {}"], en_groups), 2)
    lib.add("A1e", "en", fill(["{} racial hatred", "{} ethnic hatred", "{} hatred against minorities", "{} a race war"],
                               ["incite", "inciting", "stir up", "stirring up", "promote", "promoting", "spread", "spreading"]), 2)
    lib.add("A1e", "en", ["race war now", "start a race war", "racial holy war", "white genocide", "white power",
                          "master race", "blood and soil", "sieg heil", "racial purity", "the great replacement",
                          "our race is superior", "inferior races", "subhuman races", "mongrel races",
                          "keep our race pure", "race traitors", "purify the nation of foreigners",
                          "send them all back where they came from"], 3)
    lib.add("A1e", "en", ["ethnic cleansing", "white supremacy", "racial superiority", "racial hatred"], 2)
    lib.add("A1e", "en", ["racist", "xenophobia"], 1)
