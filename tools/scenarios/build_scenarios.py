#!/usr/bin/env python3
"""Builds the shipped real-place scenarios from siaga's shared data.

Writes scenarios/pasrepan-pilkades.json and scenarios/jepara-pilkada.json by extracting villages
(code, name, kecamatan, kabupaten, centroids, 2024 TPS counts) from the shared data and calling the
built `siaga generate --villages-csv ...`. Run it on a machine that has the data (../shared/data
beside the repository by default); the built files are committed, so nothing in build, test or run
reads the data. Python 3 standard library only.

    tools/scenarios/build_scenarios.py [--data DIR] [--siaga PATH] [--out DIR]
"""

import argparse
import csv
import json
import math
import os
import subprocess
import sys
import tempfile

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

ADMIN_CSV = os.path.join("admin", "wilayah_jatim_jateng.csv")

# Credits of the data (../shared/data/PROVENANCE.md, extracted 2026-11-22).
SOURCES = [
    "Kemendagri codes and names: github.com/cahyadsn/wilayah @ b7ad440a1322e7be3189a16a8cac35f7d4c3d7f7, "
    "db/wilayah.sql (Kepmendagri 300.2.2-2138/2025). MIT License.",
    "Village, kecamatan and kabupaten centroids (of simplified polygons): github.com/cahyadsn/wilayah_boundaries "
    "@ 3c5a7960f4d227a38489094d84252bdbb3f978a5, db/kel, db/kec and db/kab. MIT License.",
    "TPS per village, Pemilu 2024: KPU data via KawalPemilu, github.com/kawalpemilu/kp24 @ "
    "7fe5e9751271fc192caee4e8e89802f322310ef8, src/assets/tps.json. No license stated; used as public facts "
    "(how many TPS each village had), crediting KPU and KawalPemilu.",
    "Joined on the Kemendagri code into siaga's shared data (admin/wilayah_jatim_jateng.csv, PROVENANCE.md, "
    "extracted 2026-11-22) and built by tools/scenarios/build_scenarios.py.",
]

# Jawa Timur, Pemilu 2024 (docs/domain.md#security-patterns, D): kurang rawan, rawan, sangat rawan, khusus.
JATIM_SHARES = "0.965,0.025,0.010,0"

COLUMNS = [
    "code", "name", "kecamatan_code", "kecamatan_name", "kecamatan_lat", "kecamatan_lon", "kabupaten_code",
    "kabupaten_name", "kabupaten_lat", "kabupaten_lon", "provinsi_code", "provinsi_name", "lat", "lon", "tps",
    "tps_khusus", "category",
]


def read_admin(data_dir):
    """Every row of the admin table, by Kemendagri code."""
    path = os.path.join(data_dir, ADMIN_CSV)
    with open(path, newline="", encoding="utf-8") as f:
        return {row["kode"]: row for row in csv.DictReader(f)}


def halved(n):
    """The Pilkada 2024 rule of this build: the Pemilu 2024 count x 0.5, rounded up (E)."""
    return math.ceil(n * 0.5)


def village_row(admin, code, tps, tps_khusus=0, category=""):
    """One row of the villages CSV that `siaga generate --villages-csv` reads."""
    v = admin[code]
    if v["level"] != "desa_kelurahan":
        raise SystemExit(f"{code} is not a village in the data")
    kec = admin[v["parent_kode"]]
    kab = admin[kec["parent_kode"]]
    prov = admin[kab["parent_kode"]]
    for row in (v, kec, kab):
        if not row["lat"] or not row["lon"]:
            raise SystemExit(f"{row['kode']} ({row['nama']}) has no centroid in the data")
    return {
        "code": code, "name": v["nama"],
        "kecamatan_code": kec["kode"], "kecamatan_name": kec["nama"],
        "kecamatan_lat": kec["lat"], "kecamatan_lon": kec["lon"],
        "kabupaten_code": kab["kode"], "kabupaten_name": kab["nama"],
        "kabupaten_lat": kab["lat"], "kabupaten_lon": kab["lon"],
        "provinsi_code": prov["kode"], "provinsi_name": prov["nama"],
        "lat": v["lat"], "lon": v["lon"], "tps": tps, "tps_khusus": tps_khusus, "category": category,
    }


