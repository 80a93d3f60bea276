import dataclasses
import itertools
import math
import warnings

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from scipy.spatial import distance

from mathviz.linear_algebra import (
    EIGEN_KINDS,
    PRESETS,
    RTOL,
    LinearAlgebraError,
    angle,
    axis_spread,
    commute,
    convergence,
    coordinates,
    correlated_cloud,
    cosine_similarity,
    determinant,
    direction,
    eigen,
    identical_points,
    inner_product,
    is_orthogonal,
    is_orthonormal,
    layer,
    layer_stages,
    line_angles,
    linear_separation,
    morph,
    normalize,
    orientation,
    p_norm,
    pca,
    power_iteration,
    product,
    projection,
    rank,
    rotation,
    rotation_angle,
    svd_2x2,
    trace,
    transform,
    triangle_counterexample,
    unit_ball,
    variance_along,
    xor_classes,
)

# Zero or 1e-6 ≤ |x| ≤ 100: tiny entries make numpy's own norms lose digits (x² is subnormal).
magnitudes = st.one_of(st.just(0.0), st.floats(1e-6, 100))
entries = st.tuples(magnitudes, st.sampled_from([-1.0, 1.0])).map(lambda ms: ms[0] * ms[1])
vectors = st.lists(entries, min_size=1, max_size=6).map(np.array)
pairs = st.integers(1, 6).flatmap(
    lambda n: st.tuples(*[st.lists(entries, min_size=n, max_size=n).map(np.array)] * 2)
)
matrices_2x2 = st.lists(
    st.floats(-10, 10, allow_nan=False, allow_subnormal=False), min_size=4, max_size=4
).map(lambda xs: np.array(xs).reshape(2, 2))
angles = st.floats(-10, 10, allow_nan=False)


def sign_rule(rows: np.ndarray) -> np.ndarray:
    """Flip rows so that the largest-magnitude entry of each is positive."""
    picked = rows[np.arange(len(rows)), np.argmax(np.abs(rows), axis=1)]
    return rows * np.sign(picked)[:, None]


# ---------------------------------------------------------------- p-norms


@settings(max_examples=100, deadline=None)
@given(vectors, st.one_of(st.floats(1, 10), st.just(math.inf)))
def test_p_norm_matches_numpy_for_p_at_least_one(x, p):
    assert p_norm(x, p) == pytest.approx(np.linalg.norm(x, ord=p), rel=1e-12, abs=1e-300)


@pytest.mark.parametrize("p", [0.3, 0.5, 1, 2, 3.5, math.inf])
def test_p_norm_broadcasts_over_the_last_axis(p):
    xs = np.random.default_rng(0).normal(size=(3, 4, 5))
    result = p_norm(xs, p)
    assert result.shape == (3, 4)
    assert result[2, 1] == pytest.approx(p_norm(xs[2, 1], p))


@pytest.mark.parametrize(
    ("x", "p", "expected"),
    [
        ([3, -4], 2, 5.0),
        ([3, -4], 1, 7.0),
        ([3, -4], math.inf, 4.0),
        ([1, 1], 0.5, 4.0),  # (√1 + √1)² = 4 > 1 + 1
        ([0, 0, 0], 0.5, 0.0),
        ([0, 0, 0], math.inf, 0.0),
        ([1e200, 1e200], 2, math.sqrt(2) * 1e200),  # no overflow
        ([1e-200, 1e-200], 2, math.sqrt(2) * 1e-200),  # no underflow
    ],
)
def test_p_norm_closed_forms(x, p, expected):
    assert p_norm(x, p) == pytest.approx(expected, rel=1e-14)


def test_p_norm_of_a_vector_is_a_float():
    assert type(p_norm([3, 4], 2)) is float


@pytest.mark.parametrize(
    ("x", "p", "message"),
    [
        ([1, 2], 0, r"p must be positive \(a number > 0, or inf\); got p=0.0"),
        ([1, 2], -1, "p must be positive"),
        ([1, 2], math.nan, "p must be positive .*got p=nan"),
        ([1, 2], "two", "p must be a positive number or inf; got 'two'"),
        ([1, math.nan], 2, "x must contain only finite numbers"),
        ([1, math.inf], 2, "x must contain only finite numbers"),
        (3.0, 2, r"x must be a vector \(or vectors along the last axis\); got shape \(\)"),
        (["a", "b"], 2, "x must be an array of numbers"),
    ],
)
def test_p_norm_rejects_bad_input(x, p, message):
    with pytest.raises(LinearAlgebraError, match=message):
        p_norm(x, p)


@settings(max_examples=200, deadline=None)
@given(pairs, st.one_of(st.floats(1, 10), st.just(math.inf)))
def test_triangle_inequality_holds_for_p_at_least_one(uv, p):
    u, v = uv
    assert p_norm(u + v, p) <= (p_norm(u, p) + p_norm(v, p)) * (1 + 1e-12) + 1e-300


@settings(max_examples=100, deadline=None)
@given(st.floats(0.05, 0.99))
def test_counterexample_breaks_the_triangle_inequality_for_p_below_one(p):
    c = triangle_counterexample(p)
    assert c.norm_sum > c.norm_u + c.norm_v
    assert c.excess > 0
    assert c.norm_sum == pytest.approx(2 ** (1 / p))
    assert (c.norm_u, c.norm_v) == (1.0, 1.0)
    assert c.norm_sum == p_norm(c.u + c.v, p)
    np.testing.assert_array_equal(c.u, [1.0, 0.0])
    np.testing.assert_array_equal(c.v, [0.0, 1.0])


@pytest.mark.parametrize("p", [1, 1.0001, 2, math.inf])
def test_counterexample_refuses_p_at_least_one(p):
    with pytest.raises(LinearAlgebraError, match="for p ≥ 1 the triangle inequality holds"):
        triangle_counterexample(p)


def test_counterexample_is_frozen_with_read_only_arrays():
    c = triangle_counterexample(0.5)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.norm_sum = 0.0
    with pytest.raises(ValueError, match="read-only"):
        c.u[0] = 5.0


@pytest.mark.parametrize("p", [0.5, 1, 1.5, 2, 3, math.inf])
def test_unit_ball_points_have_norm_one_and_go_round_counter_clockwise(p):
    points = unit_ball(p, n=400)
    assert points.shape == (400, 2)
    np.testing.assert_allclose(p_norm(points, p), 1.0, rtol=1e-12)
    np.testing.assert_allclose(points[0], [1.0, 0.0])
    thetas = np.mod(np.arctan2(points[:, 1], points[:, 0]), 2 * np.pi)
    thetas[np.isclose(thetas, 2 * np.pi)] = 0.0
    assert np.all(np.diff(thetas) > 0)
    np.testing.assert_allclose(thetas, np.linspace(0, 2 * np.pi, 400, endpoint=False), atol=1e-12)


def test_unit_ball_shapes_for_one_two_and_inf():
    diamond, circle, square = (unit_ball(p, n=64) for p in (1, 2, math.inf))
    np.testing.assert_allclose(np.abs(diamond).sum(axis=1), 1.0)
    np.testing.assert_allclose(np.hypot(*circle.T), 1.0)
    np.testing.assert_allclose(np.abs(square).max(axis=1), 1.0)
    # p < 1 bends inwards: the point at 45° lies inside the diamond.
    star = unit_ball(0.5, n=8)
    assert np.abs(star[1]).sum() < 1.0
    np.testing.assert_allclose(star[1], [0.25, 0.25])


@pytest.mark.parametrize(
    ("p", "n", "message"),
    [
        (2, 7, "n must be between 8 and 1,000,000; got 7"),
        (2, 8.5, "n must be a whole number; got 8.5"),
        (2, True, "n must be a whole number"),
        (0, 100, "p must be positive"),
    ],
)
def test_unit_ball_rejects_bad_input(p, n, message):
    with pytest.raises(LinearAlgebraError, match=message):
        unit_ball(p, n=n)


# ---------------------------------------------------------------- angles and projections


def test_inner_product_closed_forms():
    assert inner_product([1, 2, 3], [4, 5, 6]) == 32.0
    assert inner_product([1, 1], [1, -1]) == 0.0


