"""Harmful requests and instructions: a how-to marker next to a harmful act (added 2026-12-02, issue 16).

Held-out evaluation showed that requests and instructions ("教你在家自制炸弹",
"how can I steal classified documents", "怎么骗老人的钱", "give me your ID
number or else") were mostly kept: the act words were severity 1-2 or absent,
because the same act is also what news, court reports and anti-fraud warnings
talk about.  What makes them harmful is the request or instruction around the
act.  So each act here is a severity-3 term that counts only when a how-to /
request marker occurs within a few characters (``cooccur``, ``@12`` in Chinese,
``@50`` in English; the matcher has no sentence boundary, the window stands in
for "the same clause") and no warning, prevention or reporting word does
(``!veto`` entries: 防范, 识破, 警方, protect, prevent, arrested …), which is
what separates "how to cheat old people" from "how to protect old people from
being cheated".

The acts are generic (no names, no products); an act that is harmful in any
context is not repeated here - those are standalone terms in the other modules.
"""
from build_default import Library

# ---------------------------------------------------------------- markers
ZH_HOWTO = ["如何", "怎么", "怎样", "咋", "教你", "教我", "教程", "步骤", "求方法", "有没有办法", "有什么办法", "有啥办法",
            "方法", "手把手", "攻略", "详细流程", "求教", "帮我", "请问", "求一个", "才能不被发现", "不被发现"]
ZH_WHERE = ["哪里", "哪儿", "去哪", "渠道", "谁有", "求购", "求个", "想买"]
#: words of warnings, prevention, reporting and the courts: a how-to next to one is not an instruction
ZH_VETO = ["防", "识破", "识别", "警惕", "提醒", "反诈", "揭秘", "揭露", "曝光", "被骗", "受骗", "上当", "避免", "远离",
           "小心", "当心", "警方", "民警", "公安", "嫌疑人", "犯罪分子", "抓获", "落网", "判处", "判决", "法院", "检察",
           "严禁", "禁止", "骗子", "打击", "举报", "报警", "不要", "切勿", "千万别", "安全教育", "科普", "被盗", "被黑", "被入侵", "被偷",
           "被查", "被人肉", "被定位", "被监控", "判断", "辨别", "应对", "遇到", "电影", "小说", "剧中", "剧情",
           "纪录片", "凶手"]

EN_HOWTO = ["how to", "how do i", "how can i", "how would i", "how should i", "how do you", "how can you",
            "step by step", "step-by-step", "teach me", "teach you", "guide to", "tutorial", "instructions",
            "best way to", "easiest way to", "quickest way to", "ways to", "tips for", "tell me how", "explain how",
            "show me how", "help me", "give me", "write me", "provide me", "can you help", "without getting caught", "without anyone knowing", "without being traced"]
EN_WHERE = ["where can i", "where to", "where do i", "who sells", "looking to", "i need to", "i want to"]
EN_VETO = ["protect", "prevent", "defend", "avoid", "recogni", "spot the", "detect", "report", "warning", "beware",
           "awareness", "police said", "arrested", "charged with", "sentenced", "convicted", "court", "prosecutor",
           "victims of", "mitigat", "spot", "identify", "tell if", "respond to", "secure your", "security team", "tell a", "signs of", "receive", "click", "scam alert", "don't fall for", "fraud prevention", "researchers", "patched",
           "vulnerability", "film", "movie", "novel", "documentary", "episode", "character", "minecraft", "in the game",
           "in game"]


def _rule(markers: list[str], veto: list[str], window: int) -> str:
    return "|".join(markers + ["!" + v for v in veto]) + f"@{window}"


ZH_HOW = _rule(ZH_HOWTO, ZH_VETO, 12)
ZH_HOW_OR_WHERE = _rule(ZH_HOWTO + ZH_WHERE, ZH_VETO, 12)
EN_HOW = _rule(EN_HOWTO, EN_VETO, 50)
EN_HOW_OR_WHERE = _rule(EN_HOWTO + EN_WHERE, EN_VETO, 50)

