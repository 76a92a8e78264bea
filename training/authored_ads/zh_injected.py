"""Spam injected into ordinary pages (hacked sites, forum signatures, SEO
link farms): an innocuous paragraph followed or interrupted by a gambling or
porn ad.  Web crawls are full of these, and the benign half must not hide them."""
from __future__ import annotations

import random

from common import contact, obfuscate_domain, vague_contact
import zh_gambling
import zh_porn

BENIGN = [
    "番茄炒蛋的关键是先把鸡蛋炒到七成熟盛出，再炒番茄出汁，最后回锅翻匀，加一点糖提鲜。",
    "今年秋天雨水偏多，小区门口那排银杏叶子黄得比往年晚了半个月，周末带孩子去捡了一袋子。",
    "电脑开机慢，可以先在任务管理器里关掉不需要的启动项，再清理一下磁盘，效果很明显。",
    "考研复习到最后一个月，建议把真题再做一遍，重点看错题，不要再开新的参考书。",
    "这款电饭煲用了半年，煮饭口感不错，就是内胆涂层有点容易刮花，建议用木勺。",
    "周末去爬了城郊的那座山，单程两个半小时，山顶风很大，记得带件外套。",
    "关于猫咪掉毛，每天梳一次毛能减少很多，换季的时候尤其要注意。",
    "今天的会议主要讨论下季度的排期，产品、研发和测试各自确认了里程碑。",
    "租房合同签之前一定要看清楚押金退还条款，最好拍照留存房屋现状。",
    "本帖整理了常见的手机拍照技巧：逆光时点一下人物脸部测光，夜景尽量用三脚架。",
    "小区业主群通知：本周六上午九点到十一点停水，请大家提前储水。",
    "这篇文章讲的是如何给多肉植物浇水，原则是见干见湿，夏天休眠期要控水。",
]


def _injected(rng: random.Random) -> str:
    benign = rng.choice(BENIGN)
    if rng.random() < 0.6:
        ad = rng.choice([zh_gambling._comment, zh_gambling._sms, zh_porn._site, zh_porn._comment])(rng)
    else:
        ad = rng.choice([
            f"友情链接：{rng.choice(zh_gambling.BRANDS)} {obfuscate_domain(rng)} | {rng.choice(zh_gambling.GAMES)}平台 | 注册送彩金",
            f"（本站赞助商：{rng.choice(zh_porn.SITES)}，{obfuscate_domain(rng)}，成人免费视频）",
            f"—— 签名：{rng.choice(zh_gambling.GAMES)}稳赚群，{contact(rng)}",
            f"【广告】{rng.choice(zh_gambling.BRANDS)}{rng.choice(zh_gambling.BONUS)}，{vague_contact(rng)}",
        ])
    style = rng.randrange(3)
    if style == 0:
        return benign + "\n" + ad
    if style == 1:
        return ad + "\n" + benign
    cut = len(benign) // 2
    return benign[:cut] + ad + benign[cut:]


KINDS = [("injected", _injected, 60)]
