"""English hard negatives for the ad/spam family: legitimate ads and job
posts with contact details, news about gambling, drug and fraud crackdowns,
scam warnings, regulated lotteries, historic speeches and fiction dialogue."""
from __future__ import annotations

import random

from common import digits, pick


def _tel(rng: random.Random) -> str:
    return f"({digits(rng, 3)}) {digits(rng, 3)}-{digits(rng, 4)}"


def _ad(rng: random.Random) -> str:
    return rng.choice([
        f"Family bakery now open on {rng.choice(['Main Street', 'Elm Avenue', 'the old market square'])}! Fresh sourdough every morning, {rng.choice(['10% off your first order', 'free coffee with any pastry this week'])}. Order ahead on WhatsApp {_tel(rng)}.",
        f"Math and physics tutoring for high school students, {rng.choice(['certified teacher', '10 years of experience', 'university grad'])}, online or in person. First lesson free. Text {_tel(rng)}.",
        f"For sale: {rng.choice(['kids bike, barely used', 'dining table with 4 chairs', 'used textbooks for intro chemistry'])}, {rng.choice(['$40', '$120', 'best offer'])}. Pickup only. DM me here or message on Telegram.",
        f"New members get {rng.choice(['their first month free', '50% off the sign-up fee', 'a free personal training session'])} at our gym. Bonus: refer a friend and both of you get a week free.",
        f"Sign up for our newsletter and get a {rng.choice(['$10 coupon', 'free shipping code', '15% welcome discount'])}. Unsubscribe any time.",
        f"Room for rent near campus, {rng.choice(['$650/month', '$800/month utilities included'])}, quiet household, no smoking. Call {_tel(rng)}.",
    ])


def _job(rng: random.Random) -> str:
    role = rng.choice(["warehouse associate", "registered nurse", "junior accountant", "delivery driver", "software engineer",
                       "line cook", "customer support agent"])
    return rng.choice([
        f"We are hiring a {role}. {rng.choice(['$22-$26/hour', 'Salary $55k-$70k', 'Competitive pay'])}, health insurance, paid time off. Apply on our careers page; we never ask candidates for payment.",
        f"Part-time {role} wanted, {rng.choice(['weekends', 'evenings', '20 hours a week'])}, {rng.choice(['high school diploma required', 'experience preferred'])}. Send your resume to the HR office.",
    ])


def _news(rng: random.Random) -> str:
    n = rng.randint(8, 120)
    return rng.choice([
        f"Police dismantled an illegal online casino ring that lured players with sign-up bonuses and 'guaranteed' betting tips; {n} suspects were arrested and dozens of mirror domains were seized.",
        f"Federal agents charged {n} people with running a drug trafficking network that advertised on encrypted messaging apps. Officials urged parents to talk to teens about counterfeit pills.",
        f"The attorney general warned residents about task scams: victims are paid small 'commissions' for liking videos, then asked to deposit money to unlock bigger tasks. Nobody gets the money back.",
        f"Regulators fined an offshore sportsbook for taking bets from residents without a license; the state's legal sports betting apps must verify age and location.",
        f"A court sentenced a man to {rng.randint(2, 9)} years for selling forged passports and driver's licenses through an online storefront.",
        f"The state lottery's jackpot rose to ${rng.randint(100, 900)} million. Officials reminded players to play responsibly and call the helpline if gambling stops being fun.",
        f"Consumer watchdog: if a lender asks for an 'upfront processing fee' before releasing a loan, it is a scam. Legitimate lenders deduct fees from the loan or bill them later.",
    ])


def _warning(rng: random.Random) -> str:
    return rng.choice([
        "Scam alert: if a stranger on a dating app starts talking about a crypto platform with guaranteed returns, stop replying. This is the classic romance-investment scam.",
        "Reminder from IT: we will never ask for your password over email. Messages saying your package could not be delivered and asking for a small fee are phishing.",
        "PSA for students: accounts promising '$500 a day from your phone' are recruiting money mules. Lending your bank account to strangers is a crime.",
        "Library workshop this Saturday: how to spot fake job offers, fake loan ads and fake online stores. Free, no registration needed.",
    ])


SPEECH = [
    "Fellow citizens, we meet at a moment when the old order has passed and a new one is yet to be built.",
    "Our forefathers fought a revolution so that no government would rule without the consent of the governed.",
    "We have faced enemies abroad and doubts at home, and each time the republic endured.",
    "Let no one doubt our resolve: we will defend our freedom, and we will extend the hand of friendship to every nation that seeks peace.",
    "The government is not the master of the people but its servant, and it must be held to account.",
    "We remember those who fell in the great war, and we pledge that their sacrifice will not be in vain.",
    "Ask not what this moment can give you, but what you can give to this moment.",
]


def _speech(rng: random.Random) -> str:
    return " ".join(pick(rng, SPEECH, rng.randint(3, 4))) + " " + rng.choice(["Thank you, and God bless.", "Thank you.",
                                                                            "Let us begin."])


FICTION = [
    '"You idiot, you left the gate open again!" Martha shouted, chasing the goat across the yard. Her brother only laughed.',
    '"Get out of my way," the captain snapped, shoving past the clerk. "I have no time for fools today."',
    '"Don\'t be such a coward," Jenny teased. "It\'s just a haunted house at a county fair."',
    'The detective leaned in. "You lied about where you were that night, and we both know it."',
    '"Shut up and deal," the old gambler muttered, pushing his last chips into the pot as the rain hammered the saloon roof.',
    '"You stubborn old mule," Grandpa said fondly, patting the horse. "Same as me, I suppose."',
]


def _fiction(rng: random.Random) -> str:
    return " ".join(pick(rng, FICTION, 2))


KINDS = [("ads", _ad, 22), ("jobs", _job, 10), ("news", _news, 20), ("warning", _warning, 4), ("speech", _speech, 12),
         ("fiction", _fiction, 12)]
