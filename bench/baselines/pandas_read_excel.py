"""Baseline: read the first sheet of an XLSX debtor list with pandas.read_excel (openpyxl engine).

Usage: python3 pandas_read_excel.py FILE.xlsx
"""
import sys

import pandas as pd

frame = pd.read_excel(sys.argv[1], sheet_name=0, dtype=str, engine="openpyxl")
print(len(frame.dropna(how="all")))
