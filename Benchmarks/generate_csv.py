"""Writes a deterministic CSV of about SIZE_MB megabytes for the reader benchmark.

Rows look like a registration export: plain fields, quoted fields with commas, doubled
quotes and line breaks, names with diacritics, empty fields. Usage: generate_csv.py OUT SIZE_MB
"""
import random
import sys

out, size_mb = sys.argv[1], float(sys.argv[2])
rng = random.Random(20261123)
names = ["Ana Laura Martínez", "Alexander Seger", "Zoë Åberg-Müller", "Kwame Mensah", "Li Wei", "José Ñúñez"]
orgs = ['"Council of Europe, Cybercrime Division"', "RIPE NCC", '"Computer & Communication Industry Association ""CCIA"""',
        "DENIC", '"People\'s Health Movement\nGeneva office"', ""]
groups = ["Civil Society", "Government", "Private Sector", "Technical Community", "Intergovernmental Organization"]
regions = ["African Group", "Asia-Pacific Group", "Eastern European Group", "GRULAC", "WEOG"]
target = int(size_mb * 1_000_000)
written = 0
with open(out, "w", encoding="utf-8", newline="") as handle:
    header = "year,session,role,name,organization,stakeholder,region,country,gender,notes\n"
    handle.write(header)
    written += len(header.encode())
    while written < target:
        row = ",".join([
            str(rng.choice([2019, 2020, 2021, 2022])), f"WS #{rng.randrange(1, 400)}", rng.choice(["Speaker", "Organizer", "Moderator"]),
            rng.choice(names), rng.choice(orgs), rng.choice(groups), rng.choice(regions), rng.choice(["Brazil", "India", "", "Türkiye"]),
            rng.choice(["Woman", "Man", "", "Non-binary"]), rng.choice(["", "first time", '"said ""hello"", then left"']),
        ]) + "\r\n"
        handle.write(row)
        written += len(row.encode())
