"""The Linear algebra page through AppTest: every tab, one interaction each, presets, edge cases.

Expected values come from numpy (``det``, ``solve``, ``eigvals``, ``svd``), not from the page's
code, so a wrong formula in the app cannot also pass here; only the PCA cloud is drawn with
``mathviz.linear_algebra.correlated_cloud``, as the page draws it.
"""

import functools
import json
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from mathviz.linear_algebra import correlated_cloud, line_angles, power_iteration
from tests.app.helpers import (
    assert_draws,
    assert_topic_frame,
    chart_frames,
    charts,
    link_notices,
    metric,
    metrics,
    number,
    press,
    run_page,
    sig,
    texts,
    vector,
)

PAGE = "pages/linear_algebra.py"
# Vega-Lite charts per tab; the main pictures are stages (drawn in the browser), counted apart.
CHARTS = {
    "Vectors": 0,
    "Norms": 0,
    "Basis": 0,
    "Transformations": 0,
    "Matrix product": 0,
    "Eigen": 1,
    "SVD & PCA": 1,
    "Layer": 0,
}
STAGES = {
    "Vectors": 1,
    "Norms": 2,
    "Basis": 1,
    "Transformations": 2,
    "Matrix product": 2,
    "Eigen": 2,
    "SVD & PCA": 2,
    "Layer": 1,
}
TABS = list(CHARTS)
# Each topic's prefix: its preset buttons are <prefix>_preset_<i>, its download <prefix>_csv.
PREFIX = {
    "Vectors": "vec",
    "Norms": "norm",
    "Basis": "basis",
    "Transformations": "tr",
    "Matrix product": "prod",
    "Eigen": "eig",
    "SVD & PCA": "svd",
    "Layer": "layer",
}
COS30, SIN30 = math.cos(math.pi / 6), math.sin(math.pi / 6)


def open_page(**params: str) -> AppTest:
    return run_page(PAGE, **params)


def stages(at: AppTest) -> list[dict]:
    """The scenes of every stage on the page, as the browser receives them."""
    return [
        json.loads(element.proto.json)
        for element in at.get("bidi_component")
        if element.proto.component_name == "mathviz_stage"
    ]


def draws(at: AppTest, count: int, pictures: int) -> None:
    """Exactly ``count`` Vega charts with data, and ``pictures`` stages, each drawing shapes."""
    assert_draws(at, count)
    scenes = stages(at)
    assert len(scenes) == pictures
    for scene in scenes:
        assert scene["extent"] > 0
        shapes = sum(
            len(group[kind])
            for group in scene["groups"]
            for kind in ("regions", "paths", "arrows", "points")
        )
        assert shapes > 0


def matrix_link(key: str, matrix) -> dict[str, str]:
    """The four query parameters of ``matrix`` under ``key`` (``key11`` … ``key22``)."""
    return {f"{key}{i + 1}{j + 1}": str(float(matrix[i][j])) for i in range(2) for j in range(2)}


def value_range(text: str) -> tuple[float, float]:
    """A range metric such as ``0.018 … 0.982`` as (low, high)."""
    low, high = text.split(" … ")
    return number(low), number(high)


def convergence(at: AppTest):
    """The frame behind the power-iteration convergence chart, or None when it is not drawn."""
    for element in charts(at):
        for frame in chart_frames(element).values():
            if "angle" in frame.columns:
                return frame
    return None


@functools.cache
def default_metrics(topic: str) -> tuple[tuple[str, str], ...]:
    at = open_page(topic=topic)
    return tuple((m.label, m.value) for m in metrics(at))


# ---------------------------------------------------------------- every tab


@pytest.mark.parametrize("label", TABS)
def test_every_tab_runs_and_draws_its_charts_with_data(label):
    at = open_page(topic=label)
    draws(at, CHARTS[label], STAGES[label])
    assert not at.warning
    assert not at.error
    assert at.get("download_button")
    assert "Try this" in texts(at)


@pytest.mark.parametrize("label", TABS)
def test_every_tab_has_the_topic_frame(label):
    at = open_page(topic=label)
    assert_topic_frame(at, PREFIX[label])
    keys = [d.proto.id for d in at.get("download_button")]
    assert any(key.endswith(f"{PREFIX[label]}_csv") for key in keys), keys


def test_svd_and_pca_each_keep_their_presets_try_this_and_download():
    at = open_page(topic="SVD & PCA")
    assert_topic_frame(at, "svd")
    assert_topic_frame(at, "pca")
    keys = [d.proto.id for d in at.get("download_button")]
    assert len(keys) == 2
    assert any(k.endswith("svd_csv") for k in keys)
    assert any(k.endswith("pca_csv") for k in keys)
    assert texts(at).count("**Try this**") == 2
    assert [s.value for s in at.subheader] == [
        "SVD: rotate, stretch, rotate",
        "PCA: the directions a cloud spreads in",
    ]


# ---------------------------------------------------------------- one interaction per topic


def test_vectors_scaling_u_and_moving_v_update_the_combination_and_det():
    at = open_page(topic="Vectors")
    at.slider(key="vec_a").set_value(-2.0).run()
    at.number_input(key="vec_v2").set_value(-1.0).run()
    u, v = np.array([2.0, 1.0]), np.array([0.5, -1.0])
    w = -2.0 * u + 1.0 * v
    assert vector(metric(at, "a·u + b·v")) == pytest.approx(w, **sig(3))
    assert number(metric(at, "length ‖a·u + b·v‖")) == pytest.approx(np.linalg.norm(w), **sig())
    assert number(metric(at, "det [u v]")) == pytest.approx(np.linalg.det([u, v]), **sig())
    assert metric(at, "span of u and v") == "the plane"


