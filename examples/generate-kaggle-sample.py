#!/usr/bin/env python3
"""Writes the Kaggle-shaped sample dataset (train.csv, test.csv, sample_submission.csv) used by the README.

Deterministic (fixed seed): running it again gives the same bytes. A made-up subscription service: predict
whether a customer churns. Mixed types on purpose: integers, decimals, dates, timestamps, booleans,
low-cardinality categories, free text with commas, quotes and non-ASCII letters, and missing values.
"""
import csv
import datetime
import random

rng = random.Random(20261127)

CITIES = ["Lisbon", "Oslo", "Kraków", "Osaka", "Austin", "Nairobi"]
PLANS = ["basic", "standard", "premium"]
CHANNELS = ["web", "app", "store", "partner"]
PHRASES = [
    "great value", "too expensive", "support was slow", "love the app", "billing issue",
    "would recommend", "missing features", "fast, reliable service", "the \"premium\" tier is worth it",
    "cancelled once, came back", "café partner discount", "works offline", "confusing menus",
]


def review():
    if rng.random() < 0.12:
        return None
    if rng.random() < 0.05:
        return ""
    words = rng.sample(PHRASES, rng.randint(1, 3))
    return "; ".join(words).capitalize()


def customer(customer_id):
    signup = datetime.date(2021, 1, 1) + datetime.timedelta(days=rng.randint(0, 1000))
    last_login = datetime.datetime(2024, 1, 1) + datetime.timedelta(seconds=rng.randint(0, 180 * 86400))
    age = rng.randint(18, 79) if rng.random() > 0.08 else None
    income = round(rng.lognormvariate(10.5, 0.5), 2) if rng.random() > 0.1 else None
    plan = rng.choices(PLANS, weights=[5, 3, 2])[0]
    visits = rng.randint(0, 60)
    tenure = (datetime.date(2024, 7, 1) - signup).days
    member = rng.random() < 0.4
    score = 0.8 - 0.02 * visits - 0.0006 * tenure + (0.3 if plan == "basic" else 0) - (0.25 if member else 0)
    churned = 1 if rng.random() < min(0.95, max(0.05, score)) else 0
    return {
        "customer_id": customer_id,
        "signup_date": signup.isoformat(),
        "last_login": last_login.strftime("%Y-%m-%d %H:%M:%S"),
        "age": age,
        "monthly income": income,
        "city": rng.choice(CITIES) if rng.random() > 0.05 else None,
        "plan": plan,
        "channel": rng.choice(CHANNELS),
        "is_member": "true" if member else "false",
        "visits_last_90d": visits,
        "review": review(),
        "churned": churned,
    }


def write(path, rows, columns):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(columns)
        for row in rows:
            writer.writerow(["" if row[c] is None else row[c] for c in columns])


import os
os.chdir(os.path.join(os.path.dirname(os.path.abspath(__file__)), "kaggle-sample"))

train = [customer(1000 + i) for i in range(200)]
test = [customer(2000 + i) for i in range(80)]
columns = list(train[0].keys())
write("train.csv", train, columns)
write("test.csv", test, [c for c in columns if c != "churned"])
write("sample_submission.csv", [{"customer_id": r["customer_id"], "churned": 0} for r in test],
      ["customer_id", "churned"])
