"""Chinese sales posts for contraband: drugs and weapons (A1h), forged
documents and invoices (A1h), bank-card/SIM "two cards" trade (A1h), and
personal-data selling (A4f).  Sales pitches only: nothing actionable."""
from __future__ import annotations

import random

from common import contact, pick, vague_contact

DRUGS = ["冰", "叶子", "K", "麻古", "邮票", "蘑菇", "糖果", "咖啡包", "奶茶包", "神仙水", "彩虹烟", "猪肉", "白的", "肉",
         "上头电子烟", "听话水", "G水"]
DRUG_TALK = ["纯度高", "劲大", "一手货", "质量保证", "回头客多", "试了就知道", "不上头不要钱"]
SHIP = ["同城闪送", "快递包邮", "夹带发货", "真空包装过安检", "顺丰隐秘发货", "当面交易", "放指定地点自取"]
GUNS = ["气狗", "钢珠枪", "仿真枪", "PCP", "气枪", "火药枪", "军用弩", "弓弩", "电击器", "改装枪", "高压打鸟枪", "手枪模型（可发射）"]
GUN_TALK = ["威力大", "精度高", "打穿木板", "配件齐全", "可改装", "一把即用", "带消音"]
DOCS = ["毕业证", "学位证", "身份证", "驾驶证", "护照", "结婚证", "房产证", "营业执照", "公章", "健康证", "资格证", "职称证",
        "病历诊断证明"]
DOC_TALK = ["学信网可查", "与真证一模一样", "防伪齐全", "可过机器", "官网可查", "三天出证", "全国包邮"]
INVOICES = ["增值税发票", "普通发票", "专票", "餐饮发票", "住宿发票", "差旅发票"]
CARDS = ["银行卡四件套", "对公账户", "二类卡", "实名手机卡", "U盾", "企业三件套", "境外卡", "收款码", "支付宝实名号"]
DATA = ["新生儿家长信息", "业主信息", "车主信息", "股民名单", "贷款客户资料", "快递单号数据", "学生家长电话",
        "医美客户资料", "网购记录", "酒店开房记录", "手机号实名查询", "身份证号码查询", "银行流水查询", "定位查人"]


def _drugs(rng: random.Random) -> str:
    d = rng.choice(DRUGS)
    return rng.choice([
        f"有{d}，{'，'.join(pick(rng, DRUG_TALK, 2))}，{rng.choice(SHIP)}，{rng.choice(['新客有优惠', '量大从优', '一克起拿'])}。{contact(rng, 'wtq')}",
        f"【{rng.choice(['溜冰', '嗨', '飞'])}的来】{d}{rng.choice(['到货', '新到一批', '补货了'])}，{rng.choice(DRUG_TALK)}，"
        f"{rng.choice(SHIP)}，{rng.choice(['只做熟人', '暗号：天气不错', '新人需老客介绍'])}，{vague_contact(rng)}",
        f"出{d}和{rng.choice([x for x in DRUGS if x != d])}，{rng.choice(['夜场专用', '派对必备', '提神助兴'])}，"
        f"{rng.choice(SHIP)}。{contact(rng, 'wt')}，{rng.choice(['不聊废话', '诚心要的来', '钓鱼的绕道'])}。",
        f"想{rng.choice(['放松', '找刺激', '通宵不困'])}的朋友，{d}{rng.choice(['现货', '一手'])}，{rng.choice(DRUG_TALK)}，"
        f"{rng.choice(['比酒带劲', '保证上头'])}，{rng.choice(SHIP)}，{contact(rng)}",
    ])


def _weapons(rng: random.Random) -> str:
    g = rng.choice(GUNS)
    return rng.choice([
        f"出{g}，{'，'.join(pick(rng, GUN_TALK, 2))}，{rng.choice(['配五百发钢珠', '送瞄准镜', '原厂配件'])}，"
        f"{rng.choice(['分件发货', '拆散邮寄', '物流不查'])}。{contact(rng, 'wtq')}",
        f"户外{rng.choice(['打猎', '打鸟', '防身'])}神器{g}，{rng.choice(GUN_TALK)}，{rng.choice(['无需证件', '不用登记', '私下交易'])}，"
        f"{rng.choice(['货到付款', '先付定金'])}，{vague_contact(rng)}",
        f"专业改装{rng.choice(['气枪', '仿真枪', '玩具枪'])}，{rng.choice(['提升威力', '改成能打钢珠', '加装膛线'])}，"
        f"{rng.choice(['包教包会', '寄来改装', '成品直接发'])}，{contact(rng, 'wt')}",
        f"{rng.choice(['管制刀具', '开刃军刺', '甩棍', '弹簧刀'])}{rng.choice(['批发零售', '一件代发'])}，{rng.choice(['过安检不查', '可随身携带'])}，"
        f"另有{g}，{contact(rng)}",
    ])


