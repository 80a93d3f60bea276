"""The distribution picker shared by the guessing game and the entropy topic.

``DistributionPicker`` declares N, the distribution and each distribution's parameters as
controls under one URL prefix; a topic declares one with ``picker("game", default_n=1024)``,
draws it with ``GAME()`` and names its controls in presets (``{GAME.dist: "poisson"}``).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass
from typing import Any

import numpy as np
import streamlit as st

from mathviz import information as it
from mathviz.probability import parse_sample
from mathviz.ui import frame
from mathviz.ui.controls import Choice, Control, LogSlider, Number, Slider, Text
from mathviz.ui.state import projector_on

LABELS = {
    "uniform": "Uniform",
    "poisson": "Poisson",
    "geometric": "Geometric",
    "peaked": "Peaked",
    "custom": "Custom weights",
}
MAX_N = 1024
FALLBACK_N = 5  # the uniform distribution shown instead of custom weights that cannot be used


@dataclass(frozen=True)
class DistributionPicker:
    """N, a distribution and its parameters, bound to the link; call it to draw them.

    Every distribution's parameter controls are drawn on each run; the unused ones wait off
    stage, so presets that switch the distribution keep their values in the link.
    """

    prefix: str
    dist: Choice[str]
    n: Number
    lam: LogSlider
    p: Slider[float]
    centre: Slider[int]
    width: Slider[float]
    weights: Text

    def __call__(self) -> tuple[np.ndarray, str]:
        """Draw the controls; return the probability vector over 1…N and a description."""
        name = self.dist()
        parked = frame.offstage(self.prefix)
        custom = name == "custom"

        def shown_if(used: bool) -> contextlib.AbstractContextManager[object]:
            return contextlib.nullcontext() if used else parked

        with shown_if(not custom):
            n = int(self.n())
        with shown_if(name == "poisson"):
            lam = self.lam()
        with shown_if(name == "geometric"):
            p = self.p()
        with shown_if(name == "peaked"):
            centre = int(self.centre())
            width = self.width()
        with shown_if(custom):
            text = self.weights()
        cut = self.cut_notice(name, n, lam=lam, p=p, centre=centre, width=width)
        match name:
            case "poisson":
                described = f"Poisson(λ = {lam:g}) on 1…{n}"
            case "geometric":
                described = f"geometric(p = {p:g}) on 1…{n}"
            case "peaked":
                described = f"peaked at {centre} (σ = {width:g}) on 1…{n}"
            case "custom":
                described = "your weights"
            case _:
                described = f"uniform on 1…{n}"
        if cut:
            described += f", cut at {n} ({cut})"
        try:
            if custom:
                weights = parse_sample(text, limit=MAX_N)
                ps = it.guessing_distribution("custom", weights.size, weights=weights)
            else:
                ps = it.guessing_distribution(name, n, lam=lam, p=p, centre=centre, width=width)
        except ValueError as error:
            frame.problem(f"{error}. Showing the uniform distribution instead.")
            n = n if not custom else FALLBACK_N
            return it.guessing_distribution("uniform", n), f"uniform on 1…{n}"
        return ps, described

    def cut_notice(
        self, name: str, n: int, *, lam: float, p: float, centre: int, width: float
    ) -> str:
        """How much of the named distribution lies beyond 1…n, warned about when it is a lot.

        Returns a few words for the description ("3 % of its mass lies beyond"), or "" when
        the cut drops less than one part in ten thousand.
        """
        try:
            outside = it.mass_outside(name, n, lam=lam, p=p, centre=centre, width=width)
        except ValueError:
            return ""  # the distribution itself reports the bad setting
        if outside < 1e-4:
            return ""
        share = percent(outside)
        if outside > it.CUT_WARNING:
            kind = "Poisson" if name == "poisson" else name  # a name, or a plain word
            st.warning(
                f"{share[0].upper()}{share[1:]} of this {kind} distribution lies outside "
                f"1…{n}. The bars show only the part inside, scaled up to total 1: a cut "
                f"distribution, not a true {kind}. Raise N or change the setting to see "
                "the whole shape.",
                icon=":material/content_cut:",
            )
        return f"{share} of its mass lies outside"

    def values(self, **chosen: object) -> dict[str, object]:
        """A preset's values: every control of the picker, the ones not chosen at their defaults.

        So no earlier preset's distribution, N or weights lingers in the page or the link.
        """
        controls: dict[str, Control[Any]] = {
            "dist": self.dist,
            "n": self.n,
            "lam": self.lam,
            "p": self.p,
            "centre": self.centre,
            "width": self.width,
            "weights": self.weights,
        }
        unknown = set(chosen) - set(controls)
        if unknown:
            raise ValueError(f"no such control: {', '.join(sorted(unknown))}")
        found = {
            control.key: chosen.get(name, control.default) for name, control in controls.items()
        }
        found[self.n.key] = int(str(found[self.n.key]).removesuffix(".0"))  # 30, not 30.0
        return found


def percent(share: float) -> str:
    """A share as a percentage with two significant digits, never rounded to 0 % or 100 %."""
    if share > 0.9999:
        return "over 99.99 %"
    if share >= 0.995:
        return "over 99 %"
    if share < 0.01:
        return f"{share * 100:.2g} %"
    return f"{share * 100:.0f} %"


def beside_controls() -> list[Any]:
    """Two columns: controls, and the picture beside them.

    On a projector the picture takes about 70 % of the row, so it is drawn over 60 % of a
    1280 px screen while the controls' type grows.
    """
    return list(st.columns([2, 5] if projector_on() else [2, 3], gap="large"))


def picker(prefix: str, *, default_n: int) -> DistributionPicker:
    """The picker whose URL keys are ``{prefix}_dist``, ``{prefix}_n`` and so on."""
    return DistributionPicker(
        prefix=prefix,
        dist=Choice(
            f"{prefix}_dist", "Distribution", tuple(LABELS), "uniform", label_of=LABELS.__getitem__
        ),
        n=Number(
            f"{prefix}_n",
            "How many numbers N",
            1,
            MAX_N,
            default_n,
            step=1,
            whole=True,
            help=f"The secret is one of 1, 2, …, N (N up to {MAX_N}).",
        ),
        # On a log scale, so λ = 5 (the typical small count) sits mid-way, not at the far left;
        # a link's λ between the stops (5.5, say, from the old linear slider) is kept.
        lam=LogSlider(
            f"{prefix}_lam",
            "Poisson λ",
            0.5,
            200.0,
            5.0,
            help="The average count, on a log scale from 0.5 to 200.",
        ),
        # p = 0 never succeeds: no distribution at all, so the slider starts at 0.01.
        p=Slider(f"{prefix}_p", "Geometric p", 0.01, 1.0, 0.2, step=0.01),
        centre=Slider(f"{prefix}_centre", "Peak at", 1, MAX_N, 10),
        width=Slider(f"{prefix}_width", "Peak width σ", 0.1, 100.0, 3.0, step=0.1),
        weights=Text(
            f"{prefix}_weights",
            "Weights of 1, 2, 3, …",
            "8, 4, 2, 1, 1",
            help="One weight per number, separated by commas; they are divided by their "
            "total. N is the number of weights.",
        ),
    )