@pytest.mark.parametrize(
    ("u", "v", "expected"),
    [
        ([1, 0], [0, 1], math.pi / 2),
        ([1, 0], [1, 1], math.pi / 4),
        ([1, 0], [-3, 0], math.pi),
        ([2, 2], [5, 5], 0.0),
        ([1, 0, 0], [1, 1, 0], math.pi / 4),
    ],
)
def test_angle_closed_forms(u, v, expected):
    assert angle(u, v) == pytest.approx(expected, abs=1e-15)


def test_angle_is_accurate_for_nearly_parallel_vectors():
    # arccos(cos θ) returns 0 here: cos(1e-10) rounds to 1.
    assert angle([1, 0], [1, 1e-10]) == pytest.approx(1e-10, rel=1e-9)


@settings(max_examples=100, deadline=None)
@given(pairs, st.floats(0.01, 100))
def test_angle_agrees_with_cosine_similarity_and_ignores_scale(uv, c):
    u, v = uv
    assume(np.linalg.norm(u) > 1e-3 and np.linalg.norm(v) > 1e-3)
    theta = angle(u, v)
    assert 0 <= theta <= math.pi
    assert math.cos(theta) == pytest.approx(cosine_similarity(u, v), abs=1e-12)
    assert angle(c * u, v) == pytest.approx(theta, abs=1e-12)
    assert angle(v, u) == pytest.approx(theta, abs=1e-15)


@settings(max_examples=100, deadline=None)
@given(pairs)
def test_cosine_similarity_matches_scipy(uv):
    u, v = uv
    assume(np.linalg.norm(u) > 1e-3 and np.linalg.norm(v) > 1e-3)
    similarity = cosine_similarity(u, v)
    assert -1 <= similarity <= 1
    assert similarity == pytest.approx(1 - distance.cosine(u, v), abs=1e-12)


@settings(max_examples=100, deadline=None)
@given(pairs)
def test_projection_leaves_a_residual_orthogonal_to_v(uv):
    u, v = uv
    assume(np.linalg.norm(v) > 1e-3)
    proj = projection(u, v)
    scale = np.linalg.norm(u) * np.linalg.norm(v) + 1e-300
    assert abs(inner_product(u - proj, v)) <= 1e-12 * scale
    np.testing.assert_allclose(proj, (u @ v) / (v @ v) * v, rtol=1e-10, atol=1e-10 * scale)
    np.testing.assert_allclose(projection(proj, v), proj, atol=1e-10 * scale)


def test_projection_closed_forms():
    np.testing.assert_allclose(projection([2, 3], [1, 0]), [2, 0])
    np.testing.assert_allclose(projection([2, 3], [0, -5]), [0, 3])
    np.testing.assert_allclose(projection([1, 0], [1, 1]), [0.5, 0.5])
    np.testing.assert_allclose(projection([1e-200, 0], [1e-200, 1e-200]), [5e-201, 5e-201])


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: angle([0, 0], [1, 0]), "u must be non-zero: the angle with a zero vector"),
        (lambda: angle([1, 0], [0, 0]), "v must be non-zero: the angle with a zero vector"),
        (lambda: cosine_similarity([1, 0], [0, 0]), "v must be non-zero: cosine similarity"),
        (lambda: projection([1, 0], [0, 0]), "v must be non-zero: there is no line to project"),
        (lambda: inner_product([1, 2], [1, 2, 3]), "u and v must have the same length; got 2"),
        (lambda: inner_product([[1, 2]], [1, 2]), r"u must be a non-empty 1-D vector; got shape"),
        (lambda: inner_product([], []), r"u must be a non-empty 1-D vector; got shape \(0,\)"),
        (lambda: angle([1, math.nan], [1, 0]), "u must contain only finite numbers"),
    ],
)
def test_angle_and_projection_reject_bad_input(call, message):
    with pytest.raises(LinearAlgebraError, match=message):
        call()


# ---------------------------------------------------------------- bases


@pytest.mark.parametrize("n", [2, 3, 5])
def test_coordinates_match_numpy_solve_and_rebuild_v(n):
    rng = np.random.default_rng(n)
    basis, v = rng.normal(size=(n, n)), rng.normal(size=n)
    c = coordinates(v, basis)
    np.testing.assert_allclose(c, np.linalg.solve(basis, v))
    np.testing.assert_allclose(basis @ c, v, atol=1e-12)


def test_coordinates_in_an_orthonormal_basis_are_inner_products():
    basis = rotation(0.7)
    v = np.array([2.0, -1.0])
    np.testing.assert_allclose(coordinates(v, basis), basis.T @ v)
    np.testing.assert_allclose(coordinates(v, np.eye(2)), v)


@pytest.mark.parametrize(
    ("basis", "message"),
    [
        ([[1, 2], [2, 4]], r"the columns of basis are linearly dependent \(or nearly so\)"),
        ([[1, 1], [1, 1 + 1e-14]], "linearly dependent"),
        ([[1, 0], [0, 0]], r"column 1 of basis \(counting from 0\) is zero, so the columns are"),
        ([[0, 0], [0, 0]], r"column 0 of basis \(counting from 0\) is zero"),
        ([[1, 0, 0], [0, 1, 0]], r"basis must be a square matrix; got shape \(2, 3\)"),
        ([[1, 0], [0, math.inf]], "basis must contain only finite numbers"),
    ],
)
def test_coordinates_reject_what_is_not_a_basis(basis, message):
    with pytest.raises(LinearAlgebraError, match=message):
        coordinates([1, 1][: len(basis)], basis)


def test_coordinates_reject_a_vector_of_the_wrong_length():
    with pytest.raises(LinearAlgebraError, match="v must have one entry per row of basis; got 3"):
        coordinates([1, 2, 3], np.eye(2))


def test_is_orthonormal():
    assert is_orthonormal(rotation(1.2)) is True
    assert is_orthonormal(PRESETS["reflection"]) is True
    assert is_orthonormal(np.eye(3)[:, :2]) is True  # two orthonormal columns in 3-D
    assert is_orthonormal(PRESETS["shear"]) is False
    assert is_orthonormal(2 * rotation(1.2)) is False
    assert is_orthonormal([[1, 0], [0, 1 + 1e-6]]) is False
    assert is_orthonormal([[1, 0], [0, 1 + 1e-6]], atol=1e-5) is True
    with pytest.raises(LinearAlgebraError, match="atol must be non-negative; got -1"):
        is_orthonormal(np.eye(2), atol=-1)


# ---------------------------------------------------------------- matrices as maps


@settings(max_examples=100, deadline=None)
@given(angles, st.lists(st.tuples(entries, entries), min_size=1, max_size=5).map(np.array))
def test_rotation_preserves_norms(theta, points):
    moved = transform(points, rotation(theta))
    np.testing.assert_allclose(
        np.linalg.norm(moved, axis=1), np.linalg.norm(points, axis=1), rtol=1e-12, atol=1e-12
    )


@settings(max_examples=100, deadline=None)
@given(st.floats(-math.pi, math.pi, exclude_min=True))
def test_rotation_angle_inverts_rotation(theta):
    assert rotation_angle(rotation(theta)) == pytest.approx(theta, abs=1e-12)


@pytest.mark.parametrize(
    ("matrix", "message"),
    [
        ([[1, 0], [0, -1]], r"R must be a rotation \(orthogonal with determinant 1\); got det"),
        ([[1, 1], [0, 1]], "R must be a rotation"),
        (np.eye(3), r"R must be a 2×2 matrix; got shape \(3, 3\)"),
    ],
)
def test_rotation_angle_rejects_what_is_not_a_rotation(matrix, message):
    with pytest.raises(LinearAlgebraError, match=message):
        rotation_angle(matrix)


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("identity", 1.0),
        ("rotation", 1.0),
        ("shear", 1.0),
        ("scaling", 2.0),
        ("reflection", -1.0),
        ("projection", 0.0),
        ("zero", 0.0),
    ],
)
def test_determinants_of_the_presets(name, expected):
    assert determinant(PRESETS[name]) == pytest.approx(expected, abs=1e-15)


