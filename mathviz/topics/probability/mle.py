"""Fit a distribution by maximising the likelihood of the sample; watch it sharpen."""

from __future__ import annotations

import contextlib
import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import streamlit as st

from mathviz import probability as pr
from mathviz.charts import probability as charts
from mathviz.ui import cache, frame
from mathviz.ui.controls import Choice, Seed, Slider, Text, Toggle, count_slider
from mathviz.ui.format import count, fmt
from mathviz.ui.frame import beside
from mathviz.ui.topic import Topic

LABELS = {
    "normal": "Normal",
    "bernoulli": "Bernoulli",
    "poisson": "Poisson",
    "exponential": "Exponential",
}
SYMBOLS = {"mu": "μ", "sigma": "σ", "p": "p", "lam": "λ", "rate": "λ"}
HATS = {"mu": "μ̂", "sigma": "σ̂", "p": "p̂", "lam": "λ̂", "rate": "λ̂"}
SOURCES = {"simulate": "Simulate a sample", "type": "Type my own data"}
LIKELIHOODS = {
    "normal": r"\begin{gathered}\log L(\mu, \sigma) = -n \log\big(\sigma\sqrt{2\pi}\big) - "
    r"\sum_i \frac{(x_i - \mu)^2}{2\sigma^2} \\ \hat\mu = \bar x \qquad "
    r"\hat\sigma^2 = \tfrac{1}{n}\textstyle\sum_i (x_i - \bar x)^2\end{gathered}",
    "bernoulli": r"\begin{gathered}-\tfrac{1}{n}\log L(p) = -\tfrac{1}{n}\sum_i \big[y_i \log p"
    r" + (1 - y_i)\log(1 - p)\big] \\ \text{(the binary cross-entropy)}\qquad "
    r"\hat p = \bar y\end{gathered}",
    "poisson": r"\log L(\lambda) = \sum_i \big(x_i \log\lambda - \lambda - \log x_i!\big)"
    r"\qquad \hat\lambda = \bar x",
    "exponential": r"\log L(\lambda) = n \log\lambda - \lambda \sum_i x_i"
    r"\qquad \hat\lambda = 1 / \bar x",
}
FLOOR = -12  # the curve is sent down to this far below its peak; the chart shows down to −8

FAMILY = Choice("mle_f", "Model", tuple(LABELS), "bernoulli", label_of=LABELS.__getitem__)
SOURCE = Choice(
    "mle_src", "Data", tuple(SOURCES), "simulate", label_of=SOURCES.__getitem__, kind="radio"
)
N = count_slider(
    "mle_n", "Sample size n", 20, largest=100_000, help="How many values to draw, on a log scale."
)
SEED = Seed("mle_seed")
SHOW = Toggle(
    "mle_show",
    "Reveal the truth",
    False,
    help="The seed also picks the true parameter; this shows it on the chart.",
)
DATA = Text(
    "mle_data",
    "Your data",
    "2, 4, 3, 5, 1, 3, 2, 6",
    help="Numbers separated by commas or spaces.",
)


CANDIDATES = {
    "p": Slider("mle_p", "Candidate p", 0.01, 0.99, 0.5, step=0.01),
    "lam": Slider("mle_lam", "Candidate λ", 0.1, 15.0, 3.0, step=0.1),
    "rate": Slider("mle_rate", "Candidate λ", 0.05, 4.0, 1.0, step=0.05),
    "mu": Slider("mle_mu", "Candidate μ", -6.0, 6.0, 0.0, step=0.05),
    "sigma": Slider("mle_sigma", "Candidate σ", 0.1, 5.0, 1.0, step=0.05),
}
"""A slider per parameter for the θ the learner tries; the family's own are shown."""
MOST_VALUES = 400  # whole values a discrete model is drawn at, at most
STICKS = 300  # a continuous sample of at most this many points draws one stick per point


@cache.stored("likelihood samples", size=32)
def simulated(family: str, n: int, seed: int) -> np.ndarray:
    """A sample drawn from the seed's hidden parameters, stored; the array is only read."""
    return pr.hidden_sample(family, n, seed=seed)


def to_estimate(values: dict[str, float]) -> None:
    """Move the candidate sliders onto the estimate (to their step, inside their range)."""
    for name, value in values.items():
        slider = CANDIDATES[name]
        step = float(slider.step or 0.01)
        snapped = min(max(round(value / step) * step, slider.low), slider.high)
        st.session_state[slider.key] = round(snapped, 6)


CURVE = "mle_curve"  # the log-likelihood chart's key: its selection moves the candidate


