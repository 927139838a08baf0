#include "siaga/scenario/path.hpp"

#include <cctype>

#include "siaga/core/error.hpp"

namespace siaga::scenario {
namespace {

bool is_key_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-'; }

}  // namespace

Path Path::operator/(std::string_view key) const {
  Path p = *this;
  p.steps_.emplace_back(std::string(key));
  return p;
}

Path Path::operator[](std::size_t index) const {
  Path p = *this;
  p.steps_.emplace_back(index);
  return p;
}

std::string Path::str() const {
  if (steps_.empty()) return "(scenario)";
  std::string out;
  for (const PathStep& step : steps_) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (!out.empty()) out += '.';
      out += *key;
    } else {
      out += '[' + std::to_string(std::get<std::size_t>(step)) + ']';
    }
  }
  return out;
}

Path Path::parse(std::string_view dotted) {
  Path p;
  std::size_t i = 0;
  auto fail = [&](const std::string& why) {
    throw InputError("path '" + std::string(dotted) + "': " + why + " at character " + std::to_string(i + 1));
  };
  if (dotted.empty()) fail("empty path");
  bool expect_key = true;
  while (i < dotted.size()) {
    if (dotted[i] == '[') {
      const std::size_t close = dotted.find(']', i);
      if (close == std::string_view::npos || close == i + 1) fail("'[' needs a list position and ']'");
      std::size_t index = 0;
      for (std::size_t j = i + 1; j < close; ++j) {
        if (!std::isdigit(static_cast<unsigned char>(dotted[j]))) fail("a list position is a whole number");
        index = index * 10 + static_cast<std::size_t>(dotted[j] - '0');
      }
      if (p.steps_.empty()) fail("a path starts with a field name");
      p.steps_.emplace_back(index);
      i = close + 1;
      expect_key = false;
    } else if (dotted[i] == '.') {
      if (expect_key) fail("empty field name");
      expect_key = true;
      ++i;
    } else {
      if (!expect_key) fail("expected '.' or '['");
      const std::size_t start = i;
      while (i < dotted.size() && is_key_char(dotted[i])) ++i;
      if (i == start) fail("unexpected character '" + std::string(1, dotted[i]) + "'");
      p.steps_.emplace_back(std::string(dotted.substr(start, i - start)));
      expect_key = false;
    }
  }
  if (expect_key) fail("a path ends with a field name or a list position");
  return p;
}

const Json* find(const Json& doc, const Path& path) {
  const Json* at = &doc;
  for (const PathStep& step : path.steps()) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      if (!at->is_object()) return nullptr;
      const auto it = at->find(*key);
      if (it == at->end()) return nullptr;
      at = &*it;
    } else {
      const std::size_t index = std::get<std::size_t>(step);
      if (!at->is_array() || index >= at->size()) return nullptr;
      at = &(*at)[index];
    }
  }
  return at;
}

Json& walk(Json& doc, const Path& path, bool create_missing) {
  Json* at = &doc;
  Path walked;
  for (const PathStep& step : path.steps()) {
    if (const auto* key = std::get_if<std::string>(&step)) {
      walked = walked / *key;
      if (create_missing && at->is_null()) *at = Json::object();
      if (!at->is_object() || (!create_missing && !at->contains(*key)))
        throw InputError(walked.str() + ": no such field in the scenario");
      at = &(*at)[*key];
    } else {
      const std::size_t index = std::get<std::size_t>(step);
      walked = walked[index];
      if (!at->is_array() || index >= at->size())
        throw InputError(walked.str() + ": no such list position in the scenario");
      at = &(*at)[index];
    }
  }
  return *at;
}

void set_existing(Json& doc, const Path& path, Json value) { walk(doc, path, false) = std::move(value); }

}  // namespace siaga::scenario
