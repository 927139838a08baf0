#pragma once
// Counter-based random streams (Random123's Philox4x64-10).
//
// A stream is named by a StreamKey (seed, replication, entity, purpose) and its n-th draw is a pure
// function of that key and n. So one entity's draws never depend on what any other entity drew, a
// replication can be run on any thread in any order, and two staffing plans that keep the same
// entities see the same underlying draws (common random numbers).

#include <Random123/philox.h>
#include <Random123/uniform.hpp>

#include <cstdint>
#include <string_view>

#include "siaga/core/stable_hash.hpp"

namespace siaga {

/// The stream entity of a thing named by an id (a TPS, a unit). Keying streams by what an entity
/// is rather than by its place in a list keeps every other entity's draws when a plan reorders or
/// extends a list.
constexpr std::uint64_t stream_entity(std::string_view id) noexcept { return fnv1a64(id); }

/// Names one independent random stream.
struct StreamKey {
  std::uint64_t seed = 0;         ///< the experiment's seed
  std::uint64_t replication = 0;  ///< replication index
  std::uint64_t entity = 0;       ///< the entity that draws (a TPS, a unit, ...), model-numbered
  std::uint32_t purpose = 0;      ///< what the draws are for (arrivals, handling times, ...)
};

/// A sequence of uniform 64-bit integers and (0,1) doubles for one StreamKey.
class RandomStream {
 public:
  using Generator = r123::Philox4x64;

  explicit RandomStream(const StreamKey& key) noexcept
      : key_{{key.seed, key.replication}}, counter_{{0, 0, key.entity, key.purpose}} {}

  /// The stream of `key` positioned after its first `position` draws (Philox is random access, so
  /// a stream can be resumed from a stored count instead of being kept alive).
  RandomStream(const StreamKey& key, std::uint64_t position) noexcept : RandomStream(key) {
    counter_.v[0] = position / kBlock;
    if (position % kBlock != 0) {
      refill();
      index_ = static_cast<unsigned>(position % kBlock);
    }
  }

  /// The next uniformly distributed 64-bit integer.
  std::uint64_t next_u64() noexcept {
    if (index_ == kBlock) refill();
    return block_[index_++];
  }

  /// The next uniform double in the open interval (0, 1): never 0 and never 1, so log(u) and
  /// log(1 - u) are always finite. 2^52 equally spaced values (Random123's u01fixedpt).
  double uniform01() noexcept { return r123::u01fixedpt<double>(next_u64()); }

  /// How many 64-bit values this stream has produced.
  std::uint64_t draws() const noexcept { return counter_.v[0] * kBlock - (kBlock - index_); }

 private:
  static constexpr unsigned kBlock = Generator::ctr_type::static_size;

  void refill() noexcept {
    block_ = Generator{}(counter_, key_);
    ++counter_.v[0];
    index_ = 0;
  }

  Generator::key_type key_;
  Generator::ctr_type counter_;  // {block index, 0, entity, purpose}
  Generator::ctr_type block_{};
  unsigned index_ = kBlock;
};

}  // namespace siaga