def dragged_to(name: str) -> Callable[[], None]:
    """A callback that moves candidate ``name`` to the θ let go of on the curve (``CURVE``)."""

    def move() -> None:
        event = st.session_state.get(CURVE) or {}
        chosen = event.get("selection", {}).get(charts.PICK_THETA) or []
        theta = chosen[0].get("theta") if chosen else None
        if isinstance(theta, int | float) and math.isfinite(theta):
            to_estimate({name: float(theta)})

    return move


def candidate_sliders(family: str) -> dict[str, float]:
    """The family's candidate sliders; the other families' wait off stage."""
    names = pr.FAMILIES[family] if family == "normal" else (pr.MLE_FAMILIES[family],)
    values, parked = {}, frame.offstage("mle_theta")
    for name, slider in CANDIDATES.items():
        with contextlib.nullcontext() if name in names else parked:
            value = float(slider())
        if name in names:
            values[name] = value
    return values


def body() -> frame.Plotted:
    """Controls; the log-likelihood with the candidate on it; the data under the candidate."""
    controls, view = beside()
    with controls:
        family, source = FAMILY(), SOURCE()
        simulated_data = source == "simulate"
        # Both sources' controls exist on every run; the unused ones wait off stage.
        parked = frame.offstage("mle")
        with contextlib.nullcontext() if simulated_data else parked:
            n, seed = N(), SEED()
            show = simulated_data and SHOW()
        with parked if simulated_data else contextlib.nullcontext():
            text = DATA()
        st.markdown("**Try a value**")
        candidate = candidate_sliders(family)
    main = pr.MLE_FAMILIES[family]
    with view:
        xs, estimate = _fit(
            family, simulated(family, n, seed) if simulated_data else text, candidate
        )
        with controls:
            st.button(
                "Move to the estimate",
                key="mle_to_fit",
                on_click=to_estimate,
                args=(estimate,),
                icon=":material/my_location:",
            )
        truth = pr.hidden_truth(family, seed) if simulated_data else {}
        interval = pr.likelihood_interval(xs, family)
        with np.errstate(over="ignore"):  # data near 1e200 gives −∞, shown as such
            at_candidate = float(
                pr.log_likelihood(xs, family, **_full(family, candidate, estimate))
            )
            at_estimate = float(pr.log_likelihood(xs, family, **estimate))
        shown = truth if show else {}
        scores = [
            ("log L at the candidate", readable(at_candidate)),
            ("log L at the estimate", readable(at_estimate)),
        ]
        if not charts.drawable(xs):
            _numbers(family, xs, estimate, interval, shown)
            frame.numbers(scores)
            st.info(
                "The fit is shown as numbers only: the charts draw data between 10⁻¹² and "
                "10¹² in size (or 0).",
                icon=":material/info:",
            )
            raise frame.Halt
        # the picture first, where the first screen shows it; the numbers under it
        points, dot, here, frame_of, floor = _curve(
            xs, family, candidate, estimate, interval, fixed_range=simulated_data
        )
        marks = pd.DataFrame({"x": [estimate[main]], "mark": ["estimate"]})
        if show:
            marks = pd.concat([marks, pd.DataFrame({"x": [truth[main]], "mark": ["truth"]})])
        symbol = SYMBOLS[main]
        title, key = _curve_words(family, symbol, interval)
        st.markdown(title)
        frame.chart(
            charts.likelihood_chart,
            points,
            marks,
            pd.DataFrame({"drop": [-pr.LIKELIHOOD_DROP_95]}),
            dot,
            parameter=symbol,
            legend=("estimate", "truth") if show else ("estimate",),
            view=None if frame_of is None else (frame_of.low, frame_of.high),
            floor=floor,
            draggable=True,
            key=CURVE,
            on_select=dragged_to(main),
            selection_mode=[charts.PICK_THETA],
        )
        st.caption(key)
        if family == "normal":
            _sigma_hint(xs, here, candidate)
        if simulated_data and not show:
            st.caption("The true value is hidden: guess from the curve, then **Reveal the truth**.")
        _numbers(family, xs, estimate, interval, shown)
        frame.numbers(scores)
        landscape = _landscape(xs, candidate, estimate) if family == "normal" else None
        plotted = _data_under_candidate(family, xs, candidate, estimate)
    if landscape is not None:
        plotted["log-likelihood over (μ, σ)"] = landscape
    return {"log-likelihood": points, "candidate": dot, "estimate": marks, **plotted}


