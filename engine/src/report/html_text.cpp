#include "html_text.hpp"

#include <cmath>

#include "siaga/io/number_format.hpp"

namespace siaga::report {

std::string escape_html(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

std::string json_for_script(const nlohmann::ordered_json& value) {
  const std::string text = value.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
  std::string out;
  out.reserve(text.size() + text.size() / 16);
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '<') {
      out += "\\u003c";
    } else if (c == '>') {
      out += "\\u003e";
    } else if (c == '&') {
      out += "\\u0026";
    } else if (c == '\xE2' && i + 2 < text.size() && text[i + 1] == '\x80' &&
               (text[i + 2] == '\xA8' || text[i + 2] == '\xA9')) {
      out += text[i + 2] == '\xA8' ? "\\u2028" : "\\u2029";  // LINE and PARAGRAPH SEPARATOR
      i += 2;
    } else {
      out += c;
    }
  }
  return out;
}

std::string percent_text(double share) {
  if (!std::isfinite(share)) return "n/a";
  return io::format_number(100 * share) + "%";
}

std::string percent_interval_text(double share, double low, double high) {
  if (!std::isfinite(share)) return "n/a";
  if (!std::isfinite(low) || !std::isfinite(high)) return percent_text(share);
  const std::string s = io::format_interval(100 * share, 100 * low, 100 * high);
  // "1.2 [0.4, 3.0]" -> "1.2% [0.4, 3.0]": the unit once, after the estimate.
  const std::size_t space = s.find(' ');
  return space == std::string::npos ? s + "%" : s.substr(0, space) + "%" + s.substr(space);
}

std::string interval_text(double mean, double low, double high) {
  return io::format_interval(mean, low, high);
}

Cell text_cell(std::string_view text) { return {escape_html(text), false}; }
Cell number_cell(std::string_view text) { return {escape_html(text), true}; }

std::string table_html(const std::vector<std::string>& header, const std::vector<std::vector<Cell>>& rows,
                       std::string_view css_class, std::string_view caption) {
  std::string out = "<table";
  if (!css_class.empty()) out += " class=\"" + escape_html(css_class) + "\"";
  out += ">\n";
  if (!caption.empty()) out += "<caption>" + escape_html(caption) + "</caption>\n";
  out += "<thead><tr>";
  for (const std::string& h : header) out += "<th>" + escape_html(h) + "</th>";
  out += "</tr></thead>\n<tbody>\n";
  for (const auto& row : rows) {
    out += "<tr>";
    for (const Cell& c : row)
      out += c.numeric ? "<td class=\"num\">" + c.html + "</td>" : "<td>" + c.html + "</td>";
    out += "</tr>\n";
  }
  out += "</tbody></table>\n";
  return out;
}

}  // namespace siaga::report
