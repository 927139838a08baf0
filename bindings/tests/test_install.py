"""Installing as a user would (ctest's python.install, `pytest -m install`): `pip install .` from a
copy of the source into a fresh venv made with --system-site-packages, and `cmake --install` of
this build tree into a fresh prefix; each then imports siaga and runs a tiny scenario."""
import os
import pathlib
import shutil
import subprocess
import sys
import time

import pytest

from conftest import SOURCE

pytestmark = pytest.mark.install

SMOKE = r"""
import json, sys
import numpy, siaga
r = siaga.run(siaga.builtin("sandbox.json"), n=10, seed=1, threads=1)
frame = r.to_frame("tps")
print(json.dumps({"file": siaga.__file__, "version": siaga.__version__, "n": r.n,
                  "numpy": numpy.__file__, "tps": len(frame)}))
"""


def _smoke(python, cwd, env):
    out = subprocess.run([str(python), "-c", SMOKE], cwd=cwd, env=env, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    import json
    return json.loads(out.stdout.splitlines()[-1])


def _copy_source(target):
    """The working tree as git sees it (tracked and new files, not ignored ones such as build/)."""
    listed = subprocess.run(["git", "-C", str(SOURCE), "ls-files", "-z", "--cached", "--others",
                             "--exclude-standard"], capture_output=True, check=True).stdout
    for rel in filter(None, listed.decode().split("\0")):
        src = SOURCE / rel
        if src.is_file():
            (target / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target / rel)


def _ccache_env(basedir):
    """The compiler cache the build tree used, so that the venv's fresh build of the engine hits
    it: paths under CCACHE_BASEDIR are hashed relative to the build folder, and the copy's build
    folder sits as deep under its base as build/ under the worktree's."""
    env = {}
    if os.environ.get("SIAGA_TEST_CCACHE_DIR"):
        env["CCACHE_DIR"] = os.environ["SIAGA_TEST_CCACHE_DIR"]
    env["CCACHE_BASEDIR"] = str(basedir)
    return env


def test_pip_install_into_a_venv(tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", str(venv)], check=True)
    python = venv / "bin" / "python"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "SIAGA_", "CCACHE_"))}
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", PIP_NO_INPUT="1", CMAKE_BUILD_PARALLEL_LEVEL="2")
    # Plain `pip install .`, as the README says: no --no-index, no --no-build-isolation.
    command = [str(python), "-m", "pip", "install", "."]
    cached = ("ccache" in os.environ.get("SIAGA_TEST_LAUNCHER", "") and os.environ.get("SIAGA_TEST_CCACHE_DIR")
              and os.environ.get("SIAGA_TEST_CCACHE_BASEDIR"))
    if cached and shutil.which("git"):
        # From a fresh copy of the tree with its own build folder, as from a clone; the build tree's
        # compiler cache (its CCACHE_DIR, paths hashed relative to a CCACHE_BASEDIR) makes the
        # engine's build mostly hits.
        src = tmp_path / "siaga-src"
        _copy_source(src)
        env.update(_ccache_env(tmp_path))
    else:
        # Without a compiler cache known to hold the engine a fresh build of the engine takes minutes: pip builds in this
        # source tree instead, reusing the build tree ctest runs from (the backend's build-dir).
        src = SOURCE
        command += ["--config-settings", f"build-dir={os.environ['SIAGA_BUILD_DIR']}"]
    start = time.monotonic()
    pip = subprocess.run(command, cwd=src, env=env, capture_output=True, text=True)
    seconds = time.monotonic() - start
    assert pip.returncode == 0, pip.stdout + pip.stderr
    print(f"{' '.join(command[1:])} in {src} took {seconds:.0f} s")

    info = _smoke(python, tmp_path, env)
    assert pathlib.Path(info["file"]).is_relative_to(venv), info  # the installed copy, not the source
    assert info["version"] == os.environ["SIAGA_VERSION"]
    assert info["n"] == 10 and info["tps"] > 0
    assert not pathlib.Path(info["numpy"]).is_relative_to(venv)  # Debian's numpy, seen through the venv
    package = pathlib.Path(info["file"]).parent
    assert (package / "py.typed").is_file() and (package / "_core.pyi").is_file()
    show = subprocess.run([str(python), "-m", "pip", "show", "siaga"], env=env, capture_output=True, text=True)
    assert f"Version: {os.environ['SIAGA_VERSION']}" in show.stdout


def test_cmake_install_into_a_prefix(tmp_path):
    build = os.environ.get("SIAGA_BUILD_DIR")
    if not build:
        pytest.skip("SIAGA_BUILD_DIR not set (ctest sets it)")
    prefix = tmp_path / "prefix"
    subprocess.run(["cmake", "--install", build, "--prefix", str(prefix)], check=True, capture_output=True)
    site = prefix / os.environ["SIAGA_PYTHON_INSTALL_DIR"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTHON")}
    env["PYTHONPATH"] = str(site)
    info = _smoke(sys.executable, tmp_path, env)
    assert pathlib.Path(info["file"]).is_relative_to(site), info
    assert info["version"] == os.environ["SIAGA_VERSION"] and info["n"] == 10

    exe = prefix / "bin" / "siaga"
    assert exe.is_file(), "cmake --install did not install the siaga executable"
    version = subprocess.run([str(exe), "--version"], capture_output=True, text=True, check=True).stdout
    assert version.split()[-1] == info["version"], version  # siaga --version and siaga.__version__ agree
    assert (prefix / "include" / "siaga").is_dir()
    assert list((prefix / "lib").glob("**/siagaConfig.cmake"))


def test_sdist_and_metadata(tmp_path):
    # The backend's other hooks, called as a PEP 517 frontend calls them (python -m build would).
    sys.path.insert(0, str(SOURCE / "bindings" / "backend"))
    try:
        import siaga_build_backend as backend
    finally:
        sys.path.pop(0)
    assert backend.get_requires_for_build_wheel() == [] and backend.get_requires_for_build_sdist() == []
    version = os.environ["SIAGA_VERSION"]
    dist_info = backend.prepare_metadata_for_build_wheel(str(tmp_path))
    assert dist_info == f"siaga-{version}.dist-info"
    metadata = (tmp_path / dist_info / "METADATA").read_text()
    assert f"Version: {version}\n" in metadata and "Requires-Dist: numpy\n" in metadata
    import tarfile
    name = backend.build_sdist(str(tmp_path))
    assert name == f"siaga-{version}.tar.gz"
    with tarfile.open(tmp_path / name) as tar:
        names = set(tar.getnames())
    base = f"siaga-{version}"
    for needed in ("pyproject.toml", "CMakeLists.txt", "bindings/backend/siaga_build_backend.py",
                   "engine/CMakeLists.txt", "scenarios/sandbox.json", "PKG-INFO"):
        assert f"{base}/{needed}" in names, needed
    assert not any("/build/" in n or n.startswith(f"{base}/build") for n in names)
