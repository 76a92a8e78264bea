"""Chinese porn-site and sex-service promotion (A1f): site and app links,
paid "resource" groups, webcam/nude-chat, escort and hook-up solicitation."""
from __future__ import annotations

import random

from common import contact, obfuscate_domain, pick, vague_contact

SITES = ["夜色直播", "蜜桃视频", "午夜影院", "暗香阁", "深夜食堂福利", "樱花社区", "粉红app", "私密空间", "魅影直播", "春色楼",
         "萝卜视频", "小黄鸭影院", "夜莺社区", "玫瑰直播", "大象福利站"]
CONTENT = ["无码高清", "国产自拍", "日韩欧美", "偷拍", "主播福利", "网红私拍", "原创自拍", "素人投稿", "会员专区", "不打码",
           "一对一私密视频", "黄播", "成人影片"]
FREE = ["免费观看", "不用充值", "注册送VIP三天", "每天更新上千部", "无需翻墙", "永久免费", "邀请好友送会员", "在线秒播不卡"]
ESCORT_SVC = ["上门服务", "包夜", "快餐", "一条龙", "同城约", "学生妹", "兼职模特", "全套", "上门按摩特殊服务"]
CITIES = ["本市", "同城", "各区", "全国各大城市", "市区", "城东", "开发区", "高新区"]


def _site(rng: random.Random) -> str:
    s = rng.choice(SITES)
    return rng.choice([
        f"【{s}】{'、'.join(pick(rng, CONTENT, 3))}，{'，'.join(pick(rng, FREE, 2))}。最新地址：{obfuscate_domain(rng)}，"
        f"{rng.choice(['地址发布页', '防失联', '被封就换'])}请收藏{obfuscate_domain(rng)}",
        f"宅男福利！{s}上线啦，{rng.choice(CONTENT)}资源全网最全，{rng.choice(FREE)}，{obfuscate_domain(rng)}，懂的都懂。",
        f"找片的看这里：{rng.choice(CONTENT)}、{rng.choice(CONTENT)}应有尽有，{rng.choice(FREE)}，"
        f"网址{obfuscate_domain(rng)}，{rng.choice(['复制到浏览器', '手机电脑通用', '18岁以下勿进'])}。",
    ])


def _group(rng: random.Random) -> str:
    return rng.choice([
        f"出售{rng.choice(['网红', '主播', '学生', '素人'])}{rng.choice(['私拍', '福利', '不雅视频', '原版视频'])}资源，"
        f"{rng.choice(['一百G打包', '云盘永久更新', '五千部合集'])}，{rng.choice(['九块九', '二十元', '三十八元'])}终身会员，"
        f"付款秒发链接。{contact(rng)}",
        f"福利群招人，{rng.choice(['每天更新', '日更百部', '管理员手动审核'])}{rng.choice(['自拍', '偷拍', '主播', '网红', '无码'])}视频，"
        f"进群费{rng.choice(['10元', '20元', '50元'])}，{contact(rng, 'wqt')}，骗子死全家。",
        f"{rng.choice(['老司机', '兄弟们', '单身的'])}看过来，{rng.choice(['懂的都懂', '你们要的都有', '资源已更新'])}，"
        f"{rng.choice(CONTENT)}，{vague_contact(rng)}，{rng.choice(['暗号：车', '回复666', '备注福利'])}。",
    ])


def _cam(rng: random.Random) -> str:
    return rng.choice([
        f"寂寞吗？{rng.choice(['美女主播', '小姐姐', '空姐', '护士'])}一对一视频裸聊，真人在线，{rng.choice(['可指定动作', '尺度随你', '不满意不收费'])}，"
        f"{rng.choice(['一分钟一元', '一次五十', '包月更划算'])}。{contact(rng)}",
        f"{rng.choice([x for x in SITES if not x.endswith('直播')])}直播间，深夜开播，{rng.choice(['全裸表演', '大尺度', '私密房'])}，刷礼物解锁{rng.choice(['一对一', '私房', '福利'])}。"
        f"下载{obfuscate_domain(rng)}，注册送{rng.choice(['100', '200', '500'])}金币。",
        f"你好哥哥，我是{rng.choice(['小雅', '琪琪', '若若', '甜甜'])}，一个人在家好无聊，想看我{rng.choice(['跳舞', '换衣服', '洗澡'])}吗？"
        f"{contact(rng, 'wq')}，加我就给你看{rng.choice(['不穿衣服的照片', '私密视频', '福利'])}。",
    ])


def _escort(rng: random.Random) -> str:
    return rng.choice([
        f"{rng.choice(CITIES)}{'、'.join(pick(rng, ESCORT_SVC, 3))}，{rng.choice(['真人照片', '照片保真', '不是本人可以走'])}，"
        f"{rng.choice(['安全放心', '酒店宾馆均可', '先服务后付款'])}。{contact(rng, 'wqp')}",
        f"{rng.choice(['高端商务模特', '兼职大学生', '新到一批妹子'])}，{rng.choice(CITIES)}可约，"
        f"{rng.choice(['价格美丽', '一千起', '包夜两千'])}，{rng.choice(['提前预约', '随叫随到', '半小时上门'])}，{contact(rng)}",
        f"约炮软件{rng.choice(['秒匹配', '同城附近的人', '已婚少妇寂寞'])}，注册就能约，{obfuscate_domain(rng)}，"
        f"{rng.choice(['男士免费', '不成功退款', '真实资料'])}。",
        f"{rng.choice(['足浴', '养生馆', 'SPA会所'])}{rng.choice(['新开业', '新到技师'])}，{rng.choice(['有特殊服务', '全套项目', '懂的来'])}，"
        f"{rng.choice(['二十出头的小妹', '年轻漂亮技师'])}，{contact(rng, 'wp')}，{rng.choice(['熟客介绍', '新客立减'])}。",
    ])


def _comment(rng: random.Random) -> str:
    return rng.choice([
        f"{rng.choice(['哈哈哈', '笑死', '确实', '有道理'])}，{rng.choice(['兄弟们我这有好看的', '想看更刺激的', '老司机带带我'])}，"
        f"{vague_contact(rng)}",
        f"这个视频尺度太小了，{rng.choice(['完整版', '无码版', '未删减版'])}在{obfuscate_domain(rng)}，{rng.choice(FREE)}。",
        f"{rng.choice(['诚心交友', '附近的寂寞女生', '夜里睡不着'])}，{contact(rng, 'wq')}，{rng.choice(['可视频', '可约', '同城见面'])}。",
    ])


def _app(rng: random.Random) -> str:
    s = rng.choice(SITES)
    return (f"{s}APP最新版下载：{obfuscate_domain(rng)}\n"
            f"{rng.choice(['✅', '🔥', '💋'])}{'  '.join(pick(rng, CONTENT, 4))}\n"
            f"{rng.choice(['✅', '🔥', '💋'])}{rng.choice(FREE)}  {rng.choice(FREE)}\n"
            f"{rng.choice(['苹果安卓通用', '安卓直接安装，苹果用TF', '防封版本'])}，客服{contact(rng)}")


KINDS = [("site", _site, 20), ("group", _group, 15), ("cam", _cam, 15), ("escort", _escort, 20), ("comment", _comment, 10),
         ("app", _app, 10)]
RISKS = ["A1f"]
