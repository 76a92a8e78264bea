"""A4a/A4d abuse aimed at a person: insults addressed to someone, direct threats
of violence, and telling someone to kill themselves (same-day addition 2026-11-29).

The library had slurs and group hate but almost nothing said *to* a person.
Severity follows who the words are aimed at, not how rude they are:

* 3 - the insult or threat is addressed (``你这个傻逼``, ``you stupid bitch``,
  ``我要弄死你``, ``I'm going to kill you``) or an incitement to self-harm
  (``你怎么不去死``, ``just kill yourself``): enough on its own.
* 2 - phrases that are also banter, idiom or fiction (``你死定了``,
  ``you're dead meat``, ``I know where you live``): two of them, or the
  classifier, are needed.
* 1 - bare profanity (``傻逼``, ``fuck``, ``shit``): Weibo and reviews are full
  of it and it harms no one by itself; it only counts with classifier agreement.

Threats are A4a (endangering another's physical or mental health), insults
A4d (honour), the training pool's mapping of "offensive" speech.
"""
from build_default import Library, cat, fill

# ---------------- zh ----------------
ZH_ADDRESS = ["你这个", "你个", "你这", "你这种", "你们这些", "你就是个", "你真是个", "你他妈就是个", "你他妈的", "你丫就是个"]
# strong vulgar insults; mild ones (笨蛋, 混蛋, 白痴) are banter and fiction staples and stay out
ZH_INSULTS = ["傻逼", "傻B", "傻X", "煞笔", "沙比", "傻屌", "贱人", "贱货", "贱婊子", "婊子", "狗东西", "畜生", "畜牲", "杂种",
              "狗杂种", "王八蛋", "人渣", "脑残", "智障", "烂货", "骚货", "死肥猪", "蠢猪", "废物", "窝囊废", "狗娘养的",
              "下贱东西", "死三八", "臭婊子", "垃圾人"]
ZH_INSULT_PHRASES = ["傻逼东西", "贱人滚", "滚出去傻逼", "傻逼滚出去",
                     "傻逼滚远点", "你算什么东西", "你他妈算什么东西", "你就是个垃圾", "你是不是傻逼", "你是傻逼吗",
                     "你是不是脑残", "你脑子被狗吃了", "你全家死光", "你全家都是傻逼",
                     "操你祖宗", "操你全家", "草泥马的你", "日你先人", "干你娘",
                     "你个狗日的", "狗日的东西", "去你妈的傻逼", "你这条狗", "你这头猪", "你连狗都不如",
                     "你这种人渣", "闭上你的狗嘴", "闭嘴吧你个傻逼", "你就是个废物", "你这种废物"]
# 2026-11-29 corpus check: shouted at companies, exams and the world as often as at a person (腾讯我操你妈的,
# 想对世界说操你妈), 你妈死了 is also literal narration, the 玩意 phrases mostly mean a book or a product
ZH_INSULT_MEDIUM = ["操你妈", "草你妈", "肏你妈", "操你妈的", "你妈死了", "你妈炸了", "滚你妈的"]
ZH_PROFANITY = ["傻逼玩意", "傻逼玩意儿", "脑残玩意", "脑残玩意儿", "傻逼", "煞笔", "傻B", "傻X", "卧槽", "我操", "他妈的", "妈的", "狗日的", "贱人", "婊子", "去你妈的"]

ZH_THREAT_SUBJ = ["我要", "我会", "我一定", "我一定要", "老子要", "老子", "我迟早", "我今晚就", "我明天就", "信不信我",
                  "我现在就去", "我非", "我早晚"]
ZH_THREAT_ACTS = ["杀了你", "弄死你", "砍死你", "捅死你", "宰了你", "掐死你", "勒死你", "烧死你", "毒死你", "杀你全家",
                  "弄死你全家", "砍了你", "废了你", "打断你的腿", "泼你硫酸", "把你碎尸万段", "找人弄死你", "找人砍你",
                  "把你家烧了", "让你全家死光", "让你不得好死"]
