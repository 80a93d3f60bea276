"""The README's promises: its two commands and its library example."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text()


def test_library_examples_run_and_show_what_they_say(capsys):
    section = re.search(r"## Use as a library(.*?)\n## ", README, re.S).group(1)
    blocks = re.findall(r"```python\n(.*?)```", section, re.S)
    # calculus, linear algebra, multivariable, probability, information, networks
    assert len(blocks) == 6
    namespace: dict = {}
    for block in blocks:
        exec(compile(block, "README.md", "exec"), namespace)  # noqa: S102 - our own README
    assert "unknown name '__import__'" in capsys.readouterr().out
    assert str(namespace["f"].derivative()) == "(-x + 2)*x*exp(-x)"
    fit = namespace["fit"]
    assert fit.components.shape == (2, 2)
    assert fit.explained_variance_ratio[0] > fit.explained_variance_ratio[1]
    kinds = namespace["kinds"]
    assert (kinds.count("minimum"), kinds.count("maximum"), kinds.count("saddle")) == (4, 1, 4)
    steps = {name: run.steps for name, run in namespace["runs"].items()}
    assert steps["momentum"] < min(steps["plain"], steps["adam"])  # "momentum arrives first"
    assert abs(namespace["flips"].mean() - 0.5) < 5 * 0.5 / 1000
    assert round(float(namespace["posterior"]), 3) == 0.154
    crowd = namespace["crowd"]
    assert (crowd.true_positive, crowd.true_positive + crowd.false_positive) == (9, 59)
    assert namespace["poisson_fit"] == {"lam": 3.0}
    assert round(namespace["h"], 2) == 3.18
    assert round(namespace["by_median"], 2) == 3.25
    assert namespace["h"] <= namespace["huffman"] < namespace["h"] + 1
    assert abs(namespace["flat"].history[-1] - 0.693) < 0.01  # ln 2: no better than a coin
    assert namespace["bent"].history[-1] < 0.1
    assert namespace["grads"].shape == (25, 2)


def test_readme_has_exactly_the_two_setup_commands_and_ci_runs_the_test_one():
    commands = re.findall(r"```bash\n(python3 -m pip install .*?)\n```", README)
    assert commands == [
        "python3 -m pip install -r requirements.txt && python3 -m streamlit run streamlit_app.py",
        "python3 -m pip install -r requirements-dev.txt && python3 -m pytest",
    ]
    assert commands[1] in (ROOT / ".ci" / "run").read_text()


def test_requirements_are_pinned():
    for name in ("requirements.txt", "requirements-dev.txt"):
        for line in (ROOT / name).read_text().splitlines():
            if line and not line.startswith(("#", "-r")):
                assert re.fullmatch(r"[A-Za-z0-9_.\-\[\]]+==[0-9][0-9A-Za-z.]*", line), line
