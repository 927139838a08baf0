"""Replications run without the GIL: other Python threads keep running meanwhile."""
import threading

import siaga


def test_other_threads_run_during_a_run():
    s = siaga.builtin("jepara-pilkada.json")
    result = {}
    worker = threading.Thread(target=lambda: result.update(r=siaga.run(s, n=300, seed=1, threads=1)))
    spins = 0
    worker.start()
    while worker.is_alive():
        spins += 1
    worker.join()
    assert result["r"].n == 300
    # Holding the GIL, the engine would let this loop run only at the switch interval (5 ms).
    assert spins > 10000