# standalone: these only mean a threat (弄死你 is no idiom; 杀了你 is not standalone, 他杀了你的父亲 is narration)
ZH_THREAT_PHRASES = ["砍死你", "捅死你", "杀你全家", "灭你全家", "弄死你全家", "砍死你全家", "杀光你全家",
                     "让你全家死光", "让你全家陪葬", "把你碎尸万段", "找人弄死你", "找人砍死你", "出门就砍死你",
                     "你全家都得死", "等着给你收尸", "让你死无葬身之地", "我知道你家在哪我去弄死你", "泼你一脸硫酸"]
ZH_THREAT_MEDIUM = ["你死定了", "我知道你住哪", "我知道你家住哪", "你给我等着", "走夜路小心点", "小心你的狗命",
                    "打死你", "我要打死你"]

# 2026-11-29 corpus check: 蚊子蚊子你去死吧, break-up posts, 吃野味的赶紧去死 - a curse more than an incitement
ZH_SELF_HARM_MEDIUM = ["你去死吧", "赶紧去死", "你赶紧去死"]
ZH_SELF_HARM = ["你怎么不去死", "你咋不去死", "你为什么不去死", "你怎么还不死", "你咋还不死", "赶紧去自杀",
                "快去死吧", "去死吧你", "你还是去死吧", "你早点去死吧", "你去自杀吧", "建议你去自杀",
                "你这种人就该去死", "你这种人怎么还活着", "你死了算了", "你怎么不去跳楼", "你去跳楼吧", "跳楼吧你",
                "你活着就是浪费粮食", "你不配活着", "劝你早点自杀", "你还活着干嘛"]

# ---------------- en ----------------
EN_ADJ = ["you stupid", "you fucking", "you dumb", "you worthless", "you little", "you disgusting", "you pathetic",
          "you ugly", "you fat", "you filthy", "you useless", "you lying"]
EN_NOUNS = ["bitch", "cunt", "piece of shit", "motherfucker", "asshole", "dickhead", "whore", "slut", "retard",
            "scumbag", "twat", "bastard", "fuck", "prick", "skank", "douchebag", "son of a bitch"]
# "you" directly before a noun that is not also a verb ("did you bitch about it", "did you fuck up")
EN_BARE_YOU = ["cunt", "piece of shit", "motherfucker", "whore", "slut", "scumbag", "dickhead", "twat", "retard",
               "worthless piece of shit", "stupid bitch", "son of a bitch", "fucking idiot", "fucking moron", "dumb fuck",
               "stupid fuck", "fucking loser"]
EN_INSULT_PHRASES = ["fuck you", "go fuck yourself", "fuck off and die", "eat shit and die",
                     "you're a worthless piece of shit", "youre a worthless piece of shit", "you are a worthless piece of shit",
                     "you're a piece of shit", "you are a piece of shit", "you're a fucking idiot", "you are a fucking idiot",
                     "you're a stupid bitch", "you are a stupid bitch", "you're a waste of space", "you are a waste of oxygen",
                     "you're a waste of oxygen", "fuck you and your family", "fuck your mother",
                     "suck my dick bitch", "shut your fucking mouth", "your mom is a whore", "your mother is a whore"]
# idioms and titles: "fuck-you money", the songs called "Fuck You"
EN_INSULT_EXC = ["fuck you money", "fuck-you money", "fuck you by lily allen", "fuck you by cee lo green", "song fuck you",
                 "song called fuck you"]
# HateCheck's "profanity, not abuse" cases: told to shut the fuck up, babies that never shut the fuck up
EN_INSULT_MEDIUM = ["shut the fuck up"]
EN_PROFANITY = ["fuck", "fucking", "shit", "bitch", "cunt", "asshole", "motherfucker", "dickhead", "stfu", "bullshit"]

EN_THREAT_SUBJ = ["i will", "i'll", "ill", "i'm going to", "im going to", "i am going to", "i'm gonna", "im gonna",
                  "i swear i will", "i swear i'll", "i promise i will", "i'm coming to", "i will come and"]
EN_THREAT_ACTS = ["kill you", "murder you", "stab you", "slit your throat", "cut your throat",
                  "burn your house down", "break your legs", "beat you to death", "hunt you down", "find you and kill you",
                  "find you and hurt you", "rape you", "kill your family", "kill your kids", "kill you and your family",
                  "put a bullet in your head", "bash your head in", "strangle you", "gut you", "skin you alive"]