def _curve(
    xs: np.ndarray,
    family: str,
    candidate: dict[str, float],
    estimate: dict[str, float],
    interval: tuple[float, float],
    *,
    fixed_range: bool,
) -> tuple[pd.DataFrame, pd.DataFrame, float, pr.LikelihoodView | None, float]:
    """The log-likelihood below its peak, the candidate's dot, its height, the frame, its floor.

    The normal's frame is its peak's and the candidate's own (μ has no natural range);
    the other families keep their parameter's whole range, on which the peak sharpens.
    """
    main = pr.MLE_FAMILIES[family]
    if family == "normal":  # the profile: never out of view, whatever the candidate σ
        here = float(pr.normal_drop(xs, [candidate["mu"]], candidate["sigma"])[0])
        view = pr.likelihood_view(estimate[main], interval, candidate[main], here)
        span = (view.low, view.high)
        grid = pr.likelihood_grid(xs, family, estimate[main], interval, span=span)
        grid = np.unique(np.concatenate([grid, [candidate[main]]]))
        drop = pr.normal_profile_drop(xs, grid)
        floor = view.floor
    else:
        grid = pr.likelihood_grid(xs, family, estimate[main], interval, fixed_range=fixed_range)
        grid = np.unique(np.concatenate([grid, [candidate[main]]]))
        drop = pr.log_likelihood_drop(xs, family, grid)
        here = float(pr.log_likelihood_drop(xs, family, [candidate[main]])[0])
        # The whole range across, on which the peak sharpens with n; down far enough that
        # the candidate sits on the curve, as it climbs to the peak.
        view, floor = None, pr.likelihood_floor(here)
    points = pd.DataFrame(
        {"theta": grid, "drop": np.where(drop >= min(FLOOR, 1.5 * floor), drop, np.nan)}
    )
    edge = 0.975 * floor
    below = here < edge  # a candidate far below the peak waits at the floor, as a triangle
    dot = pd.DataFrame(
        {
            "theta": [candidate[main]],
            "drop": [max(here, edge)],
            "label": [("↓ " if below else "") + readable(here, 4)],
            "place": ["below the chart" if below else "on the chart"],
        }
    )
    return points, dot, here, view, floor


def _fit(
    family: str, data: np.ndarray | str, candidate: dict[str, float]
) -> tuple[np.ndarray, dict[str, float]]:
    """The sample (typed data parsed) and its estimate; a clear message, or a halt, if none."""
    xs = None
    try:
        xs = pr.check_sample(pr.parse_sample(data) if isinstance(data, str) else data, family)
        return xs, pr.mle(xs, family)
    except pr.ProbabilityError as error:
        if xs is not None and family == "normal" and "no spread" in str(error):
            _no_spread(xs, candidate)
        else:
            frame.problem(
                f"No maximum-likelihood fit: {str(error).replace('xs ', 'the data ', 1)}."
            )
        raise frame.Halt from None


def _curve_words(family: str, symbol: str, interval: tuple[float, float]) -> tuple[str, str]:
    """The chart's title, short so the chart comes up; and its key, for under it."""
    normal = family == "normal"
    title = f"**Log-likelihood over {symbol}**, minus its peak" + (
        ", with σ at its best for each μ" if normal else ""
    )
    key = (
        "Orange dot: your candidate"
        + (" (below the curve when your σ is not the best one)" if normal else "")
        + "; a triangle at the bottom edge when it is further down than the chart goes. "
        "The curve crosses the grey dashed line (1.92 below the peak) at the 95 % interval's "
        f"edges, {fmt(interval[0], 3)} and {fmt(interval[1], 3)}."
    )
    return title, key


def _sigma_hint(xs: np.ndarray, here: float, candidate: dict[str, float]) -> None:
    """For the normal: say when σ, not μ, keeps the dot below the curve."""
    profile = float(pr.normal_profile_drop(xs, [candidate["mu"]])[0])
    if profile - here > 0.5:
        best = pr.normal_best_sigma(xs, candidate["mu"])
        st.caption(
            f"The dot sits {readable(profile - here, 3)} below the curve: at μ = "
            f"{fmt(candidate['mu'], 3)} the best σ is {fmt(best, 3)}, and yours is "
            f"{fmt(candidate['sigma'], 3)}. Move **Candidate σ** towards it and the dot "
            "rises onto the curve."
        )


