"""The PEP 517 build backend of the Python package siaga: `pip install .` drives CMake.

Debian 12 has neither scikit-build nor scikit-build-core, and pip may not reach an index, so the
backend lives in the repository (pyproject.toml: backend-path, requires = []) and uses only the
standard library. build_wheel configures the source tree with -DSIAGA_BUILD_PYTHON=ON for the
interpreter pip runs in, builds the module target only, stages the package with
`cmake --install --component python` (the same rules `cmake --install` uses) and packs a wheel.

Knobs, each a pip --config-settings key=value (pip 23.1 and later: -C) or an environment variable:
  build-dir  / SIAGA_BUILD_DIR   the CMake build folder (default: build-pip/ in the source tree;
                                 an existing build folder of the same tree is reused as it is)
  cmake-args / CMAKE_ARGS        extra CMake arguments, split as a shell would
  SIAGA_CCACHE=0                 do not use ccache even if it is on PATH
"""

from __future__ import annotations

import base64
import hashlib
import io
import os
import re
import shlex
import shutil
import subprocess
import sys
import sysconfig
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path
from typing import Any

_SOURCE = Path(__file__).resolve().parents[2]

__all__ = [
    "build_sdist",
    "build_wheel",
    "get_requires_for_build_sdist",
    "get_requires_for_build_wheel",
    "prepare_metadata_for_build_wheel",
]


def _log(message: str) -> None:
    print(f"siaga build backend: {message}", file=sys.stderr, flush=True)


def _version() -> str:
    """X.Y.Z from project(... VERSION X.Y.Z) in CMakeLists.txt: the one version of siaga."""
    text = (_SOURCE / "CMakeLists.txt").read_text(encoding="utf-8")
    match = re.search(r"project\(\s*siaga\s+VERSION\s+([0-9]+\.[0-9]+\.[0-9]+)", text)
    if not match:
        raise RuntimeError("CMakeLists.txt: no project(siaga VERSION X.Y.Z)")
    return match.group(1)


def _project() -> dict[str, Any]:
    with open(_SOURCE / "pyproject.toml", "rb") as f:
        project: dict[str, Any] = tomllib.load(f)["project"]
    return project


def _metadata() -> str:
    """The core metadata (METADATA / PKG-INFO, version 2.1) from pyproject.toml's [project]."""
    p = _project()
    lines = [
        "Metadata-Version: 2.1",
        f"Name: {p['name']}",
        f"Version: {_version()}",
        f"Summary: {p.get('description', '')}",
    ]
    if "requires-python" in p:
        lines.append(f"Requires-Python: {p['requires-python']}")
    for key, url in p.get("urls", {}).items():
        lines.append(f"Project-URL: {key}, {url}")
    if "license" in p and "text" in p["license"]:
        lines.append(f"License: {p['license']['text']}")
    lines += [f"Classifier: {c}" for c in p.get("classifiers", [])]
    lines += [f"Requires-Dist: {d}" for d in p.get("dependencies", [])]
    for extra, deps in p.get("optional-dependencies", {}).items():
        lines.append(f"Provides-Extra: {extra}")
        lines += [f'Requires-Dist: {d}; extra == "{extra}"' for d in deps]
    readme = p.get("readme")
    body = ""
    if isinstance(readme, str):
        lines.append("Description-Content-Type: text/markdown")
        body = "\n" + (_SOURCE / readme).read_text(encoding="utf-8")
    return "\n".join(lines) + "\n" + body


def _dist_info_name() -> str:
    return f"{_project()['name']}-{_version()}.dist-info"


def _tag() -> str:
    """cp311-cp311-linux_x86_64: the module is for this interpreter's ABI and platform."""
    impl = f"cp{sys.version_info[0]}{sys.version_info[1]}"
    platform = re.sub(r"[-.]", "_", sysconfig.get_platform())
    return f"{impl}-{impl}-{platform}"