@settings(max_examples=50, deadline=None)
@given(angles, st.floats(-5, 5), st.floats(-5, 5))
def test_determinants_of_rotation_and_scaling(theta, a, b):
    assert determinant(rotation(theta)) == pytest.approx(1.0, abs=1e-15)
    assert determinant(np.diag([a, b])) == a * b


@settings(max_examples=100, deadline=None)
@given(matrices_2x2)
def test_determinant_is_the_signed_area_of_the_image_of_the_unit_square(matrix):
    A = matrix
    corners = transform([[0, 0], [1, 0], [1, 1], [0, 1]], A)
    x, y = corners.T
    shoelace = (x @ np.roll(y, -1) - y @ np.roll(x, -1)) / 2
    assert determinant(A) == pytest.approx(shoelace, abs=1e-12)
    assert determinant(A) == pytest.approx(np.linalg.det(A), abs=1e-12)


def test_determinant_of_larger_matrices_matches_numpy():
    A = np.random.default_rng(3).normal(size=(4, 4))
    assert determinant(A) == pytest.approx(np.linalg.det(A))
    with pytest.raises(LinearAlgebraError, match=r"A must be a square matrix; got shape \(1, 3\)"):
        determinant([[1, 2, 3]])


def test_transform_applies_a_to_every_row():
    rng = np.random.default_rng(4)
    points, A = rng.normal(size=(7, 2)), rng.normal(size=(3, 2))
    moved = transform(points, A)
    assert moved.shape == (7, 3)
    np.testing.assert_allclose(moved[5], A @ points[5])
    with pytest.raises(LinearAlgebraError, match=r"points must have shape \(k, 2\), one point"):
        transform(np.ones((7, 3)), A)


def test_presets_are_read_only():
    with pytest.raises(ValueError, match="read-only"):
        PRESETS["shear"][0, 0] = 5.0


# ---------------------------------------------------------------- eigenvectors


def assert_eigenpairs(matrix: np.ndarray, result, *, atol: float = 1e-12) -> None:
    A = matrix
    scale = max(np.max(np.abs(A)), 1.0)
    for i in range(2):
        v = result.vectors[:, i]
        assert np.linalg.norm(v) == pytest.approx(1.0)
        np.testing.assert_allclose(A @ v, result.values[i] * v, atol=atol * scale)


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("rotation", "complex"),
        ("shear", "defective"),
        ("identity", "repeated, diagonalisable"),
        ("zero", "repeated, diagonalisable"),
        ("scaling", "distinct real"),
        ("reflection", "distinct real"),
        ("projection", "distinct real"),
    ],
)
def test_eigen_kinds_and_pairs_of_the_presets(name, kind):
    result = eigen(PRESETS[name])
    assert result.kind == kind
    assert result.kind in EIGEN_KINDS
    assert result.values.dtype == complex
    assert result.vectors.shape == (2, 2)
    assert_eigenpairs(PRESETS[name], result)


def test_eigen_closed_forms():
    scaling = eigen(np.diag([1.0, 2.0]))
    np.testing.assert_array_equal(scaling.values, [2, 1])  # largest first
    np.testing.assert_array_equal(scaling.vectors, [[0, 1], [1, 0]])
    turn = eigen(rotation(0.5))
    np.testing.assert_allclose(turn.values, [np.exp(0.5j), np.exp(-0.5j)])
    shear = eigen(PRESETS["shear"])
    np.testing.assert_array_equal(shear.values, [1, 1])
    np.testing.assert_array_equal(shear.vectors, [[1, 1], [0, 0]])  # one direction, twice
    np.testing.assert_array_equal(eigen(3 * np.eye(2)).vectors, np.eye(2))
    flip = eigen([[0, -2], [-2, 0]])  # eigenvector signs: largest entry positive
    np.testing.assert_allclose(flip.values, [2, -2])
    np.testing.assert_allclose(flip.vectors, np.array([[1, 1], [-1, 1]]) / np.sqrt(2))


@pytest.mark.parametrize("seed", range(5))
def test_eigen_agrees_with_numpy_up_to_the_scale_of_each_vector(seed):
    A = np.random.default_rng(seed).normal(size=(2, 2))
    result = eigen(A)
    values, vectors = np.linalg.eig(A)
    for i in range(2):
        j = int(np.argmin(np.abs(values - result.values[i])))
        assert result.values[i] == pytest.approx(values[j], abs=1e-12)
        # Unit vectors along the same (complex) line: |⟨v, w⟩| = 1.
        assert abs(np.vdot(vectors[:, j], result.vectors[:, i])) == pytest.approx(1.0)


def test_eigen_stays_accurate_where_entries_differ_wildly_in_size():
    A = np.array([[0.0, 1e-50], [1.0, 1.0]])
    result = eigen(A)
    assert result.kind == "distinct real"
    np.testing.assert_allclose(result.values, [1.0, -1e-50], rtol=1e-15)
    assert_eigenpairs(A, result, atol=1e-15)


@settings(max_examples=200, deadline=None)
@given(matrices_2x2)
def test_eigenpairs_of_random_matrices_with_real_eigenvalues(matrix):
    A = matrix
    result = eigen(A)
    assume(result.kind == "distinct real")
    assert np.all(result.values.imag == 0)
    # Largest modulus first, the eigenvalue power iteration finds (of λ and −λ, +λ first).
    first, second = result.values.real
    assert abs(first) > abs(second) or (abs(first) == abs(second) and first > second)
    np.testing.assert_allclose(
        np.sort(result.values.real), np.sort(np.linalg.eigvals(A).real), atol=1e-9
    )
    assert_eigenpairs(A, result, atol=1e-10)


@settings(max_examples=200, deadline=None)
@given(matrices_2x2)
def test_eigen_kind_follows_the_discriminant(matrix):
    A = matrix
    result = eigen(A)
    (a, b), (c, d) = A
    disc = (a - d) ** 2 + 4 * b * c
    scale = np.max(np.abs(A))
    if abs(disc) > 1e-9 * scale**2:
        assert result.kind == ("complex" if disc < 0 else "distinct real")
    if result.kind == "complex":
        assert result.values[0] == np.conj(result.values[1])
        assert result.values[0].imag > 0
    assert_eigenpairs(A, result, atol=1e-5)


@pytest.mark.parametrize("scale", [1e-200, 1e-3, 1.0, 1e3, 1e200])
def test_eigen_kinds_do_not_depend_on_the_scale_of_a(scale):
    kinds = {"rotation": "complex", "shear": "defective", "scaling": "distinct real"}
    for name, kind in kinds.items():
        assert eigen(scale * PRESETS[name]).kind == kind
    assert eigen(scale * np.eye(2)).kind == "repeated, diagonalisable"


def test_eigen_tolerates_rounding_but_not_real_gaps():
    R = rotation(0.4)
    assert eigen(R @ np.diag([2.0, 2.0]) @ R.T).kind == "repeated, diagonalisable"
    P = np.array([[2.0, 1.0], [1.0, 1.0]])
    assert eigen(P @ np.array([[3.0, 1.0], [0.0, 3.0]]) @ np.linalg.inv(P)).kind == "defective"
    assert eigen(np.diag([1.0, 1.0 + 1e-9])).kind == "repeated, diagonalisable"
    assert eigen(np.diag([1.0, 1.001])).kind == "distinct real"
    assert eigen(rotation(1e-3)).kind == "complex"


def test_eigen_rejects_bad_input():
    with pytest.raises(LinearAlgebraError, match=r"A must be a 2×2 matrix; got shape \(3, 3\)"):
        eigen(np.eye(3))
    with pytest.raises(LinearAlgebraError, match="A must contain only finite numbers"):
        eigen([[1, math.nan], [0, 1]])


def test_power_iteration_converges_to_the_dominant_eigenvector():
    A = np.array([[2.0, 1.0], [1.0, 3.0]])
    iterates = power_iteration(A, [1.0, 0.0], 60)
    assert iterates.shape == (61, 2)
    np.testing.assert_allclose(iterates[0], [1.0, 0.0])
    np.testing.assert_allclose(np.linalg.norm(iterates, axis=1), 1.0)
    _, vectors = np.linalg.eigh(A)
    dominant = vectors[:, -1]
    assert abs(iterates[-1] @ dominant) == pytest.approx(1.0, abs=1e-12)
    # The error shrinks by |λ₂ / λ₁| = (5 − √5) / (5 + √5) per step.
    errors = [1 - abs(v @ dominant) for v in iterates[:8]]
    assert all(later < earlier for earlier, later in itertools.pairwise(errors))


