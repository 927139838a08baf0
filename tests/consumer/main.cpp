// Runs a three-event simulation through the installed headers and library.
#include <siaga/core/simulator.hpp>

int main() {
  siaga::Simulator sim;
  for (siaga::Tick t : {30, 10, 20}) sim.schedule_at(t, {});
  siaga::Tick last = -1;
  bool ordered = true;
  sim.run([&](siaga::Simulator& s, const siaga::Event&) {
    ordered = ordered && s.now() > last;
    last = s.now();
  });
  return ordered && sim.events_processed() == 3 ? 0 : 1;
}