# ---------------------------------------------------------------- acts (zh)
ZH_EXPLOSIVES = ["自制炸弹", "制作炸弹", "制造炸弹", "做炸弹", "造炸弹", "做个炸弹", "做一个炸弹", "自制炸药", "制作炸药",
                 "配制炸药", "做炸药", "自制雷管", "制作雷管", "自制燃烧瓶", "制作燃烧瓶", "自制燃烧弹", "自制爆炸物",
                 "制作爆炸物", "自制毒气", "制作毒气", "引爆炸弹", "放置炸弹", "在人群中引爆",
                 "在水里投毒", "在食物里投毒", "在饭菜里投毒", "往水源投毒"]
ZH_CROWD_ATTACKS = ["去炸人多的地方", "炸人多的地方", "在人多的地方引爆", "往人群里扔炸弹", "炸死更多的人", "炸死更多人",
                    "杀死更多的人", "造成最大伤亡", "开车撞向人群", "开车撞人群", "冲进人群砍人", "在学校门口砍人"]
ZH_WEAPONS_DRUGS = ["自制枪支", "制作枪支", "自制手枪", "做一把枪", "造枪", "买到枪", "弄到枪", "搞到枪", "买到手枪",
                    "弄到手枪", "搞到手枪", "买到子弹", "弄到子弹", "买到炸药", "弄到炸药", "买到毒品", "弄到毒品",
                    "搞到毒品", "买到冰毒", "弄到冰毒", "搞到冰毒", "买到海洛因", "买到大麻", "弄到大麻", "买到迷药",
                    "弄到迷药", "搞到迷药", "买到听话水", "制作冰毒", "制冰毒", "提炼冰毒", "合成冰毒", "熬制冰毒",
                    "提炼海洛因", "制作迷药", "自制迷药", "给人下药", "给她下药", "在酒里下药", "运毒", "带毒品过安检"]
ZH_STATE_SECRETS = ["偷国家机密", "窃取国家机密", "泄露国家机密", "出卖国家机密", "偷国家秘密", "窃取国家秘密",
                    "泄露国家秘密", "出卖国家秘密", "偷机密文件", "窃取机密文件", "泄露机密文件", "偷涉密文件",
                    "窃取涉密文件", "泄露涉密文件", "带出涉密文件", "拷贝涉密文件", "复制涉密文件", "拍下机密文件",
                    "偷拍机密文件", "偷军事机密", "窃取军事机密", "泄露军事机密", "出卖军事机密", "偷绝密文件",
                    "泄露绝密文件", "偷内部文件卖给境外", "把机密卖给境外", "把情报卖给境外", "把国家机密卖给",
                    "把涉密资料带出", "把涉密文件带出", "把机密文件带出", "把机密文件偷出来", "把涉密文件拍下来", "偷拍军事设施", "偷拍军事基地", "把文件卖给外国"]
ZH_STATE_SECRETS += [v + o for v in ("偷到", "拿到", "弄到", "搞到", "偷出", "带出", "拍到", "卖掉", "外泄")
                     for o in ("国家机密", "国家秘密", "机密文件", "涉密文件", "绝密文件", "军事机密", "涉密资料")]
ZH_FRAUD = ["骗老人的钱", "骗老人钱", "骗老年人的钱", "骗取老人", "骗老人", "诈骗老人", "骗老年人", "骗取老年人",
            "骗别人的钱", "骗人钱财", "骗取他人钱财", "骗取钱财", "骗取别人的钱", "骗网友的钱", "骗网友", "骗到钱",
            "骗到更多钱", "骗取信任", "骗取养老钱", "骗取保险金", "骗保", "骗贷款", "做杀猪盘", "搞杀猪盘",
            "冒充客服骗", "冒充公检法", "冒充警察骗", "冒充领导骗", "盗刷信用卡", "盗刷别人的银行卡", "盗刷别人的",
            "洗黑钱", "把黑钱洗白", "搞电信诈骗", "做电信诈骗", "做诈骗", "搞诈骗", "坑别人的钱"]