def write_csv(rows, path):
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=COLUMNS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)


def generate(siaga, csv_path, out, args, notes, sources):
    cmd = [siaga, "generate", "--villages-csv", csv_path, "-o", out, "--force"] + args
    for n in notes:
        cmd += ["--note", n]
    for s in sources:
        cmd += ["--source", s]
    subprocess.run(cmd, check=True)


def haversine_m(a, b):
    lat1, lon1, lat2, lon2 = map(math.radians, (a[0], a[1], b[0], b[1]))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371008.8 * math.asin(math.sqrt(h))


def pasrepan(admin, siaga, out_dir, work):
    # The three villages of Kecamatan Pasrepan (35.14.05) with a Pilkades in 2023, matched by code:
    # another Lemahbang is 35.14.09.2009 in Kecamatan Sukorejo.
    villages = {"35.14.05.2014": "Lemahbang", "35.14.05.2001": "Ngantungan", "35.14.05.2006": "Mangguan"}
    # Two of them were rated rawan (reported, F); which two is not: assumed (E).
    rawan = {"35.14.05.2001", "35.14.05.2006"}
    rows, counts = [], []
    for code, name in villages.items():
        if admin[code]["nama"] != name or admin[code]["parent_kode"] != "35.14.05":
            raise SystemExit(f"{code} is not {name} of Kecamatan Pasrepan in the data")
        pemilu = int(admin[code]["tps_count_2024"])
        rows.append(village_row(admin, code, halved(pemilu), 0, "rawan" if code in rawan else "kurang_rawan"))
        counts.append(f"{name} {pemilu} -> {halved(pemilu)}")
    csv_path = os.path.join(work, "pasrepan.csv")
    write_csv(rows, csv_path)
    notes = [
        "F: Kecamatan Pasrepan (35.14.05), Kabupaten Pasuruan, Jawa Timur: the three villages that held a village-head "
        "election (Pilkades) in 2023, Lemahbang (35.14.05.2014), Ngantungan (35.14.05.2001) and Mangguan "
        "(35.14.05.2006), matched by Kemendagri code (another Lemahbang, 35.14.09.2009, lies in Kecamatan Sukorejo). "
        "Names, codes and centroids from the shared data (sources).",
        "F: Pilkades day 10 October 2023, Kabupaten Pasuruan's simultaneous Pilkades (pantura7.com, 4 May 2023; "
        "pojokkiripasuruannews.com and akurasinews.com, October 2023), voting from 07:00; 1 ballot (the village head).",
        "E: TPS per village = the Pemilu 2024 count x 0.5, rounded up (the Pilkada 2024 rule of Jawa Timur, which went "
        "from 120,666 to 60,751 TPS, F); the Pilkades count is not in the data: " + ", ".join(counts) + ".",
        "F/E: Polres Pasuruan rated 6 of the 31 Pilkades villages in its area rawan, 2 of them in Pasrepan "
        "(pojokkiripasuruannews.com, October 2023). Which two is not reported: this scenario assumes Ngantungan and "
        "Mangguan (E) and rates all their TPS rawan; Lemahbang's TPS are kurang rawan (the other villages were "
        "rated aman, F).",
        "F: Polres Pasuruan fielded at least 600 of its officers (about 1,200 personnel with TNI, Linmas and others) "
        "for the Pilkades in 31 villages, with a Brimob company of 100 as BKO from Bondowoso, Malang and Banyuwangi "
        "(pojokkiripasuruannews.com and akurasinews.com, October 2023): the Brimob unit here has 100. The plans' "
        "guard patterns are the doctrine's, far lighter than that reported strength.",
        "F: the 2023 Pasrepan dialogue asked that guards stay after the count until the area is calm (docs/domain.md#the-day); the "
        "long_retention plan does that.",
        "E: voters per TPS: no Pilkades figure is at hand; the Pilkada 2024 mean of about 470 (docs/domain.md#counts, D) is used.",
    ]
    sources = SOURCES + [
        "Pilkades 2023 of Kabupaten Pasuruan: date (pantura7.com, 4 May 2023), ratings and forces "
        "(pojokkiripasuruannews.com, October 2023; akurasinews.com, October 2023).",
    ]
    args = [
        "--kind", "pilkades", "--date", "2023-10-10", "--ballots", "1", "--name", "pasrepan-pilkades",
        "--brimob", "100", "--seed", "20231010",
        "--description",
        "Kecamatan Pasrepan, Kabupaten Pasuruan (Jawa Timur): the village-head elections (Pilkades) of 10 October "
        "2023 in Lemahbang, Ngantungan and Mangguan. Real names, codes and centroids; TPS counts, categories, "
        "voters, roads and forces are assumptions stated in the notes.",
    ]
    generate(siaga, csv_path, os.path.join(out_dir, "pasrepan-pilkades.json"), args, notes, sources)


