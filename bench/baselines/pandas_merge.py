"""Baseline: exact matching of debtors against clients on the national number with pandas.

Every debtor gets a status, as `adempauze match` gives every dossier one: "client_paused"
when the number is on the client list (with the client number of the first client row that
has it), else "not_client". Numbers are normalised to their digits first, as a user must do
with real exports that write "85.07.30-033.28". The result stays in memory.

Usage:
  pandas_merge.py csv DEBTORS.csv CLIENTS.csv         read both lists, normalise, merge
  pandas_merge.py pickle DEBTORS.pkl CLIENTS.pkl      merge frames saved by to-pickle
  pandas_merge.py to-pickle DEBTORS.csv CLIENTS.csv DEBTORS.pkl CLIENTS.pkl
Prints the number of debtors who are clients (to-pickle: the two row counts).
"""
import sys

import pandas as pd


def load(path, number_column, other_columns):
    wanted = {number_column, *other_columns}
    frame = pd.read_csv(path, sep=";", dtype=str, encoding="utf-8-sig", keep_default_na=False,
                        usecols=lambda name: name in wanted)
    frame["nn"] = frame[number_column].str.replace(r"\D", "", regex=True)
    return frame


def load_debtors(path):
    return load(path, "Rijksregisternummer", ("Dossiernummer",))


def load_clients(path):
    return load(path, "INSZ", ("Cliëntnummer",))


def match(debtors, clients):
    first_clients = clients.drop_duplicates("nn")[["nn", "Cliëntnummer"]]
    merged = debtors.merge(first_clients, on="nn", how="left", indicator=True)
    merged["status"] = (merged["_merge"] == "both").map({True: "client_paused", False: "not_client"})
    return int((merged["status"] == "client_paused").sum())


def main(arguments):
    mode = arguments[0] if arguments else ""
    if mode == "csv" and len(arguments) == 3:
        print(match(load_debtors(arguments[1]), load_clients(arguments[2])))
    elif mode == "pickle" and len(arguments) == 3:
        print(match(pd.read_pickle(arguments[1]), pd.read_pickle(arguments[2])))
    elif mode == "to-pickle" and len(arguments) == 5:
        debtors, clients = load_debtors(arguments[1]), load_clients(arguments[2])
        debtors.to_pickle(arguments[3])
        clients.to_pickle(arguments[4])
        print(len(debtors), len(clients))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