def test_norms_taxicab_p_and_a_new_u_give_numpy_lengths_and_angle():
    at = open_page(topic="Norms")
    at.select_slider(key="norm_p").set_value(1.0).run()
    at.number_input(key="norm_u2").set_value(-2.0).run()
    u, v = np.array([3.0, -2.0]), np.array([1.0, 3.0])
    assert number(metric(at, "‖u‖ with p = 1")) == pytest.approx(np.linalg.norm(u, 1))
    assert number(metric(at, "‖v‖ with p = 1")) == pytest.approx(np.linalg.norm(v, 1))
    assert number(metric(at, "u · v")) == pytest.approx(u @ v)
    cos = u @ v / (np.linalg.norm(u) * np.linalg.norm(v))
    assert number(metric(at, "cosine similarity")) == pytest.approx(cos, **sig())
    angle = number(metric(at, "angle θ").removesuffix("°"))
    assert angle == pytest.approx(math.degrees(math.acos(cos)), abs=0.05)
    assert angle > 90  # u · v < 0: an obtuse angle
    assert metric(at, "orthogonal?") == "no"


def test_basis_coordinates_of_a_new_v_solve_the_linear_system():
    at = open_page(topic="Basis")
    at.number_input(key="basis_v1").set_value(3.0).run()
    at.number_input(key="basis_v2").set_value(-1.0).run()
    basis = np.column_stack([[1.5, 0.5], [-0.5, 1.0]])
    expected = np.linalg.solve(basis, [3.0, -1.0])
    shown = vector(metric(at, "coordinates (c₁, c₂)"))
    assert shown == pytest.approx(expected, **sig(3))
    assert basis @ shown == pytest.approx([3.0, -1.0], abs=0.01)  # c₁·b₁ + c₂·b₂ = v
    assert number(metric(at, "det [b₁ b₂]")) == pytest.approx(np.linalg.det(basis), **sig())
    assert metric(at, "orthonormal?") == "no"


def test_transformations_scaling_then_a22_3_gives_det_6():
    at = press(open_page(topic="Transformations"), "tr", "Scaling")
    at.number_input(key="tr_a22").set_value(3.0).run()
    A = np.array([[2.0, 0.0], [0.0, 3.0]])
    assert number(metric(at, "det A")) == pytest.approx(np.linalg.det(A))
    assert number(metric(at, "area of the image of the square")) == pytest.approx(6.0)
    assert metric(at, "orientation") == "kept"
    assert metric(at, "rank") == str(np.linalg.matrix_rank(A))