ZH_HACKING = ["黑进别人的", "入侵别人的", "盗取别人的", "盗别人的", "盗取账号", "盗取密码", "盗取QQ",
              "盗微信号", "破解别人的", "破解邻居", "破解wifi密码", "破解WiFi密码", "破解无线密码", "蹭邻居家的网",
              "入侵网站", "黑进网站", "黑掉网站", "入侵服务器", "黑进服务器", "入侵政府网站", "入侵银行系统",
              "入侵学校系统", "入侵系统", "植入木马", "种木马", "写病毒", "制作病毒", "做钓鱼网站",
              "搭建钓鱼网站", "DDOS别人", "攻击别人的网站", "黑别人的手机", "控制别人的电脑", "远程控制别人"]
ZH_PRIVACY = ["查别人的身份证号", "查他的身份证号", "查她的身份证号", "查到他的身份证号", "查到别人的身份证号",
              "查询他人身份证号", "获取别人的身份证号", "弄到别人的身份证号", "搞到他的身份证号", "查别人的银行卡",
              "查他的银行卡号", "查别人的住址", "查到他的住址", "查到她的住址", "查别人的家庭住址", "查别人的手机号",
              "查别人的开房记录", "查他的开房记录", "查别人的行踪", "定位别人的手机", "定位他的手机", "定位她的手机",
              "偷看别人的聊天记录", "偷看老公的微信", "偷看老婆的微信", "监控老公的手机", "监控老婆的手机",
              "监听别人的电话", "人肉出", "人肉到", "开盒别人", "把他的信息挂出来"]
ZH_SELF_HARM = ["割腕", "烧炭自杀", "上吊自杀", "跳楼自杀", "服药自杀", "吃安眠药自杀", "自残", "结束自己的生命",
                "死得痛快", "死得快", "死得不痛苦"]
ZH_SELF_HARM_VETO = ZH_VETO + ["劝", "热线", "干预", "心理", "救", "未遂", "抑郁症患者", "陪伴", "倾诉", "看待", "面对", "戒", "古代", "历史",
                                "停止"]
ZH_DEMANDS = ["把你的身份证号", "把身份证号发", "把身份证号码发", "发你的身份证号", "报上你的身份证号", "告诉我你的身份证号",
              "把你的身份证照片", "把你的银行卡号", "把银行卡号发", "把银行卡密码", "把卡号和密码", "把你的密码",
              "把密码告诉我", "把密码发给我", "把验证码发给我", "把验证码告诉我", "把支付密码", "交出你的密码",
              "身份证号给我", "身份证号发我", "身份证号码给我", "身份证号报给我", "银行卡号给我", "银行卡密码给我",
              "验证码给我", "交出身份证"]
ZH_PRESSURE = ["否则", "不然", "要不然", "不给", "不发", "后果自负", "小心", "弄死", "打死", "收拾你", "找人", "曝光你",
               "让你好看", "给我等着", "马上", "立刻", "赶紧"]
ZH_DEMAND_VETO = ["骗子", "诈骗", "不要", "切勿", "千万别", "提醒", "警惕", "谨防", "防", "任何人", "客服不会", "官方不会"]
ZH_THREATS = ["泼你硫酸", "往你脸上泼硫酸", "放火烧你家", "找人砍你", "找人废了你", "找人弄死你", "让你见不到明天的太阳",
              "让你全家陪葬", "绑架你的孩子", "绑了你的孩子", "卸你一条腿"]
#: parents' and gamers' hyperbole ("再去网吧我打断你的腿"): a threat only with a second signal
ZH_THREATS_MEDIUM = ["打断你的腿", "烧了你家", "炸了你家", "杀你全家"]

# ---------------------------------------------------------------- acts (en)
EN_EXPLOSIVES = ["make a bomb", "build a bomb", "make a homemade bomb", "make explosives",
                 "build an explosive device", "make an explosive device", "make a detonator", "make poison gas",
                 "make a chemical weapon", "set off a bomb", "detonate a bomb", "plant a bomb", "blow up a building",
                 "blow up a school", "blow up a bus", "blow up a train", "bomb a crowd", "attack a crowd",
                 "poison a water supply", "poison the food at", "derail a train"]
