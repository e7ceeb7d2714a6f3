"""Reads every CSV output of a run with Python's csv module and checks it against summary.json
and datapackage.json, so the files are verified by a reader this project did not write.

Usage: python3 check_outputs.py OUTPUT_DIR   (exit status 0 when everything agrees)
"""
import csv
import json
import os
import sys


def read(folder, name):
    with open(os.path.join(folder, name), newline="", encoding="utf-8-sig") as handle:
        return list(csv.reader(handle))


def same(value, cell):
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == ("true" if value else "false")
    if isinstance(value, (int, float)):
        return cell != "" and float(cell) == float(value)
    return value == cell


def main(folder):
    summary = json.load(open(os.path.join(folder, "summary.json"), encoding="utf-8"))
    package = json.load(open(os.path.join(folder, "datapackage.json"), encoding="utf-8"))
    years = {str(entry["year"]): entry for entry in summary["years"]}
    problems, checked = [], 0

    for resource in package["resources"]:
        rows = read(folder, resource["path"])
        names = [field["name"] for field in resource["schema"]["fields"]]
        if rows[0] != names:
            problems.append(f"{resource['path']}: header {rows[0]} != datapackage {names}")
        for number, row in enumerate(rows[1:], start=2):
            if len(row) != len(names):
                problems.append(f"{resource['path']}:{number}: {len(row)} fields, header has {len(names)}")
        checked += 1

    header, *rows = read(folder, "years.csv")
    for row in rows:
        entry = years[row[0]]
        for name, cell in zip(header, row):
            if name in entry:
                checked += 1
                if not same(entry[name], cell):
                    problems.append(f"years.csv {row[0]} {name}: {cell!r} != {entry[name]!r}")

    for name, key in (("stakeholders_by_year.csv", "stakeholder_groups"), ("regions_by_year.csv", "regional_groups")):
        for year, scope, group, count, share in read(folder, name)[1:]:
            value = years[year]["scopes"][scope][key][group]
            checked += 2
            if not (same(value["count"], count) and same(value["share"], share)):
                problems.append(f"{name} {year} {scope} {group}: {count},{share} != {value}")

    for year, measure, value, qualifier in read(folder, "gender_by_year.csv")[1:]:
        if "[" in measure:
            continue
        entry = years[year]["gender"][measure]
        checked += 2
        if not (same(entry["value"], value) and same(entry["qualifier"], qualifier)):
            problems.append(f"gender_by_year.csv {year} {measure}: {value},{qualifier} != {entry}")

    for problem in problems:
        print(problem)
    print(f"checked {checked} values, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