def test_power_iteration_first_row_is_v0_normalised_and_zero_steps_is_allowed():
    np.testing.assert_allclose(power_iteration(np.eye(2), [3.0, 4.0], 0), [[0.6, 0.8]])


def test_power_iteration_with_negative_dominant_eigenvalue_flips_sign():
    iterates = power_iteration(np.diag([-3.0, 1.0]), [1.0, 1.0], 40)
    np.testing.assert_allclose(np.abs(iterates[-1]), [1.0, 0.0], atol=1e-12)
    assert iterates[-1][0] == -iterates[-2][0]


def test_power_iteration_in_three_dimensions_and_for_huge_entries():
    A = np.array([[4.0, 1.0, 0.0], [1.0, 3.0, 1.0], [0.0, 1.0, 1.0]])
    _, vectors = np.linalg.eigh(A)
    last = power_iteration(A, [1.0, 1.0, 1.0], 200)[-1]
    assert abs(last @ vectors[:, -1]) == pytest.approx(1.0, abs=1e-12)
    np.testing.assert_allclose(power_iteration(1e300 * A, [1.0, 1.0, 1.0], 200)[-1], last)


def test_power_iteration_stops_when_a_sends_the_iterate_to_zero():
    nilpotent = np.array([[0.0, 1.0], [0.0, 0.0]])
    np.testing.assert_allclose(power_iteration(nilpotent, [0.0, 1.0], 1), [[0, 1], [1, 0]])
    with pytest.raises(LinearAlgebraError, match="A sends this vector to zero at step 2"):
        power_iteration(nilpotent, [0.0, 1.0], 2)
    with pytest.raises(LinearAlgebraError, match="A sends this vector to zero at step 1"):
        power_iteration(np.zeros((2, 2)), [1.0, 1.0], 5)


@pytest.mark.parametrize(
    ("matrix", "v0", "steps", "message"),
    [
        (np.eye(2), [0, 0], 5, "v0 must be non-zero: a zero vector has no direction"),
        (np.eye(2), [1, 0], -1, "steps must be between 0 and 10,000; got -1"),
        (np.eye(2), [1, 0], 2.5, "steps must be a whole number; got 2.5"),
        (np.ones((2, 3)), [1, 0], 5, r"A must be a square matrix; got shape \(2, 3\)"),
        (np.eye(2), [1, 0, 0], 5, "v0 must have 2 entries to match A; got 3"),
    ],
)
def test_power_iteration_rejects_bad_input(matrix, v0, steps, message):
    with pytest.raises(LinearAlgebraError, match=message):
        power_iteration(matrix, v0, steps)


# ---------------------------------------------------------------- SVD and PCA


@settings(max_examples=200, deadline=None)
@given(matrices_2x2)
def test_svd_reconstructs_a_and_matches_numpy(matrix):
    A = matrix
    svd = svd_2x2(A)
    np.testing.assert_allclose(svd.reconstruct(), A, atol=1e-12 * max(1.0, np.abs(A).max()))
    np.testing.assert_allclose(svd.S, np.linalg.svd(A, compute_uv=False), rtol=1e-12, atol=1e-12)
    assert svd.S[0] >= svd.S[1] >= 0
    np.testing.assert_allclose(svd.U.T @ svd.U, np.eye(2), atol=1e-12)
    np.testing.assert_allclose(svd.Vt @ svd.Vt.T, np.eye(2), atol=1e-12)
    assert np.linalg.det(svd.Vt) == pytest.approx(1.0)  # the first step is a pure rotation
    if abs(determinant(A)) > 1e-9:
        assert np.sign(np.linalg.det(svd.U)) == np.sign(determinant(A))


@pytest.mark.parametrize("name", list(PRESETS))
def test_svd_of_the_presets(name):
    svd = svd_2x2(PRESETS[name])
    np.testing.assert_allclose(svd.reconstruct(), PRESETS[name], atol=1e-15)
    assert rotation_angle(svd.Vt) == pytest.approx(rotation_angle(svd.Vt))  # Vt is a rotation


def test_svd_of_the_shear_has_golden_ratio_singular_values():
    golden = (1 + math.sqrt(5)) / 2
    np.testing.assert_allclose(svd_2x2(PRESETS["shear"]).S, [golden, 1 / golden])
    with pytest.raises(LinearAlgebraError, match=r"A must be a 2×2 matrix; got shape \(1, 2\)"):
        svd_2x2([[1, 2]])


@pytest.mark.parametrize(("n", "d"), [(200, 2), (50, 3), (30, 5)])
def test_pca_matches_the_svd_of_the_centred_data(n, d):
    rng = np.random.default_rng(n + d)
    xs = rng.normal(size=(n, d)) @ rng.normal(size=(d, d)) + rng.normal(size=d)
    fit = pca(xs)
    centred = xs - xs.mean(axis=0)
    _, s, vt = np.linalg.svd(centred)
    np.testing.assert_allclose(fit.mean, xs.mean(axis=0))
    np.testing.assert_allclose(fit.components, sign_rule(vt), atol=1e-10)
    np.testing.assert_allclose(fit.explained_variance, s**2 / (n - 1))
    np.testing.assert_allclose(fit.explained_variance_ratio, s**2 / (s**2).sum())
    np.testing.assert_allclose(
        fit.explained_variance, np.var(fit.transform(xs), axis=0, ddof=1), rtol=1e-10
    )


def test_pca_components_are_orthonormal_sorted_and_signed():
    xs = correlated_cloud(500, correlation=0.6, noise=0.2, seed=5)
    fit = pca(xs)
    np.testing.assert_allclose(fit.components @ fit.components.T, np.eye(2), atol=1e-12)
    assert np.all(np.diff(fit.explained_variance) <= 0)
    rows = fit.components
    assert np.all(rows[np.arange(2), np.argmax(np.abs(rows), axis=1)] > 0)
    assert fit.explained_variance_ratio.sum() == pytest.approx(1.0)


def test_pca_of_a_correlated_cloud_points_along_the_diagonal():
    fit = pca(correlated_cloud(5000, correlation=0.9, seed=2))
    np.testing.assert_allclose(fit.components[0], [1 / math.sqrt(2)] * 2, atol=0.02)
    np.testing.assert_allclose(fit.explained_variance, [1.9, 0.1], atol=0.06)


def test_pca_transform_and_inverse_transform_round_trip():
    xs = np.random.default_rng(6).normal(size=(40, 3))
    fit = pca(xs, k=3)
    zs = fit.transform(xs)
    assert zs.shape == (40, 3)
    np.testing.assert_allclose(fit.inverse_transform(zs), xs, atol=1e-12)


def projection_onto(xs: np.ndarray, direction: np.ndarray) -> np.ndarray:
    return np.array([projection(x, direction) for x in xs])


def test_pca_with_fewer_components_projects_onto_them():
    xs = np.random.default_rng(7).normal(size=(40, 3))
    fit = pca(xs, k=1)
    assert fit.components.shape == (1, 3)
    assert fit.explained_variance.shape == fit.explained_variance_ratio.shape == (1,)
    back = fit.inverse_transform(fit.transform(xs))
    residual = back - xs
    np.testing.assert_allclose(residual @ fit.components.T, 0.0, atol=1e-12)
    np.testing.assert_allclose(back - fit.mean, projection_onto(xs - fit.mean, fit.components[0]))


def test_pca_of_identical_points_has_zero_ratios_not_nan():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = pca(np.full((5, 2), 3.0))
    np.testing.assert_array_equal(fit.explained_variance, [0.0, 0.0])
    np.testing.assert_array_equal(fit.explained_variance_ratio, [0.0, 0.0])
    np.testing.assert_allclose(fit.components @ fit.components.T, np.eye(2))
    np.testing.assert_array_equal(fit.mean, [3.0, 3.0])


