import subprocess
import sys


def test_core_and_charts_do_not_import_streamlit():
    code = (
        "import importlib, pkgutil, sys\n"
        "import mathviz\n"
        "names = [m.name for m in pkgutil.walk_packages(mathviz.__path__, 'mathviz.')\n"
        "         if not m.name.startswith('mathviz.ui')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(len(names), 'streamlit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    count, imported = out.stdout.split()
    assert int(count) >= 9  # calculus, catalog, expressions, linear_algebra, roadmap, charts...
    assert imported == "False"