EN_BOMB_EXC = ["make a bomb cocktail", "make a bomb shot", "make a bomb drink", "build a bomb shelter",
               "make a bomb shelter", "make a bomb pop", "make explosives safe", "set off a bomb alarm"]
EN_CROWD_ATTACKS = ["kill as many people as", "kill the most people", "cause maximum casualties", "cause mass casualties",
                    "maximize the death toll", "drive a car into a crowd", "run over a crowd", "shoot up a school",
                    "attack people at random", "stab as many people"]
EN_BUY = ["buy a gun without", "buy a gun illegally", "buy an untraceable gun", "buy guns illegally",
          "get a gun without a background check", "buy a gun without a background check", "buy an unregistered gun",
          "buy cocaine", "buy meth", "buy heroin", "buy fentanyl", "buy mdma", "buy ecstasy",
          "buy illegal drugs", "buy drugs online", "score cocaine", "score heroin",
          "buy stolen credit cards", "buy stolen credit card numbers", "buy credit card dumps", "buy stolen data",
          "buy stolen accounts", "buy a fake passport", "buy a fake id", "get a fake id", "make a fake id", "get a fake passport", "buy counterfeit money", "buy a stolen car",
          "buy a hitman", "hire a hitman", "hire a hit man", "buy ricin", "buy cyanide to"]
EN_MAKE_DRUGS = ["make meth", "cook meth", "cook crystal meth", "make crack", "make heroin", "make fentanyl",
                 "synthesize meth", "synthesize fentanyl", "extract dmt", "make ghb", "make a date rape drug",
                 "drug someone's drink", "spike someone's drink", "spike her drink", "smuggle drugs",
                 "smuggle cocaine", "get drugs past airport security", "launder money", "launder drug money",
                 "print counterfeit money", "make counterfeit money"]
EN_STATE_SECRETS = ["steal classified documents", "leak classified documents", "steal state secrets", "leak state secrets",
                    "sell state secrets", "sell classified information", "sell classified documents",
                    "steal government secrets", "leak government secrets", "smuggle classified documents",
                    "exfiltrate classified", "steal military secrets", "sell military secrets", "leak military secrets",
                    "steal top secret files", "photograph a military base", "spy for a foreign government",
                    "pass secrets to a foreign"]
EN_FRAUD = ["scam old people", "scam elderly people", "scam the elderly", "scam seniors", "con old people",
            "con the elderly", "defraud the elderly", "defraud old people", "defraud people", "scam people out of",
            "scam people online", "trick people into giving", "trick someone into giving", "steal someone's identity",
            "steal someone's credit card", "steal credit card numbers", "steal someone's money",
            "commit insurance fraud", "commit tax fraud", "commit credit card fraud", "commit identity theft",
            "run a ponzi scheme", "run a romance scam", "run a phishing scam", "write a phishing email",
            "make a phishing page", "a phishing email", "a phishing page", "a phishing site", "a phishing kit", "clone a credit card", "use a stolen credit card", "cash out stolen cards"]
EN_HACKING = [f"hack into {o}" for o in ("someone's", "my ex's", "my wife's", "my husband's", "my girlfriend's",
                                         "my boyfriend's", "my boss's", "my neighbor's", "my neighbour's", "his", "her",
                                         "a bank", "the bank", "a government", "the government", "a school", "the school",
                                         "a phone", "an email", "a computer", "a server", "a network", "a website",
                                         "a database", "a camera", "an account", "a wifi", "a hospital")] + ["hack someone's", "hack my ex's", "hack my girlfriend's", "hack my boyfriend's",
              "hack my wife's", "hack my husband's", "hack a wifi", "hack wifi", "hack my neighbor's wifi",
              "hack my neighbour's wifi", "crack a wifi password", "crack wifi passwords", "crack someone's password",
              "break into someone's account", "get into someone's account", "get into someone's email",
              "take over someone's account", "steal someone's password", "steal passwords", "bypass two-factor",
              "bypass 2fa on someone's", "ddos a website", "ddos someone", "write ransomware",
              "create ransomware", "make ransomware", "write malware", "create a keylogger", "install a keylogger",
              "deface a website", "sql injection payload", "reverse shell payload", "bypass antivirus", "evade antivirus",
              "hack a bank", "hack the government", "hack a school's"]