def test_pca_with_fewer_points_than_dimensions_still_gives_d_components():
    fit = pca([[0.0, 0.0, 0.0], [2.0, 0.0, 0.0]])
    assert fit.components.shape == (3, 3)
    np.testing.assert_allclose(fit.components @ fit.components.T, np.eye(3), atol=1e-12)
    np.testing.assert_allclose(fit.components[0], [1, 0, 0])
    np.testing.assert_allclose(fit.explained_variance, [2.0, 0.0, 0.0])


@pytest.mark.parametrize(
    ("xs", "k", "message"),
    [
        ([[1.0, 2.0]], None, "xs must have at least 2 points; got 1"),
        (np.ones((5, 2)), 0, "k must be between 1 and 2; got 0"),
        (np.ones((5, 2)), 3, "k must be between 1 and 2; got 3"),
        (np.ones((5, 2)), 1.0, "k must be a whole number; got 1.0"),
        ([[1.0, math.nan], [0.0, 0.0]], None, "xs must contain only finite numbers"),
        ([1.0, 2.0, 3.0], None, r"xs must have shape \(n, d\), one point per row; got \(3,\)"),
    ],
)
def test_pca_rejects_bad_input(xs, k, message):
    with pytest.raises(LinearAlgebraError, match=message):
        pca(xs, k=k)


def test_pca_transforms_reject_the_wrong_shape():
    fit = pca(np.random.default_rng(8).normal(size=(10, 3)), k=2)
    with pytest.raises(LinearAlgebraError, match=r"xs must have shape \(m, 3\); got shape"):
        fit.transform(np.ones((4, 2)))
    with pytest.raises(LinearAlgebraError, match=r"zs must have shape \(m, 2\); got shape"):
        fit.inverse_transform(np.ones((4, 3)))


def test_correlated_cloud_is_reproducible_by_seed():
    first = correlated_cloud(100, correlation=0.5, noise=0.1, seed=7)
    assert first.shape == (100, 2)
    np.testing.assert_array_equal(first, correlated_cloud(100, correlation=0.5, noise=0.1, seed=7))
    assert not np.allclose(first, correlated_cloud(100, correlation=0.5, noise=0.1, seed=8))


@pytest.mark.parametrize("rho", [-1.0, -0.9, -0.5, 0.0, 0.3, 0.8, 1.0])
def test_correlated_cloud_has_the_target_correlation(rho):
    xs = correlated_cloud(20_000, correlation=rho, noise=0.0, seed=11)
    assert np.corrcoef(xs.T)[0, 1] == pytest.approx(rho, abs=0.05)


def test_noise_weakens_the_correlation_of_the_same_cloud():
    xs = correlated_cloud(20_000, correlation=0.8, noise=1.0, seed=11)
    assert np.corrcoef(xs.T)[0, 1] == pytest.approx(0.8 / 2, abs=0.05)
    # The knobs move one cloud: noise is added to the same underlying draws.
    base = correlated_cloud(50, correlation=0.8, seed=3)
    half = correlated_cloud(50, correlation=0.8, noise=0.5, seed=3)
    full = correlated_cloud(50, correlation=0.8, noise=1.0, seed=3)
    np.testing.assert_allclose(full - base, 2 * (half - base))


@pytest.mark.parametrize(
    ("n", "kwargs", "message"),
    [
        (100, {"correlation": 1.5}, "correlation must be between -1 and 1; got 1.5"),
        (100, {"correlation": math.nan}, "correlation must be between -1 and 1; got nan"),
        (100, {"correlation": 0.5, "noise": -1.0}, "noise must be a finite number ≥ 0; got -1"),
        (100, {"correlation": 0.5, "noise": math.inf}, "noise must be a finite number ≥ 0"),
        (1, {"correlation": 0.5}, "n must be between 2 and 1,000,000; got 1"),
        (100, {"correlation": 0.5, "seed": -1}, "seed must be a non-negative whole number"),
        (100, {"correlation": 0.5, "seed": 1.5}, "seed must be a non-negative whole number"),
    ],
)
def test_correlated_cloud_rejects_bad_input(n, kwargs, message):
    with pytest.raises(LinearAlgebraError, match=message):
        correlated_cloud(n, **kwargs)


# ---------------------------------------------------------------- layers


HAND_WRITTEN = {
    "sigmoid": lambda z: 1 / (1 + np.exp(-z)),
    "tanh": np.tanh,
    "relu": lambda z: np.where(z > 0, z, 0.0),
    "identity": lambda z: z,
}


@pytest.mark.parametrize("activation", list(HAND_WRITTEN))
def test_layer_matches_hand_written_numpy(activation):
    rng = np.random.default_rng(9)
    points, A, b = rng.normal(size=(25, 2)), rng.normal(size=(3, 2)), rng.normal(size=3)
    out = layer(points, A, b, activation)
    assert out.shape == (25, 3)
    z = np.array([A @ x + b for x in points])
    np.testing.assert_allclose(out, HAND_WRITTEN[activation](z), rtol=1e-14, atol=1e-15)


def test_sigmoid_is_stable_for_huge_inputs():
    with np.errstate(all="raise"):
        out = layer([[1000.0, -1000.0], [0.0, 0.0]], np.eye(2), [0.0, 0.0], "sigmoid")
    assert np.all(np.isfinite(out))
    np.testing.assert_allclose(out, [[1.0, 0.0], [0.5, 0.5]], atol=1e-300)


def test_sigmoid_is_symmetric():
    z = np.linspace(-40, 40, 81)[:, None]
    up, down = layer(z, [[1.0]], [0.0], "sigmoid"), layer(-z, [[1.0]], [0.0], "sigmoid")
    np.testing.assert_allclose(up + down, 1.0, atol=1e-15)


@pytest.mark.parametrize(
    ("points", "matrix", "b", "activation", "message"),
    [
        (
            [[1, 2]],
            np.eye(2),
            [0, 0],
            "softmax",
            "activation must be one of sigmoid, tanh, relu, identity; got 'softmax'",
        ),
        ([[1, 2]], np.eye(2), [0, 0, 0], "relu", "b must have 2 entries, one per row of A; got 3"),
        ([[1, 2, 3]], np.eye(2), [0, 0], "relu", r"points must have shape \(k, 2\)"),
        ([[1, 2]], np.eye(2), [0, math.nan], "relu", "b must contain only finite numbers"),
    ],
)
def test_layer_rejects_bad_input(points, matrix, b, activation, message):
    with pytest.raises(LinearAlgebraError, match=message):
        layer(points, matrix, b, activation)


def test_svd_of_a_singular_matrix_has_sigma2_exactly_zero_and_a_rotation_u():
    svd = svd_2x2([[1.0, 2.0], [0.5, 1.0]])
    assert svd.S[0] == pytest.approx(2.5)
    assert svd.S[1] == 0.0
    assert np.linalg.det(svd.U) == pytest.approx(1.0)
    np.testing.assert_allclose(svd.reconstruct(), [[1.0, 2.0], [0.5, 1.0]], atol=1e-15)


def test_cosine_similarity_of_orthogonal_vectors_is_exactly_zero():
    assert cosine_similarity([2, 1], [-1, 2]) == 0.0
    assert cosine_similarity([3, 0], [0, -5]) == 0.0


def test_coordinates_refuse_to_overflow_for_a_tiny_basis():
    with pytest.raises(LinearAlgebraError, match="too large for floating-point numbers"):
        coordinates([2, 2], np.diag([1e-320, 1e-320]))


# ---------------------------------------------------------------- one tolerance for singularity


