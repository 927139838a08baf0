#include "siaga/ingest/admin_table.hpp"

#include <gtest/gtest.h>

#include "ingest_test_support.hpp"

namespace siaga::ingest {
namespace {

using testing::problems_of;
using testing::ScratchDir;

// A few rows shaped like the Kemendagri table: two provinces, a kota with a kelurahan and a desa,
// a kabupaten, one village without centroid and one without a TPS count.
constexpr std::string_view kHeader =
    "kode,kode_bps_style,level,nama,parent_kode,lat,lon,pop_total_kab,tps_count_2024,tps_special_2024\n";
constexpr std::string_view kRows =
    "33,33,provinsi,Jawa Tengah,,,,38430645,,\n"
    "33.20,3320,kabupaten_kota,Kabupaten Jepara,33,-6.59,110.71,1200000,,\n"
    "35,35,provinsi,Jawa Timur,,,,41800000,,\n"
    "35.78,3578,kabupaten_kota,Kota Surabaya,35,-7.27,112.72,2880000,,\n"
    "35.78.09,357809,kecamatan,Sukolilo,35.78,-7.29,112.79,,,\n"
    "35.78.09.1001,3578091001,desa_kelurahan,Keputih,35.78.09,-7.29,112.80,,71,1\n"
    "35.78.09.1002,3578091002,desa_kelurahan,Gebang Putih,35.78.09,,,,30,0\n"
    "35.78.12,357812,kecamatan,Pabean Cantikan,35.78,-7.22,112.73,,,\n"
    "35.78.12.2001,3578122001,desa_kelurahan,Contoh,35.78.12,-7.21,112.73,,,\n"
    "35.07,3507,kabupaten_kota,KOTA BATU LAMA,35,-7.9,112.5,200000,,\n";

TEST(AdminCsv, ReadsKemendagriDottedCodesFilteredByKabupaten) {
  ScratchDir dir;
  const auto file = dir.write("wilayah.csv", std::string(kHeader) + std::string(kRows));
  const AdminTable t = read_admin_table(file, "wilayah.csv", "35.78");
  ASSERT_EQ(t.areas.size(), 6u) << "the kota's own row and the five under it";
  EXPECT_EQ(t.areas[0].code, "35.78");
  EXPECT_EQ(t.count(AdminLevel::kKecamatan), 2u);
  EXPECT_EQ(t.count(AdminLevel::kDesaKelurahan), 3u);
  EXPECT_EQ(t.find("35"), nullptr) << "the province lies above the filter";
  const AdminArea* keputih = t.find("35.78.09.1001");
  ASSERT_NE(keputih, nullptr);
  EXPECT_EQ(keputih->name, "Keputih");
  EXPECT_EQ(keputih->parent_code, "35.78.09");
  EXPECT_EQ(keputih->tps_count, 71);
  EXPECT_EQ(keputih->tps_special, 1);
  EXPECT_EQ(keputih->centroid->lat, -7.29);
  EXPECT_EQ(keputih->where, "wilayah.csv:7");
  EXPECT_EQ(t.find("35.78")->population, 2'880'000);
}

TEST(AdminCsv, FiltersByProvinceOrKecamatanOrNotAtAll) {
  const auto table = scenario::CsvTable::parse(std::string(kHeader) + std::string(kRows), "w.csv");
  EXPECT_EQ(parse_admin_table(table).areas.size(), 10u);
  EXPECT_EQ(parse_admin_table(table, "33").areas.size(), 2u);
  EXPECT_EQ(parse_admin_table(table, "35.78.09").areas.size(), 3u);
  EXPECT_EQ(parse_admin_table(table, "35.78.09.1002").areas.size(), 1u);
  EXPECT_EQ(problems_of([&] { (void)parse_admin_table(table, "35.79"); }),
            std::vector<std::string>{"w.csv: has no row with code '35.79' (the filter)"});
  EXPECT_EQ(problems_of([&] { (void)parse_admin_table(table, "35-78"); }),
            std::vector<std::string>{
                "w.csv: the filter '35-78' is not a provinsi, kabupaten/kota, kecamatan or village code"});
}

TEST(AdminCsv, TellsKotaFromKabupatenAndKelurahanFromDesa) {
  const AdminTable t =
      parse_admin_table(scenario::CsvTable::parse(std::string(kHeader) + std::string(kRows), "w.csv"));
  EXPECT_TRUE(t.find("35.78")->kota) << "Kota Surabaya";
  EXPECT_TRUE(t.find("35.07")->kota) << "names in capitals: KOTA ...";
  EXPECT_FALSE(t.find("33.20")->kota) << "Kabupaten Jepara";
  EXPECT_EQ(t.find("35.78.09.1001")->village_kind, scenario::VillageKind::kKelurahan) << "1xxx";
  EXPECT_EQ(t.find("35.78.12.2001")->village_kind, scenario::VillageKind::kDesa) << "2xxx";
}

TEST(AdminCsv, ReportsMissingCentroidsAndTpsCountsAsWarnings) {
  const AdminTable t =
      parse_admin_table(scenario::CsvTable::parse(std::string(kHeader) + std::string(kRows), "w.csv"));
  std::vector<std::string> lines;
  for (const auto& w : t.warnings) lines.push_back(w.line());
  const std::vector<std::string> expected{
      "w.csv:8: desa_kelurahan 35.78.09.1002 Gebang Putih has no centroid (lat, lon are empty)",
      "w.csv:10: desa_kelurahan 35.78.12.2001 Contoh has no TPS count (tps_count_2024 is empty)"};
  EXPECT_EQ(lines, expected) << "a provinsi row without centroid is normal and not reported";
  EXPECT_FALSE(t.find("35.78.09.1002")->centroid.has_value());
}

TEST(AdminCsv, ReadsSemicolonsAndAByteOrderMarkAsExcelWritesThem) {
  const AdminTable t =
      parse_admin_table(scenario::CsvTable::parse("\xEF\xBB\xBF"
                                                  "kode;level;nama;parent_kode;lat;lon;tps_count_2024\n"
                                                  "35;provinsi;Jawa Timur;;;;\n"
                                                  "35.78;kabupaten_kota;Kota Surabaya;35;-7.27;112.72;\n",
                                                  "excel.csv"));
  ASSERT_EQ(t.areas.size(), 2u);
  EXPECT_EQ(t.areas[1].centroid->lon, 112.72);
}

TEST(AdminCsv, NamesEveryProblemWithFileLineAndColumn) {
  const std::string text = std::string(kHeader) +
                           "35,35,provinsi,Jawa Timur,,,,41800000,,\n"
                           "35.78,3578,kabupaten_kota,Kota Surabaya,35,-7.27,112.72,2.880.000,,\n"
                           "35.78.09,357809,kecamatan,Sukolilo,35.79,-7.29,,,,\n"
                           "35.78.9,35789,kecamatan,Salah,35.78,,,,,\n"
                           "35.78.09.3001,3578093001,desa_kelurahan,Aneh,35.78.09,-7.29,112.80,,1.234,0\n"
                           "35.78.10.1001,3578101001,desa_kelurahan,Yatim,35.78.10,-7.29,112.80,,5,0\n"
                           "35.78.09.1001,3578091009,desa_kelurahan,Keputih,35.78.09,-7.29,112.80,,5,0\n"
                           "35.78.09.1001,3578091001,dusun,Keputih,35.78.09,-7.29,112.80,,5,0\n";
  const auto lines =
      problems_of([&] { (void)parse_admin_table(scenario::CsvTable::parse(text, "bad.csv")); });
  const std::vector<std::string> expected{
      "bad.csv:3:8 (pop_total_kab): '2.880.000' looks like a number with a thousands separator; write "
      "2880000",
      "bad.csv:4:5 (parent_kode): must be '35.78', the code's parent, got '35.79'",
      "bad.csv:4:7 (lon): is required when lat is given",
      "bad.csv:5:1 (kode): '35.78.9' is not a kecamatan code (e.g. 35.78.09)",
      "bad.csv:6:1 (kode): a village code's last part starts with 1 (kelurahan) or 2 (desa), got "
      "'35.78.09.3001'",
      "bad.csv:6:9 (tps_count_2024): '1.234' looks like a number with a thousands separator; write 1234",
      "bad.csv:7:5 (parent_kode): the parent 35.78.10 of 35.78.10.1001 is not in the file",
      "bad.csv:8:2 (kode_bps_style): must be '3578091001' (the code without dots), got '3578091009'",
      "bad.csv:9:3 (level): unknown value 'dusun' (allowed: provinsi, kabupaten_kota, kecamatan, "
      "desa_kelurahan)"};
  EXPECT_EQ(lines, expected);
}

TEST(AdminCsv, ADuplicateCodeAndAMissingColumnAreNamed) {
  EXPECT_EQ(problems_of([] {
              (void)parse_admin_table(scenario::CsvTable::parse(
                  "kode,level,nama,parent_kode,lat,lon\n35,provinsi,Jawa Timur,,,\n", "short.csv"));
            }),
            std::vector<std::string>{"short.csv:1: has no column 'tps_count_2024'"});
  EXPECT_EQ(
      problems_of([] {
        (void)parse_admin_table(scenario::CsvTable::parse(
            "kode,level,nama,parent_kode,lat,lon,tps_count_2024\n35,provinsi,A,,,,\n35,provinsi,B,,,,\n",
            "dup.csv"));
      }),
      std::vector<std::string>{"dup.csv:3:1 (kode): duplicate code '35'"});
}

TEST(AdminCsv, ALatin1FileIsRefusedAtItsFirstBadByte) {
  ScratchDir dir;
  const auto file = dir.write("latin1.csv",
                              "kode,level,nama,parent_kode,lat,lon,tps_count_2024\n35,provinsi,Jaw\xE9"
                              " Timur,,,,\n");
  EXPECT_EQ(problems_of([&] { (void)read_admin_table(file, "latin1.csv"); }),
            std::vector<std::string>{"latin1.csv:2:3: not UTF-8 (byte 0xE9); save the file as UTF-8"});
}

}  // namespace
}  // namespace siaga::ingest
