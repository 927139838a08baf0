#pragma once
// The files a report embeds, built into siaga at build time so that writing a report needs nothing
// beside the binary: siaga's own page template, style and script (engine/src/report/assets/), and
// the libraries it draws with, as the project's set-up installs them (Debian's libjs-leaflet and
// libjs-chart.js): leaflet.js, leaflet.css, chart.js.

#include <span>
#include <string_view>

#include "siaga/scenario/builtin.hpp"

namespace siaga::report {

/// Every embedded asset, by file name ("report.html", "report.css", "report.js", "leaflet.js",
/// "leaflet.css", "chart.js").
std::span<const scenario::BuiltinFile> report_assets() noexcept;

/// The text of the asset of this name; empty if there is none (a build without it is broken: the
/// report checks that every asset it needs is there).
std::string_view report_asset(std::string_view name) noexcept;

}  // namespace siaga::report
