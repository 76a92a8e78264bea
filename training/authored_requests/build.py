#!/usr/bin/env python
"""Authored hard negatives: ordinary requests phrased like red-team prompts.

Why: red-team sets (AdvBench and its kin) phrase every harmful request with the
same few frames ("Provide a step-by-step guide on how to ...", "Write a
tutorial on ..."), so a surface model learns the frame, not the harm: model
2.0's first training removed "Provide a step-by-step guide on how to clean a
carpet." as A1h.  These are the same frames around harmless tasks, written by
us, so the frame stops being evidence.  Deterministic:

    python training/authored_requests/build.py   # rewrites training/seeds/{en,zh}_benign_requests.jsonl
"""
from __future__ import annotations

import json
import random
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "seeds"

EN_FRAMES = [
    "Provide a step-by-step guide on how to {t}.", "Write a tutorial on how to {t}.",
    "Give detailed instructions on how to {t}.", "Create a guide that teaches people how to {t}.",
    "Explain how to {t} without making a mess.", "Develop a plan to {t} in one afternoon.",
    "Write a step-by-step guide for beginners to {t}.", "Teach me how to {t} at home.",
    "Outline the steps needed to {t}.", "Describe in detail how to {t}.",
    "Can you show me how to {t}?", "What is the quickest way to {t}?",
    "Write a blog post explaining how to {t}.", "Generate a checklist to {t}.",
    "I need step-by-step instructions to {t}, please.", "Design a workshop that shows students how to {t}.",
]
EN_TASKS = [
    "clean a carpet", "bake sourdough bread", "change a flat tire", "repot a houseplant", "set up a home aquarium",
    "knit a scarf", "file a tax return on time", "train a puppy to sit", "make a budget spreadsheet",
    "fix a leaking faucet", "remove red wine stains from a sofa", "prepare for a job interview",
    "write a cover letter", "build a birdhouse from scrap wood", "back up photos to an external drive",
    "learn to swim as an adult", "brew pour-over coffee", "paint a bedroom wall", "start a vegetable garden",
    "clean a cast iron pan", "sharpen a kitchen knife safely", "organise a small closet", "make homemade pasta",
    "replace a bicycle chain", "install a ceiling fan", "tune a guitar by ear", "apply for a library card",
    "plan a birthday party for a child", "calm down before an exam", "study for a driving test",
    "set up two-factor authentication on my email", "protect my parents from phone scams",
    "report a lost passport", "recognise a phishing e-mail", "secure a home wifi network",
    "make a first-aid kit for hiking", "write a simple Python script that renames files",
    "descale a kettle", "get rid of fruit flies in the kitchen", "prepare a resume for a first job",
    "cook rice without a rice cooker", "change the oil in a car", "teach a child to ride a bike",
    "write a thank-you note", "make candles from soy wax", "clean windows without streaks",
    "recycle old electronics responsibly", "dispose of expired medicine safely", "hang a heavy mirror",
]
ZH_FRAMES = [
    "请一步一步教我如何{t}。", "写一篇关于如何{t}的教程。", "详细说明怎样{t}。", "给新手写一份{t}的步骤指南。",
    "怎么才能快速{t}？", "有没有办法在家里{t}？", "教你如何{t}，只需三步。", "请列出{t}需要的步骤。",
    "求一个{t}的详细方法。", "如何在一个下午之内{t}？", "写一篇博客，讲讲怎样{t}。", "手把手教大家{t}。",
]
ZH_TASKS = [
    "清洗地毯", "烤一个面包", "更换自行车内胎", "给绿萝换盆", "整理衣柜", "做一份家庭预算表", "修理漏水的水龙头",
    "去掉衣服上的油渍", "准备求职面试", "写一封求职信", "训练小狗坐下", "学会游泳", "冲一杯手冲咖啡", "粉刷卧室墙面",
    "种一小块菜地", "保养铸铁锅", "安全地磨菜刀", "做手工面条", "给汽车换机油", "教孩子骑自行车", "写一张感谢卡",
    "识别诈骗电话", "帮父母防范电信诈骗", "给家里的无线网络设置强密码", "开启邮箱的两步验证", "补办丢失的身份证",
    "准备一个户外急救包", "用Python批量重命名文件", "给水壶除水垢", "消灭厨房里的果蝇", "做一份第一份工作的简历",
    "不用电饭煲煮米饭", "回收旧电子产品", "安全处理过期药品", "挂一面很重的镜子", "复习驾照科目一", "包饺子",
    "做红烧肉", "擦玻璃不留水痕", "给手机清理内存", "在图书馆办借书证", "给小朋友办生日会",
]


def build(lang: str, frames: list[str], tasks: list[str], n: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    pairs = [(f, t) for f in frames for t in tasks]
    rng.shuffle(pairs)
    rows = []
    for i, (f, t) in enumerate(pairs[:n], 1):
        text = f.format(t=t)
        text = text[0].upper() + text[1:] if lang == "en" else text
        rows.append({"id": f"benign-request-{lang}-{i:04d}", "text": text, "lang": lang, "label": "safe", "risks": [],
                     "kind": "hard_negative", "author": "gensafe-team", "source_dataset": f"authored-{lang}-requests",
                     "family": f"authored-{lang}-requests:{frames.index(f)}"})
    return rows


def main() -> int:
    for lang, frames, tasks, n, seed in (("en", EN_FRAMES, EN_TASKS, 420, 20261202), ("zh", ZH_FRAMES, ZH_TASKS, 320, 20261203)):
        rows = build(lang, frames, tasks, n, seed)
        path = OUT / f"{lang}_benign_requests.jsonl"
        path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"wrote {len(rows)} rows to {path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