@pytest.mark.parametrize(
    ("matrix", "expected_rank", "expected_orientation"),
    [
        (rotation(0.4), 2, "kept"),
        ([[2.0, 0.0], [0.0, 3.0]], 2, "kept"),
        ([[1.0, 0.0], [0.0, -1.0]], 2, "flipped"),
        ([[0.0, 1.0], [2.0, 0.0]], 2, "flipped"),
        ([[1.0, 2.0], [2.0, 4.0]], 1, "collapsed"),  # singular: the columns share a line
        ([[1.0, 2.0], [0.5, 1.0]], 1, "collapsed"),
        (PRESETS["projection"], 1, "collapsed"),
        ([[1.0, 1.0], [1.0, 1.0 + 1e-14]], 1, "collapsed"),  # nearly singular: below RTOL
        ([[1.0, 1.0], [1.0, 1.0 + 1e-9]], 2, "kept"),  # nearly singular, but above RTOL
        ([[1.0, 0.0], [0.0, -1e-10]], 2, "flipped"),
        (PRESETS["zero"], 0, "collapsed"),
    ],
)
@pytest.mark.parametrize("scale", [1.0, 1e-7, 1e7, 1e-200, 1e200, -3.0])
def test_rank_and_orientation_judge_a_and_its_multiples_alike(
    matrix, expected_rank, expected_orientation, scale
):
    A = scale * np.asarray(matrix, dtype=float)
    assert rank(A) == expected_rank
    # A negative multiple of a 2×2 matrix keeps the sign of its determinant.
    assert orientation(A) == expected_orientation
    if expected_rank == 2:
        assert np.linalg.matrix_rank(np.asarray(matrix, dtype=float)) == 2


@settings(max_examples=200, deadline=None)
@given(matrices_2x2, st.sampled_from([1e-7, 1e-3, 10.0, 1e7]))
def test_rank_and_orientation_do_not_depend_on_the_scale_of_a(matrix, scale):
    s = np.linalg.svd(matrix, compute_uv=False)
    assume(s[0] == 0 or not 1e-3 * RTOL <= s[1] / s[0] <= 1e3 * RTOL)  # rounding decides there
    assert rank(scale * matrix) == rank(matrix)
    assert orientation(scale * matrix) == orientation(matrix)


@settings(max_examples=200, deadline=None)
@given(matrices_2x2)
def test_rank_agrees_with_numpy_away_from_the_threshold(matrix):
    s = np.linalg.svd(matrix, compute_uv=False)
    assume(s[0] == 0 or not 1e-3 * RTOL <= s[1] / s[0] <= 1e3 * RTOL)
    assert rank(matrix) == np.linalg.matrix_rank(matrix, tol=RTOL * s[0])
    if rank(matrix) == 2:
        det = np.linalg.det(matrix / np.max(np.abs(matrix)))  # no underflow for tiny entries
        assert orientation(matrix) == ("kept" if det > 0 else "flipped")
    else:
        assert orientation(matrix) == "collapsed"


def test_rank_of_rectangular_and_larger_matrices():
    assert rank([[1.0, 2.0, 3.0], [2.0, 4.0, 6.0]]) == 1
    assert rank(np.eye(3)[:, :2]) == 2
    assert rank(np.diag([1.0, 1.0, 1e-13])) == 2
    assert orientation(np.diag([1.0, 2.0, -3.0])) == "flipped"
    assert orientation(np.diag([1.0, 2.0, 1e-13])) == "collapsed"


def test_coordinates_and_rank_draw_the_same_line():
    # Just below and just above RTOL: coordinates refuse exactly what rank calls singular.
    for eps in (1e-14, 1e-9):
        basis = [[1.0, 1.0], [1.0, 1.0 + eps]]
        if rank(basis) < 2:
            with pytest.raises(LinearAlgebraError, match="linearly dependent"):
                coordinates([1, 0], basis)
        else:
            coordinates([1, 0], basis)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: rank([1.0, 2.0]), r"A must be a non-empty 2-D matrix; got shape \(2,\)"),
        (lambda: rank([[1.0, math.nan]]), "A must contain only finite numbers"),
        (lambda: orientation([[1.0, 2.0]]), r"A must be a square matrix; got shape \(1, 2\)"),
    ],
)
def test_rank_and_orientation_reject_bad_input(call, message):
    with pytest.raises(LinearAlgebraError, match=message):
        call()


# ---------------------------------------------------------------- products, trace, directions


def test_product_is_b_after_a_without_rounding_noise():
    A, B = np.array([[1.0, 1.0], [0.0, 1.0]]), np.array([[0.0, -1.0], [1.0, 0.0]])
    np.testing.assert_array_equal(product(B, A), B @ A)
    quarter = rotation(math.pi / 2)  # cos 90° is 6e-17 in floating point
    assert quarter[0, 0] != 0
    np.testing.assert_array_equal(product(quarter, np.eye(2)), [[0.0, -1.0], [1.0, 0.0]])
    # Noise is judged against the product's scale: a small true entry survives.
    tiny = product([[1e-9, 0.0], [0.0, 1.0]], np.eye(2))
    assert tiny[0, 0] == 1e-9
    with pytest.raises(LinearAlgebraError, match="A must have as many rows as B has columns"):
        product(np.eye(2), np.eye(3))


@pytest.mark.parametrize(
    ("first", "second", "expected"),
    [
        (rotation(math.pi / 6), rotation(math.pi / 3), True),
        ([[1.0, 1.0], [0.0, 1.0]], [[0.0, -1.0], [1.0, 0.0]], False),
        ([[2.0, 0.0], [0.0, 1.0]], [[0.0, 1.0], [1.0, 0.0]], False),
        ([[2.0, 0.0], [0.0, 3.0]], [[5.0, 0.0], [0.0, -1.0]], True),
        (PRESETS["zero"], [[1.0, 2.0], [3.0, 4.0]], True),
        (PRESETS["zero"], PRESETS["zero"], True),
    ],
)
@pytest.mark.parametrize("scale", [1.0, 1e-7, 1e6])
def test_commute(first, second, expected, scale):
    assert commute(scale * np.asarray(first), second) is expected
    assert commute(second, scale * np.asarray(first)) is expected


def test_trace_is_the_sum_of_the_eigenvalues():
    A = np.array([[2.0, 3.0], [1.0, 2.0]])
    assert trace(A) == 4.0
    assert trace(A) == pytest.approx(eigen(A).values.sum().real)
    assert trace(np.eye(3)) == 3.0


def test_direction_is_the_unit_vector_at_an_angle():
    for theta in (0.0, 0.3, math.pi / 2, 2.0, -1.0):
        v = direction(theta)
        assert np.hypot(*v) == pytest.approx(1.0)
        np.testing.assert_allclose(v, rotation(theta)[:, 0])


@pytest.mark.parametrize("p", [0.5, 1, 2, 3, math.inf])
def test_normalize_lands_on_the_unit_ball(p):
    x = np.array([3.0, -1.0])
    unit = normalize(x, p)
    assert p_norm(unit, p) == pytest.approx(1.0)
    assert cosine_similarity(unit, x) == pytest.approx(1.0)
    with pytest.raises(LinearAlgebraError, match="x must be non-zero"):
        normalize([0.0, 0.0], p)


def test_is_orthogonal():
    assert is_orthogonal([2, 1], [-1, 2])
    assert is_orthogonal([1e-200, 0], [0, 1e200])
    assert not is_orthogonal([2, 1], [-1, 2.001])
    assert is_orthogonal([2, 1], [-1, 2.001], atol=1e-3)
    with pytest.raises(LinearAlgebraError, match="u must be non-zero"):
        is_orthogonal([0, 0], [1, 0])
    with pytest.raises(LinearAlgebraError, match="atol must be non-negative"):
        is_orthogonal([1, 0], [0, 1], atol=-1)


# ---------------------------------------------------------------- dominance and convergence


@pytest.mark.parametrize(
    ("name", "tied", "dominant"),
    [
        ("identity", False, None),  # every direction is an eigenvector: nothing to find
        ("rotation", False, None),  # complex
        ("shear", False, [1.0, 0.0]),  # defective: its one eigenline
        ("scaling", False, [1.0, 0.0]),
        ("reflection", True, None),  # 1 and −1 tie
        ("projection", False, [1.0, 0.0]),
        ("zero", False, None),
    ],
)
def test_dominant_eigenvector_of_the_presets(name, tied, dominant):
    e = eigen(PRESETS[name])
    assert e.tied is tied
    if dominant is None:
        assert e.dominant is None
    else:
        np.testing.assert_allclose(e.dominant, dominant)


@settings(max_examples=200, deadline=None)
@given(matrices_2x2)
def test_dominant_eigenvector_has_the_largest_modulus(matrix):
    e = eigen(matrix)
    if e.dominant is None:
        assert e.kind in {"complex", "repeated, diagonalisable"} or e.tied
        return
    lam = max(e.values, key=abs).real
    scale = max(np.max(np.abs(matrix)), 1.0)
    np.testing.assert_allclose(matrix @ e.dominant, lam * e.dominant, atol=1e-9 * scale)