EN_PRIVACY = ["find someone's home address", "find someone's address", "find out where someone lives",
              "find out where she lives", "find out where he lives", "get someone's social security number",
              "get someone's ssn", "find someone's ssn", "get someone's bank details", "get someone's bank account",
              "get someone's credit card number", "dox someone", "doxx someone", "dox her", "dox him", "doxx her",
              "doxx him", "track someone's phone", "track my ex's", "track my wife's phone", "track my girlfriend's phone",
              "read someone's text messages", "read my wife's texts", "read my girlfriend's messages",
              "spy on my wife's phone", "spy on my husband's phone", "spy on someone's phone", "access someone's bank account",
              "get into my ex's"]
EN_EVADE = ["get away with killing", "get away with a hit and run", "dispose of a body",
            "hide a body", "get rid of a body", "get rid of the body", "evade the police", "escape from the police",
            "outrun the police", "destroy the evidence", "kill someone without",
            "poison someone", "poison my husband", "poison my wife", "poison my boss", "poison my neighbor", "make it look like an accident", "shoplift", "steal a car", "hotwire a car",
            "break into a house", "rob a bank", "rob a store", "mug someone"]
EN_SELF_HARM = ["kill myself", "end my life", "hang myself", "slit my wrists", "overdose on pills", "overdose on sleeping pills", "overdose on painkillers", "overdose on my meds", "commit suicide",
                "take my own life", "die painlessly"]
EN_SELF_HARM_VETO = EN_VETO + ["don't", "do not", "hotline", "helpline", "lifeline", "crisis", "988", "talk to someone",
                               "support", "therapist", "thoughts of", "stopped me", "stop", "not to", "want to live"]
EN_DEMANDS = ["give me your social security number", "send me your social security number", "send me your ssn",
              "give me your ssn", "give me your bank details", "send me your bank details", "send me your bank account",
              "give me your card number", "send me your card number", "give me your pin", "send me your pin",
              "tell me your password", "give me your password", "send me your password", "send me the verification code",
              "give me the verification code", "send me your id number", "give me your id number",
              "send me a photo of your id"]
EN_PRESSURE = ["or else", "or i will", "or i'll", "or you'll", "or your", "you'll regret", "if you don't", "unless you",
               "right now", "or you will", "i know where you live"]
EN_DEMAND_VETO = ["scam", "fraud", "never", "don't", "do not", "will never ask", "beware", "warning", "phishing"]
EN_THREATS = ["i will burn your house down", "i'll burn your house down", "i will break your legs", "i'll break your legs",
              "i will find your kids", "i know where your kids go to school", "i'll throw acid in your face",
              "i will throw acid in your face",
              "i'm going to stab you", "i am going to stab you", "i will hunt you down", "i'll hunt you down"]


