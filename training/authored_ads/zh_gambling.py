"""Chinese online-gambling promotion (A1h): sign-up bonuses, deposit offers,
rebates, agent recruitment, "winning plans", SMS and SEO spam."""
from __future__ import annotations

import random

from common import contact, obfuscate_domain, pick, vague_contact

BRANDS = ["鸿运国际", "金樽娱乐", "盛世棋牌", "星耀娱乐", "天宝国际", "博发娱乐", "聚宝盆娱乐", "皇家御龙", "金殿国际", "富贵棋牌",
          "乐享娱乐城", "鼎丰国际", "大富豪娱乐", "凯旋娱乐", "财神到棋牌", "银河星城", "金狮娱乐", "红运来", "尊龙会", "顺发娱乐",
          "威尔斯国际", "亚太娱乐城", "旺财棋牌", "盈丰国际", "海豚娱乐", "万豪汇"]
GAMES = ["百家乐", "龙虎斗", "牛牛", "炸金花", "时时彩", "北京赛车", "幸运飞艇", "PC28", "真人视讯", "电子老虎机", "体育竞猜",
         "德州扑克", "捕鱼", "快三", "六合彩", "骰宝", "21点", "轮盘"]
BONUS = ["注册送38元", "注册就送58彩金", "新人注册送88元体验金", "注册即送18元，无需充值", "首充100送100", "首存送50%",
         "首充就送388", "每日首存加赠15%", "充值一百送一百，三倍流水即可提", "注册送彩金，绑卡再送28"]
REBATE = ["天天返水1.5%", "无限级返水", "输了也有返水", "日返水最高2%", "周周返水不封顶", "投注即返水，秒到账",
          "亏损救援金最高5888", "每周一亏损返10%"]
PAYOUT = ["提款秒到账", "大额无忧，日出千万", "支持支付宝、微信、USDT充值", "三分钟到账，不限次数", "出款快，信誉第一",
          "不卡单不黑钱", "百万提款无压力", "24小时在线出款"]
TRUST = ["老牌平台，运营十年", "菲律宾正规牌照", "亚洲顶级信誉平台", "大平台不怕你赢", "实体担保，资金安全", "官方直营，非代理盘",
         "已服务上百万会员"]
EXPERIENCES = ["上个月靠它还了信用卡", "前天一晚上翻了三倍", "昨天小投入拿了两千", "跟着计划打了一周，没亏过",
               "以前在别的平台被黑过，这个出款真快", "下班玩两把，比上班强", "朋友带我进来的，现在已经回本了"]


def _sms(rng: random.Random) -> str:
    b = rng.choice(BRANDS)
    return (f"【{b}】尊敬的会员，您的账户已到账{rng.choice(['18', '28', '38', '58', '88', '128'])}元体验金，"
            f"{rng.choice(['请于今晚24点前', '请在三日内', '请于本周日前', '请在48小时内', '即刻'])}登录{obfuscate_domain(rng)}领取。"
            f"{rng.choice(BONUS)}，{rng.choice(REBATE)}。{rng.choice(['回T退订', '退订回N', '拒收请回复R'])}")


def _forum(rng: random.Random) -> str:
    g = rng.choice(GAMES)
    lines = [rng.choice(["兄弟们，", "说句实在话，", "不吹不黑，", "给大家分享一个好东西，", "还在死工资的朋友看过来，", ""]) +
             f"最近在{rng.choice(BRANDS)}玩{g}，{rng.choice(EXPERIENCES)}。",
             "、".join(pick(rng, BONUS + REBATE + PAYOUT, 3)) + "。",
             f"网址：{obfuscate_domain(rng)}" + rng.choice(["（复制到浏览器打开）", "（防屏蔽，手动输入）", "", "，被墙了就换备用"]),
             rng.choice([contact(rng), vague_contact(rng), f"不会玩的{contact(rng)}，手把手教"])]
    if rng.random() < 0.5:
        lines.insert(2, rng.choice(TRUST) + "。")
    return "\n".join(lines) if rng.random() < 0.5 else "".join(lines)


