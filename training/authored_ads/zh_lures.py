"""Chinese fraud lures: task/刷单 jobs and "high income" bait (A1h), loan scams
(A1h), investment and pig-butchering bait (A1h), paid fake reviews (A3b)."""
from __future__ import annotations

import random

from common import contact, obfuscate_domain, pick, vague_contact

INCOME = ["日入三百到五百", "日赚500+", "月入过万不是梦", "日结200-800", "轻松月入三万", "一单一结，佣金5%-15%",
          "每天一小时，收入抵一月工资", "零成本日入千元", "时间自由，多劳多得，上不封顶"]
WHO = ["宝妈", "学生党", "上班族", "在家带娃的", "退休人员", "无业青年", "想搞副业的"]
TASKS = ["点赞关注", "刷单做任务", "给商家刷好评", "视频点赞", "垫付下单返佣", "抢单", "关注公众号", "手机打字录入",
         "APP下载注册", "刷浏览量", "看广告领红包"]
THRESHOLD = ["零门槛", "无需经验", "一部手机就能做", "不收任何费用", "当天上手当天赚钱", "新手有导师带"]


def _task(rng: random.Random) -> str:
    return rng.choice([
        f"【高薪兼职】招聘网络兼职{rng.randint(20, 99)}名，{'、'.join(pick(rng, TASKS, 2))}，{rng.choice(INCOME)}，"
        f"{rng.choice(THRESHOLD)}，{'、'.join(pick(rng, WHO, 3))}优先。{contact(rng)}",
        f"兼职刷单，{rng.choice(INCOME)}，先做三单体验单，本金加佣金立即返还。做完体验单拉进任务群，"
        f"{rng.choice(['大单佣金更高', '连续任务完成后统一返款', '接单需先垫付'])}。{contact(rng, 'wq')}",
        f"急招手机兼职！{rng.choice(TASKS)}，一单{rng.choice(['3元', '5元', '8元'])}，做满十单送{rng.choice(['20', '30'])}元，"
        f"{rng.choice(['支付宝秒结', '微信日结'])}。{rng.choice(['名额有限', '今日仅剩12个名额', '过时不候'])}，{contact(rng)}",
        f"在家就能做的工作：{rng.choice(TASKS)}。{rng.choice(INCOME)}，{rng.choice(THRESHOLD)}。"
        f"下载任务APP：{obfuscate_domain(rng)}，邀请码{rng.randint(100000, 999999)}。",
    ])


def _income(rng: random.Random) -> str:
    return rng.choice([
        f"{rng.choice(['不甘心一辈子打工', '还在为房贷发愁', '工资三千怎么活'])}？{rng.choice(['带你做个项目', '一个信息差项目', '躺赚项目'])}，"
        f"{rng.choice(INCOME)}，{rng.choice(['不用囤货不用拉人', '稳赚不赔', '我亲测三个月'])}。{vague_contact(rng)}",
        f"高薪诚聘{rng.choice(['公关', '商务伴游', '夜场模特', 'KTV公主'])}，{rng.choice(['日薪两千起', '月入五万', '当天结算'])}，"
        f"{rng.choice(['只要颜值好', '不要求学历', '包吃住包机票'])}，{rng.choice(['18-25岁女性', '形象气质佳'])}，{contact(rng, 'wqp')}",
        f"出国务工，{rng.choice(['东南亚', '海外园区', '境外'])}{rng.choice(['客服', '打字员', '游戏推广'])}，月薪{rng.choice(['两万', '三万', '一万五'])}起，"
        f"包机票包食宿，{rng.choice(['不需要护照', '我们帮你办手续', '落地就上岗'])}，{contact(rng, 'wt')}",
        f"招{rng.choice(['话务员', '网络推广', '聊天客服'])}，{rng.choice(['按业绩提成', '底薪八千加提成'])}，"
        f"{rng.choice(['话术培训', '给你准备好剧本'])}，{rng.choice(['只需要跟客户聊投资', '负责引导客户充值'])}，{contact(rng)}",
    ])


def _loan(rng: random.Random) -> str:
    amt = rng.choice(["五万", "十万", "二十万", "三千到五万", "五十万"])
    return rng.choice([
        f"急用钱找我们！无抵押贷款，{rng.choice(['黑户白户均可', '不看征信', '征信花了也能下', '逾期也能做'])}，"
        f"{rng.choice(['身份证就能办', '当天放款', '秒批秒到'])}，最高{amt}。{contact(rng)}",
        f"【小额贷款】{rng.choice(['无视征信', '不查大数据', '不押证件'])}，{amt}当天到账，"
        f"{rng.choice(['先交三百工本费', '需缴纳保证金验证还款能力', '放款前收取解冻费'])}，{contact(rng, 'wqp')}",
        f"您好，您有一笔{amt}元的备用金额度待领取，{rng.choice(['年化低至3.6%', '日息万一', '免息30天'])}，"
        f"点击{obfuscate_domain(rng)}立即提现，{rng.choice(['回T退订', '限时有效'])}。",
        f"网贷黑户秒批口子，{rng.choice(['不看负债', '学生也能下', '有身份证就行'])}，"
        f"{rng.choice(['包装流水', '做高征信', '代办信用卡'])}，{rng.choice(['成功后收费', '费用从放款里扣'])}。{vague_contact(rng)}",
        f"{rng.choice(['企业', '个人', '车主', '房主'])}资金周转，{rng.choice(['无抵押', '无担保'])}，{amt}，"
        f"{rng.choice(['内部渠道', '银行内部人员操作', '特殊通道'])}，{rng.choice(['百分百下款', '不成功不收费'])}，{contact(rng, 'wp')}",
    ])


