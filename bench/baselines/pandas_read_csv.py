"""Baseline: read a debtor list CSV with pandas, as a data analyst would, and validate nothing.

Usage: python3 pandas_read_csv.py FILE.csv
Prints the row count so the run can be checked against adempauze's count.
"""
import sys

import pandas as pd

frame = pd.read_csv(sys.argv[1], sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
print(len(frame))