def test_line_angles_measure_to_the_line_not_the_vector():
    degrees = np.degrees(line_angles([[1, 0], [0, 1], [-1, -1], [1, -1], [0, 0]], [2, 2]))
    np.testing.assert_allclose(degrees, [45, 45, 0, 90, 0], atol=1e-12)
    with pytest.raises(LinearAlgebraError, match="direction must be non-zero"):
        line_angles([[1, 0]], [0, 0])
    with pytest.raises(LinearAlgebraError, match="direction must have 2 entries"):
        line_angles([[1, 0]], [1, 0, 0])


def test_convergence_of_a_symmetric_matrix_follows_the_eigenvalue_ratio():
    A = np.array([[2.0, 1.0], [1.0, 2.0]])  # eigenvalues 3 and 1, eigenlines the diagonals
    iterates = power_iteration(A, direction(math.radians(100)), 8)
    run = convergence(A, iterates)
    assert np.degrees(run.angles[0]) == pytest.approx(55)
    theory = np.arctan(math.tan(math.radians(55)) * (1 / 3) ** np.arange(9))
    np.testing.assert_allclose(run.angles, theory, rtol=1e-9)
    np.testing.assert_allclose(run.predicted, theory, rtol=1e-12)


def test_convergence_predicts_nothing_without_orthogonal_eigenvectors_or_dominance():
    shear = power_iteration(PRESETS["shear"], [0.0, 1.0], 5)
    run = convergence(PRESETS["shear"], shear)
    assert run.predicted is None
    assert np.all(np.diff(run.angles) < 0)  # the iterates still drift onto the x-axis
    skew = np.array([[2.0, 1.0], [0.0, 1.0]])  # eigenvectors (1, 0) and (1, −1)
    assert convergence(skew, power_iteration(skew, [0.0, 1.0], 3)).predicted is None
    assert convergence(PRESETS["reflection"], [[1.0, 0.0]]) is None
    assert convergence(2 * np.eye(2), [[1.0, 0.0]]) is None


# ---------------------------------------------------------------- SVD stages, PCA rebuild


def test_svd_stages_build_a_one_factor_at_a_time():
    A = np.array([[1.5, 1.0], [0.0, 1.0]])
    svd = svd_2x2(A)
    first, turned, stretched, whole = svd.stages()
    np.testing.assert_array_equal(first, np.eye(2))
    np.testing.assert_array_equal(turned, svd.Vt)
    np.testing.assert_allclose(stretched, np.diag(svd.S) @ svd.Vt)
    np.testing.assert_allclose(whole, A, atol=1e-15)
    np.testing.assert_array_equal(svd.sigma, np.diag(svd.S))


def test_pca_rebuild_and_its_error_leave_the_variance_along_pc2():
    n = 300
    xs = correlated_cloud(n, correlation=0.7, noise=0.3, seed=4)
    fit = pca(xs)
    kept = fit.rebuild(xs, 1)
    residual = xs - kept
    np.testing.assert_allclose(residual @ fit.components[0], 0.0, atol=1e-12)
    expected = fit.explained_variance[1] * (n - 1) / n
    assert fit.reconstruction_error(xs, 1) == pytest.approx(expected)
    np.testing.assert_allclose(fit.rebuild(xs, 2), xs, atol=1e-12)
    assert fit.reconstruction_error(xs, 2) == 0.0  # rounding noise reads 0
    with pytest.raises(LinearAlgebraError, match="k must be between 1 and 2; got 3"):
        fit.rebuild(xs, 3)


@pytest.mark.parametrize(
    ("xs", "expected"),
    [
        (np.zeros((50, 2)), True),
        (np.full((50, 2), 0.1), True),  # the mean of 0.1s is not exactly 0.1
        (np.full((7, 2), -3e10), True),
        ([[0.0, 0.0], [1e-9, 0.0]], False),
        (1e-200 * correlated_cloud(20, correlation=0.5, seed=1), False),
        (correlated_cloud(20, correlation=1.0, seed=1), False),  # a line still has spread
    ],
)
def test_identical_points(xs, expected):
    assert identical_points(xs) is expected


# ---------------------------------------------------------------- layer stages


@pytest.mark.parametrize("activation", list(HAND_WRITTEN))
def test_layer_stages_build_the_layer_step_by_step(activation):
    rng = np.random.default_rng(10)
    points, A, b = rng.normal(size=(30, 2)), rng.normal(size=(2, 2)), rng.normal(size=2)
    stages = layer_stages(points, A, b, activation)
    np.testing.assert_array_equal(stages.points, points)
    np.testing.assert_allclose(stages.linear, points @ A.T)
    np.testing.assert_allclose(stages.shifted, points @ A.T + b)
    np.testing.assert_array_equal(stages.activated, layer(points, A, b, activation))
    with pytest.raises(ValueError, match="read-only"):
        stages.activated[0, 0] = 1.0


def test_layer_stages_count_the_points_relu_presses_onto_an_axis():
    points = np.array([[1.0, 1.0], [-1.0, 1.0], [1.0, -1.0], [-1.0, -1.0], [0.0, 2.0]])
    assert layer_stages(points, np.eye(2), [0.0, 0.0], "relu").pressed == 3 / 5
    assert layer_stages(points, np.eye(2), [0.0, 0.0], "sigmoid").pressed == 0.0
    assert layer_stages(points, np.zeros((2, 2)), [0.0, 0.0], "relu").pressed == 0.0
    with pytest.raises(LinearAlgebraError, match="activation must be one of"):
        layer_stages(points, np.eye(2), [0.0, 0.0], "softmax")


def test_svd_of_a_tiny_matrix_keeps_its_smaller_singular_value():
    # Its determinant 1e-400 underflows; σ₁σ₂ = |det A| is taken at a scale where it cannot.
    svd = svd_2x2(1e-200 * np.eye(2))
    np.testing.assert_allclose(svd.S, [1e-200, 1e-200], rtol=1e-12)
    assert rank(1e-200 * np.eye(2)) == 2
    assert svd_2x2([[1, 3], [1, 3]]).S[1] == 0.0  # still exactly 0 when singular


# ---------------------------------------------------------------- eigenvalue order


@pytest.mark.parametrize(
    ("matrix", "expected"),
    [
        ([[-3, 0], [0, 1]], [-3, 1]),  # the review's link: λ₁ is the dominant one
        ([[1, 0], [0, -3]], [-3, 1]),
        ([[0, 2], [2, 0]], [2, -2]),  # a tie in modulus: the positive first
        ([[0.95, 0.05], [0.05, 0.95]], [1.0, 0.9]),
    ],
)
def test_eigenvalues_come_largest_in_modulus_first(matrix, expected):
    result = eigen(matrix)
    np.testing.assert_allclose(result.values.real, expected, atol=1e-12)
    moduli = np.abs(np.linalg.eigvals(np.array(matrix, dtype=float)))
    assert abs(result.values[0]) == pytest.approx(moduli.max())
    assert_eigenpairs(np.array(matrix, dtype=float), result)


# ---------------------------------------------------------------- SVD path and signs


def upper_half(u: np.ndarray) -> bool:
    return bool(u[1] > 1e-12 or (abs(u[1]) <= 1e-12 and u[0] > 0))


@settings(max_examples=200, deadline=None)
@given(matrices_2x2)
def test_svd_puts_u1_in_the_upper_half_plane_and_its_path_ends_at_a(matrix):
    A = matrix
    svd = svd_2x2(A)
    assume(svd.S[0] > 0)
    assert upper_half(svd.U[:, 0])
    scale = max(1.0, float(np.abs(A).max()))
    np.testing.assert_allclose(svd.reconstruct(), A, atol=1e-12 * scale)
    path = svd.path()
    np.testing.assert_allclose(path.matrix(), A, atol=1e-11 * scale)
    assert -math.pi <= path.turn_in <= math.pi
    assert -math.pi <= path.turn_out <= math.pi
    assert path.mirror == (np.linalg.det(svd.U) < 0)
    if abs(determinant(A)) > 1e-9 * scale**2:
        assert path.mirror == (determinant(A) < 0)