# "I'll kill you with kindness" is a song and an idiom; game chat is left to the classifier
EN_THREAT_EXC_TAIL = ["with kindness", "with my cooking", "with love"]
EN_THREAT_PHRASES = ["kill you and your family", "kill your whole family", "find you and kill you", "find you and hurt you",
                     "hunt you down and kill you", "put a bullet in your head", "slit your throat", "burn your house down with you in it",
                     "rape your mother", "rape your wife", "you will die tonight", "you're going to die tonight",
                     "you are going to die tonight", "i will end your life", "i know where you live and i will"]
EN_THREAT_MEDIUM = ["you're dead meat", "youre dead meat", "you are dead meat", "i know where you live",
                    "watch your back bitch", "you're a dead man", "you are a dead man", "sleep with one eye open"]

EN_SELF_HARM = ["just kill yourself", "why don't you kill yourself", "why dont you kill yourself",
                "why don't you just kill yourself", "why dont you just kill yourself", "please kill yourself",
                "kill yourself loser", "do everyone a favor and kill yourself", "do us all a favor and kill yourself",
                "go die in a hole", "go die in a fire", "go drink bleach", "drink bleach and die", "go hang yourself",
                "you should hang yourself", "neck yourself", "go jump off a bridge", "you should just die",
                "the world would be better without you", "everyone would be better off if you were dead",
                "nobody loves you just die", "go slit your wrists", "slit your wrists", "rope yourself", "kill urself",
                "kill yourself now", "just die already"]
EN_SELF_HARM_MEDIUM = ["go die", "i hope you die", "hope you die", "drop dead"]


def build(lib: Library) -> None:
    # ---------------- A4d insults addressed to a person ----------------
    lib.add("A4d", "zh", cat(ZH_ADDRESS, ZH_INSULTS), 3, exceptions=["你这个傻逼游戏", "你这种傻逼游戏"])
    lib.add("A4d", "zh", ZH_INSULT_PHRASES, 3)
    lib.add("A4d", "zh", ZH_INSULT_MEDIUM, 2)
    lib.add("A4d", "zh", ["狗东西", "贱货", "人渣", "王八蛋", "狗娘养的"], 2, exceptions=["小狗东西"])
    lib.add("A4d", "zh", ZH_PROFANITY, 1, exceptions=["贱人就是矫情"])
    lib.add("A4d", "en", cat(EN_ADJ, EN_NOUNS, sep=" "), 3)
    lib.add("A4d", "en", [f"you {n}" for n in EN_BARE_YOU], 3)
    lib.add("A4d", "en", EN_INSULT_PHRASES, 3, exceptions=EN_INSULT_EXC)
    lib.add("A4d", "en", EN_INSULT_MEDIUM, 2)
    lib.add("A4d", "en", EN_PROFANITY, 1)

    # ---------------- A4a direct threats of violence ----------------
    lib.add("A4a", "zh", ZH_THREAT_PHRASES, 3)
    lib.add("A4a", "zh", cat(ZH_THREAT_SUBJ, ZH_THREAT_ACTS), 3)
    lib.add("A4a", "zh", ZH_THREAT_MEDIUM, 2, exceptions=["打死你也", "打死你都", "打死你我也"])
    lib.add("A4a", "zh", ["弄死你"], 3, exceptions=["把我弄死你", "把他弄死你", "把她弄死你"])
    threats = cat(EN_THREAT_SUBJ, EN_THREAT_ACTS, sep=" ")
    lib.add("A4a", "en", threats, 3, exceptions=[t + " " + tail for t in threats if t.endswith("kill you")
                                                 for tail in EN_THREAT_EXC_TAIL])
    lib.add("A4a", "en", EN_THREAT_PHRASES, 3)
    lib.add("A4a", "en", EN_THREAT_MEDIUM, 2)

    # ---------------- A4a incitement to suicide or self-harm ----------------
    lib.add("A4a", "zh", ZH_SELF_HARM, 3)
    lib.add("A4a", "zh", ZH_SELF_HARM_MEDIUM, 2)
    lib.add("A4a", "en", EN_SELF_HARM, 3)
    lib.add("A4a", "en", EN_SELF_HARM_MEDIUM, 2, exceptions=["let it go die", "go die hard", "drop dead gorgeous",
                                                             "drop dead diva", "drop dead fred"])
