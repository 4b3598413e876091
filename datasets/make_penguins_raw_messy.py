"""Rebuild datasets/penguins_raw_messy.csv from datasets/penguins_raw.csv.

The raw palmerpenguins table is real and already has messy column names and missing
values; this script adds the defects the data_cleaning challenge asks a person to clean,
from a fixed seed, and prints what it did (the card penguins_raw_messy.md lists the same):

- typos that make gross outliers (an extra zero, a dropped or moved decimal point, a
  dropped minus sign), one cell each in six different rows;
- exact duplicates of eight rows, each inserted somewhere after its original;
- five mostly-empty rows (3 of 17 cells filled), inserted at random places.

The file is read and written as text, so every untouched cell keeps its exact spelling.

    python datasets/make_penguins_raw_messy.py
"""

from pathlib import Path

import numpy as np
import pandas as pd

SEED = 2107
HERE = Path(__file__).resolve().parent
SOURCE = HERE / "penguins_raw.csv"
OUT = HERE / "penguins_raw_messy.csv"
N_DUPLICATES = 8
N_SPARSE = 5
MISSING = "NA"

# (column, kind of typo, how to pick the row: the exact value to look for, or None for any)
TYPOS = [
    ("Body Mass (g)", "extra zero", "3750"),
    ("Body Mass (g)", "extra zero", None),
    ("Flipper Length (mm)", "extra zero", None),
    ("Culmen Length (mm)", "decimal point dropped", None),
    ("Culmen Depth (mm)", "decimal point moved left", None),
    ("Delta 13 C (o/oo)", "minus sign dropped", None),
]


def typo(value: str, kind: str) -> str:
    """The misspelt value: '3750' -> '37500', '39.1' -> '391', '18.7' -> '1.87', '-24.7' -> '24.7'."""
    if kind == "extra zero":
        return value + "0"
    if kind == "decimal point dropped":
        return value.replace(".", "")
    if kind == "decimal point moved left":
        whole, frac = value.split(".")
        return f"{whole[:-1]}.{whole[-1]}{frac}"
    if kind == "minus sign dropped":
        return value.lstrip("-")
    raise ValueError(kind)


def candidates(df: pd.DataFrame, column: str, kind: str, wanted: str | None, used: set) -> list:
    """Rows whose cell in column can take this typo (and no earlier typo)."""
    cells = df[column]
    ok = cells != MISSING
    if wanted is not None:
        ok &= cells == wanted
    if kind == "decimal point dropped":
        ok &= cells.str.fullmatch(r"\d+\.\d")
    if kind == "decimal point moved left":
        ok &= cells.str.fullmatch(r"\d{2}\.\d")
    if kind == "minus sign dropped":
        ok &= cells.str.startswith("-")
    return [i for i in df.index[ok] if i not in used]


def main() -> None:
    rng = np.random.default_rng(SEED)
    df = pd.read_csv(SOURCE, dtype=str, keep_default_na=False)

    used: set = set()
    for column, kind, wanted in TYPOS:
        row = rng.choice(candidates(df, column, kind, wanted, used))
        used.add(row)
        before = df.at[row, column]
        df.at[row, column] = typo(before, kind)
        print(f"typo   {kind:25s} {column!r} {df.at[row, 'studyName']} "
              f"{df.at[row, 'Individual ID']}: {before} -> {df.at[row, column]}")

    rows = [df.loc[i].tolist() for i in df.index]
    for original in sorted(rng.choice(len(df), size=N_DUPLICATES, replace=False), reverse=True):
        at = int(rng.integers(original + 1, len(rows) + 1))
        rows.insert(at, list(rows[original]))
        print(f"dup    {rows[original][0]} {rows[original][6]} copied after its original")

    for _ in range(N_SPARSE):
        donor = rows[int(rng.integers(len(rows)))]
        sparse = [MISSING] * len(df.columns)
        sparse[0] = donor[0]  # studyName
        sparse[1] = str(int(rng.integers(1, 153)))  # Sample Number
        sparse[-1] = "Record started, not completed."  # Comments
        rows.insert(int(rng.integers(len(rows) + 1)), sparse)
        print(f"sparse {sparse[0]} sample {sparse[1]}: 3 of {len(sparse)} cells filled")

    out = pd.DataFrame(rows, columns=df.columns)
    out.to_csv(OUT, index=False, lineterminator="\n")
    print(f"wrote {OUT.name}: {len(out)} rows x {out.shape[1]} columns")


if __name__ == "__main__":
    main()
