#pragma once
// A hash that is the same on every machine, compiler and library version, for naming things
// (random-stream entities, a scenario's text); not a security hash.

#include <cstdint>
#include <string_view>

namespace siaga {

/// FNV-1a, 64 bits, over the bytes of `text`.
constexpr std::uint64_t fnv1a64(std::string_view text) noexcept {
  std::uint64_t h = 14695981039346656037ull;                                             // the offset basis
  for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;  // the FNV prime
  return h;
}

}  // namespace siaga