def _seo(rng: random.Random) -> str:
    b = rng.choice(BRANDS)
    parts = [f"{b}官网", f"{b}app下载", f"{rng.choice(GAMES)}平台", f"{b}注册送{rng.choice(['18', '38', '88'])}元",
             f"{rng.choice(GAMES)}网址", f"正规{rng.choice(GAMES)}", f"{b}登录入口", "线上娱乐城", f"{rng.choice(GAMES)}技巧"]
    rng.shuffle(parts)
    head = "_".join(parts[:5]) if rng.random() < 0.5 else "|".join(parts[:5])
    body = (f"{b}（{obfuscate_domain(rng)}）是{rng.choice(TRUST)}，为玩家提供{'、'.join(pick(rng, GAMES, 4))}等上百款游戏，"
            f"{rng.choice(BONUS)}，{rng.choice(REBATE)}，{rng.choice(PAYOUT)}。立即注册，开启您的财富之旅！")
    return head + "\n" + body


def _agent(rng: random.Random) -> str:
    b = rng.choice(BRANDS)
    return rng.choice([
        f"【诚招代理】{b}全网招募推广代理，零投资，{rng.choice(['佣金最高55%', '占成最高60%', '下线流水永久分成', '日结佣金'])}，"
        f"有流量有资源的私聊，宝妈学生上班族均可。{contact(rng)}",
        f"招代理！{b}{rng.choice(GAMES)}平台，拉人注册充值就有提成，一个下线每月躺赚几千。团队扶持，话术素材全给。"
        f"{contact(rng)}，备注代理。",
        f"想做副业的看过来，推广{rng.choice(GAMES)}游戏，会员输多少你分多少，{rng.choice(['周结', '日结', '实时到账'])}。"
        f"官网{obfuscate_domain(rng)}，{contact(rng, 'wqt')}",
    ])


def _plan(rng: random.Random) -> str:
    g = rng.choice(["时时彩", "北京赛车", "幸运飞艇", "PC28", "快三", "百家乐"])
    return rng.choice([
        f"{g}稳赚计划群，导师一对一带单，{rng.choice(['准确率95%以上', '连中十期', '每天稳稳500+', '不中包赔'])}。"
        f"进群先送计划，跟单平台{obfuscate_domain(rng)}，{contact(rng)}",
        f"今晚{g}必中号码已出，上期带大家吃了{rng.choice(['三把', '五连红', '一个大的'])}！没跟上的兄弟赶紧，"
        f"{vague_contact(rng)}，平台注册送彩金，{rng.choice(REBATE)}。",
        f"{g}倍投技巧：一期不中下一期翻倍，只要本金够就不会输。我们平台{rng.choice(BONUS)}，"
        f"{rng.choice(PAYOUT)}，{contact(rng)}。",
    ])


def _lottery(rng: random.Random) -> str:
    n = rng.randint(1, 49)
    return rng.choice([
        f"第{rng.randint(100, 360):03d}期六合彩特码资料：{rng.choice(['单双', '大小', '生肖'])}已出，内部三中三，高手论坛"
        f"{obfuscate_domain(rng)}，买马请{contact(rng)}，一赔四十八，现金结算。",
        f"香港六合彩开奖直播，{n}号特码准到爆！免费资料每天更新，下注找{contact(rng, 'wq')}，"
        f"{rng.choice(['网上投注，秒结算', '可赊账', '信誉庄家，不跑路'])}。",
    ])


def _sports(rng: random.Random) -> str:
    team = rng.choice(["主队", "客队", "上盘", "下盘"])
    league = rng.choice(["欧冠", "英超", "世界杯", "西甲", "NBA", "亚冠", "欧洲杯", "意甲"])
    return rng.choice([
        f"{league}今晚焦点战分析：{team}让一球半，亚盘看好{rng.choice(['主胜', '客胜', '大球', '小球'])}。"
        f"推荐在{rng.choice(BRANDS)}下注，{rng.choice(BONUS)}，{rng.choice(PAYOUT)}。{contact(rng)}",
        f"外围{league}赛事开户，足球篮球电竞全盘口，水位全网最高，{rng.choice(REBATE)}。"
        f"{obfuscate_domain(rng)}，{contact(rng, 'wqt')}",
        f"足球推荐群，专业团队研究{league}，近期胜率八成。跟单平台注册就送{rng.choice(['38', '58', '88'])}，"
        f"{vague_contact(rng)}。",
    ])