def test_matrix_product_entry_21_and_det_follow_a_new_a():
    at = open_page(topic="Matrix product")
    at.number_input(key="prod_a11").set_value(2.0).run()
    at.radio(key="prod_i").set_value(2).run()
    at.radio(key="prod_j").set_value(1).run()
    A, B = np.array([[2.0, 1.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    assert number(metric(at, "(BA)₂₁")) == pytest.approx((B @ A)[1, 0])
    assert number(metric(at, "det(BA) = det B · det A")) == pytest.approx(
        np.linalg.det(B) * np.linalg.det(A)
    )
    assert not np.allclose(A @ B, B @ A)
    assert metric(at, "AB = BA?") == "no"


def test_eigen_a12_3_gives_numpy_eigenvalues_largest_first():
    at = open_page(topic="Eigen")
    at.number_input(key="eig_a12").set_value(3.0).run()
    A = np.array([[2.0, 3.0], [1.0, 2.0]])
    expected = sorted(np.linalg.eigvals(A).real, reverse=True)  # 2 ± √3
    assert number(metric(at, "λ₁")) == pytest.approx(expected[0], **sig())
    assert number(metric(at, "λ₂")) == pytest.approx(expected[1], **sig())
    assert metric(at, "kind") == "distinct real"
    assert number(metric(at, "λ₁ · λ₂ = det A")) == pytest.approx(np.linalg.det(A))


def test_power_iteration_plays_every_step_as_an_arrow_turning_onto_the_eigenline():
    at = open_page(topic="Eigen")
    power = stages(at)[1]
    assert power["stages"]["names"] == [f"v{d}" for d in "₀₁₂₃₄₅₆₇₈"]
    # Per iterate: a trace shown from its moment on, and the newest, named, until the next.
    newest = [g for g in power["groups"] if g["arrows"] and g["arrows"][0]["role"] == "iterate"]
    assert [g["arrows"][0]["label"] for g in newest] == [f"v{d}" for d in "₀₁₂₃₄₅₆₇₈"]
    windows = np.array([g["when"] for g in newest])
    np.testing.assert_allclose(windows[:, 0], np.arange(9) / 8)
    np.testing.assert_allclose(windows[:, 1], [*(np.arange(1, 9) / 8), 1.0], atol=1e-3)
    tips = np.array([g["arrows"][0]["to"] for g in newest])
    expected = power_iteration([[2.0, 1.0], [1.0, 2.0]], tips[0], 8)
    np.testing.assert_allclose(tips, expected, atol=1e-6)
    angles = np.degrees(line_angles(tips, [1.0, 1.0]))
    assert np.all(np.diff(angles) < 0)  # each step closer to y = x
    # The dominant eigenline, y = x, is drawn behind them.
    (line,) = [p for g in power["groups"] for p in g["paths"] if p["role"] == "eigen"]
    direction = np.subtract(line["points"][1], line["points"][0])
    assert abs(direction[0]) == pytest.approx(abs(direction[1]))


def test_svd_a21_2_gives_numpy_singular_values_and_a_reflecting_u():
    at = open_page(topic="SVD & PCA")
    at.number_input(key="svd_a21").set_value(2.0).run()
    A = np.array([[1.5, 1.0], [2.0, 1.0]])
    s = np.linalg.svd(A, compute_uv=False)
    assert number(metric(at, "σ₁")) == pytest.approx(s[0], **sig())
    assert number(metric(at, "σ₂")) == pytest.approx(s[1], **sig())
    assert number(metric(at, "σ₁σ₂ = |det A|")) == pytest.approx(abs(np.linalg.det(A)), **sig())
    assert np.linalg.det(A) < 0
    assert metric(at, "U") == "a reflection"


def test_pca_share_of_pc1_matches_the_svd_of_the_centred_cloud():
    at = open_page(topic="SVD & PCA")
    at.slider(key="pca_rho").set_value(0.5).run()
    at.number_input(key="pca_seed").set_value(7).run()
    xs = 1.0 * correlated_cloud(200, correlation=0.5, noise=0.2, seed=7)
    s = np.linalg.svd(xs - xs.mean(axis=0), compute_uv=False)
    share = s**2 / np.sum(s**2)
    assert metric(at, "share of PC1") == f"{100 * share[0]:.1f}%"
    assert metric(at, "share of PC2") == f"{100 * share[1]:.1f}%"
    assert number(metric(at, "variance along PC1")) == pytest.approx(s[0] ** 2 / 199, **sig())
    # Keeping PC1 alone leaves the variance along PC2 behind, as a mean over the n points.
    error = number(metric(at, "reconstruction error (PC1)"))
    assert error == pytest.approx(s[1] ** 2 / 200, **sig())


def test_layer_identity_with_a_shift_gives_the_range_of_ax_plus_b():
    at = open_page(topic="Layer")
    at.radio(key="layer_act").set_value("identity").run()
    at.number_input(key="layer_b1").set_value(1.0).run()
    A, b = np.array([[1.5, 0.5], [-0.5, 1.5]]), np.array([1.0, 0.0])
    corners = np.array([[-2, -2], [-2, 2], [2, -2], [2, 2]], dtype=float)
    out = corners @ A.T + b  # a linear map takes its extremes on a square at the corners
    assert value_range(metric(at, "outputs range x")) == pytest.approx(
        (out[:, 0].min(), out[:, 0].max())
    )
    assert value_range(metric(at, "outputs range y")) == pytest.approx(
        (out[:, 1].min(), out[:, 1].max())
    )
    assert number(metric(at, "det A")) == pytest.approx(np.linalg.det(A))


# ---------------------------------------------------------------- transformation presets

ROTATION_30 = [[COS30, -SIN30], [SIN30, COS30]]


@pytest.mark.parametrize(
    ("label", "matrix", "orientation", "message"),
    [
        ("Rotation 30°", ROTATION_30, "kept", None),
        ("Shear", [[1, 1], [0, 1]], "kept", None),
        ("Scaling", [[2, 0], [0, 1]], "kept", None),
        ("Reflection", [[1, 0], [0, -1]], "flipped", "A flipped the plane over"),
        ("Projection (singular)", [[1, 0], [0, 0]], "collapsed", "collapses onto a line"),
        ("Zero", [[0, 0], [0, 0]], "collapsed", "to the single point 0 (A is the zero matrix)"),
    ],
)
def test_transformation_preset_shows_its_det_orientation_and_note(
    label, matrix, orientation, message
):
    at = press(open_page(topic="Transformations"), "tr", label)
    A = np.array(matrix, dtype=float)
    shown = [[at.number_input(key=f"tr_a{i}{j}").value for j in (1, 2)] for i in (1, 2)]
    assert np.array(shown) == pytest.approx(A)
    det = np.linalg.det(A)
    assert number(metric(at, "det A")) == pytest.approx(det, abs=1e-12)
    assert number(metric(at, "area of the image of the square")) == pytest.approx(abs(det))
    assert metric(at, "orientation") == orientation
    assert metric(at, "rank") == str(np.linalg.matrix_rank(A))
    if message is None:
        assert not at.info
    else:
        assert [message in i.value for i in at.info] == [True]
    draws(at, 0, 2)


# ---------------------------------------------------------------- eigen


def test_eigen_rotation_preset_is_complex_and_draws_no_convergence():
    at = press(open_page(topic="Eigen"), "eig", "Rotation (complex)")
    lam = np.linalg.eigvals(np.array(ROTATION_30))
    lam = lam[np.argmax(lam.imag)]
    assert metric(at, "kind") == "complex"
    assert metric(at, "λ₁") == f"{lam.real:.3g} + {lam.imag:.3g}i"  # 0.866 + 0.5i
    assert metric(at, "λ₂") == f"{lam.real:.3g} − {lam.imag:.3g}i"
    assert "Complex eigenvalues" in at.info[0].value
    assert "never settles" in at.info[0].value
    assert convergence(at) is None
    draws(at, 0, 2)


def test_eigen_shear_preset_is_defective_with_one_repeated_eigenvalue():
    at = press(open_page(topic="Eigen"), "eig", "Shear (defective)")
    assert np.linalg.eigvals([[1.0, 1.0], [0.0, 1.0]]) == pytest.approx([1.0, 1.0])
    assert metric(at, "kind") == "defective"
    assert (metric(at, "λ₁"), metric(at, "λ₂")) == ("1", "1")
    assert "A is defective" in at.info[0].value
    assert "only one eigenline" in at.info[0].value
    assert convergence(at) is not None  # the iterates still drift onto the x-axis
    draws(at, 1, 2)


def test_eigen_reflection_preset_says_no_eigenvalue_dominates():
    at = press(open_page(topic="Eigen"), "eig", "Reflection (|λ₁| = |λ₂|)")
    expected = sorted(np.linalg.eigvals([[1.0, 0.0], [0.0, -1.0]]).real, reverse=True)
    assert [number(metric(at, "λ₁")), number(metric(at, "λ₂"))] == expected
    assert metric(at, "kind") == "distinct real"
    assert "neither dominates" in at.info[0].value
    assert convergence(at) is None
    draws(at, 0, 2)


def test_eigen_zero_preset_explains_that_power_iteration_stops_at_once():
    at = press(open_page(topic="Eigen"), "eig", "Zero")
    assert (metric(at, "λ₁"), metric(at, "λ₂")) == ("0", "0")
    assert metric(at, "kind") == "repeated, diagonalisable"
    assert "The zero matrix sends everything to 0" in at.info[0].value
    assert "sends this vector to zero at step 1" in at.warning[0].value
    draws(at, 0, 2)


def test_eigen_nilpotent_link_warns_that_the_iterate_vanishes():
    at = open_page(topic="Eigen", **matrix_link("eig_a", [[0, 1], [0, 0]]))
    assert np.linalg.eigvals([[0.0, 1.0], [0.0, 0.0]]) == pytest.approx([0.0, 0.0])
    assert metric(at, "kind") == "defective"
    assert (metric(at, "λ₁"), metric(at, "λ₂")) == ("0", "0")
    # v₀ at 100° has a component off the x-axis: A sends it to the x-axis, then to zero.
    assert len(at.warning) == 1
    assert "A sends this vector to zero at step 2" in at.warning[0].value
    assert "power iteration stops" in at.warning[0].value
    assert convergence(at) is None
    draws(at, 0, 2)


def test_eigen_symmetric_preset_draws_geometric_convergence_to_the_diagonal():
    at = open_page(topic="Eigen", **matrix_link("eig_a", ROTATION_30))
    assert convergence(at) is None
    at = press(at, "eig", "Symmetric")
    draws(at, 1, 2)
    assert "How fast the iterates reach the eigenline" in texts(at)
    curves = convergence(at)
    power = curves[curves["line"] == "power iteration"]["angle"].to_numpy()
    guide = curves[curves["line"] != "power iteration"]["angle"].to_numpy()
    assert len(power) == len(guide) == 9  # k = 0 … 8
    assert np.all(np.diff(power) < 0)
    assert power[0] == pytest.approx(100 - 45)  # v₀ at 100°, the dominant line y = x at 45°
    low, high = sorted(abs(np.linalg.eigvals([[2.0, 1.0], [1.0, 2.0]])))  # 1 and 3
    ks = np.arange(9)
    theory = np.degrees(np.arctan(math.tan(math.radians(55)) * (low / high) ** ks))
    assert power == pytest.approx(theory, rel=1e-6)
    assert guide == pytest.approx(theory, rel=1e-6)


# ---------------------------------------------------------------- basis


@pytest.mark.parametrize(
    ("route", "b1", "b2"),
    [("preset Not a basis", (1, 0.5), (2, 1)), ("all-zero link", (0, 0), (0, 0))],
)
def test_dependent_basis_is_a_problem_not_a_crash(route, b1, b2):
    if route.startswith("preset"):
        at = press(open_page(topic="Basis"), "basis", "Not a basis")
    else:
        at = open_page(topic="Basis", basis_b11="0", basis_b12="0", basis_b21="0", basis_b22="0")
    basis = np.column_stack([b1, b2])
    assert np.linalg.matrix_rank(basis) < 2
    assert len(at.error) == 1
    assert "they are not a basis" in at.error[0].value
    assert number(metric(at, "det [b₁ b₂]")) == pytest.approx(np.linalg.det(basis), abs=1e-12)
    assert "coordinates (c₁, c₂)" not in [m.label for m in metrics(at)]
    draws(at, 0, 1)


# ---------------------------------------------------------------- norms


def test_norms_p_half_from_a_link_is_not_a_norm_and_e1_plus_e2_has_length_4():
    at = open_page(topic="Norms", norm_p="0.5")
    assert at.select_slider(key="norm_p").value == 0.5
    assert not link_notices(at)
    e12 = np.array([1.0, 1.0])
    assert np.sum(np.abs(e12) ** 0.5) ** (1 / 0.5) == pytest.approx(4.0)
    assert len(at.warning) == 1
    assert "this is not a norm" in at.warning[0].value
    assert "‖e₁ + e₂‖ = 2^(1/p) = 4 > 2" in at.warning[0].value
    u = np.array([3.0, 1.0])
    expected = np.sum(np.abs(u) ** 0.5) ** 2  # (√3 + 1)²
    assert number(metric(at, "‖u‖ with p = 0.5")) == pytest.approx(expected, **sig())
    draws(at, 0, 2)


def test_norms_p_infinity_from_a_link_is_the_largest_entry():
    at = open_page(topic="Norms", norm_p="∞")
    assert at.select_slider(key="norm_p").value == math.inf
    assert not at.warning
    assert number(metric(at, "‖u‖ with p = ∞")) == np.linalg.norm([3.0, 1.0], np.inf)
    assert number(metric(at, "‖v‖ with p = ∞")) == np.linalg.norm([1.0, 3.0], np.inf)
    draws(at, 0, 2)


def test_norms_zero_u_from_a_link_has_no_direction():
    at = open_page(topic="Norms", norm_u1="0", norm_u2="0")
    assert number(metric(at, "‖u‖ with p = 2")) == 0
    assert number(metric(at, "u · v")) == 0
    assert "A zero vector has no direction" in at.info[0].value
    labels = [m.label for m in metrics(at)]
    assert "angle θ" not in labels
    assert "cosine similarity" not in labels
    draws(at, 0, 2)


# ---------------------------------------------------------------- SVD and PCA

PCA_METRICS = {"variance along PC1", "share of PC1", "share of PC2"}


@pytest.mark.parametrize(
    ("route", "message"),
    [
        ({"pca_n": "1"}, "PCA needs at least two points"),
        ("One point", "PCA needs at least two points"),
        ({"pca_spread": "0", "pca_noise": "0"}, "Every point is the same"),
        ("Identical points", "Every point is the same"),
    ],
)
def test_pca_without_spread_is_explained_and_svd_still_draws(route, message):
    if isinstance(route, dict):
        at = open_page(topic="SVD & PCA", **route)
    else:
        at = press(open_page(topic="SVD & PCA"), "pca", route)
    assert [e.value.startswith(message) for e in at.error] == [True]
    labels = {m.label for m in metrics(at)}
    assert not labels & PCA_METRICS
    assert {"σ₁", "σ₂"} <= labels
    draws(at, 0, 1)  # the SVD stage only


def test_svd_singular_preset_has_sigma2_zero():
    at = press(open_page(topic="SVD & PCA"), "svd", "Singular")
    A = np.array([[1.0, 2.0], [0.5, 1.0]])
    s = np.linalg.svd(A, compute_uv=False)
    assert number(metric(at, "σ₁")) == pytest.approx(s[0], **sig())  # 2.5
    assert abs(number(metric(at, "σ₂"))) < 1e-12
    assert [i.value.startswith("σ₂ = 0: A is singular") for i in at.info] == [True]
    assert "even σ₁ = 0" not in at.info[0].value
    draws(at, 1, 2)


def test_svd_zero_preset_has_both_singular_values_zero():
    at = press(open_page(topic="SVD & PCA"), "svd", "Zero")
    assert (metric(at, "σ₁"), metric(at, "σ₂"), metric(at, "σ₁σ₂ = |det A|")) == ("0", "0", "0")
    assert "even σ₁ = 0 and everything lands on 0" in at.info[0].value
    draws(at, 1, 2)


# ---------------------------------------------------------------- layer

ACTIVATIONS = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0),
    "identity": lambda z: z,
}


@pytest.mark.parametrize("activation", list(ACTIVATIONS))
def test_each_activation_maps_the_square_to_the_expected_range(activation):
    at = open_page(topic="Layer", layer_act=activation)
    assert not at.warning
    draws(at, 0, 1)
    A = np.array([[1.5, 0.5], [-0.5, 1.5]])
    corners = np.array([[-2, -2], [-2, 2], [2, -2], [2, 2]], dtype=float)
    z = corners @ A.T  # b = 0; σ is increasing, so the extremes sit at the corners
    for column, name in enumerate(("outputs range x", "outputs range y")):
        low, high = value_range(metric(at, name))
        expected = ACTIVATIONS[activation](np.array([z[:, column].min(), z[:, column].max()]))
        assert (low, high) == pytest.approx(tuple(expected), rel=5e-3, abs=1e-12)
        if activation == "sigmoid":
            assert 0 < low < high < 1
        if activation == "relu":
            assert low == 0
    if activation == "relu":
        # The grid: 9 horizontal then 9 vertical lines of [−2, 2]², 40 points each.
        t, c = np.linspace(-2, 2, 40), np.linspace(-2, 2, 9)
        xs = np.array([(ti, ci) for ci in c for ti in t] + [(ci, ti) for ci in c for ti in t])
        folded = np.mean(np.any(xs @ A.T < 0, axis=1))  # relu moves every negative entry to 0
        assert metric(at, "points σ presses onto an axis") == f"{100 * folded:.0f}%"
        assert 0.5 < folded < 1
    if activation == "sigmoid":
        assert metric(at, "points σ presses onto an axis") == "0%"


# ---------------------------------------------------------------- hostile links


@pytest.mark.parametrize(
    ("topic", "key", "raw", "label", "default"),
    [
        ("Transformations", "tr_a11", "nan", "A₁₁", "1.5"),
        ("Transformations", "tr_a11", "inf", "A₁₁", "1.5"),
        ("Transformations", "tr_a12", "1e308", "A₁₂", "0.5"),
        ("Transformations", "tr_a21", "abc", "A₂₁", "0.25"),
        # Entries go up to ±10 (a scaling by 10 must fit): −6 is fine now, −11 is not.
        ("Transformations", "tr_a22", "-11", "A₂₂", "1.0"),
        ("Eigen", "eig_a12", "-inf", "A₁₂", "1.0"),
        ("Layer", "layer_a22", "1e308", "A₂₂", "1.5"),
        ("Vectors", "vec_u1", "nan", "u₁", "2.0"),
        ("Vectors", "vec_v2", "inf", "v₂", "1.5"),
        ("Basis", "basis_v1", "abc", "v₁", "2.0"),
        ("Norms", "norm_u2", "1e308", "u₂", "1.0"),
        ("SVD & PCA", "pca_seed", "nan", "Seed", "0"),
        ("SVD & PCA", "pca_seed", "inf", "Seed", "0"),
        ("SVD & PCA", "pca_seed", "-Infinity", "Seed", "0"),
        ("SVD & PCA", "pca_seed", "1e308", "Seed", "0"),
        ("SVD & PCA", "pca_seed", "abc", "Seed", "0"),
        ("SVD & PCA", "pca_seed", "-1", "Seed", "0"),
        ("Norms", "norm_p", "7", "p", "2"),
        ("Norms", "norm_p", "inf", "p", "2"),
    ],
)
def test_hostile_link_value_falls_back_to_the_default_with_a_notice(
    topic, key, raw, label, default
):
    at = open_page(topic=topic, **{key: raw})
    assert link_notices(at) == [
        f"The link set **{label}** to `{raw}`, which it cannot take, so it starts at {default}."
    ]
    widget = at.select_slider(key=key) if key == "norm_p" else at.number_input(key=key)
    assert widget.value == float(default)
    assert key not in at.query_params  # the address bar no longer claims the bad value
    assert tuple((m.label, m.value) for m in metrics(at)) == default_metrics(topic)
    draws(at, CHARTS[topic], STAGES[topic])


def test_a_fractional_seed_counts_as_its_whole_part_and_says_so():
    at = open_page(topic="SVD & PCA", pca_seed="7.5")
    assert not link_notices(at)
    assert "Seed takes whole numbers, so 7.5 counts as 7." in [c.value for c in at.caption]
    seven = open_page(topic="SVD & PCA", pca_seed="7")
    assert [m.value for m in metrics(at)] == [m.value for m in metrics(seven)]


def test_a_matrix_link_with_every_entry_hostile_names_all_four_and_keeps_the_default():
    raws = {"tr_a11": "nan", "tr_a12": "inf", "tr_a21": "1e308", "tr_a22": "abc"}
    at = open_page(topic="Transformations", **raws)
    notices = link_notices(at)
    assert len(notices) == 4
    for (key, raw), label in zip(raws.items(), ("A₁₁", "A₁₂", "A₂₁", "A₂₂"), strict=True):
        assert any(f"**{label}** to `{raw}`" in n for n in notices), (key, notices)
    assert number(metric(at, "det A")) == pytest.approx(np.linalg.det([[1.5, 0.5], [0.25, 1.0]]))
    draws(at, 0, 2)


# Float boxes (topic, key, label, low, high); a value is either used as the link spelled it
# or refused with a notice. The seed and p are checked for the notice and their range only.
FLOAT_BOXES = [
    ("Transformations", "tr_a11", "A₁₁", -10.0, 10.0),
    ("Eigen", "eig_a21", "A₂₁", -5.0, 5.0),
    ("SVD & PCA", "svd_a12", "A₁₂", -5.0, 5.0),
    ("Vectors", "vec_u2", "u₂", -5.0, 5.0),
    ("Layer", "layer_b1", "b₁", -5.0, 5.0),
]
OTHER_BOXES = [
    ("SVD & PCA", "pca_seed", "Seed", 0, 1_000_000),
    ("Norms", "norm_p", "p", 0.5, math.inf),
]
hostile = st.one_of(
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.integers(-(10**30), 10**30).map(str),
    st.text(max_size=20),
    st.sampled_from(["nan", "-nan", "inf", "-inf", "Infinity", "1e308", "-1e308", "", "∞", "0x10"]),
)


def as_float(raw: str) -> float | None:
    try:
        return float(raw)
    except ValueError:
        return None


@settings(
    max_examples=20,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
@given(box=st.sampled_from(FLOAT_BOXES + OTHER_BOXES), raw=hostile)
def test_any_link_value_is_used_as_given_or_refused_with_a_notice(box, raw):
    topic, key, label, low, high = box
    at = open_page(topic=topic, **{key: raw})
    widget = at.select_slider(key=key) if key == "norm_p" else at.number_input(key=key)
    value = widget.value
    assert low <= value <= high
    assert not math.isnan(value)
    notices = link_notices(at)
    assert all(n.startswith(f"The link set **{label}** to `") for n in notices), notices
    assert len(notices) <= 1
    if box in FLOAT_BOXES and not notices:
        assert value == as_float(raw), (raw, value)
    if notices:
        assert key not in at.query_params
    assert len(charts(at)) == CHARTS[topic]
    assert len(stages(at)) == STAGES[topic]


# ---------------------------------------------------------------- all-zero matrices


@pytest.mark.parametrize(
    ("topic", "keys", "count", "shown"),
    [
        ("Transformations", ["tr_a"], (0, 2), {"det A": "0", "rank": "0"}),
        ("Matrix product", ["prod_a", "prod_b"], (0, 2), {"(BA)₁₁": "0", "AB = BA?": "yes"}),
        ("Matrix product", ["prod_a"], (0, 2), {"det(BA) = det B · det A": "0"}),
        # The zero matrix stops power iteration at once: no convergence chart.
        ("Eigen", ["eig_a"], (0, 2), {"λ₁": "0", "λ₂": "0"}),
        ("SVD & PCA", ["svd_a"], (1, 2), {"σ₁": "0", "σ₂": "0"}),
        # Every point goes to b = 0, and the sigmoid sends 0 to ½.
        ("Layer", ["layer_a"], (0, 1), {"det A": "0", "outputs range x": "0.5 … 0.5"}),
    ],
)
def test_an_all_zero_matrix_from_a_link_still_draws_every_chart(topic, keys, count, shown):
    zero = {}
    for key in keys:
        zero |= matrix_link(key, np.zeros((2, 2)))
    at = open_page(topic=topic, **zero)
    assert not link_notices(at)
    assert not at.error
    draws(at, *count)
    for label, value in shown.items():
        assert metric(at, label) == value


# ---------------------------------------------------------------- one tolerance, any scale


@pytest.mark.parametrize("scale", [1.0, 1e-7])
@pytest.mark.parametrize(
    ("matrix", "orientation", "rank"),
    [
        ([[1.0, 2.0], [2.0, 4.0]], "collapsed", 1),
        ([[1.0, 1.0], [1.0, 1.0 + 1e-14]], "collapsed", 1),
        ([[COS30, -SIN30], [SIN30, COS30]], "kept", 2),
        ([[0.0, 1.0], [2.0, 0.0]], "flipped", 2),
    ],
)
def test_transformations_judge_a_matrix_and_a_tiny_multiple_alike(matrix, orientation, rank, scale):
    A = scale * np.array(matrix)
    at = open_page(topic="Transformations", **matrix_link("tr_a", A))
    assert not link_notices(at)
    assert metric(at, "orientation") == orientation
    assert metric(at, "rank") == str(rank)
    draws(at, 0, 2)


@pytest.mark.parametrize("scale", [1.0, 1e-7])
def test_a_tiny_basis_is_still_a_basis_and_a_tiny_dependent_one_is_not(scale):
    fine = {"basis_b11": str(scale), "basis_b12": "0", "basis_b21": "0", "basis_b22": str(scale)}
    at = open_page(topic="Basis", **fine)
    assert not at.error
    assert vector(metric(at, "coordinates (c₁, c₂)")) == pytest.approx([2 / scale] * 2, **sig(3))
    dependent = {"basis_b11": str(scale), "basis_b12": str(scale / 2)}
    dependent |= {"basis_b21": str(2 * scale), "basis_b22": str(scale)}
    at = open_page(topic="Basis", **dependent)
    assert [e.value.startswith("b₁ and b₂ lie on one line") for e in at.error] == [True]
    at = open_page(topic="Vectors", vec_u1=str(scale), vec_u2="0", vec_v1="0", vec_v2=str(scale))
    assert metric(at, "span of u and v") == "the plane"


# ---------------------------------------------------------------- pictures that teach


def test_the_stage_starts_where_the_link_puts_the_vectors():
    at = open_page(topic="Vectors", vec_u1="3", vec_v2="-1")
    (scene,) = stages(at)
    assert [(h["name"], h["x"], h["y"]) for h in scene["handles"]] == [
        ("u", 3.0, 1.0),
        ("v", 0.5, -1.0),
    ]


def test_transformations_take_entries_up_to_ten_and_drag_a_s_columns():
    at = open_page(topic="Transformations", tr_a11="10", tr_a22="-7.5")
    assert not link_notices(at)
    A = np.array([[10.0, 0.5], [0.25, -7.5]])
    assert number(metric(at, "det A")) == pytest.approx(np.linalg.det(A), **sig())
    main, check = stages(at)
    assert [(h["name"], h["x"], h["y"]) for h in main["handles"]] == [
        ("ae1", 10.0, 0.25),
        ("ae2", 0.5, -7.5),
    ]
    assert main["stages"]["names"] == ["I", "A"]
    assert not check["handles"]


def test_matrix_product_plays_both_orders_side_by_side():
    at = open_page(topic="Matrix product")
    first, second = stages(at)
    assert first["stages"]["names"] == ["x", "Ax", "BAx"]
    assert second["stages"]["names"] == ["x", "Bx", "ABx"]
    # One frame for both, to compare where the F ends: the box round every shape either
    # panel shows, here 3 × 2 units (BA's spread holds AB's), and room round the columns
    # the learner drags (0.12 × the largest coordinate, 2): B's (−1, 0) reaches x = −1.24
    # and A's (1, 0) y = −0.24, so 3.24 × 2.24 units, no larger.
    assert first["extent"] == second["extent"]
    assert first["centre"] == second["centre"]
    assert first["box"] == second["box"]
    assert np.array(first["box"]) == pytest.approx(np.array([3.24, 2.24]) * 1.1 / 2)
    assert [h["label"] for h in first["handles"]] == ["Ae₁", "Ae₂"]
    assert [h["label"] for h in second["handles"]] == ["Be₁", "Be₂"]


def test_eigenvalues_are_ordered_by_size_everywhere():
    # The review's link: λ₁ was 1 and λ₂ −3, though λ₁ should dominate.
    at = open_page(topic="Eigen", **matrix_link("eig_a", [[-3, 0], [0, 1]]))
    assert (metric(at, "λ₁"), metric(at, "λ₂")) == ("−3", "1")
    assert "|λ| = 3 wins" in at.info[0].value
    scene, _power = stages(at)
    labels = {a.get("label") for g in scene["groups"] for a in g["arrows"]}
    assert {"Av₁ = −3v₁", "Av₂ = v₂"} <= labels


def test_norms_presets_each_set_p_so_none_keeps_an_earlier_one():
    at = press(open_page(topic="Norms"), "norm", "Not a norm p = 0.5")
    assert at.warning
    at = press(at, "norm", "Orthogonal")
    assert at.select_slider(key="norm_p").value == 2.0
    assert not at.warning  # no "not a norm" beside an orthogonality lesson
    assert metric(at, "orthogonal?") == "yes"
    at = press(at, "norm", "Taxicab p = 1")
    assert [at.number_input(key=k).value for k in ("norm_u1", "norm_u2")] == [3.0, 1.0]
    ball, projection = stages(at)
    assert ball["readouts"][0]["text"].endswith("(p = 1)")
    assert [h["name"] for h in projection["handles"]] == ["u", "v"]


def test_basis_presets_each_change_the_view_and_whole_steps_land_on_the_grid():
    at = open_page(topic="Basis")
    start = [m.value for m in metrics(at)]
    at = press(at, "basis", "Whole steps")
    assert metric(at, "coordinates (c₁, c₂)") == "(2, 1)"
    assert [m.value for m in metrics(at)] != start
    at = press(at, "basis", "Long and short")
    shown = vector(metric(at, "coordinates (c₁, c₂)"))
    np.testing.assert_allclose(shown, np.linalg.solve([[2, 0.5], [0, 0.5]], [3, 2]))


def test_the_svd_link_step_sets_where_the_morph_starts():
    at = open_page(topic="SVD & PCA", svd_step="Vᵀx")
    svd_scene = stages(at)[0]
    assert svd_scene["stages"]["names"] == ["x", "Vᵀx", "ΣVᵀx", "UΣVᵀx"]
    assert svd_scene["stages"]["t"] == pytest.approx(1 / 3)
    at = press(at, "svd", "Reflection")  # the presets show the end
    svd_scene = stages(at)[0]
    assert svd_scene["stages"]["names"] == ["x", "Vᵀx", "ΣVᵀx", "mirrored", "UΣVᵀx"]
    assert svd_scene["stages"]["t"] == 1.0
    assert at.select_slider(key="svd_step").value == "UΣVᵀx"


def test_pca_axis_w_from_the_link_gives_the_variance_along_it():
    at = open_page(topic="SVD & PCA", pca_w="45")
    xs = correlated_cloud(200, correlation=0.8, noise=0.2, seed=0)
    w = np.array([math.cos(math.pi / 4), math.sin(math.pi / 4)])
    along = np.var(xs @ w, ddof=1)
    assert number(metric(at, "variance along w")) == pytest.approx(along, **sig())
    across = np.var(xs @ [-w[1], w[0]], ddof=1)
    assert metric(at, "w keeps") == f"{100 * along / (along + across):.1f}%"
    pca_scene = stages(at)[1]
    (h,) = pca_scene["handles"]
    cx, cy, _ = h["ring"]
    assert math.degrees(math.atan2(h["y"] - cy, h["x"] - cx)) == pytest.approx(45)


def test_the_xor_preset_untangles_the_classes():
    at = open_page(topic="Layer")
    split = "one line splits them"
    assert metric(at, split) == "no → no"
    at = press(at, "layer", "XOR untangled")
    assert metric(at, split) == "no → yes"
    (scene,) = stages(at)
    assert scene["stages"]["names"] == ["x", "Ax", "Ax + b", "σ(Ax + b)"]
    assert [g["when"] for g in scene["groups"] if "when" in g] == [[1.0, 1.0]]


def test_svd_of_zero_says_any_u_will_do():
    at = open_page(topic="SVD & PCA")
    for key in ("svd_a11", "svd_a12", "svd_a21", "svd_a22"):
        at.number_input(key=key).set_value(0.0)
    at.run()
    assert number(metric(at, "σ₁")) == 0
    assert metric(at, "U") == "any (A = 0)"


@pytest.mark.parametrize(
    ("topic", "prefix", "label"),
    [
        ("Matrix product", "prod", "Rotations commute"),
        ("Transformations", "tr", "Rotation 30°"),
        ("Basis", "basis", "Rotated 30°"),
    ],
)
def test_a_preset_of_rotations_writes_clean_numbers_into_the_link(topic, prefix, label):
    at = press(open_page(topic=topic), prefix, label)
    written = {k: at.query_params[k] for k in at.query_params if k.startswith(prefix)}
    assert written  # the preset's matrix is in the link
    for key, value in written.items():
        text = value[-1] if isinstance(value, list) else value
        assert len(text.lstrip("-").replace(".", "")) <= 13, (key, text)  # no 0.49999999999999994
