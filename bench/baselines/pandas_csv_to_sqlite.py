"""Baseline: load a debtor list CSV into a SQLite table with pandas (read_csv + to_sql).

This is the closest thing to adempauze's import that a user could script: it stores the
rows in plain text, without validation, encryption or an access log.
Usage: python3 pandas_csv_to_sqlite.py FILE.csv DATABASE.db
"""
import os
import sqlite3
import sys

import pandas as pd

source, database = sys.argv[1], sys.argv[2]
if os.path.exists(database):
    os.remove(database)
frame = pd.read_csv(source, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False)
with sqlite3.connect(database) as connection:
    frame.to_sql("debtors", connection, index=False, chunksize=100_000)
print(len(frame))