def build(lib: Library) -> None:
    # --- zh: how-to/request marker + act (severity 3 only with the marker and without a warning word)
    # "炸弹" is also a drink, a bread and a haircut
    lib.add("A1d", "zh", ZH_EXPLOSIVES, 3, cooccur=ZH_HOW,
            exceptions=["黑火药配方一硝二磺三木炭"] + [f"{t}{x}" for t in ZH_EXPLOSIVES if t.endswith("炸弹")
                                                      for x in ("饮料", "酒", "鸡尾酒", "面包", "蛋糕", "头")])
    lib.add("A1d", "zh", ZH_CROWD_ATTACKS, 3, cooccur=ZH_HOW_OR_WHERE)
    # "去炸人多的地方" is the attack itself, said by the attacker: severity 3 alone unless a warning is near
    lib.add("A1d", "zh", ["去炸人多的地方", "炸死更多的人", "往人群里扔炸弹"], 3,
            cooccur=_rule(["炸", "扔炸弹"], ZH_VETO + ["新闻", "报道", "袭击者", "凶手"], 12))
    lib.add("A1h", "zh", ZH_WEAPONS_DRUGS, 3, cooccur=ZH_HOW_OR_WHERE)
    lib.add("A1b", "zh", ZH_STATE_SECRETS, 3, cooccur=ZH_HOW, exceptions="泄露国家秘密罪|泄露国家机密罪|泄露军事机密罪")
    lib.add("A1h", "zh", ZH_FRAUD, 3, cooccur=ZH_HOW)
    lib.add("A1h", "zh", ZH_HACKING, 3, cooccur=ZH_HOW)
    lib.add("A4f", "zh", [t for t in ZH_PRIVACY if "身份证" in t or "银行卡" in t], 3, cooccur=ZH_HOW_OR_WHERE)
    lib.add("A4e", "zh", [t for t in ZH_PRIVACY if "身份证" not in t and "银行卡" not in t], 3,
            cooccur=ZH_HOW_OR_WHERE)
    lib.add("A4e", "zh", ["开房记录", "别人的通话记录", "他的通话记录", "她的通话记录", "他的行踪", "她的行踪",
                          "别人的行踪"], 3, cooccur=_rule(ZH_HOWTO + ZH_WHERE + ["查", "调取"], ZH_VETO + ["泄露", "自己的"], 10))
    lib.add("A4a", "zh", ZH_SELF_HARM, 3, cooccur=_rule(["如何", "怎样", "教你", "教程", "步骤", "方法", "最快", "不痛苦",
                                                          "才能死", "哪种"], ZH_SELF_HARM_VETO, 8))
    # "盗号" is mostly victims ("被渣浪盗号了？怎么…"): only the tutorial and the tool
    lib.add("A1h", "zh", ["教你盗号", "盗号教程", "盗号方法", "盗号软件出售", "出售盗号软件", "盗号工具下载"], 3,
            exceptions="防盗号")
    # demands for someone's ID number / card / password under pressure or threat
    lib.add("A4f", "zh", ZH_DEMANDS, 3, cooccur=_rule(ZH_PRESSURE, ZH_DEMAND_VETO, 20))
    # threats of violence aimed at the reader
    lib.add("A4a", "zh", ZH_THREATS, 3)
    lib.add("A4a", "zh", ZH_THREATS_MEDIUM, 2, exceptions="不会杀你全家")

    # --- en
    lib.add("A1d", "en", EN_EXPLOSIVES, 3, cooccur=EN_HOW, exceptions=EN_BOMB_EXC)
    lib.add("A1d", "en", EN_CROWD_ATTACKS, 3, cooccur=EN_HOW)
    lib.add("A1h", "en", EN_BUY, 3, cooccur=EN_HOW_OR_WHERE)
    lib.add("A1h", "en", EN_MAKE_DRUGS, 3, cooccur=EN_HOW)
    lib.add("A1b", "en", EN_STATE_SECRETS, 3, cooccur=EN_HOW)
    lib.add("A1h", "en", EN_FRAUD, 3, cooccur=EN_HOW)
    lib.add("A1h", "en", EN_HACKING, 3, cooccur=EN_HOW)
    lib.add("A1h", "en", EN_EVADE, 3, cooccur=EN_HOW,
            exceptions=["steal a car's", "get away with killing it", "break into a house flipping", "break into a house market"])
    lib.add("A4f", "en", [t for t in EN_PRIVACY if any(w in t for w in ("ssn", "social security", "bank", "credit card"))], 3,
            cooccur=EN_HOW_OR_WHERE)
    lib.add("A4e", "en", [t for t in EN_PRIVACY if not any(w in t for w in ("ssn", "social security", "bank", "credit card"))],
            3, cooccur=EN_HOW_OR_WHERE)
    lib.add("A4a", "en", EN_SELF_HARM, 3, exceptions=["end my life insurance", "end my life lease"], cooccur=_rule(["how to", "how do i", "how can i", "best way to", "easiest way to",
                                                          "quickest way to", "painless way to", "most painless",
                                                          "method to", "methods to", "pills to"], EN_SELF_HARM_VETO, 30))
    lib.add("A4f", "en", EN_DEMANDS, 3, cooccur=_rule(EN_PRESSURE, EN_DEMAND_VETO, 60))
    lib.add("A4a", "en", EN_THREATS, 3)
