// Reading the names of police stations, as OpenStreetMap contributors write them: in full
// ("Kepolisian Sektor Pakal"), abbreviated ("Polsekta Tambaksari"), in capitals ("POLSEK RUNGKUT"),
// misspelt ("POLOSEK RUNGKUT"), with an office word ("Kantor Polsek ...") or an area word
// ("Polsek Kecamatan Semampir").

#include <algorithm>
#include <array>
#include <cctype>

#include "siaga/ingest/police_posts.hpp"

namespace siaga::ingest {
namespace {

std::string lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Words of a name: runs of letters and digits (bytes of UTF-8 letters count as letters).
std::vector<std::string> words(std::string_view name) {
  std::vector<std::string> out;
  std::string word;
  for (const char c : name) {
    if (std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80) {
      word += c;
    } else if (!word.empty()) {
      out.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

template <std::size_t N>
bool is_one_of(const std::string& w, const std::array<std::string_view, N>& list) {
  return std::find(list.begin(), list.end(), w) != list.end();
}

// Words that make a name a police post (its officers belong to a Polsek).
constexpr std::array<std::string_view, 6> kPostWords{"pos",    "pospol",    "posko",
                                                     "pospam", "poslantas", "pospantau"};
// Words of units that hold no election-day reserve: traffic, licensing, water police, staff.
constexpr std::array<std::string_view, 13> kUnitWords{
    "satlantas", "ditlantas", "lantas",    "polantas", "samsat",     "satpas",      "ditpolair",
    "polair",    "polairud",  "satpolair", "subid",    "direktorat", "ditreskrimum"};
constexpr std::array<std::string_view, 4> kPolsekWords{"polsek", "polsekta", "polosek", "polsekto"};
constexpr std::array<std::string_view, 4> kPolresWords{"polres", "polresta", "polrestabes", "polrestro"};
// Words that say nothing of the place: offices, the force, the area kind.
constexpr std::array<std::string_view, 14> kNoise{"kantor", "kepolisian", "polisi", "polri",   "kecamatan",
                                                  "sektor", "resor",      "daerah", "kapolda", "polda",
                                                  "markas", "mako",       "satuan", "komando"};

std::string title_case(const std::vector<std::string>& ws) {
  std::string out;
  for (const std::string& w : ws) {
    std::string t = lower(w);
    if (t == "jatim") t = "jawa timur";
    if (t == "jateng") t = "jawa tengah";
    if (t == "jabar") t = "jawa barat";
    bool start = true;
    for (char& c : t) {
      if (start) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      start = c == ' ';
    }
    out += (out.empty() ? "" : " ") + t;
  }
  return out;
}

// The place: the words after the kind's marker (at `marker`), without noise; if none follow, the
// words before it.
std::string place_after(const std::vector<std::string>& ws, const std::vector<std::string>& low,
                        std::size_t marker) {
  std::vector<std::string> after, before;
  for (std::size_t i = 0; i < ws.size(); ++i) {
    if (i == marker || is_one_of(low[i], kNoise) || is_one_of(low[i], kPolsekWords) ||
        is_one_of(low[i], kPolresWords) || low[i] == "brimob")
      continue;
    (i > marker ? after : before).push_back(ws[i]);
  }
  return title_case(after.empty() ? before : after);
}

}  // namespace

std::string_view to_string(PoliceKind kind) noexcept {
  switch (kind) {
    case PoliceKind::kPolda:
      return "polda";
    case PoliceKind::kPolres:
      return "polres";
    case PoliceKind::kPolsek:
      return "polsek";
    case PoliceKind::kBrimob:
      return "brimob";
  }
  return "polsek";
}

std::string place_key(PoliceKind kind, std::string_view place) {
  std::string key(to_string(kind));
  key += ':';
  for (const char c : lower(place))
    if (c != ' ') key += c;
  return key;
}

PoliceName read_police_name(std::string_view name) {
  PoliceName out;
  const std::vector<std::string> ws = words(name);
  std::vector<std::string> low;
  for (const std::string& w : ws) low.push_back(lower(w));
  auto find = [&](auto&& pred) -> std::optional<std::size_t> {
    for (std::size_t i = 0; i < low.size(); ++i)
      if (pred(low[i], i)) return i;
    return std::nullopt;
  };
  // Order matters: "Pos Lantas Polsek X" is a post, "Satlantas Polrestabes X" a unit, "Satuan Brimob
  // Kapolda X" Brimob, "POLRI Daerah X (Resor Kota Besar Y)" a Polres.
  if (find([](const std::string& w, std::size_t) { return is_one_of(w, kPostWords); })) {
    out.verdict = NameVerdict::kPosPolisi;
    return out;
  }
  if (const auto at = find([](const std::string& w, std::size_t) { return w == "brimob"; })) {
    out.verdict = NameVerdict::kStation;
    out.kind = PoliceKind::kBrimob;
    out.place = place_after(ws, low, *at);
    out.label = "Brimob" + (out.place.empty() ? "" : " " + out.place);
    return out;
  }
  if (find([](const std::string& w, std::size_t) { return is_one_of(w, kUnitWords); })) {
    out.verdict = NameVerdict::kSpecialUnit;
    return out;
  }
  if (const auto at = find(
          [](const std::string& w, std::size_t) { return is_one_of(w, kPolsekWords) || w == "sektor"; })) {
    out.verdict = NameVerdict::kStation;
    out.kind = PoliceKind::kPolsek;
    out.place = place_after(ws, low, *at);
    out.label = "Polsek" + (out.place.empty() ? "" : " " + out.place);
    return out;
  }
  if (const auto at = find(
          [](const std::string& w, std::size_t) { return is_one_of(w, kPolresWords) || w == "resor"; })) {
    out.verdict = NameVerdict::kStation;
    out.kind = PoliceKind::kPolres;
    std::string variant = low[*at] == "resor" ? "polres" : low[*at];
    std::size_t marker = *at;
    if (low[*at] == "resor" && marker + 1 < low.size() && low[marker + 1] == "kota") {
      // Resor Kota (Polresta), Resor Kota Besar (Polrestabes): "Kota Besar" is no part of the place.
      const bool besar = marker + 2 < low.size() && low[marker + 2] == "besar";
      variant = besar ? "polrestabes" : "polresta";
      marker += besar ? 2 : 1;
    }
    out.place = place_after(ws, low, marker);
    variant[0] = 'P';
    out.label = variant + (out.place.empty() ? "" : " " + out.place);
    return out;
  }
  const auto polda = find([](const std::string& w, std::size_t) { return w == "polda"; });
  const auto daerah = find([&](const std::string& w, std::size_t i) {
    return w == "daerah" && i > 0 &&
           (low[i - 1] == "kepolisian" || low[i - 1] == "polri" || low[i - 1] == "polisi");
  });
  if (polda || daerah) {
    out.verdict = NameVerdict::kStation;
    out.kind = PoliceKind::kPolda;
    out.place = place_after(ws, low, polda ? *polda : *daerah);
    out.label = "Polda" + (out.place.empty() ? "" : " " + out.place);
    return out;
  }
  return out;
}

}  // namespace siaga::ingest
