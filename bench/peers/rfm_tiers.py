"""The engine benchmark's peer: RFM scores and the tiers of bench/engine.tiers.yaml with pandas.

Usage: rfm_tiers.py ORDERS_CSV AS_OF
Prints one JSON line: tier counts per dimension, load and compute seconds, peak memory (KiB).
Same definitions as Strata: orders up to AS_OF count, metrics over the 365 days ending on it;
a score is floor(5 * (customers with a strictly worse value) / customers) + 1 over the
customers with an order in the window; the standard segment grid on R and (F + M) / 2.
"""
import json
import resource
import sys
import time

import numpy as np
import pandas as pd

orders_csv, as_of_text = sys.argv[1], sys.argv[2]
start = time.perf_counter()
orders = pd.read_csv(
    orders_csv,
    usecols=["customer_id", "order_date", "amount"],
    dtype={"customer_id": "string", "amount": "float64"},
)
orders["order_date"] = pd.to_datetime(orders["order_date"], format="%Y-%m-%d")
loaded = time.perf_counter()

as_of = pd.Timestamp(as_of_text)
orders = orders[orders["order_date"] <= as_of]
window = orders[orders["order_date"] >= as_of - pd.Timedelta(days=364)]
everyone = pd.Index(orders["customer_id"].unique())
per = window.groupby("customer_id").agg(
    last=("order_date", "max"), frequency=("amount", "size"), monetary=("amount", "sum")
)
c = pd.DataFrame(index=everyone).join(per)
c["frequency"] = c["frequency"].fillna(0)
c["monetary"] = c["monetary"].fillna(0.0)
c["recency"] = (as_of - c["last"]).dt.days
active = c["frequency"] > 0
n = int(active.sum())


def score(values):
    below = values.rank(method="min") - 1
    return np.floor(5 * below / n) + 1


r = score(-c.loc[active, "recency"])
f = score(c.loc[active, "frequency"])
m = score(c.loc[active, "monetary"])
fm = (f + m) / 2
segment = pd.Series(
    np.select(
        [
            (r == 5) & (fm >= 4),
            (r >= 3) & (fm >= 4),
            (r >= 4) & (fm >= 2),
            r == 5,
            r == 4,
            (r == 3) & (fm >= 3),
            r == 3,
            fm >= 4.5,
            fm >= 3,
            (r == 2) | (fm >= 2),
        ],
        [
            "Champions",
            "Loyal",
            "Potential Loyalist",
            "New",
            "Promising",
            "Need Attention",
            "About to Sleep",
            "Can't Lose Them",
            "At Risk",
            "Hibernating",
        ],
        "Lost",
    ),
    index=r.index,
)
c["segment"] = segment
value = np.select(
    [
        (c["monetary"] >= 5000) & (c["frequency"] >= 12),
        c["monetary"] >= 1500,
        (c["monetary"] >= 300) | (c["frequency"] >= 4),
    ],
    ["vip", "high", "medium"],
    "low",
)
lifecycle = np.select([c["recency"] <= 30, c["recency"] <= 90], ["active", "silent"], "churned")
groups = c["segment"]
tier = np.select(
    [
        groups.isin(["Champions", "Loyal"]),
        groups.isin(["Potential Loyalist", "New", "Promising"]),
        groups.isin(["Need Attention", "About to Sleep", "At Risk", "Can't Lose Them"]),
    ],
    ["best", "rising", "slipping"],
    "gone",
)
counts = {
    name: {k: int(v) for k, v in pd.Series(values).value_counts().items()}
    for name, values in (("value", value), ("lifecycle", lifecycle), ("segment", tier))
}
done = time.perf_counter()
print(
    json.dumps(
        {
            "customers": len(c),
            "counts": counts,
            "load_s": loaded - start,
            "compute_s": done - loaded,
            "peak_rss_kb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
        }
    )
)
