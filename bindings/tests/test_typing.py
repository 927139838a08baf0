"""Types and signatures: every public call has a signature inspect can read, paths may be
os.PathLike, and the shipped stubs pass `mypy --strict` on the examples and a typed use of the API."""
import inspect
import os
import pathlib
import shutil
import subprocess
import sys

import pytest

import siaga

from conftest import SOURCE


def test_every_public_callable_has_a_signature():
    checked = 0
    for name in siaga.__all__:
        obj = getattr(siaga, name)
        if inspect.isclass(obj):
            for member in vars(obj):  # the class's own public methods, classmethods included
                attr = getattr(obj, member)
                if not member.startswith("_") and callable(attr) and not inspect.isclass(attr):
                    inspect.signature(attr)
                    checked += 1
        elif inspect.isfunction(obj):
            inspect.signature(obj)
            checked += 1
    assert checked >= 15
    sig = inspect.signature(siaga.run)
    assert list(sig.parameters)[:2] == ["scenario", "plan"]
    # n: None means the CLI's default (1000, or a first block of 100 with precision).
    assert sig.parameters["n"].default is None and sig.parameters["progress"].default is None
    assert list(inspect.signature(siaga.Scenario.load).parameters) == ["path"]


def test_paths_may_be_pathlike(sandbox_path):
    class Custom(os.PathLike):
        def __fspath__(self):
            return str(sandbox_path)

    for path in (pathlib.Path(sandbox_path), Custom(), str(sandbox_path)):
        assert siaga.Scenario.load(path).plans == ["doctrine", "forward_reserve"]
    with pytest.raises(TypeError):
        siaga.Scenario.load(3)


def test_stubs_ship_with_the_package():
    package = pathlib.Path(siaga.__file__).parent
    assert (package / "py.typed").is_file() and (package / "_core.pyi").is_file()


def test_version_is_the_projects():
    assert siaga.__version__ == os.environ.get("SIAGA_VERSION", siaga.__version__)
    assert siaga.__version__.count(".") == 2 and all(p.isdigit() for p in siaga.__version__.split("."))


def test_mypy_strict_on_the_examples_and_a_typed_use():
    mypy = shutil.which("mypy")
    if mypy is None and subprocess.run([sys.executable, "-m", "mypy", "--version"],
                                       capture_output=True).returncode != 0:
        pytest.skip("mypy is not installed (Debian: python3-mypy)")
    command = [mypy] if mypy else [sys.executable, "-m", "mypy"]
    files = [*sorted((SOURCE / "bindings" / "examples").glob("*.py")),
             pathlib.Path(__file__).with_name("typed_usage.py")]
    cache = os.environ.get("SIAGA_MYPY_CACHE")
    result = subprocess.run(
        [*command, "--strict", "--python-executable", sys.executable, "--config-file",
         str(SOURCE / "bindings" / "mypy.ini"), *(["--cache-dir", cache] if cache else []),
         *map(str, files)],
        capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    # And it can fail: a wrong argument type is caught through the stubs.
    bad = pathlib.Path(os.environ.get("TMPDIR", "/tmp")) / f"siaga_typed_bad_{os.getpid()}.py"
    bad.write_text("import siaga\nsiaga.run(siaga.builtin(), n='many')\n")
    try:
        result = subprocess.run(
            [*command, "--strict", "--python-executable", sys.executable, "--config-file",
             str(SOURCE / "bindings" / "mypy.ini"), *(["--cache-dir", cache] if cache else []), str(bad)],
            capture_output=True, text=True)
    finally:
        bad.unlink()
    assert result.returncode == 1 and 'incompatible type "str"' in result.stdout, result.stdout
