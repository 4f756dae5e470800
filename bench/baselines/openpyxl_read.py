"""Baseline: read the first sheet of an XLSX debtor list with openpyxl in read-only mode.

Usage: python3 openpyxl_read.py FILE.xlsx
Prints the number of non-blank data rows.
"""
import sys

from openpyxl import load_workbook

workbook = load_workbook(sys.argv[1], read_only=True, data_only=True)
sheet = workbook.worksheets[0]
rows = 0
for index, values in enumerate(sheet.iter_rows(values_only=True)):
    if index == 0:
        continue
    if any(value not in (None, "") for value in values):
        rows += 1
print(rows)
