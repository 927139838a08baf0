#pragma once
// Text that goes into the report's HTML: every name from a scenario escaped, JSON made safe inside
// a <script> element, numbers formatted for people (io/number_format.hpp), tables. Internal part of
// the report.

#include <cstddef>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace siaga::report {

/// `text` with &, <, >, " and ' as character references: safe as element text and as a quoted
/// attribute value. Any other character, Unicode included, stays as written.
std::string escape_html(std::string_view text);

/// JSON text to place inside <script type="application/json">: every <, > and & (which can only
/// occur inside strings) as \u003c, \u003e, \u0026, so that no "</script>" or "<!--" closes or
/// changes the element, and U+2028 and U+2029 as \u2028 and \u2029 (older script parsers end a
/// line there). JSON.parse reads it back unchanged. Bytes that are not UTF-8 become U+FFFD.
std::string json_for_script(const nlohmann::ordered_json& value);

/// A share as a percentage for people: 0.0123 -> "1.23%" (format_number, 3 significant digits);
/// "n/a" if undefined.
std::string percent_text(double share);

/// A share and its interval as percentages, decimals from the interval's width
/// (format_interval): "1.2% [0.4, 3.0]"; without an interval the share alone.
std::string percent_interval_text(double share, double low, double high);

/// A mean and its interval (format_interval): "18,073 [18,033, 18,113]".
std::string interval_text(double mean, double low, double high);

/// A cell of an HTML table: its HTML (already escaped) and whether it holds a number (right-aligned).
struct Cell {
  std::string html;
  bool numeric = false;
};

/// A text cell (escaped here) and a number cell (text as given, escaped here).
Cell text_cell(std::string_view text);
Cell number_cell(std::string_view text);

/// A <table> with a header row and body rows; `caption` (escaped here) above it if not empty.
std::string table_html(const std::vector<std::string>& header, const std::vector<std::vector<Cell>>& rows,
                       std::string_view css_class = {}, std::string_view caption = {});

}  // namespace siaga::report
