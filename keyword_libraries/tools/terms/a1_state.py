"""A1a subversion, A1b national security / national image, A1c separatism and social stability.

Generic harmful-act phrases only: no organisations, persons, places or events.
Phrases that are also crime names in court reporting carry the "...罪" form as an
exception so that legal news does not count as a hit.
"""
from build_default import Library, cat, fill


def crime_exc(terms: list[str]) -> dict[str, str]:
    return {t: f"{t}罪" for t in terms}


def build(lib: Library) -> None:
    # ---------------- A1a: subversion of state power ----------------
    objs = ["颠覆国家政权", "推翻政府", "推翻现政权", "推翻社会主义制度", "颠覆社会主义制度",
            "武装夺取政权", "暴力夺取政权", "武装推翻政府", "暴力推翻政府", "军事政变", "发动政变",
            "武装暴动", "武装叛乱", "颠覆人民民主专政", "推翻党的领导", "推翻执政党", "颠覆政府",
            "组建反政府武装", "夺取国家政权", "推翻国家政权", "暴力颠覆政权", "颠覆国家"]
    strong = ["号召", "鼓动", "鼓吹", "公开号召", "煽动群众"]
    weak = ["煽动", "策划", "组织", "密谋", "图谋", "预谋", "企图"]
    for t in cat(strong, objs):
        lib.add("A1a", "zh", [t], 3, exceptions=f"{t}罪")
    for t in cat(weak, objs):
        lib.add("A1a", "zh", [t], 2, exceptions=f"{t}罪")
    lib.add("A1a", "zh", ["推翻政府的武装行动", "拿起武器推翻政府", "武装推翻现政权的行动纲领", "颠覆国家政权的行动指南",
                          "推翻政府行动手册", "夺取政权的武装斗争", "建立反政府武装组织", "秘密组建武装推翻政权",
                          "用暴力推翻现行制度", "推翻社会主义制度的纲领", "号召民众推翻政府", "号召军队发动政变",
                          "策动军队哗变", "策反军队推翻政府", "组织武装力量颠覆政权", "推翻政府的暴力革命",
                          "颠覆国家政权的传单", "推翻政府的宣传册", "颠覆政权的秘密组织", "成立地下武装",
                          "暗杀国家领导人", "刺杀国家领导人", "袭击国家机关夺取政权", "武装占领政府大楼",
                          "推翻人民政府", "打倒人民政府", "打倒社会主义制度", "消灭社会主义制度"], 3)
    lib.add("A1a", "zh", ["颠覆政权", "推翻政权", "颠覆国家政权罪", "煽动颠覆", "反政府武装", "武装夺权", "颠覆活动"], 2)
    lib.add("A1a", "zh", ["政变", "暴动", "叛乱", "颠覆"], 1, exceptions="颠覆性|颠覆了|颠覆传统|颠覆认知|颠覆三观|颠覆想象|颠覆行业|颠覆式|颠覆者")

    en_obj = ["the armed overthrow of the government", "the violent overthrow of the government",
              "an armed uprising against the government", "an armed insurrection", "a military coup",
              "the overthrow of the state", "the subversion of state power", "the overthrow of the socialist system",
              "an armed rebellion against the state", "a violent seizure of power", "the violent overthrow of the state",
              "armed resistance against the government", "the toppling of the government by force",
              "a violent revolution to overthrow the government", "the overthrow of the government by force"]
    lib.add("A1a", "en", fill(["call for {}", "calling for {}", "calls for {}", "urge {}", "urging {}", "advocate {}",
                                "advocating {}", "incite {}", "inciting {}"], en_obj), 3)
    lib.add("A1a", "en", fill(["plot {}", "plotting {}", "organize {}", "organizing {}", "plan {}", "planning {}",
                                "incitement to {}", "conspiracy to carry out {}"], en_obj), 2)
    lib.add("A1a", "en", fill(["{} the government by force", "{} the regime by force", "{} the socialist system by force",
                                "{} state power by violence", "{} the government with weapons"],
                               ["overthrow", "topple", "bring down", "smash", "overthrowing", "toppling"]), 3)
    lib.add("A1a", "en", ["take up arms against the government", "seize state power by force", "rise up and overthrow the regime",
                          "armed struggle against the state", "storm the government buildings", "form an armed militia to overthrow",
                          "assassinate the head of state", "kill the head of state", "manual for overthrowing the government",
                          "guide to staging a coup", "how to stage a coup", "how to overthrow a government"], 3)
    lib.add("A1a", "en", ["subversion of state power", "inciting subversion", "armed insurrection", "violent overthrow",
                          "anti-government militia", "coup plotters"], 2)
    lib.add("A1a", "en", ["coup", "insurrection", "subversion", "uprising"], 1)

    # ---------------- A1b: national security, national interest, national image ----------------
    secrets = ["国家秘密", "国家机密", "军事机密", "军事秘密", "国防机密", "绝密文件", "机密文件", "涉密文件",
               "军事情报", "国家情报", "军工技术资料", "涉密资料", "核心军事技术", "部队部署情况", "国防科研资料"]
    for t in cat(["泄露", "出卖", "窃取", "刺探", "非法获取", "非法提供", "向境外提供", "贩卖", "买卖", "出售",
                  "倒卖", "非法持有"], secrets):
        lib.add("A1b", "zh", [t], 2, exceptions=f"{t}罪")
    lib.add("A1b", "zh", cat(["偷拍", "非法测绘", "刺探", "抵近拍摄", "航拍"],
                             ["军事设施", "军事基地", "军港", "军用机场", "导弹阵地", "涉密单位", "军事禁区"]), 2)
    lib.add("A1b", "zh", cat(["为境外", "向境外"], ["间谍机构", "情报机关", "敌对势力", "敌对组织"],
                             ["提供情报", "出卖情报", "出售情报", "提供国家秘密", "输送情报"]), 3)
    lib.add("A1b", "zh", cat(["侮辱", "焚烧", "践踏", "撕毁", "涂污", "玷污", "恶搞", "故意损毁"], ["国旗", "国徽"]), 2)
    lib.add("A1b", "zh", cat(["侮辱", "篡改", "恶搞", "歪曲", "贬损"], ["国歌"]), 2)
    lib.add("A1b", "zh", cat(["侮辱", "诋毁", "亵渎", "抹黑", "歪曲", "恶搞", "丑化", "贬损"], ["英雄烈士", "英烈", "革命烈士", "英烈事迹"]), 2)
    # 2026-11-29 audit: names of the act in history and fiction narrative, not a call or an offer
    lib.add("A1b", "zh", ["叛国投敌", "投敌叛变"], 2)
    lib.add("A1b", "zh", ["充当境外间谍", "加入境外间谍组织", "接受境外间谍机构任务", "策反国家工作人员", "策反军人",
                          "出卖国家利益", "叛逃境外", "投敌叛变", "叛国投敌", "破坏军事设施", "破坏国防设施",
                          "破坏军事通信", "攻击关键信息基础设施", "网络攻击政府系统", "入侵政府网站", "窃取政府数据",
                          "为境外刺探情报", "收集军事情报出售", "出卖军事机密换取报酬", "境外间谍招募兼职",
                          "高薪招聘拍摄军港", "兼职拍摄军舰", "拍摄军舰照片赚钱", "出卖国家领土", "勾结境外势力危害国家安全",
                          "资助危害国家安全活动", "煽动他人危害国家安全", "危害国家安全的传单", "辱华言论", "侮辱中国人"], 3)
    lib.add("A1b", "zh", ["间谍活动", "境外间谍", "泄密事件", "窃密活动", "危害国家安全", "辱华", "卖国贼"], 2)
    lib.add("A1b", "zh", ["间谍", "泄密", "窃密", "叛国"], 1)

    en_sec = ["state secrets", "classified documents", "classified military information", "military secrets",
              "top secret files", "defense secrets", "classified intelligence", "nuclear secrets"]
    lib.add("A1b", "en", fill(["sell {}", "selling {}", "leak {}", "leaking {}", "steal {}", "stealing {}"], en_sec), 2)
    lib.add("A1b", "en", fill(["{} {} to foreign agents", "{} {} to a foreign intelligence service"],
                               ["sell", "selling", "leak", "leaking", "pass", "passing", "smuggle", "smuggling", "hand over"], en_sec), 2)
    lib.add("A1b", "en", fill(["{} military installations", "{} a military base", "{} naval ports", "{} missile sites"],
                               ["photograph", "secretly photograph", "spy on"]), 2)
    lib.add("A1b", "en", fill(["{} the national flag", "{} the national emblem"], ["burn", "desecrate", "trample on", "deface", "insult"]), 2)
    lib.add("A1b", "en", ["spy for a foreign intelligence service", "recruited as a spy by a foreign power",
                          "sabotage military facilities", "insult the national anthem", "defame national heroes and martyrs",
                          "slander revolutionary martyrs", "sabotage critical infrastructure", "betray national interests",
                          "defect to the enemy", "collude with foreign forces to endanger national security",
                          "paid to photograph warships", "part-time job photographing military bases",
                          "hack government systems", "steal government data"], 3)
    lib.add("A1b", "en", ["espionage", "treason", "spying on military"], 1)

    # ---------------- A1c: separatism, national unity, social stability ----------------
    sep = ["分裂国家", "国家分裂", "民族分裂", "武装割据", "独立建国", "分裂祖国", "破坏国家统一", "破坏民族团结",
           "割裂国家领土", "暴力分裂国家", "地区独立", "建立独立政权"]
    for t in cat(["煽动", "策划", "组织", "鼓吹", "宣扬", "鼓动", "图谋", "号召", "实施", "密谋"], sep):
        lib.add("A1c", "zh", [t], 3 if t.startswith(("鼓吹", "号召", "鼓动", "宣扬")) else 2, exceptions=f"{t}罪")
    unrest = ["暴乱", "骚乱", "打砸抢烧", "冲击政府机关", "围攻政府机关", "冲击公安机关", "袭击警察", "打砸警车",
              "焚烧警车", "堵塞铁路", "围堵政府大楼", "暴力抗法", "大规模械斗", "打砸商铺", "纵火焚烧政府"]
    lib.add("A1c", "zh", cat(["煽动", "策划", "组织", "号召", "鼓动", "聚众"], unrest), 2)
    lib.add("A1c", "zh", ["宣布独立建国", "分裂势力", "民族分裂主义", "领土分裂", "武装分裂国家", "分裂国家的武装",
                          "拿起武器独立", "脱离祖国独立", "建立独立国家的武装斗争", "驱逐政府军独立",
                          "号召暴力对抗政府", "号召打砸抢烧", "号召冲击政府", "明天一起去打砸", "集合起来去砸政府",
                          "煽动群体性事件", "制造群体性事件", "策划群体性事件", "散布分裂言论", "分裂国家的传单"], 3)
    lib.add("A1c", "zh", ["分裂国家罪", "分裂主义", "群体性事件", "打砸抢"], 2)
    lib.add("A1c", "zh", ["分裂", "割据", "骚乱", "暴乱"], 1, exceptions="细胞分裂|核分裂|人格分裂|分裂症|精神分裂|有丝分裂|减数分裂|分裂成")

    en_sep = ["secession from the country", "armed secession", "the breakup of the country", "armed separatism",
              "the division of the nation by force", "a violent separatist uprising", "riots", "violent riots",
              "an armed riot", "attacks on police stations", "the storming of government buildings",
              "arson attacks on police cars", "violent mass unrest", "the destruction of national unity",
              "a separatist insurgency", "ethnic separatist violence"]
    lib.add("A1c", "en", fill(["call for {}", "calling for {}", "urge {}", "urging {}"], en_sep), 3)
    lib.add("A1c", "en", fill(["incite {}", "inciting {}", "organize {}", "organizing {}", "plot {}", "plotting {}",
                                "stir up {}", "stirring up {}"], en_sep), 2)
    lib.add("A1c", "en", ["split the country by force", "declare independence by armed struggle", "take up arms for independence",
                          "break away from the motherland by force", "burn down the police station", "smash the government offices",
                          "everyone gather to riot tomorrow", "loot and burn the city", "torch police cars"], 3)
    lib.add("A1c", "en", ["separatist movement", "armed separatists", "secessionist insurgency", "riot incitement"], 2)
    lib.add("A1c", "en", ["secession", "separatism", "riot"], 1)
