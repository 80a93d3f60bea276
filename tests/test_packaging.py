"""The library installs with pip and brings only the ``mathviz`` package."""

import importlib.metadata
import importlib.util
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def local_setuptools_builds_wheels() -> bool:
    """Whether the setuptools installed here builds wheels itself (version 70.1 and later)."""
    if importlib.util.find_spec("setuptools") is None:
        return False
    version = importlib.metadata.version("setuptools").split(".")
    return (int(version[0]), int(version[1])) >= (70, 1)


def build_wheel(tmp_path: Path) -> Path:
    command = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "-q", "-w"]
    if local_setuptools_builds_wheels():
        command.insert(-2, "--no-build-isolation")  # else pip fetches setuptools to build
    subprocess.run([*command, str(tmp_path)], check=True, cwd=tmp_path)
    (wheel,) = tmp_path.glob("mathviz-*.whl")
    return wheel


def test_the_wheel_holds_the_package_and_nothing_else(tmp_path):
    wheel = build_wheel(tmp_path)
    names = zipfile.ZipFile(wheel).namelist()
    assert all(name.startswith(("mathviz/", "mathviz-")) for name in names), names
    for module in (
        "mathviz/calculus.py",
        "mathviz/expressions/__init__.py",
        "mathviz/charts/theme.py",
        "mathviz/ui/page.py",
        "mathviz/ui/assets/stage.js",
        "mathviz/ui/assets/stage.css",
    ):
        assert module in names
    metadata = next(name for name in names if name.endswith("METADATA"))
    requires = zipfile.ZipFile(wheel).read(metadata).decode()
    for dependency in ("numpy", "scipy", "pandas", "altair", "contourpy"):
        assert f"Requires-Dist: {dependency}" in requires


def test_the_installed_library_imports_from_anywhere(tmp_path):
    wheel = build_wheel(tmp_path)
    site = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(site), wheel],
        check=True,
    )
    code = (
        "import mathviz.calculus, mathviz.expressions as e;"
        "print(mathviz.__file__);"
        "print(e.parse_function('x^2*exp(-x)').derivative())"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path,
        env={"PYTHONPATH": str(site), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        check=True,
    )
    location, derivative = result.stdout.split("\n")[:2]
    assert location.startswith(str(site))
    assert derivative == "(-x + 2)*x*exp(-x)"
