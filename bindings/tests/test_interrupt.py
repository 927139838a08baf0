"""Ctrl-C during a long run stops it after the current block and raises KeyboardInterrupt."""
import os
import signal
import subprocess
import sys
import time

CHILD = r"""
import sys, siaga
s = siaga.builtin("jepara-pilkada.json")
print("started", flush=True)
try:
    siaga.run(s, n=100000, seed=1, threads=1)
except KeyboardInterrupt:
    print("interrupted", flush=True)
    sys.exit(0)
print("finished", flush=True)
sys.exit(1)
"""


def test_sigint_raises_keyboard_interrupt():
    child = subprocess.Popen([sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True,
                             env=os.environ.copy())
    try:
        assert child.stdout.readline().strip() == "started"
        time.sleep(1.0)  # well into the run: 100000 replications take about a minute on one thread
        start = time.monotonic()
        child.send_signal(signal.SIGINT)
        out, _ = child.communicate(timeout=60)
    finally:
        if child.poll() is None:
            child.kill()
    assert child.returncode == 0, out
    assert out.strip() == "interrupted"
    # Blocks hold about 0.25 s of work, so the run hears Ctrl-C within a second or two, even on a
    # loaded machine.
    assert time.monotonic() - start < 10
