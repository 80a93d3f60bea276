"""The layers and their one direction: pages → topics → ui → charts → core.

Read from the source with ``ast``, so an import inside a function counts too.
"""

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("core", "charts", "ui", "topics", "pages")  # each may import only those before it


def layer(module: str) -> str:
    """The layer of a mathviz module, or of a page script."""
    if module.startswith("pages.") or module == "streamlit_app":
        return "pages"
    for name in ("charts", "ui", "topics"):
        if module == f"mathviz.{name}" or module.startswith(f"mathviz.{name}."):
            return name
    return "core"


def sources() -> dict[str, Path]:
    found = {"streamlit_app": ROOT / "streamlit_app.py"}
    for path in (ROOT / "pages").glob("*.py"):
        found[f"pages.{path.stem}"] = path
    for path in (ROOT / "mathviz").rglob("*.py"):
        parts = path.relative_to(ROOT).with_suffix("").parts
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path) -> list[tuple[str, list[str]]]:
    """Each mathviz import of a file: the module and the names it takes from it."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("mathviz"):
            found.append((node.module, [alias.name for alias in node.names]))
        elif isinstance(node, ast.Import):
            found += [(a.name, []) for a in node.names if a.name.startswith("mathviz")]
    return found


MODULES = sources()


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_run_one_way_only(module):
    mine = LAYERS.index(layer(module))
    for target, names in imports(MODULES[module]):
        targets = [target] + [f"{target}.{name}" for name in names if f"{target}.{name}" in MODULES]
        for imported in targets:
            assert LAYERS.index(layer(imported)) <= mine, f"{module} imports {imported}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) == "topics"))
def test_a_topic_imports_no_other_pillar_and_nothing_private(module):
    pillar = module.split(".")[2] if module.count(".") >= 2 else None
    for target, names in imports(MODULES[module]):
        if layer(target) == "topics" and pillar is not None:
            assert target.startswith(f"mathviz.topics.{pillar}"), f"{module} imports {target}"
        private = [name for name in names if name.startswith("_")]
        assert not private, f"{module} takes private {private} from {target}"


@pytest.mark.parametrize("module", sorted(m for m in MODULES if layer(m) in ("ui", "pages")))
def test_shared_ui_and_pages_take_nothing_private(module):
    for target, names in imports(MODULES[module]):
        private = [name for name in names if name.startswith("_")]
        assert not private, f"{module} takes private {private} from {target}"


def test_core_and_charts_do_not_import_streamlit():
    names = sorted(m for m in MODULES if layer(m) in ("core", "charts"))
    code = (
        "import importlib, sys\n"
        f"for name in {names!r}:\n"
        "    importlib.import_module(name)\n"
        "print('streamlit' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert len(names) >= 15  # the core modules, the expressions package and the charts
    assert out.stdout.strip() == "False"


def test_the_layers_are_what_the_readme_says():
    assert [layer(m) for m in ("mathviz.calculus", "mathviz.charts.plane", "mathviz.ui.topic")] == [
        "core",
        "charts",
        "ui",
    ]
    assert layer("mathviz.topics.calculus.derivative") == "topics"
    assert layer("pages.calculus") == "pages"
