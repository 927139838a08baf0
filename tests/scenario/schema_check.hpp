#pragma once
// A structural check of a document against a JSON Schema (draft 2020-12), limited to the keywords
// scenarios/siaga-scenario-1.schema.json uses. Any other keyword is reported as a problem, so a schema
// that grows a new keyword makes the tests fail rather than pass unchecked.

#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <regex>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace siaga::scenario::testing {

/// Checks documents against one schema.
class SchemaCheck {
 public:
  using Json = nlohmann::ordered_json;

  explicit SchemaCheck(Json schema) : root_(std::move(schema)) {}

  /// Every violation as "path: message"; empty if the document conforms.
  std::vector<std::string> problems(const Json& doc) const {
    std::vector<std::string> out;
    check(root_, doc, "$", out);
    return out;
  }

 private:
  static bool is_integer(const Json& v) {
    if (v.is_number_integer() || v.is_number_unsigned()) return true;
    if (!v.is_number_float()) return false;
    const double x = v.get<double>();
    return x == static_cast<double>(static_cast<long long>(x));
  }

  static bool has_type(const Json& v, const std::string& type) {
    if (type == "object") return v.is_object();
    if (type == "array") return v.is_array();
    if (type == "string") return v.is_string();
    if (type == "integer") return is_integer(v);
    if (type == "number") return v.is_number();
    if (type == "boolean") return v.is_boolean();
    if (type == "null") return v.is_null();
    return false;
  }

  const Json& resolve(const std::string& ref) const {
    // Only local references of the form #/$defs/name.
    const std::string prefix = "#/$defs/";
    if (ref.rfind(prefix, 0) != 0) throw std::runtime_error("unsupported $ref " + ref);
    return root_.at("$defs").at(ref.substr(prefix.size()));
  }

  const std::regex& regex(const std::string& pattern) const {
    auto it = regex_.find(pattern);
    if (it == regex_.end()) it = regex_.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
    return it->second;
  }

  void check(const Json& schema, const Json& v, const std::string& path,
             std::vector<std::string>& out) const {
    static const std::set<std::string> kAnnotations{"$schema", "$id",         "$defs",
                                                    "title",   "description", "default", "deprecated"};
    if (schema.is_boolean()) {
      if (!schema.get<bool>()) out.push_back(path + ": not allowed");
      return;
    }
    for (const auto& [key, rule] : schema.items()) {
      if (kAnnotations.count(key)) continue;
      if (key == "$ref") {
        check(resolve(rule.get<std::string>()), v, path, out);
      } else if (key == "type") {
        bool ok = false;
        if (rule.is_string()) ok = has_type(v, rule.get<std::string>());
        for (const Json& t : rule.is_array() ? rule : Json::array())
          ok = ok || has_type(v, t.get<std::string>());
        if (!ok) out.push_back(path + ": expected type " + rule.dump());
      } else if (key == "const") {
        if (v != rule) out.push_back(path + ": must be " + rule.dump());
      } else if (key == "enum") {
        if (std::find(rule.begin(), rule.end(), v) == rule.end())
          out.push_back(path + ": not one of " + rule.dump());
      } else if (key == "pattern") {
        if (v.is_string() && !std::regex_search(v.get<std::string>(), regex(rule.get<std::string>())))
          out.push_back(path + ": '" + v.get<std::string>() + "' does not match " + rule.get<std::string>());
      } else if (key == "minimum" || key == "maximum" || key == "exclusiveMinimum" ||
                 key == "exclusiveMaximum") {
        if (!v.is_number()) continue;
        const double x = v.get<double>(), r = rule.get<double>();
        const bool ok = key == "minimum"            ? x >= r
                        : key == "maximum"          ? x <= r
                        : key == "exclusiveMinimum" ? x > r
                                                    : x < r;
        if (!ok) out.push_back(path + ": " + v.dump() + " violates " + key + " " + rule.dump());
      } else if (key == "minItems") {
        if (v.is_array() && v.size() < rule.get<std::size_t>()) out.push_back(path + ": too few items");
      } else if (key == "maxItems") {
        if (v.is_array() && v.size() > rule.get<std::size_t>()) out.push_back(path + ": too many items");
      } else if (key == "uniqueItems") {
        if (v.is_array() && rule.get<bool>())
          for (std::size_t i = 0; i < v.size(); ++i)
            for (std::size_t j = i + 1; j < v.size(); ++j)
              if (v[i] == v[j]) out.push_back(path + ": items are not unique");
      } else if (key == "items") {
        if (v.is_array())
          for (std::size_t i = 0; i < v.size(); ++i)
            check(rule, v[i], path + "[" + std::to_string(i) + "]", out);
      } else if (key == "required") {
        if (v.is_object())
          for (const Json& name : rule)
            if (!v.contains(name.get<std::string>()))
              out.push_back(path + ": missing required " + name.dump());
      } else if (key == "minProperties") {
        if (v.is_object() && v.size() < rule.get<std::size_t>()) out.push_back(path + ": too few properties");
      } else if (key == "properties") {
        if (v.is_object())
          for (const auto& [name, sub] : rule.items())
            if (v.contains(name)) check(sub, v.at(name), path + "." + name, out);
      } else if (key == "additionalProperties") {
        if (!v.is_object()) continue;
        const Json& known = schema.contains("properties") ? schema.at("properties") : Json::object();
        for (const auto& [name, value] : v.items())
          if (!known.contains(name)) {
            if (rule.is_boolean() && !rule.get<bool>())
              out.push_back(path + ": unknown field '" + name + "'");
            else
              check(rule, value, path + "." + name, out);
          }
      } else if (key == "propertyNames") {
        if (v.is_object())
          for (const auto& [name, value] : v.items())
            check(rule, Json(name), path + ".(name " + name + ")", out);
      } else if (key == "oneOf") {
        std::size_t passing = 0;
        // Report the problems of the branch meant for this kind of value (its type matches).
        std::vector<std::string> closest;
        const std::string wrong_type = path + ": expected type ";
        for (const Json& branch : rule) {
          std::vector<std::string> sub;
          check(branch, v, path, sub);
          const bool type_matches = std::none_of(
              sub.begin(), sub.end(), [&](const std::string& p) { return p.rfind(wrong_type, 0) == 0; });
          if (sub.empty())
            ++passing;
          else if (closest.empty() || type_matches)
            closest = std::move(sub);
        }
        if (passing != 1) {
          out.push_back(path + ": matches " + std::to_string(passing) +
                        " branches of oneOf, not exactly one");
          if (passing == 0) out.insert(out.end(), closest.begin(), closest.end());
        }
      } else {
        out.push_back(path + ": the checker does not know the schema keyword '" + key + "'");
      }
    }
  }

  Json root_;
  mutable std::map<std::string, std::regex> regex_;
};

}  // namespace siaga::scenario::testing
