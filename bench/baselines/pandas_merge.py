"""Baseline: exact matching of debtors against clients on the national number with pandas.

Reads two CSV files (debtor list and client list as the demo generator writes them), normalises
the number to its 11 digits, and merges. Usage: python3 pandas_merge.py DEBTORS.csv CLIENTS.csv
Prints the number of debtors who are clients.
"""
import sys

import pandas as pd


def load(path, number_column):
    frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False,
                        usecols=lambda name: name in (number_column, "Dossiernummer", "Cliëntnummer"))
    frame["nn"] = frame[number_column].str.replace(r"\D", "", regex=True)
    return frame


debtors = load(sys.argv[1], "Rijksregisternummer")
clients = load(sys.argv[2], "INSZ")
matched = debtors.merge(clients.drop_duplicates("nn"), on="nn", how="inner")
print(len(matched))
