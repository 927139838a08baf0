// The forces rule shared by siaga generate and siaga import.

#include "siaga/scenario/forces_rule.hpp"

#include <gtest/gtest.h>

#include <array>
#include <vector>

namespace siaga::scenario {
namespace {

TEST(ForcesRule, VillagesWithTheFewestTpsShareAnOfficerKelurahanFirst) {
  // Kecamatan 0: villages 0-2; kecamatan 1: villages 3-4 (both kelurahan).
  const std::vector<long long> tps{5, 2, 9, 1, 3};
  const std::array<bool, 5> kl{false, false, true, true, true};
  const std::vector<std::size_t> kecamatan{0, 0, 0, 1, 1};
  // Two villages lack an officer: kelurahan first (3 has the fewest TPS; 4 is then the last of its
  // kecamatan and keeps its own), then 2, the other kelurahan.
  const std::vector<std::size_t> got = bhabinkamtibmas_fewest_tps_shared(tps, kl, kecamatan, 3);
  EXPECT_EQ(got, (std::vector<std::size_t>{0, 1, 4}));
  // Three lack one: then the desa with the fewest TPS, 1.
  EXPECT_EQ(bhabinkamtibmas_fewest_tps_shared(tps, kl, kecamatan, 2), (std::vector<std::size_t>{0, 4}));
  // Never fewer than one per kecamatan, whatever the count asked.
  EXPECT_EQ(bhabinkamtibmas_fewest_tps_shared(tps, kl, kecamatan, 0), (std::vector<std::size_t>{0, 4}));
  EXPECT_EQ(bhabinkamtibmas_fewest_tps_shared(tps, kl, kecamatan, 9).size(), 5u);
}

TEST(ForcesRule, SizesPoolsReservesAndServedVillagesFromTheTps) {
  ForcesRegion r;
  r.kabupaten.push_back({"99.01", "polres", "kodim", {0, 1}});
  r.kecamatan.push_back({"99.01.01", 0, "polsek-a"});
  r.kecamatan.push_back({"99.01.02", 0, "polsek-b"});
  r.villages.push_back({"99.01.01.2001", 0, {-7.00, 110.00}});
  r.villages.push_back({"99.01.01.2002", 0, {-7.00, 110.01}});
  r.villages.push_back({"99.01.01.2003", 0, {-7.00, 110.05}});
  r.villages.push_back({"99.01.02.2001", 1, {-7.10, 110.00}});
  r.tps = {{14, 2, 1, 0}, {7, 0, 0, 0}};
  r.bhabinkamtibmas = {0, 2, 3};
  ForcesOptions o;
  o.doctrine = {GuardPattern{2, 7, 14}, GuardPattern{2, 2, 4}, GuardPattern{2, 1, 2}, GuardPattern{2, 1, 2}};
  o.tni_headcount = {100};
  const ForcesRule f = apply_forces_rule(r, o);
  // Need: kecamatan 1: 2 x ceil(14/7) + 2 x 1 + 2 x 1 = 8; kecamatan 2: 2 x 1 = 2; pool 10 + 5% = 11.
  EXPECT_EQ(f.need_doctrine, std::vector<int>{10});
  EXPECT_EQ(f.pool_doctrine, std::vector<int>{11});
  // Reserves: ceil(11 x 0.2 / 0.8) = 3; quick response at least 6; Polsek at least 2 each.
  EXPECT_EQ(f.quick_response, std::vector<int>{6});
  EXPECT_EQ(f.polsek_reserve, (std::vector<int>{2, 2}));
  // Village 1 has no officer: the nearest of its kecamatan (village 0's) serves it.
  EXPECT_EQ(f.served[0], (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(f.served[1], (std::vector<std::size_t>{2}));
  EXPECT_EQ(f.guards, 11);
  EXPECT_EQ(f.bhabinkamtibmas, 3);
  EXPECT_EQ(f.tni, 100);
  EXPECT_EQ(f.units_doctrine.back()["id"], "bhabin-9901022001");
  EXPECT_EQ(f.units_doctrine[f.units_doctrine.size() - 3]["villages"],
            Json::array({"99.01.01.2001", "99.01.01.2002"}));
}

}  // namespace
}  // namespace siaga::scenario