def _landscape(
    xs: np.ndarray, candidate: dict[str, float], estimate: dict[str, float]
) -> pd.DataFrame:
    """The normal's log-likelihood over μ and σ together, and the way from the candidate up."""
    (mu_lo, mu_hi), (s_lo, s_hi) = pr.landscape_window(xs, candidate["mu"], candidate["sigma"])
    mus, sigmas = np.linspace(mu_lo, mu_hi, 61), np.linspace(s_lo, s_hi, 41)
    drop = pr.normal_drop_map(xs, (mus[:-1] + mus[1:]) / 2, (sigmas[:-1] + sigmas[1:]) / 2)
    rows, cols = np.indices(drop.shape)
    cells = pd.DataFrame(
        {
            "mu": mus[cols.ravel()],
            "mu2": mus[cols.ravel() + 1],
            "sigma": sigmas[rows.ravel()],
            "sigma2": sigmas[rows.ravel() + 1],
            "drop": np.maximum(drop.ravel(), -50.0),  # far below the peak is all one colour
        }
    ).astype(np.float32)  # 2,400 cells: four bytes a number is plenty for a picture
    points = pd.DataFrame(
        {
            "mu": [candidate["mu"], estimate["mu"]],
            "sigma": [candidate["sigma"], estimate["sigma"]],
            "point": ["candidate", "estimate"],
        }
    )
    st.markdown(
        "**Both at once: log L over μ and σ.** The darker the blue, the nearer the peak "
        "(darkest: within 1.92 of it); the dashed line leads from your candidate (orange) to the "
        "top (black ×)."
    )
    frame.chart(charts.landscape_chart, cells, points)
    return cells


def readable(value: float, digits: int = 6) -> str:
    """A log-likelihood as a reader says it: −291,776 rather than −291776 or −2.918e+05."""
    if np.isfinite(value) and abs(value) >= 10_000:
        return f"{value:,.0f}".replace("-", "−")
    return fmt(value, digits)


def _no_spread(xs: np.ndarray, candidate: dict[str, float]) -> None:
    """A normal fit to data with no spread: draw the data and the candidate, and say why."""
    value = float(xs[0])
    sigmas = [1.0, 0.1, 0.01]
    heights = [float(pr.log_likelihood(xs, "normal", mu=value, sigma=s)) for s in sigmas]
    frame.problem(
        f"No maximum-likelihood fit: every value is {fmt(value, 4)}, so no σ maximises the "
        "normal likelihood. With μ on the data, log L grows without bound as σ shrinks to 0 — "
        + ", ".join(f"{readable(h, 4)} at σ = {s:g}" for h, s in zip(heights, sigmas, strict=True))
        + ", and on up. A bell squeezed onto one point is infinitely likely, so add a value "
        "that differs and a best σ appears."
    )
    params = {"mu": candidate["mu"], "sigma": candidate["sigma"]}
    at = float(pr.log_likelihood(xs, "normal", **params))
    frame.numbers([("log L at the candidate", readable(at)), ("n", count(xs.size))])
    _data_under_candidate("normal", xs, candidate, params, fit=False)


def _full(family: str, candidate: dict[str, float], estimate: dict[str, float]) -> dict[str, float]:
    return {name: candidate.get(name, estimate[name]) for name in estimate}


def _data_under_candidate(
    family: str,
    xs: np.ndarray,
    candidate: dict[str, float],
    estimate: dict[str, float],
    *,
    fit: bool = True,
) -> frame.Plotted:
    """The data with the model at θ (solid) and at θ̂ (dashed); each point's log p below."""
    params = _full(family, candidate, estimate)
    at, best = pr.distribution(family, **params), pr.distribution(family, **estimate)
    low, high = float(xs.min()), float(xs.max())
    discrete = family in pr.DISCRETE
    if discrete:
        top = max(high, float(at.ppf(0.999)), float(best.ppf(0.999)))
        bottom = min(low, float(at.ppf(0.001)), float(best.ppf(0.001)))
        values = pr.whole_values(0 if top <= MOST_VALUES else bottom, top, most=MOST_VALUES)
        x_domain = (float(values[0]) - 0.6, float(values[-1]) + 0.6)
        model = pd.DataFrame({"x": values, "at": at.pmf(values), "fit": best.pmf(values)})
        shown, shares = pr.value_shares(xs)
        data = pd.DataFrame({"x": shown, "share": shares})
        sticks = pd.DataFrame({"x": [], "p": []})
    else:
        value = low
        if not fit:  # no spread: widen the view to the candidate's bell as well
            low, high = min(low, float(at.ppf(0.001))), max(high, float(at.ppf(0.999)))
        pad = 0.1 * (high - low) if high > low else 1.0
        x_domain = (0.0 if family == "exponential" else low - pad, high + pad)
        if fit:
            edges, density = pr.density_histogram(xs, low=x_domain[0], high=x_domain[1])
        else:  # every value the same: one bar centred on it, with room either side
            width = (x_domain[1] - x_domain[0]) / 10
            edges, density = np.array([value - width / 2, value + width / 2]), np.array([1 / width])
            x_domain = (min(x_domain[0], value - width), max(x_domain[1], value + width))
        grid = np.linspace(*x_domain, 400)
        model = pd.DataFrame({"x": grid, "at": at.pdf(grid), "fit": best.pdf(grid)})
        data = pd.DataFrame({"left": edges[:-1], "right": edges[1:], "density": density})
        few = xs if xs.size <= STICKS else xs[:0]
        sticks = pd.DataFrame({"x": few, "p": at.pdf(few)})
    if not fit:  # no best fit exists: nothing dashed to draw
        model["fit"] = np.nan
    x, counts, totals = pr.log_likelihood_parts(xs, family, params)
    parts = pd.DataFrame(
        {"x": x, "count": counts, "total": np.where(np.isfinite(totals), totals, np.nan)}
    )
    name = ", ".join(f"{SYMBOLS[k]} = {fmt(v, 3)}" for k, v in candidate.items())
    st.markdown(
        f"**The data under the candidate** ({name}): blue, the data; orange, the model at the "
        "candidate"
        + ("; black dashed, the best fit θ̂." if fit else ".")
        + (" Each stick is one data point's likelihood p(x | θ)." if len(sticks) else "")
    )
    y_domain = charts.candidate_heights(model, data, sticks, discrete=discrete)
    frame.chart(
        charts.candidate_chart, model, data, sticks,
        discrete=discrete, x_domain=x_domain, y_domain=y_domain,
    )  # fmt: skip
    grouped = "value" if discrete else ("point" if xs.size <= 200 else "stretch of values")
    st.markdown(
        f"**Each {grouped}'s log p(x | θ)**: log L(θ) is their sum. Points the candidate "
        "finds unlikely hang far below 0 and pull log L down."
    )
    frame.chart(charts.contribution_parts_chart, parts, x_domain=x_domain)
    return {"model at candidate": model, "data": data, "log p per value": parts}