def jepara(admin, siaga, out_dir, work):
    codes = sorted(c for c, r in admin.items() if c.startswith("33.20.") and r["level"] == "desa_kelurahan")
    rows, pemilu_total, special_total = [], 0, 0
    for code in codes:
        r = admin[code]
        if not r["tps_count_2024"]:
            raise SystemExit(f"{code} ({r['nama']}) has no TPS count in the data")
        pemilu = int(r["tps_count_2024"])
        special = int(r["tps_special_2024"] or 0)
        pemilu_total += pemilu
        special_total += special
        rows.append(village_row(admin, code, halved(pemilu), special))
    regular = sum(r["tps"] for r in rows)
    kecamatan = sorted({r["kecamatan_code"] for r in rows})
    csv_path = os.path.join(work, "jepara.csv")
    write_csv(rows, csv_path)
    notes = [
        f"F: Kabupaten Jepara (33.20), Jawa Tengah: all its {len(kecamatan)} kecamatan and {len(rows)} villages "
        "with their Kemendagri codes, names and centroids from the shared data (sources); Karimunjawa (33.20.10) "
        "is four island villages about 80 km offshore.",
        "F: Pilkada 2024 on 27 November 2024, 2 ballots (Gubernur Jawa Tengah and Bupati Jepara).",
        f"E: Pilkada 2024 TPS per village = the Pemilu 2024 count x 0.5, rounded up (no per-village Pilkada count is "
        f"in the data; Jawa Timur went from 120,666 to 60,751 TPS, F): {pemilu_total:,} regular Pemilu 2024 TPS -> "
        f"{regular:,}.",
        f"E: the {special_total} special-location TPS of 2024 (numbered 901 and up, in Pengkol) are kept as khusus "
        "TPS at their 2024 count.",
        "D/E: categories of the regular TPS drawn from Jawa Timur's Pemilu 2024 shares, kurang rawan 96.5%, rawan "
        "2.5%, sangat rawan 1.0% (docs/domain.md#security-patterns, D): no Jawa Tengah or Jepara figure is at hand (E).",
        "E: voters per TPS: the data has no DPT per TPS; the Pilkada 2024 mean of about 470 (docs/domain.md#counts, D) is used.",
        "F/E: Jepara issued vests, flashlights and motorbikes to all its Bhabinkamtibmas for Pilkada 2024 and checked "
        "vehicles and fuel (docs/domain.md#seeded-places); how many villages have one is not known, so Jawa Timur's share is used (E).",
    ]
    args = [
        "--kind", "pilkada", "--date", "2024-11-27", "--ballots", "2", "--name", "jepara-pilkada",
        "--shares", JATIM_SHARES, "--seed", "20241127",
        "--description",
        "Kabupaten Jepara (Jawa Tengah), Pilkada of 27 November 2024: all 16 kecamatan and 195 villages. Real names, "
        "codes and centroids; TPS counts, categories, voters, roads and forces are assumptions stated in the notes. "
        "The default scenario of siaga.",
    ]
    # Misrated TPS and a plan that corrects part of the errors early (E): what early warning by
    # Bawaslu and Bhabinkamtibmas (Malang, docs/domain.md#seeded-places) is worth, on the same days.
    patch = {
        "incidents": {"misclassification": {
            "kurang_rawan": {"kurang_rawan": 0.99, "rawan": 0.01},
            "rawan": {"kurang_rawan": 0.3, "rawan": 0.7},
            "sangat_rawan": {"kurang_rawan": 0.1, "rawan": 0.3, "sangat_rawan": 0.6}}},
        "plans": {"early_warning": {
            "description": "The doctrine's guards, with half of the misrated TPS rated right in time by early "
                           "warning (Bawaslu and the Bhabinkamtibmas share what they know, as in Malang).",
            "pattern": "pilkada2024", "rating": {"basis": "early_warning", "corrected_share": 0.5}}},
    }
    patch_path = os.path.join(work, "jepara-patch.json")
    with open(patch_path, "w", encoding="utf-8") as f:
        json.dump(patch, f)
    args += ["--patch", patch_path]
    notes.append(
        "E: the published ratings miss some vulnerable TPS (no figure is published): of the truly rawan TPS 30% are "
        "rated kurang rawan; of the truly sangat rawan 10% kurang rawan and 30% rawan; of the truly kurang rawan 1% "
        "rawan (incidents.misclassification, P(rated | true)). The true categories follow by Bayes from the rated "
        "shares and are drawn per day, the same under every plan; 'early_warning' guards half of the misrated TPS "
        "by their true category (docs/model.md#rating).")
    out = os.path.join(out_dir, "jepara-pilkada.json")
    generate(siaga, csv_path, out, args, notes, SOURCES)
    # The roads joining Karimunjawa to the mainland stand for the boat crossing: say how long they are.
    with open(out, encoding="utf-8") as f:
        doc = json.load(f)
    nodes = {n["id"]: (n["lat"], n["lon"]) for n in doc["roads"]["nodes"]}
    island = lambda n: nodes[n][0] > -6.2  # Karimunjawa lies north of 6.2 S; the mainland south of it
    links = [e for e in doc["roads"]["edges"] if island(e["from"]) != island(e["to"])]
    # Default car speeds by class, km/h (scenarios/README.md).
    car_kmh = {"arterial": 50, "collector": 40, "local": 30, "village": 20, "trail": 0}
    if links:
        def describe(e):
            straight = haversine_m(nodes[e["from"]], nodes[e["to"]]) / 1000
            km = e["length_m"] / 1000
            car = f", {km / car_kmh[e['class']]:.1f} h by car at the default speed" if car_kmh[e["class"]] else ""
            return f"{km:.1f} km ({e['class']}, straight {straight:.1f} km{car})"
        described = "; ".join(describe(e) for e in links)
        notes.append(
            f"E: the generated graph joins Karimunjawa to the mainland by {len(links)} road edge(s): {described}. They "
            "stand for the boat crossing (about 2 to 5 hours by boat, E); no ferry timetable is modelled, so responses "
            "from the mainland to the islands are optimistic, and the islands rely on the Polsek Karimunjawa.")
        generate(siaga, csv_path, out, args, notes, SOURCES)


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default=os.path.join(os.path.dirname(REPO), "shared", "data"),
                   help="the shared data directory (default: ../shared/data beside the repository)")
    p.add_argument("--siaga", default=os.path.join(REPO, "build", "tools", "siaga"),
                   help="the built siaga binary (default: build/tools/siaga)")
    p.add_argument("--out", default=os.path.join(REPO, "scenarios"), help="where to write (default: scenarios/)")
    a = p.parse_args()
    if not os.path.isfile(os.path.join(a.data, ADMIN_CSV)):
        sys.exit(f"no {ADMIN_CSV} under {a.data}: pass --data")
    if not os.access(a.siaga, os.X_OK):
        sys.exit(f"no siaga binary at {a.siaga}: build it (tools/run.sh) or pass --siaga")
    admin = read_admin(a.data)
    with tempfile.TemporaryDirectory() as work:
        pasrepan(admin, a.siaga, a.out, work)
        jepara(admin, a.siaga, a.out, work)


if __name__ == "__main__":
    main()