def _docs(rng: random.Random) -> str:
    d = rng.choice(DOCS)
    return rng.choice([
        f"办证：{'、'.join(pick(rng, DOCS, 4))}，{'，'.join(pick(rng, DOC_TALK, 2))}，{rng.choice(['先做后付', '不满意不收费'])}。"
        f"{contact(rng, 'wqp')}",
        f"{rng.choice(['学历不够', '找工作被卡学历', '考不上'])}？{rng.choice(['本科', '硕士', '大专'])}{d}{rng.choice(DOC_TALK)}，"
        f"{rng.choice(['七天拿证', '包过审核', '不用考试'])}，{contact(rng)}",
        f"代开{'、'.join(pick(rng, INVOICES, 3))}，{rng.choice(['可查验', '真票', '税务局可查'])}，"
        f"{rng.choice(['点数优惠', '1.5个点', '量大点数低'])}，{contact(rng, 'wq')}",
        f"刻{rng.choice(['公章', '财务章', '合同章'])}、做{d}，{rng.choice(DOC_TALK)}，{rng.choice(['加急当天', '全国快递'])}，"
        f"{vague_contact(rng)}",
    ])


def _cards(rng: random.Random) -> str:
    c = rng.choice(CARDS)
    return rng.choice([
        f"高价收{c}，{rng.choice(['一套八百', '一套一千五', '月租三千'])}，{rng.choice(['只用一个月', '用完注销', '不影响征信'])}，"
        f"{rng.choice(['学生优先', '本人到场签字', '无需本人到场'])}。{contact(rng, 'wt')}",
        f"出{c}，{rng.choice(['一手实名', '全新未用', '过人脸'])}，{rng.choice(['跑分专用', '走流水', '接大额'])}，"
        f"{rng.choice(['包售后', '死卡包赔'])}，{contact(rng, 'tq')}",
        f"跑分平台招人，{rng.choice(['用你的收款码', '用你的银行卡'])}帮平台收款，{rng.choice(['佣金千分之五', '日赚几百'])}，"
        f"{rng.choice(['零风险', '合法合规'])}，{contact(rng)}",
    ])


def _data(rng: random.Random) -> str:
    dd = rng.choice(DATA)
    return rng.choice([
        f"出售{dd}，{rng.choice(['含姓名电话住址', '精准到小区', '实时更新'])}，{rng.choice(['一万条起售', '五毛一条', '按省份打包'])}，"
        f"{rng.choice(['装修保险教育行业可用', '精准营销'])}，{contact(rng, 'qwt')}",
        f"{rng.choice(['查人', '查档', '查开房', '查户籍'])}服务：{'、'.join(pick(rng, DATA[10:], 2))}，"
        f"{rng.choice(['只要一个手机号', '给个名字就能查'])}，{rng.choice(['半小时出结果', '保密'])}，{contact(rng)}",
        f"社工库数据更新，{rng.choice(['几十亿条', '各大平台泄露数据'])}，{dd}、{rng.choice(DATA)}都有，"
        f"{rng.choice(['包月会员', '按条收费'])}，{vague_contact(rng)}",
    ])


def _money(rng: random.Random) -> str:
    return rng.choice([
        f"出{rng.choice(['高仿', '一比一', '最新版'])}{rng.choice(['人民币', '百元大钞', '美金'])}，{rng.choice(['水印安全线齐全', '可过验钞机', '手感一模一样'])}，"
        f"{rng.choice(['一比十', '一比八', '量大一比十五'])}，{contact(rng, 'wt')}",
        f"{rng.choice(['道具币', '影视道具钞'])}批发，{rng.choice(['能花出去', '小卖部夜市随便用', '过机器不响'])}，{contact(rng, 'wq')}",
    ])


def _exam(rng: random.Random) -> str:
    ex = rng.choice(["四六级", "驾照科目一", "会计证", "教师资格证", "成人高考", "自考", "二建", "公务员考试"])
    return rng.choice([
        f"{ex}代考替考，{rng.choice(['包过', '不过退款', '高分保过'])}，{rng.choice(['专业枪手', '名校研究生上阵'])}，{contact(rng)}",
        f"{ex}考前{rng.choice(['答案', '真题', '内部押题'])}，{rng.choice(['考前两小时发', '百分之百原题', '耳机传答案'])}，"
        f"{rng.choice(['先付定金', '考后付尾款'])}，{vague_contact(rng)}",
    ])


KINDS_A1H = [("money", _money, 15), ("exam", _exam, 20), ("drugs", _drugs, 50), ("weapons", _weapons, 40), ("docs", _docs, 45), ("cards", _cards, 25)]
KINDS_A4F = [("data", _data, 40)]
