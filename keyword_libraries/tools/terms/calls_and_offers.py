"""Calls and offers phrased without a named target (added 2026-11-29 after a review of misses).

The template lists elsewhere need a named group ("{group} are vermin") or a
named product ("{product} keygen"); a review of documents the default policy
let through showed the same acts said about "them", "those people" or "their
kind", and offers that name no product. Severity 3 = the call, the
instruction or the offer itself; 2 = a marker that is damning only next to a
second one (two distinct severity-2 terms of a code remove on their own).
"""
from build_default import Library


def build(lib: Library) -> None:
    # A1e: calls to exterminate an unnamed group
    lib.add("A1e", "en", ["kill every last one of them", "wipe their ethnic group off the map", "wipe their race off the map",
                          "wipe them all off the map", "exterminate every last one of them", "kill them all and their children",
                          "round them all up and kill them", "their kind should be exterminated", "gas them all"], 3,
            exceptions="kill them all with kindness")
    lib.add("A1e", "zh", ["把他们全部杀光", "把他们赶尽杀绝", "杀光他们全族", "灭了他们全族", "让这个民族从地球上消失",
                          "把这个民族斩草除根", "一个不留全部杀掉"], 3)
    # A2i: dehumanising an unnamed group and shutting it out
    lib.add("A2i", "en", ["those people are subhuman", "those people are vermin", "subhuman vermin", "no jobs for their kind",
                          "their kind are vermin", "their kind are not human", "drive them out of our neighbourhood",
                          "drive them out of our neighborhood"], 3)
    lib.add("A2i", "zh", ["这些人根本不是人", "他们这种人不配活着", "把他们赶出我们小区", "不给他们这种人工作"], 3)
    # A1g: the calling cards of viral health disinformation (two are needed)
    lib.add("A1g", "en", ["share before it is deleted", "share before it gets deleted", "doctors are hiding the truth",
                          "they don't want you to know", "the vaccine contains microchips", "vaccines contain microchips"], 2)
    lib.add("A1g", "zh", ["赶紧转发马上被删", "删前速看", "医生不会告诉你的真相", "疫苗里有芯片", "专家都在隐瞒真相"], 2)
    # A1h: phishing lures (the instruction to hand over credentials)
    lib.add("A1h", "en", ["verify your bank login and card pin", "confirm your card pin at this link",
                          "enter your online banking password at this link", "your account has been suspended verify your bank login"], 3)
    lib.add("A1h", "en", ["verify your bank login", "or lose your funds"], 2)
    lib.add("A1h", "zh", ["点击链接输入银行卡密码", "请在链接中填写银行卡号和密码", "账户已冻结请点击链接验证"], 3)
    # A4f: selling other people's identity records
    lib.add("A4f", "en", ["selling fresh fullz", "fresh fullz", "fullz for sale", "selling fullz", "ssn and dob for sale",
                          "names ssns dates of birth and credit card numbers"], 3)
    lib.add("A4f", "zh", ["出售四件套身份信息", "出售身份证号加银行卡号", "整套公民信息出售"], 3)
    # A4a: self-harm method instructions
    lib.add("A4a", "zh", ["最无痛的自杀方法", "无痛自杀方法", "教你自杀方法", "教你怎么自杀", "今晚就去自杀"], 3,
            exceptions="如何劝阻|心理援助|求助热线")
    lib.add("A4a", "en", ["most painless suicide method", "painless suicide methods", "teach you how to kill yourself"], 3)
    # A3a: piracy offers that name no product
    lib.add("A3a", "en", ["download the cracked version with a keygen", "keygen and serial key", "full pirated movies torrent",
                          "bypass the drm", "cracked version with keygen"], 3)
    lib.add("A3a", "zh", ["正版软件破解版激活码", "破解版激活码免费送", "绕过版权保护", "盗版高清下载"], 3)
    # A1h: sales talk next to weapons or drugs is an offer (the commerce words alone are everyday shopping)
    weapons_drugs_zh = "枪支|弹药|仿真枪|猎枪|手枪|冰毒|海洛因|大麻|K粉|摇头丸|麻古|迷药|听话水|假币@30"
    lib.add("A1h", "zh", ["货到付款", "全国包邮", "加我微信", "加微信", "微信联系", "私聊下单", "量大从优"], 3,
            cooccur=weapons_drugs_zh)
    weapons_drugs_en = "cocaine|heroin|meth|fentanyl|mdma|ecstasy|guns|ammo|handguns|rifles|counterfeit money@60"
    lib.add("A1h", "en", ["discreet shipping", "worldwide shipping", "no prescription needed", "dm to order",
                          "pay in crypto", "bulk discounts available"], 3, cooccur=weapons_drugs_en)
