#include "siaga/io/trace_writer.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "io/io_test_support.hpp"
#include "siaga/core/error.hpp"

namespace siaga::io {
namespace {

using dynamics::TraceEvent;
using dynamics::TraceKind;
using testing::read_file;
using testing::ScratchDir;
using testing::write_plain;
constexpr std::uint32_t kNone = TraceEvent::kNone;

constexpr Tick at(int h, int m, int s, int ms = 0) {
  return h * kTicksPerHour + m * kTicksPerMinute + s * kTicksPerSecond + ms;
}

// One incident followed by hand through every kind of event, on the minimal fixture: TPS 0
// satu-001 (village Satu), 2 dua-001 (Dua), 4 tiga-001 (Tiga, kecamatan Selatan); units 1
// babin-satu, 2 utara-r1, 4 qr.
std::vector<TraceEvent> day() {
  return {
      {at(5, 0, 0), TraceKind::kUnitAbsent, kNone, kNone, 1, 0, 0},
      {at(6, 0, 0), TraceKind::kGuardsArrive, kNone, 0, kNone, 1, 2},
      {at(7, 30, 1, 500), TraceKind::kIncidentReported, 0, 2, kNone, 2, 1},
      {at(7, 30, 1, 500), TraceKind::kGuardsRespond, 0, 2, kNone, 1, 0},
      {at(7, 30, 2), TraceKind::kDispatched, 0, 2, 2, 4, at(7, 42, 10, 500)},
      {at(7, 35, 0), TraceKind::kEscalated, 0, 2, kNone, 3, 0},
      {at(7, 42, 10, 500), TraceKind::kOnScene, 0, 2, 2, 5, 4},
      {at(7, 42, 10, 500), TraceKind::kHandlingStarts, 0, 2, kNone, 5, 4},
      {at(8, 30, 0), TraceKind::kSettled, 0, 2, kNone, 0, 0},
      {at(9, 0, 0), TraceKind::kUnitBreakdown, kNone, kNone, 4, 0, 45 * kTicksPerMinute + 3000},
      {at(9, 10, 0), TraceKind::kUnitReturns, kNone, kNone, 2, 4, 0},
      {at(15, 0, 0), TraceKind::kCountEnds, kNone, 4, kNone, 0, 0},
      {at(15, 0, 0), TraceKind::kGuardsLeave, kNone, 4, kNone, 1, 0},
      {at(15, 5, 0), TraceKind::kBoxDeparts, kNone, 4, kNone, 0, 0},
      {at(15, 6, 0), TraceKind::kTransitIncident, kNone, 4, kNone, 2, 0},
      {at(15, 20, 0), TraceKind::kBoxArrives, kNone, 4, kNone, 2, 0},
      {at(25, 10, 0), TraceKind::kBoxArrives, kNone, 4, kNone, 2, 1},
      {at(36, 0, 0), TraceKind::kOpenAtEnd, 3, 5, kNone, 4, 0},
  };
}

std::string format_all(const scenario::Model& model, TraceFormat format) {
  TraceTextSink sink(model, format);
  for (const TraceEvent& e : day()) sink.record(e);
  EXPECT_EQ(sink.events(), day().size());
  return sink.text();
}

TEST(TraceFormat, FollowsTheExtension) {
  EXPECT_EQ(trace_format_for("out/day.csv"), TraceFormat::kCsv);
  EXPECT_EQ(trace_format_for("day.jsonl"), TraceFormat::kJsonLines);
  EXPECT_EQ(trace_format_for("DAY.CSV"), TraceFormat::kCsv);
}

TEST(TraceFormat, AnyOtherExtensionIsAnErrorNamingOptionAndPath) {
  const std::string expected =
      "--trace: 'day.txt': unknown trace format; the file name must end in .csv (CSV) or .jsonl (JSON Lines)";
  try {
    trace_format_for("day.txt", "--trace");
    FAIL() << "no error";
  } catch (const InputError& e) {
    EXPECT_EQ(std::string(e.what()), expected);
  }
  EXPECT_THROW(trace_format_for("day"), InputError);
  EXPECT_THROW(trace_format_for("day.json"), InputError);
}

TEST(TraceClock, IsHoursMinutesSecondsMillisecondsPastMidnight) {
  const auto clock = [](Tick t) {
    std::string s;
    append_clock(s, t);
    return s;
  };
  EXPECT_EQ(clock(0), "00:00:00.000");
  EXPECT_EQ(clock(at(7, 42, 10, 500)), "07:42:10.500");
  EXPECT_EQ(clock(at(25, 0, 0, 1)), "25:00:00.001");  // the next morning: hours go on past 24
  EXPECT_EQ(clock(at(123, 4, 5, 60)), "123:04:05.060");
  EXPECT_EQ(clock(-1500), "-00:00:01.500");
}

TEST(TraceWriter, WritesCsvAPersonCanFollow) {
  const auto model = testing::minimal_model();
  const std::string expected =
      "time,time_ms,event,incident,tps,village,unit,unit_kind,value,arg,note\n"
      "05:00:00.000,18000000,unit_absent,,,,babin-satu,bhabinkamtibmas,0,0,absent for the day\n"
      "06:00:00.000,21600000,guards_arrive,,satu-001,Satu,,,1,2,1 officer takes post for 2 TPS\n"
      "07:30:01.500,27001500,incident_reported,0,dua-001,Dua,,,2,1,severity 2 (intimidation)\n"
      "07:30:01.500,27001500,guards_respond,0,dua-001,Dua,,,1,0,1 guard of the TPS takes it on\n"
      "07:30:02.000,27002000,dispatched,0,dua-001,Dua,utara-r1,polsek_reserve,4,27730500,"
      "\"4 officers, expected on scene 07:42:10.500\"\n"
      "07:35:00.000,27300000,escalated,0,dua-001,Dua,,,3,0,escalates to severity 3 (ballot_threat)\n"
      "07:42:10.500,27730500,on_scene,0,dua-001,Dua,utara-r1,polsek_reserve,5,4,"
      "\"5 officers now on scene, 4 of them able to settle it\"\n"
      "07:42:10.500,27730500,handling_starts,0,dua-001,Dua,,,5,4,"
      "\"5 officers on scene (4 able to settle it), handling starts\"\n"
      "08:30:00.000,30600000,settled,0,dua-001,Dua,,,0,0,settled\n"
      "09:00:00.000,32400000,unit_breakdown,,,,qr,polres_quick_response,0,2703000,"
      "\"vehicle fails on the road, 45.1 min delay\"\n"
      "09:10:00.000,33000000,unit_returns,,,,utara-r1,polsek_reserve,4,0,4 officers back at the post\n"
      "15:00:00.000,54000000,count_ends,,tiga-001,Tiga,,,0,0,counting ends\n"
      "15:00:00.000,54000000,guards_leave,,tiga-001,Tiga,,,1,0,1 officer goes off duty\n"
      "15:05:00.000,54300000,box_departs,,tiga-001,Tiga,,,0,0,ballot boxes leave without escort\n"
      "15:06:00.000,54360000,transit_incident,,tiga-001,Tiga,,,2,0,"
      "\"ballot boxes threatened in transit, 2 escort officers\"\n"
      "15:20:00.000,55200000,box_arrives,,tiga-001,Tiga,,,2,0,ballot boxes reach the PPS of Tiga\n"
      "25:10:00.000,90600000,box_arrives,,tiga-001,Tiga,,,2,1,ballot boxes reach the PPK of Selatan\n"
      "36:00:00.000,129600000,open_at_end,3,tiga-002,Tiga,,,4,0,"
      "\"still open at the end of the day, severity 4\"\n";
  EXPECT_EQ(format_all(*model, TraceFormat::kCsv), expected);
}

TEST(TraceWriter, WritesJsonLinesWithTheSameFields) {
  const auto model = testing::minimal_model();
  const std::string text = format_all(*model, TraceFormat::kJsonLines);
  std::istringstream lines(text);
  std::string first, line;
  std::getline(lines, first);
  EXPECT_EQ(first,
            R"j({"time":"05:00:00.000","time_ms":18000000,"event":"unit_absent","incident":null,"tps":null,)j"
            R"j("village":null,"unit":"babin-satu","unit_kind":"bhabinkamtibmas","value":0,"arg":0,)j"
            R"j("note":"absent for the day"})j");
  std::getline(lines, line);
  std::getline(lines, line);
  EXPECT_EQ(line, R"j({"time":"07:30:01.500","time_ms":27001500,"event":"incident_reported","incident":0,)j"
                  R"j("tps":"dua-001","village":"Dua","unit":null,"unit_kind":null,"value":2,"arg":1,)j"
                  R"j("note":"severity 2 (intimidation)"})j");
  // Every line is one JSON object with the CSV's columns as keys, in the same order.
  std::size_t n = 0;
  std::istringstream all(text);
  while (std::getline(all, line)) {
    const auto j = nlohmann::ordered_json::parse(line);
    std::string keys;
    for (const auto& [key, value] : j.items()) keys += (keys.empty() ? "" : ",") + key;
    EXPECT_EQ(keys, "time,time_ms,event,incident,tps,village,unit,unit_kind,value,arg,note");
    ++n;
  }
  EXPECT_EQ(n, day().size());
  EXPECT_EQ(text.back(), '\n');
}

TEST(TraceWriter, QuotesAndEscapesNamesThatNeedIt) {
  auto doc = scenario::ScenarioDocument::load(testing::data_dir() / "minimal.json");
  doc.json()["region"]["villages"][1]["name"] = "Dua, \"Lor\"\\Kidul";
  const auto model = scenario::compile(scenario::resolve(doc));
  const TraceEvent e{at(8, 0, 0), TraceKind::kSettled, 1, 2, kNone, 0, 0};

  TraceTextSink csv(*model, TraceFormat::kCsv);
  csv.record(e);
  EXPECT_EQ(csv.text().substr(csv.text().find('\n') + 1),
            "08:00:00.000,28800000,settled,1,dua-001,\"Dua, \"\"Lor\"\"\\Kidul\",,,0,0,settled\n");

  TraceTextSink jsonl(*model, TraceFormat::kJsonLines);
  jsonl.record(e);
  EXPECT_NE(jsonl.text().find(R"("village":"Dua, \"Lor\"\\Kidul")"), std::string::npos) << jsonl.text();
  EXPECT_EQ(nlohmann::json::parse(jsonl.text())["village"], "Dua, \"Lor\"\\Kidul");
}

TEST(TraceFileWriter, WritesTheSameTextAsTheFormatter) {
  const auto model = testing::minimal_model();
  ScratchDir dir;
  for (const char* name : {"day.csv", "day.jsonl"}) {
    TraceFileWriter w(*model, dir / name, Overwrite::kRefuse);
    for (const TraceEvent& e : day()) w.record(e);
    EXPECT_FALSE(std::filesystem::exists(dir / name));  // not before finish()
    w.finish();
    EXPECT_EQ(w.events(), day().size());
    EXPECT_EQ(read_file(dir / name), format_all(*model, w.format()));
  }
  EXPECT_EQ(dir.entries(), (std::vector<std::string>{"day.csv", "day.jsonl"}));
}

TEST(TraceFileWriter, FlushesLargeTracesInBlocks) {
  const auto model = testing::minimal_model();
  ScratchDir dir;
  TraceFileWriter w(*model, dir / "big.csv", Overwrite::kRefuse);
  TraceTextSink text(*model, TraceFormat::kCsv);
  for (int i = 0; i < 5000; ++i) {
    for (TraceEvent e : day()) {
      e.time += i;
      w.record(e);
      text.record(e);
    }
  }
  w.finish();
  EXPECT_GT(text.text().size(), std::size_t{1} << 20);
  EXPECT_EQ(read_file(dir / "big.csv"), text.text());
}

TEST(TraceFileWriter, LeavesNothingBehindWithoutFinish) {
  const auto model = testing::minimal_model();
  ScratchDir dir;
  {
    TraceFileWriter w(*model, dir / "day.csv", Overwrite::kRefuse);
    for (const TraceEvent& e : day()) w.record(e);
  }
  EXPECT_EQ(dir.entries(), std::vector<std::string>{});
}

TEST(TraceFileWriter, RefusesAnExistingFileAndABadExtensionBeforeWriting) {
  const auto model = testing::minimal_model();
  ScratchDir dir;
  write_plain(dir / "day.csv", "keep me\n");
  EXPECT_THROW(TraceFileWriter(*model, dir / "day.csv", Overwrite::kRefuse), InputError);
  EXPECT_THROW(TraceFileWriter(*model, dir / "day.txt", Overwrite::kReplace), InputError);
  EXPECT_EQ(read_file(dir / "day.csv"), "keep me\n");
  EXPECT_EQ(dir.entries(), std::vector<std::string>{"day.csv"});
}

}  // namespace
}  // namespace siaga::io
