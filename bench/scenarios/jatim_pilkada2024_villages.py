#!/usr/bin/env python3
"""Writes the villages table of a Jawa Timur Pilkada 2024 scenario for the scale benchmarks.

A stand-in for scenarios/jatim-pilkada2024.json (issue 14, item 3) on a tree without `siaga import`:
all 8,494 villages of data/admin/wilayah_jatim.csv (Kemendagri codes, centroids, Pemilu 2024 TPS
counts) in the table `siaga generate --villages-csv` reads, TPS scaled to the published Pilkada 2024
total of 60,751: one per village and the rest by largest remainder on the Pemilu counts. A village
without a centroid takes its kecamatan's. Python 3 standard library only.

    bench/scenarios/jatim_pilkada2024_villages.py OUT.csv
    siaga generate --villages-csv OUT.csv --kind pilkada --name jatim-pilkada2024 -o jatim.json
"""

import csv
import math
import os
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PILKADA_TPS = 60_751  # Jawa Timur, Pilkada 2024 (docs/domain.md#counts, F)


def main() -> None:
    out = sys.argv[1]
    with open(os.path.join(REPO, "data", "admin", "wilayah_jatim.csv"), encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    by_code = {r["kode"]: r for r in rows}
    villages = [r for r in rows if r["level"] == "desa_kelurahan"]
    weights = [int(r["tps_count_2024"] or 0) for r in villages]
    rest = PILKADA_TPS - len(villages)
    total = sum(weights)
    quotas = [rest * w / total for w in weights]
    tps = [1 + math.floor(q) for q in quotas]
    order = sorted(range(len(villages)), key=lambda i: (-(quotas[i] - math.floor(quotas[i])), i))
    for i in order[: PILKADA_TPS - sum(tps)]:
        tps[i] += 1
    with open(out, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["code", "name", "kecamatan_code", "kecamatan_name", "kecamatan_lat", "kecamatan_lon",
                    "kabupaten_code", "kabupaten_name", "kabupaten_lat", "kabupaten_lon", "provinsi_code",
                    "provinsi_name", "lat", "lon", "tps"])
        for v, n in zip(villages, tps):
            kec = by_code[v["parent_kode"]]
            kab = by_code[kec["parent_kode"]]
            prov = by_code[kab["parent_kode"]]
            lat, lon = (v["lat"], v["lon"]) if v["lat"] else (kec["lat"], kec["lon"])
            w.writerow([v["kode"], v["nama"], kec["kode"], kec["nama"], kec["lat"], kec["lon"], kab["kode"],
                        kab["nama"], kab["lat"], kab["lon"], prov["kode"], prov["nama"], lat, lon, n])


if __name__ == "__main__":
    main()