def _invest(rng: random.Random) -> str:
    thing = rng.choice(["数字货币", "虚拟币合约", "外汇", "原油期货", "黄金", "港股打新", "区块链项目", "USDT搬砖"])
    return rng.choice([
        f"{thing}内幕消息，导师带单，{rng.choice(['胜率九成', '一个月翻十倍', '稳赚不赔', '保本保收益'])}，"
        f"{rng.choice(['免费进群学习', '前三天免费跟单'])}。{contact(rng, 'wqt')}",
        f"亲，我们是{rng.choice(['某证券', '某基金', '财经直播间'])}的{rng.choice(['助理', '客服'])}，"
        f"{rng.choice(['老师今晚直播讲牛股', '送您一支涨停潜力股'])}，拉您进{rng.choice(['VIP群', '股票交流群'])}，{contact(rng, 'wq')}",
        f"在{thing}平台投了{rng.choice(['两万', '五万', '八千'])}，{rng.choice(['一周赚了三万', '每天收益百分之三'])}，"
        f"{rng.choice(['提现秒到', '平台保本'])}，想了解的{vague_contact(rng)}，平台{obfuscate_domain(rng)}",
        f"认识一个做{thing}的{rng.choice(['哥哥', '姐姐'])}，{rng.choice(['他说有漏洞能稳赚', '带我操作了几单都赚了'])}，"
        f"你也可以注册{obfuscate_domain(rng)}，填我的邀请码，{rng.choice(['首充送20%', '新人送体验金'])}。",
    ])


def _review(rng: random.Random) -> str:
    return rng.choice([
        f"专业{rng.choice(['淘宝', '店铺', '外卖', '点评', '电商'])}刷单刷好评，{rng.choice(['真人真号', '不降权', '百分百安全'])}，"
        f"{rng.choice(['销量评价一条龙', '补单冲销量', '删差评'])}，{contact(rng)}",
        f"商家看过来：{rng.choice(['新店没流量', '差评太多', '排名上不去'])}？找我们{rng.choice(['刷销量', '刷五星', '代写好评'])}，"
        f"{rng.choice(['一条两元', '包月优惠', '效果看得见'])}，{contact(rng, 'wq')}",
    ])


def _refund(rng: random.Random) -> str:
    return rng.choice([
        f"您好，我是{rng.choice(['某宝', '快递', '某电商平台', '航空公司'])}客服，您购买的商品{rng.choice(['存在质量问题', '丢件了', '被误设为会员'])}，"
        f"我们将为您{rng.choice(['办理三倍赔偿', '退款', '取消扣费'])}，请{rng.choice(['加我企业微信', '下载会议软件共享屏幕', '点击链接填写银行卡'])}："
        f"{rng.choice([contact(rng, 'wq'), obfuscate_domain(rng)])}",
        f"【{rng.choice(['退税通知', 'ETC认证', '医保卡'])}】您的{rng.choice(['个税退款', 'ETC', '医保账户'])}{rng.choice(['待领取', '即将失效', '存在异常'])}，"
        f"请登录{obfuscate_domain(rng)}{rng.choice(['填写银行卡信息', '重新认证', '领取补贴'])}，逾期作废。",
    ])


def _pyramid(rng: random.Random) -> str:
    return rng.choice([
        f"{rng.choice(['国家扶持项目', '某某扶贫基金', '新型区块链公益'])}，入单{rng.choice(['三千', '五千', '一万'])}，"
        f"{rng.choice(['每天返息百分之二', '三个月翻倍', '拉一人奖励八百'])}，{rng.choice(['名额有限', '内部消息', '越早越赚'])}，{contact(rng)}",
        f"{rng.choice(['资金盘', '互助盘', '静态收益项目'])}刚开盘，{rng.choice(['前期进场的吃肉', '抓紧上车', '稳赚不赔'])}，"
        f"{rng.choice(['推荐一人拿一代奖', '团队长拿级差'])}，{vague_contact(rng)}，注册{obfuscate_domain(rng)}",
    ])


KINDS_A1H = [("refund", _refund, 20), ("pyramid", _pyramid, 15), ("task", _task, 25), ("income", _income, 20), ("loan", _loan, 25), ("invest", _invest, 20)]
KINDS_A3B = [("review", _review, 10)]
