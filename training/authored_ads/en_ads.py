"""English spam and illegal ads: casino sign-up bonuses (A1h), adult sites and
escorts (A1f), work-from-home and task scams, loan and crypto scams (A1h),
drug, weapon, fake-ID sales (A1h), data dumps and "fullz" (A4f)."""
from __future__ import annotations

import random

from common import en_contact, en_domain, pick, wx_id

CASINO = ["Royal Spin Casino", "LuckyJack", "VegasKing", "GoldPot Slots", "Spin City", "BetMax", "WinZone", "Jackpot Palace"]
BONUS = ["$100 free chips on sign-up", "200% first deposit bonus", "50 free spins, no deposit", "daily 10% cashback",
         "instant withdrawals in USDT", "no KYC, no limits", "VIP rebate up to 1.5% on every bet"]
DRUGS = ["pressed bars", "molly", "coke", "ice", "shrooms", "carts", "percs", "oxy", "xans", "tabs", "ket", "H"]
GUNS = ["80% lowers", "ghost gun kits", "unregistered pistols", "suppressors", "full-auto switches", "ammo without ID"]
DOCS = ["scannable driver's licenses", "passports", "fake diplomas", "degree certificates with transcripts",
        "novelty IDs that pass scanners", "SSN cards", "utility bills for address proof", "fake doctor's notes"]


def _casino(rng: random.Random) -> str:
    c = rng.choice(CASINO)
    return rng.choice([
        f"🎰 {c} 🎰 {' | '.join(pick(rng, BONUS, 3))}. Register now at {en_domain(rng)} and use code {rng.choice(['WIN', 'VIP', 'LUCKY'])}{rng.randint(10, 99)}.",
        f"Bro I turned $50 into $1,900 last night on {c}. {rng.choice(BONUS)}, {rng.choice(BONUS)}. Link in bio or {en_contact(rng)}.",
        f"Tired of your 9-5? Our baccarat signals group hits 90% win rate. Free trial for 3 days, then play on {en_domain(rng)}. {en_contact(rng)}",
        f"Congratulations! Your account has been credited with ${rng.choice(['25', '50', '88'])} free play. Claim before midnight at {en_domain(rng)}. Reply STOP to opt out.",
        f"Looking for agents to promote {c}. Earn {rng.choice(['40%', '50%', '55%'])} revenue share on every player you bring in, paid weekly in crypto. {en_contact(rng)}",
    ])


def _adult(rng: random.Random) -> str:
    return rng.choice([
        f"Hot singles in your area want to meet tonight 💋 no credit card needed, sign up free at {en_domain(rng)}",
        f"Leaked {rng.choice(['OnlyFans', 'webcam', 'influencer'])} content, {rng.choice(['10k videos', '500GB pack', 'updated daily'])}, lifetime access ${rng.choice(['9', '15', '20'])}. {en_contact(rng)}",
        f"hey handsome, im {rng.choice(['Jessica', 'Mia', 'Lily', 'Chloe'])}, bored and alone tonight 😘 want to see my private pics? add me {en_contact(rng)}",
        f"Incall/outcall available {rng.choice(['downtown', 'near the airport', 'all hotels'])}, {rng.choice(['100% real photos', 'new girls this week', 'discreet and safe'])}, {rng.choice(['$200/hr', 'GFE', 'full service'])}. Text {en_contact(rng)}",
        f"FREE live cams, no signup, {rng.choice(['uncensored', 'xxx', 'nude'])} shows 24/7 → {en_domain(rng)}",
    ])


def _scam(rng: random.Random) -> str:
    return rng.choice([
        f"Make ${rng.choice(['300', '500', '800'])}/day from your phone! Just like and review products, {rng.choice(['no experience needed', 'paid daily', 'moms and students welcome'])}. First 3 tasks are free, then upgrade your account to unlock higher commissions. {en_contact(rng)}",
        f"Hi, this is {rng.choice(['Anna', 'Kelly', 'Sarah'])} from a recruitment agency. We have a remote part-time job, 60-90 minutes a day, ${rng.choice(['200', '300', '500'])}-${rng.choice(['800', '1000'])} daily. Reply on {en_contact(rng)} to learn more.",
        f"GUARANTEED loan approval, bad credit OK, no credit check, up to ${rng.choice(['5,000', '25,000', '50,000'])} today. Small processing fee required before release. {en_contact(rng)}",
        f"My mentor showed me a crypto arbitrage bot that makes {rng.choice(['3%', '5%', '8%'])} a day, guaranteed. Deposit on {en_domain(rng)} and message {en_contact(rng)} for the VIP signals.",
        f"URGENT: your package could not be delivered. Pay the ${rng.choice(['1.99', '2.49', '3.00'])} redelivery fee at {en_domain(rng)} within 24 hours.",
        f"Investment opportunity: double your money in {rng.choice(['7 days', '2 weeks', '30 days'])} with our forex trading team. Zero risk, withdraw anytime. {en_contact(rng)}",
    ])


def _contraband(rng: random.Random) -> str:
    return rng.choice([
        f"Got {', '.join(pick(rng, DRUGS, 3))}. {rng.choice(['Discreet shipping', 'Stealth packaging', 'Local drop-offs'])}, {rng.choice(['bulk discounts', 'quality guaranteed', 'reship if seized'])}. {en_contact(rng)}",
        f"Selling {rng.choice(['coke', 'cocaine', 'molly'])} and {rng.choice(['meth', 'ice', 'pills'])}, {rng.choice(['same day delivery', 'fast and discreet', 'vacuum sealed'])}. {rng.choice(['DM me on telegram', 'hit me up on tg', 'message me on Signal'])} @{wx_id(rng)}",
        f"plug for {rng.choice(DRUGS)} and {rng.choice(DRUGS)} 🔌 {rng.choice(['no lowballers', 'menu on request', 'cashapp or crypto'])} — {en_contact(rng)}",
        f"{rng.choice(GUNS)} for sale, {rng.choice(['no background check', 'no serial numbers', 'ships in parts'])}, {rng.choice(['crypto only', 'cash on pickup'])}. {en_contact(rng)}",
        f"Order {rng.choice(DOCS)} and {rng.choice(DOCS)}, {rng.choice(['holograms and UV', 'verifiable in the database', 'ships in 5 days'])}. {en_contact(rng)}",
        f"Painkillers without prescription: {rng.choice(['oxy 30s', 'percs', 'xanax bars'])}, {rng.choice(['pharma grade', 'real not pressed'])}, overnight shipping. {en_contact(rng)}",
    ])


def _data(rng: random.Random) -> str:
    return rng.choice([
        f"Fresh fullz for sale: name, SSN, DOB, address, {rng.choice(['credit score 700+', 'with bank logins', 'with DL scans'])}. ${rng.choice(['5', '10', '20'])} each, bulk cheaper. {en_contact(rng)}",
        f"Selling {rng.choice(['customer database', 'leaked email list', 'dumps with PIN'])} from {rng.choice(['an online shop', 'a telecom', 'a dating site'])}, {rng.choice(['2M rows', '500k records', 'updated weekly'])}. {en_contact(rng)}",
        f"Lookup service: give me a phone number or name and I will find home address, workplace and relatives within an hour. {en_contact(rng)}",
        f"Buying and selling verified bank accounts and cards, {rng.choice(['drops available', 'cashout guaranteed', 'aged accounts'])}. {en_contact(rng)}",
    ])


KINDS_A1H = [("casino", _casino, 35), ("scam", _scam, 40), ("contraband", _contraband, 40)]
KINDS_A1F = [("adult", _adult, 25)]
KINDS_A4F = [("data", _data, 20)]