def get_requires_for_build_wheel(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def get_requires_for_build_sdist(config_settings: dict[str, Any] | None = None) -> list[str]:
    return []


def prepare_metadata_for_build_wheel(metadata_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    name = _dist_info_name()
    target = Path(metadata_directory) / name
    target.mkdir(parents=True, exist_ok=True)
    (target / "METADATA").write_text(_metadata(), encoding="utf-8")
    return name


def _setting(config_settings: dict[str, Any] | None, key: str, env: str) -> str | None:
    value = (config_settings or {}).get(key)
    if isinstance(value, list):  # pip passes a repeated -C key=... as a list
        value = " ".join(value)
    return value if value is not None else os.environ.get(env)


def _cached(build_dir: Path, name: str) -> str | None:
    cache = build_dir / "CMakeCache.txt"
    if not cache.is_file():
        return None
    for line in cache.read_text(encoding="utf-8", errors="replace").splitlines():
        match = re.match(rf"{re.escape(name)}(:[A-Z]+)?=(.*)$", line)
        if match:
            return match.group(2)
    return None


def _interpreter() -> str:
    """The interpreter to build for: the base one of a venv (same ABI, and its path outlives the
    venv, so that a shared build folder stays usable)."""
    return getattr(sys, "_base_executable", None) or sys.executable


def _run(command: list[str]) -> None:
    _log(" ".join(shlex.quote(c) for c in command))
    subprocess.run(command, check=True, stdout=sys.stderr)


def _build(config_settings: dict[str, Any] | None, staging: Path) -> Path:
    """Builds the module and stages the package; returns the staged `siaga` folder."""
    cmake = shutil.which("cmake")
    if cmake is None:
        raise RuntimeError("cmake not found: install Debian's cmake (tools/lib/setup.sh does)")
    build_dir = Path(_setting(config_settings, "build-dir", "SIAGA_BUILD_DIR") or _SOURCE / "build-pip")
    if not build_dir.is_absolute():
        build_dir = _SOURCE / build_dir
    fresh = not (build_dir / "CMakeCache.txt").is_file()
    args = [cmake, "-S", str(_SOURCE), "-B", str(build_dir), "-DSIAGA_BUILD_PYTHON=ON"]
    interpreter = _interpreter()
    cached = _cached(build_dir, "PYTHON_EXECUTABLE")
    if cached is None or os.path.realpath(cached) != os.path.realpath(interpreter):
        args.append(f"-DPYTHON_EXECUTABLE={interpreter}")
    if fresh:
        # Only what the package needs; an existing build folder keeps its own choices.
        args += ["-DCMAKE_BUILD_TYPE=Release", "-DSIAGA_BUILD_TESTS=OFF", "-DSIAGA_BUILD_BENCH=OFF"]
        if shutil.which("ninja"):
            args += ["-G", "Ninja"]
        if os.environ.get("SIAGA_CCACHE", "1") != "0" and shutil.which("ccache"):
            args.append("-DCMAKE_CXX_COMPILER_LAUNCHER=ccache")
    args += shlex.split(_setting(config_settings, "cmake-args", "CMAKE_ARGS") or "")
    _run(args)
    jobs = os.environ.get("CMAKE_BUILD_PARALLEL_LEVEL") or str(os.cpu_count() or 1)
    _run([cmake, "--build", str(build_dir), "--target", "siaga_python", "--parallel", jobs])
    _run([cmake, "--install", str(build_dir), "--component", "python", "--prefix", str(staging)])
    packages = [p.parent for p in staging.rglob("siaga/__init__.py")]
    if len(packages) != 1:
        raise RuntimeError(f"cmake --install staged {len(packages)} siaga packages under {staging}")
    return packages[0]


def _record_line(arcname: str, data: bytes) -> str:
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return f"{arcname},sha256={digest},{len(data)}"


def build_wheel(
    wheel_directory: str, config_settings: dict[str, Any] | None = None, metadata_directory: str | None = None
) -> str:
    version = _version()
    name = _project()["name"]
    wheel_name = f"{name}-{version}-{_tag()}.whl"
    dist_info = _dist_info_name()
    with tempfile.TemporaryDirectory(prefix="siaga-wheel-") as tmp:
        package = _build(config_settings, Path(tmp))
        files: list[tuple[str, bytes]] = []
        for path in sorted(package.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                files.append((f"siaga/{path.relative_to(package).as_posix()}", path.read_bytes()))
        wheel = (
            "Wheel-Version: 1.0\n"
            "Generator: siaga_build_backend\n"
            "Root-Is-Purelib: false\n"
            f"Tag: {_tag()}\n"
        )
        files += [
            (f"{dist_info}/METADATA", _metadata().encode()),
            (f"{dist_info}/WHEEL", wheel.encode()),
            (f"{dist_info}/top_level.txt", b"siaga\n"),
        ]
        record = [_record_line(arcname, data) for arcname, data in files] + [f"{dist_info}/RECORD,,"]
        files.append((f"{dist_info}/RECORD", ("\n".join(record) + "\n").encode()))
        target = Path(wheel_directory) / wheel_name
        with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as z:
            for arcname, data in files:
                info = zipfile.ZipInfo(arcname, date_time=(2020, 1, 1, 0, 0, 0))
                info.external_attr = (0o755 if arcname.endswith(".so") else 0o644) << 16
                info.compress_type = zipfile.ZIP_DEFLATED
                z.writestr(info, data)
    _log(f"wrote {wheel_name}")
    return wheel_name


def _source_files() -> list[Path]:
    """The files of the source tree: git's tracked files where there is a checkout, else every
    file outside build folders, caches and .git."""
    try:
        out = subprocess.run(["git", "-C", str(_SOURCE), "ls-files", "-z"], check=True,
                             capture_output=True).stdout
        return [_SOURCE / p for p in out.decode().split("\0") if p and (_SOURCE / p).is_file()]
    except (OSError, subprocess.CalledProcessError):
        skip = re.compile(r"^(build[^/]*|\.git|\.cache|__pycache__)$")
        return [p for p in _SOURCE.rglob("*")
                if p.is_file() and not any(skip.match(part) for part in p.relative_to(_SOURCE).parts)]


def build_sdist(sdist_directory: str, config_settings: dict[str, Any] | None = None) -> str:
    base = f"{_project()['name']}-{_version()}"
    target = Path(sdist_directory) / f"{base}.tar.gz"
    with tarfile.open(target, "w:gz", format=tarfile.PAX_FORMAT) as tar:
        for path in _source_files():
            tar.add(path, arcname=f"{base}/{path.relative_to(_SOURCE).as_posix()}", recursive=False)
        info = tarfile.TarInfo(f"{base}/PKG-INFO")
        data = _metadata().encode()
        info.size = len(data)
        tar.addfile(info, io.BytesIO(data))
    return target.name
