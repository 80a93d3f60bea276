"""The public ``Expression``: a checked formula to evaluate, differentiate and print."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from mathviz.expressions.simplify import simplify
from mathviz.expressions.tree import _derive, _Environment, _Node


@dataclass(frozen=True)
class Expression:
    r"""A function typed by a learner, checked and ready to evaluate and differentiate.

    Build it with :func:`parse_function` rather than directly. It is immutable and
    hashable, so it can serve as a cache key.

    Attributes
    ----------
    text : str
        The normalised source text: stripped, with ``^`` written as ``**`` and the friendly
        substitutions (``π``, ``×``, ``²``, ...) applied. For a derivative, its plain form.
    variables : tuple of str
        The names of the variables, in the order in which coordinates are passed.
    tree : node
        The internal node tree that is evaluated; its classes are private.

    Examples
    --------
    >>> from mathviz.expressions import parse_function
    >>> f = parse_function("sin(x)^2 + 3*x")
    >>> str(f), f.text
    ('sin(x)**2 + 3*x', 'sin(x)**2 + 3*x')
    >>> print(f.latex())
    \sin\left(x\right)^{2} + 3 x
    """

    text: str
    variables: tuple[str, ...]
    tree: _Node = field(repr=False)

    def __call__(self, xs: npt.ArrayLike) -> npt.NDArray[np.float64]:
        """Evaluate the function at points, elementwise.

        Parameters
        ----------
        xs : array_like
            With one variable: a scalar or an array of any shape. With several variables:
            an array whose first axis holds the coordinates in the order of ``variables``
            (the convention of ``scipy.optimize.rosen``), e.g. ``np.stack([X, Y])``.

        Returns
        -------
        ndarray of float
            The values, with the shape of ``xs`` (``xs.shape[1:]`` with several
            variables). A scalar input, or a single point, gives a 0-d array. Values
            outside the domain are nan and poles give ±inf; numpy never warns.

        Raises
        ------
        ValueError
            If, with several variables, the first axis of ``xs`` does not have one entry
            per variable.

        Examples
        --------
        >>> from mathviz.expressions import parse_function
        >>> f = parse_function("log(x)")
        >>> f([1.0, -1.0, 0.0])
        array([  0.,  nan, -inf])
        """
        points = np.asarray(xs, dtype=float)
        env, shape = self._bind(points)
        with np.errstate(all="ignore"):
            values = self.tree.evaluate(env)
        # A copy of the broadcast result: constants get the full shape, and the caller
        # never receives the input array itself (as the expression "x" would return).
        return np.array(np.broadcast_to(values, shape), dtype=float)

    def _bind(self, points: npt.NDArray[np.float64]) -> tuple[_Environment, tuple[int, ...]]:
        if len(self.variables) == 1:
            return {self.variables[0]: points}, points.shape
        if points.ndim == 0 or points.shape[0] != len(self.variables):
            names = ", ".join(self.variables)
            raise ValueError(
                f"expected the {len(self.variables)} coordinates ({names}) along the first "
                f"axis, got an array of shape {points.shape}"
            )
        return dict(zip(self.variables, points, strict=True)), points.shape[1:]

    def derivative(self, variable: str | None = None) -> Expression:
        """Return the exact derivative, lightly simplified.

        Parameters
        ----------
        variable : str, optional
            The variable to differentiate by; may be omitted when there is only one.

        Returns
        -------
        Expression
            The derivative (a partial derivative with several variables). Where the
            derivative does not exist, e.g. ``abs`` at 0, it evaluates to nan.

        Raises
        ------
        ValueError
            If `variable` is omitted with several variables, or is not one of them.

        Examples
        --------
        >>> from mathviz.expressions import parse_function
        >>> str(parse_function("x**3").derivative())
        '3*x**2'
        """
        name = self._variable(variable)
        tree = simplify(_derive(self.tree, name))
        return Expression(tree.plain(), self.variables, tree)

    def _variable(self, variable: str | None) -> str:
        if variable is None:
            if len(self.variables) > 1:
                choices = " or ".join(f"derivative({name!r})" for name in self.variables)
                raise ValueError(f"say which variable to differentiate by: {choices}")
            return self.variables[0]
        if variable not in self.variables:
            raise ValueError(f"{variable!r} is not one of the variables {self.variables}")
        return variable

    def latex(self) -> str:
        r"""Return LaTeX for displaying the function.

        Returns
        -------
        str
            LaTeX math without surrounding dollar signs.

        Examples
        --------
        >>> from mathviz.expressions import parse_function
        >>> print(parse_function("sqrt(x)/(1 + x^2)").latex())
        \frac{\sqrt{x}}{1 + x^{2}}
        """
        return self.tree.tex()

    def __str__(self) -> str:
        return self.tree.plain()