def _chess(rng: random.Random) -> str:
    b = rng.choice(BRANDS)
    return rng.choice([
        f"{b}，真人在线{'、'.join(pick(rng, ['斗地主', '炸金花', '牛牛', '麻将', '跑得快', '德州'], 3))}，"
        f"上分下分秒到账，{rng.choice(['一元一分', '五毛一分', '十元起玩'])}，诚信第一。{contact(rng)}",
        f"找麻将搭子，线上{rng.choice(['血战到底', '红中麻将', '推倒胡'])}，现金房，"
        f"{rng.choice(['上下分找群主', '微信转账上分', '输赢现结'])}，{contact(rng, 'wq')}，人够就开。",
        f"【{b}】棋牌上分群，24小时有局，{rng.choice(['一分一块', '底分五块', '大小局都有'])}，"
        f"老板都很爽快，赢了随时下分。进群{contact(rng)}",
    ])


def _chat(rng: random.Random) -> str:
    d = obfuscate_domain(rng)
    return "\n".join([
        rng.choice(["A：在吗？", "A：哥们最近干嘛呢", "A：还在那个厂上班？"]),
        rng.choice(["B：在，咋了", "B：还那样，工资太低", "B：混日子呗"]),
        f"A：给你推荐个来钱快的，{rng.choice(GAMES)}，我上周赢了{rng.choice(['八千', '一万二', '五千多'])}",
        rng.choice(["B：靠谱吗，别是骗子", "B：这不是赌博吗", "B：怎么玩的"]),
        f"A：大平台，{rng.choice(PAYOUT)}，{rng.choice(BONUS)}，你先注册玩玩，网址{d}",
        f"A：注册填我邀请码{rng.randint(10000, 99999)}，还能多送{rng.choice(['18', '28'])}",
    ])


def _comment(rng: random.Random) -> str:
    return rng.choice([
        f"{rng.choice(['说得太对了', '楼主好人', '路过顶一下', '学到了'])}。顺便说一句，想赚零花钱的试试{rng.choice(GAMES)}，"
        f"{rng.choice(BONUS)}，{obfuscate_domain(rng)}",
        f"{rng.choice(['看完视频', '刷到这里', '评论区'])}的家人们，{rng.choice(BRANDS)}{rng.choice(BONUS)}，{vague_contact(rng)}",
        f"同城{rng.choice(['打牌', '扎金花', '推牌九'])}的局，{rng.choice(['每晚八点', '周末通宵', '天天有'])}，"
        f"场子安全有人接送，{contact(rng, 'wp')}",
    ])


def _hongbao(rng: random.Random) -> str:
    return rng.choice([
        f"红包扫雷群，{rng.choice(['十包一雷', '七包一雷', '五包'])}，{rng.choice(['一倍赔付', '中雷赔1.5倍', '赔率全网最高'])}，"
        f"{rng.choice(['群主担保', '24小时有人发', '充值上分秒到'])}，{rng.choice(['新人进群送十元', '进群先发一个包'])}。{contact(rng, 'wq')}",
        f"{rng.choice(['接龙', '牛牛', '扫雷'])}红包群招人，{rng.choice(['五十起发', '一百起发', '大小都有'])}，"
        f"{rng.choice(['抢到最小的发下一个', '尾数定输赢', '比点数大小'])}，{rng.choice(['输赢现结', '群主抽水百分之五'])}，"
        f"{vague_contact(rng)}",
    ])


KINDS = [("hongbao", _hongbao, 14), ("sms", _sms, 14), ("forum", _forum, 20), ("seo", _seo, 12), ("agent", _agent, 12), ("plan", _plan, 14),
         ("lottery", _lottery, 8), ("sports", _sports, 12), ("chess", _chess, 10), ("chat", _chat, 8),
         ("comment", _comment, 10)]
RISKS = ["A1h"]
