#!/usr/bin/env python3
"""Copies what the shipped scenarios need from siaga's shared data into data/.

Developer script: run it on a machine that has the shared data (../shared/data beside the
repository by default). It writes data/admin, data/boundaries, data/roads and data/police; the
files are committed, so that building, testing and running siaga never read the shared data.
What it keeps, and the credits, are in data/CREDITS.md. Python 3 standard library only.

    tools/scenarios/extract_data.py [--data DIR] [--out DIR]

- admin/wilayah_jatim.csv: the Jawa Timur rows (code 35) of the admin table, with only the columns
  the importer reads (kode, level, nama, parent_kode, lat, lon, tps_count_2024, tps_special_2024).
- boundaries/: the village polygons of Kota Kediri, Kabupaten Malang and Kabupaten Pasuruan, those of
  Kecamatan Sukolilo (cut from Kota Surabaya's), and the kecamatan polygons of Kota Kediri and Kota
  Surabaya, as they are.
- roads/: the Kota Kediri GraphML and the Sukolilo GraphML and OSM XML, gzip-compressed (the
  readers decompress files ending in .gz), with the gzip timestamp set to 0 so that the bytes do not
  depend on when the script ran.
- police/: the Surabaya police and fire stations, as they are.
"""

import argparse
import csv
import gzip
import io
import json
import os
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
ADMIN_COLUMNS = ["kode", "level", "nama", "parent_kode", "lat", "lon", "tps_count_2024", "tps_special_2024"]


def admin(data, out):
    with open(os.path.join(data, "admin", "wilayah_jatim_jateng.csv"), newline="", encoding="utf-8") as f:
        rows = [r for r in csv.DictReader(f) if r["kode"] == "35" or r["kode"].startswith("35.")]
    path = os.path.join(out, "admin", "wilayah_jatim.csv")
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.DictWriter(f, fieldnames=ADMIN_COLUMNS, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print(f"{path}: {len(rows)} rows")


def boundaries(data, out):
    src = os.path.join(data, "boundaries")
    for name in ["desa_kota_kediri.geojson", "kec_kota_kediri.geojson", "desa_kab_malang.geojson",
                 "desa_kab_pasuruan.geojson", "kec_kota_surabaya.geojson"]:
        shutil.copyfile(os.path.join(src, name), os.path.join(out, "boundaries", name))
    # Only Kecamatan Sukolilo's villages of Kota Surabaya's 153.
    with open(os.path.join(src, "desa_kota_surabaya.geojson"), encoding="utf-8") as f:
        doc = json.load(f)
    doc["features"] = [x for x in doc["features"] if x["properties"]["kode"].startswith("35.78.09.")]
    path = os.path.join(out, "boundaries", "desa_kota_surabaya_sukolilo.geojson")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(doc, f, ensure_ascii=False, separators=(",", ":"))
        f.write("\n")
    print(f"{path}: {len(doc['features'])} villages")


def roads(data, out):
    for name in ["kota_kediri_drive.graphml", "surabaya_sukolilo_drive.graphml", "surabaya_sukolilo_drive.osm"]:
        with open(os.path.join(data, "roads", name), "rb") as f:
            raw = f.read()
        path = os.path.join(out, "roads", name + ".gz")
        buf = io.BytesIO()
        with gzip.GzipFile(filename="", mode="wb", fileobj=buf, compresslevel=9, mtime=0) as z:
            z.write(raw)
        with open(path, "wb") as f:
            f.write(buf.getvalue())
        print(f"{path}: {len(raw):,} -> {len(buf.getvalue()):,} bytes")


def police(data, out):
    shutil.copyfile(os.path.join(data, "police", "surabaya_police_fire_osm.geojson"),
                    os.path.join(out, "police", "surabaya_police_fire_osm.geojson"))


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--data", default=os.path.join(os.path.dirname(REPO), "shared", "data"),
                   help="the shared data directory (default: ../shared/data beside the repository)")
    p.add_argument("--out", default=os.path.join(REPO, "data"), help="where to write (default: data/)")
    a = p.parse_args()
    if not os.path.isdir(os.path.join(a.data, "admin")):
        sys.exit(f"no admin/ under {a.data}: pass --data")
    for sub in ["admin", "boundaries", "roads", "police"]:
        os.makedirs(os.path.join(a.out, sub), exist_ok=True)
    admin(a.data, a.out)
    boundaries(a.data, a.out)
    roads(a.data, a.out)
    police(a.data, a.out)


if __name__ == "__main__":
    main()
