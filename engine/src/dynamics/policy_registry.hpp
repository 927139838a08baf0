#pragma once
// The names plans choose policies by, for both kinds of policy (dispatch, retention): one registry
// per kind, seeded with the built-in policies and open to any added at run time. Internal.

#include <algorithm>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "siaga/scenario/problems.hpp"
#include "siaga/scenario/record.hpp"
#include "siaga/scenario/scenario.hpp"

namespace siaga::dynamics::detail {

template <class Policy, class Factory>
class PolicyRegistry {
 public:
  /// `what` names the kind in messages ("dispatch policy").
  PolicyRegistry(std::string_view what, std::vector<std::pair<std::string, Factory>> builtins)
      : what_(what), entries_(std::move(builtins)) {}

  void add(std::string name, Factory factory) {
    const std::lock_guard lock(mutex_);
    if (find(name))
      throw std::logic_error("siaga: a " + what_ + " named '" + name + "' is already registered");
    entries_.emplace_back(std::move(name), std::move(factory));
  }

  /// In registration order: the built-ins first.
  std::vector<std::string> names() const {
    const std::lock_guard lock(mutex_);
    std::vector<std::string> out;
    for (const auto& e : entries_) out.push_back(e.first);
    return out;
  }

  std::unique_ptr<Policy> make(const scenario::PolicyChoice& choice, const scenario::Scenario& scenario,
                               scenario::Problems& problems) const {
    Factory factory;
    std::string known;
    {
      const std::lock_guard lock(mutex_);
      if (const Factory* f = find(choice.name)) factory = *f;
      for (const auto& e : entries_) known += (known.empty() ? "" : ", ") + e.first;
    }
    if (!factory) {
      problems.add((choice.where / "policy").str(),
                   "unknown value '" + choice.name + "' (allowed: " + known + ")");
      return nullptr;
    }
    const std::size_t before = problems.size();
    scenario::Record settings = scenario::Record::of_json(choice.settings, choice.where, problems);
    (void)settings.text("policy", scenario::Need::kOptional);
    std::unique_ptr<Policy> policy = factory(settings, scenario);
    settings.finish();
    return problems.size() == before ? std::move(policy) : nullptr;
  }

 private:
  const Factory* find(std::string_view name) const {
    const auto it =
        std::find_if(entries_.begin(), entries_.end(), [&](const auto& e) { return e.first == name; });
    return it == entries_.end() ? nullptr : &it->second;
  }

  std::string what_;
  mutable std::mutex mutex_;
  std::vector<std::pair<std::string, Factory>> entries_;
};

}  // namespace siaga::dynamics::detail
