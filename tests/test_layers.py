import subprocess
import sys


def test_core_and_charts_do_not_import_streamlit():
    code = (
        "import sys\n"
        "import mathviz.calculus, mathviz.expressions, mathviz.catalog, mathviz.roadmap\n"
        "import mathviz.charts.calculus, mathviz.charts.roadmap, mathviz.charts.theme\n"
        "print('streamlit' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