def test_the_singular_preset_stretches_along_the_upper_half_plane():
    # numpy's own signs send σ₁u₁ to (−2.2, −1.1); the convention turns it round.
    svd = svd_2x2([[1.0, 2.0], [0.5, 1.0]])
    np.testing.assert_allclose(svd.S[0] * svd.U[:, 0], [2.0, 1.0] / np.sqrt(5) * 2.5)
    np.testing.assert_allclose(svd.reconstruct(), [[1.0, 2.0], [0.5, 1.0]], atol=1e-15)


def test_the_svd_path_of_a_reflection_mirrors_once():
    path = svd_2x2([[0.0, 1.0], [2.0, 0.0]]).path()
    assert path.mirror
    np.testing.assert_allclose(path.sigma, [2.0, 1.0])
    np.testing.assert_allclose(path.matrix(), [[0.0, 1.0], [2.0, 0.0]], atol=1e-15)


# ---------------------------------------------------------------- morph


@settings(max_examples=50, deadline=None)
@given(matrices_2x2, st.floats(0, 1))
def test_morph_runs_in_a_straight_line_from_i_to_a(matrix, t):
    A = matrix
    np.testing.assert_array_equal(morph(A, 0.0), np.eye(2))
    np.testing.assert_allclose(morph(A, 1.0), A)
    np.testing.assert_allclose(morph(A, t), (1 - t) * np.eye(2) + t * A)
    x = np.array([0.3, -1.2])
    # Each point moves on the segment from x to Ax.
    np.testing.assert_allclose(morph(A, t) @ x, x + t * (A @ x - x), atol=1e-12)


def test_morph_rejects_a_time_outside_0_to_1():
    with pytest.raises(LinearAlgebraError, match=r"t must be between 0 and 1; got -0\.1"):
        morph(np.eye(2), -0.1)


# ---------------------------------------------------------------- variance along w


@pytest.mark.parametrize("seed", range(4))
def test_variance_along_w_is_numpys_variance_of_the_projections(seed):
    xs = correlated_cloud(150, correlation=0.6, noise=0.3, seed=seed) + np.array([2.0, -1.0])
    thetas = np.linspace(0, np.pi, 37)
    expected = [np.var(xs @ direction(t), ddof=1) for t in thetas]
    np.testing.assert_allclose(variance_along(xs, thetas), expected, rtol=1e-12)
    # It is the quadratic form of the sample covariance, which the PCA fit rebuilds.
    np.testing.assert_allclose(pca(xs).covariance(), np.cov(xs.T), rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("correlation", [-0.8, 0.2, 0.9])
def test_variance_along_w_peaks_at_pc1_and_dips_at_pc2(correlation):
    xs = correlated_cloud(300, correlation=correlation, noise=0.2, seed=3)
    fit = pca(xs)
    thetas = np.linspace(0, np.pi, 3601)
    curve = variance_along(xs, thetas)
    best = thetas[np.argmax(curve)]
    pc1 = math.atan2(fit.components[0, 1], fit.components[0, 0]) % np.pi
    assert min(abs(best - pc1), np.pi - abs(best - pc1)) < 1e-3
    assert curve.max() == pytest.approx(fit.explained_variance[0], rel=1e-6)
    assert curve.min() == pytest.approx(fit.explained_variance[1], rel=1e-5)


@settings(max_examples=50, deadline=None)
@given(st.floats(-10, 10))
def test_along_and_across_an_axis_add_up_to_the_total_variance(theta):
    xs = correlated_cloud(60, correlation=0.5, noise=0.5, seed=2)
    spread = axis_spread(xs, theta)
    total = np.var(xs, axis=0, ddof=1).sum()
    assert spread.along + spread.across == pytest.approx(total)
    assert spread.share == pytest.approx(spread.along / total)
    residuals = xs - xs.mean(axis=0)
    w = direction(theta)
    across = residuals - np.outer(residuals @ w, w)  # each point's residual to the axis
    assert spread.across == pytest.approx(np.sum(across**2) / (len(xs) - 1))


def test_variance_along_needs_a_cloud_of_the_plane():
    with pytest.raises(LinearAlgebraError, match=r"xs must have shape \(n, 2\)"):
        variance_along(np.zeros((4, 3)), [0.0])
    assert math.isnan(axis_spread([[1, 1], [1, 1]], 0.3).share)  # no spread at all


# ---------------------------------------------------------------- two classes, one line


def test_xor_classes_sit_on_opposite_corners_and_repeat_with_the_seed():
    c = xor_classes(400, spread=0.25, seed=5)
    assert c.points.shape == (400, 2)
    assert c.labels.shape == (400,)
    assert np.sum(c.labels) == 200
    corner = np.sign(c.points)  # at spread 0.25 almost every point keeps its corner's signs
    agree = np.mean((corner[:, 0] * corner[:, 1] > 0) == (c.labels == 1))
    assert agree > 0.97
    np.testing.assert_array_equal(xor_classes(400, spread=0.25, seed=5).points, c.points)
    assert not np.array_equal(xor_classes(400, spread=0.25, seed=6).points, c.points)
    with pytest.raises(ValueError, match="assignment destination is read-only"):
        c.points[0, 0] = 1.0


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n": 3}, "n must be between 4 and 100,000; got 3"),
        ({"n": 10, "spread": 0.0}, r"spread must be a number in \(0, 1\]; got 0.0"),
        ({"n": 10, "seed": -1}, "seed must be a non-negative whole number; got -1"),
    ],
)
def test_xor_classes_reject_bad_input(kwargs, message):
    with pytest.raises(LinearAlgebraError, match=message):
        xor_classes(**kwargs)


def test_two_blobs_are_separated_down_the_middle():
    rng = np.random.default_rng(0)
    xs = np.vstack([rng.normal([-2, 0], 0.3, (50, 2)), rng.normal([2, 0], 0.3, (50, 2))])
    labels = np.repeat([0, 1], 50)
    s = linear_separation(xs, labels)
    assert s.separable
    assert s.wrong == 0
    assert np.linalg.norm(s.normal) == pytest.approx(1.0)
    margins = (2 * labels - 1) * (xs @ s.normal + s.offset)
    assert np.all(margins > 0)
    # The widest gap: the nearest point of each class is equally far from the line.
    assert margins[labels == 0].min() == pytest.approx(margins[labels == 1].min(), rel=1e-4)


def test_xor_is_not_separable_until_a_relu_layer_folds_it():
    c = xor_classes(120, spread=0.25, seed=0)
    before = linear_separation(c.points, c.labels)
    assert not before.separable
    assert before.wrong > 0
    folded = layer(c.points, [[1.0, -1.0], [-1.0, 1.0]], [0.0, 0.0], "relu")
    after = linear_separation(folded, c.labels)
    assert after.separable
    assert np.all((2 * c.labels - 1) * (folded @ after.normal + after.offset) > 0)
    # A straight-line map cannot do it: the identity activation leaves them tangled.
    straight = layer(c.points, [[1.0, -1.0], [-1.0, 1.0]], [0.0, 0.0], "identity")
    assert not linear_separation(straight, c.labels).separable


def test_linear_separation_does_not_depend_on_the_units():
    xs = np.array([[0.0, 0.0], [1.0, 0.0], [3.0, 0.0], [4.0, 0.0]])
    labels = [0, 0, 1, 1]
    for scale in (1e-6, 1.0, 1e6):
        s = linear_separation(scale * xs, labels)
        assert s.separable
        np.testing.assert_allclose(s.normal, [1.0, 0.0], atol=1e-6)
        assert s.offset == pytest.approx(-2.0 * scale, rel=1e-6)


@pytest.mark.parametrize(
    ("labels", "message"),
    [([0, 0, 0], "labels must hold both classes, 0 and 1"), ([0, 1, 2], "each 0 or 1")],
)
def test_linear_separation_needs_two_classes(labels, message):
    with pytest.raises(LinearAlgebraError, match=message):
        linear_separation([[0, 0], [1, 1], [2, 2]], labels)
