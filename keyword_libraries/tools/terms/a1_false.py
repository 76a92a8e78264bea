"""A1g: dissemination of false and harmful information.

Rumour-spreading formulas, fabricated emergencies and dangerous health
misinformation.  Debunking articles quote the same claims, so most claims are
severity 2; miracle-cure sales pitches with a time promise are severity 3.
"""
from build_default import Library, cat, fill

DISEASES = ["癌症", "糖尿病", "高血压", "艾滋病", "乙肝", "白血病", "红斑狼疮", "牛皮癣", "痛风", "不孕不育", "近视", "白癜风",
            "阿尔茨海默病", "帕金森", "肝硬化", "尿毒症", "癫痫", "抑郁症", "哮喘", "肺癌", "胃癌", "肝癌", "乳腺癌", "新冠肺炎",
            "脑梗", "鼻炎", "前列腺炎", "甲亢", "类风湿", "肾衰竭"]


def build(lib: Library) -> None:
    lib.add("A1g", "zh", cat(["包治", "三天治好", "七天治愈", "一周根治", "一个疗程根治", "祖传秘方治", "偏方根治", "彻底根治",
                              "百分百治愈", "无需手术根治"], DISEASES), 3)
    lib.add("A1g", "zh", cat(["根治", "治愈", "彻底治愈"], DISEASES), 1)
    lib.add("A1g", "zh", cat(["喝醋", "吃大蒜", "喝绿豆汤", "喝板蓝根", "喝小苏打水", "喝碱性水", "喝尿", "喝童子尿", "喝酒精",
                              "喝盐水", "吃生姜", "熏艾草", "喝消毒液", "喝高度白酒"],
                             ["能治癌症", "能防新冠", "能杀死癌细胞", "治百病", "能杀死病毒", "预防病毒感染"]), 2)
    lib.add("A1g", "zh", cat(["疫苗", "新冠疫苗", "流感疫苗", "HPV疫苗", "5G基站", "转基因食品", "微波炉加热的食物"],
                             ["致癌", "导致自闭症", "导致不孕", "会改变基因", "是灭绝人口的阴谋", "里有芯片", "会杀人"]), 2)
    lib.add("A1g", "zh", cat(["紧急通知", "最新消息", "内部消息", "权威消息", "刚刚得到消息"],
                             ["明天将发生大地震", "自来水已被污染", "核电站发生泄漏", "病毒已经泄漏", "全城即将封锁",
                              "银行即将倒闭", "存款即将冻结", "食盐将要断货", "超市即将关门", "大米要涨价赶紧囤"]), 2)
    lib.add("A1g", "zh", cat(["编造", "散布", "捏造", "炮制", "故意传播", "恶意传播"],
                             ["虚假险情", "虚假疫情", "虚假警情", "虚假灾情", "虚假恐怖信息", "谣言", "虚假新闻", "假新闻",
                              "虚假信息", "不实信息", "虚假视频"]), 2,
            exceptions="编造、故意传播虚假恐怖信息罪|编造虚假恐怖信息罪")
    lib.add("A1g", "zh", ["不转不是中国人", "转发救人", "紧急扩散", "速转", "看完请转发", "赶紧转发给家人", "删前速看",
                          "马上就要被删了", "国外都疯传了", "专家紧急提醒千万别", "千万别再吃了", "朋友圈疯传",
                          "转给你在乎的人", "明天就删", "一定要转给父母", "央视已证实", "官方已证实速转",
                          "伪造红头文件", "伪造政府公文", "假冒官方通报", "冒充官方发布", "AI换脸冒充", "深度伪造视频冒充",
                          "医院不会告诉你", "医生不会告诉你的秘密", "癌症克星", "抗癌神药", "神药包治", "特效药包治百病",
                          "包治百病", "祖传秘方", "无效全额退款", "一针见效永不复发", "西医治不好的病", "疫苗是毒药",
                          "病毒是人为制造投放", "地震云预报地震", "某地将发生大地震速撤离"], 2,
            exceptions="辟谣|谣言粉碎机")
    lib.add("A1g", "zh", ["谣言", "传谣", "造谣"], 1)

    subjects = ["bleach", "drinking bleach", "mms", "miracle mineral solution", "colloidal silver", "baking soda",
                "turpentine", "urine therapy", "hydrogen peroxide", "apricot kernel", "essential oil", "alkaline water",
                "garlic", "ivermectin", "vitamin c megadose", "chlorine dioxide"]
    lib.add("A1g", "en", fill(["{} cures cancer", "{} kills cancer cells", "{} cures covid", "{} prevents covid",
                                "{} cures diabetes", "{} cures autism", "{} cures hiv", "{} cures all diseases"], subjects), 2)
    lib.add("A1g", "en", fill(["cure {} in 3 days", "cure {} in a week", "cure {} naturally in days", "reverse {} in 30 days",
                                "secret cure for {} big pharma hides", "guaranteed cure for {}"],
                               ["cancer", "diabetes", "hiv", "aids", "autism", "alzheimer's", "parkinson's", "leukemia",
                                "hepatitis b", "lupus", "psoriasis", "kidney failure", "heart disease", "covid", "asthma"]), 3)
    lib.add("A1g", "en", fill(["{} cause autism", "{} cause cancer", "{} contain microchips", "{} alter your dna",
                                "{} are killing people", "{} cause infertility", "{} are a depopulation plot", "{} are poison"],
                               ["vaccines", "covid vaccines", "flu shots", "mrna vaccines"]), 2)
    lib.add("A1g", "en", fill(["{} spreads coronavirus", "{} causes covid", "{} causes cancer", "{} is a mind control weapon"],
                               ["5g", "5g radiation", "the 5g network"]), 2)
    lib.add("A1g", "en", fill(["{} fake news", "{} false rumors", "{} fake emergency alerts", "{} hoax bomb threats",
                                "{} false information about the epidemic", "{} fake government notices", "{} false disaster reports",
                                "{} deepfake videos", "{} fake earthquake warnings"],
                               ["spread", "spreading", "fabricate", "fabricating", "invent", "inventing"]), 2)
    lib.add("A1g", "en", ["share before it gets deleted", "share before they delete this", "the media won't tell you",
                          "forward this to everyone you know", "urgent warning share now", "doctors hate this one trick",
                          "what doctors don't want you to know", "big pharma is hiding the cure", "the pandemic is a hoax",
                          "covid is a hoax", "plandemic", "chemtrails are poisoning us", "crisis actors", "false flag shooting",
                          "the shooting was staged", "fluoride is mind control", "drink bleach", "miracle cure",
                          "cancer cure they don't want you to know", "banned cure", "fake cure"], 2)
    lib.add("A1g", "en", ["hoax", "misinformation", "disinformation", "conspiracy"], 1)