def _numbers(
    family: str,
    xs: np.ndarray,
    estimate: dict[str, float],
    interval: tuple[float, float],
    truth: dict[str, float],
) -> None:
    """The estimates, their interval, the cross-entropy of a Bernoulli, the truth if shown."""
    numbers = [(f"estimate {HATS[name]}", fmt(value, 4)) for name, value in estimate.items()]
    numbers.append(("95 % interval", f"{fmt(interval[0], 3)} – {fmt(interval[1], 3)}"))
    if family == "bernoulli":
        loss = pr.mean_log_loss(xs, family, **estimate)
        numbers.append(("cross-entropy −log L / n", fmt(loss, 4)))
    numbers += [(f"true {SYMBOLS[name]}", fmt(value, 4)) for name, value in truth.items()]
    numbers.append(("n", count(xs.size)))
    frame.numbers(numbers)


TOPIC = Topic(
    name="mle",
    prefix="mle",
    intro=(
        "You see data, not the parameter behind it. Maximum likelihood picks the value under "
        "which your data would have been most probable: each point gets a probability, and "
        "log L adds up their logs. More data, a narrower peak. Cross-entropy training of a "
        "classifier does exactly this for a Bernoulli."
    ),
    formulas=(r"\hat\theta = \arg\max_\theta \sum_{i=1}^n \log p(x_i \mid \theta)",),
    presets={
        "Few flips": {FAMILY: "bernoulli", SOURCE: "simulate", N: 10},
        "Many flips": {FAMILY: "bernoulli", SOURCE: "simulate", N: 10_000},
        "Counts": {FAMILY: "poisson", SOURCE: "simulate", N: 50},
        "Bell": {FAMILY: "normal", SOURCE: "simulate", N: 100},
        "No spread": {FAMILY: "normal", SOURCE: "type", DATA: "3, 3, 3"},
    },
    try_this=(
        "Press **Few flips**: from 10 flips the estimate of p is rough and the curve is "
        "wide. Press **Many flips**: from 10k flips the curve is a spike, and **Reveal the "
        "truth** shows how close the estimate came.",
        "With **Bernoulli**, the cross-entropy metric is −log L / n, the loss a classifier "
        "minimises: minimising it is maximising the likelihood.",
        "Press **No spread**: every value is 3, so no σ maximises the normal likelihood — "
        "it grows without bound as σ shrinks — and the page says so.",
        "Press **Counts** and drag **Candidate λ** from 3 up towards 6: the orange dot "
        "climbs the curve from 45 below its peak to the top at λ̂ = 5.62 (the chart's depth "
        "halves as it rises: 64, 16, then 8), the long orange stems at the large counts "
        "shrink, and log L at the candidate rises to meet log L at the estimate.",
    ),
    body=body,
    download="maximum_likelihood.csv",
)
