r"""The normal and Student's t distributions of the course's models: SciPy's with range checks.

Each function gives what the ``scipy.stats`` call named in its docstring gives (the tool a learner will
meet in every later course), computed by the :mod:`scipy.special` function that ``scipy.stats`` itself
calls: importing :mod:`scipy.stats` takes about 0.75 s, :mod:`scipy.special` about a third of that, and
a notebook should not wait for the rest. The wrappers add what the course's models rely on: a message
naming the parameter and its allowed range when an argument is not a number or out of range.

:mod:`scipy.special` is imported on first use, so a notebook that never asks for a probability does not
pay for it.
"""

from __future__ import annotations

import math

import numpy as np

from .._validate import check_range

__all__ = ["DF_RANGE", "P_RANGE", "normal_cdf", "normal_pdf", "normal_ppf", "t_cdf", "t_ppf"]

#: Allowed probabilities for a quantile (open interval, kept away from 0 and 1).
P_RANGE = (1e-6, 1 - 1e-6)
#: Allowed degrees of freedom of Student's t.
DF_RANGE = (1.0, 1e7)
#: Allowed standard deviation of a normal density, in the unit of ``x``.
SD_RANGE = (1e-6, 1e4)


def _special():
    import scipy.special

    return scipy.special


def normal_cdf(x) -> np.ndarray:
    r"""Standard normal distribution function :math:`\Phi(x)`: ``scipy.stats.norm.cdf``.

    Parameters
    ----------
    x : float or array_like
        Any real number, infinities included (no unit: a z value).

    Returns
    -------
    numpy.ndarray
        Probabilities from 0 to 1, with the shape of ``x``.
    """
    z = check_range("x", x, -math.inf, math.inf, array=True, finite=False)
    return _special().ndtr(z)  # what scipy.stats.norm.cdf computes


def normal_ppf(p: float) -> float:
    r"""Quantile of the standard normal distribution, :math:`\Phi^{-1}(p)`: ``scipy.stats.norm.ppf``.

    Parameters
    ----------
    p : float
        Probability, 1e-6 to 0.999999.

    Returns
    -------
    float
        The z value below which a share ``p`` of the distribution lies (1.959964 for p = 0.975).
    """
    return float(_special().ndtri(check_range("p", p, *P_RANGE)))  # scipy.stats.norm.ppf


def normal_pdf(x, mean: float = 0.0, sd: float = 1.0) -> np.ndarray:
    """Density of a normal distribution at ``x``: ``scipy.stats.norm.pdf(x, mean, sd)``.

    Parameters
    ----------
    x : float or array_like
        Where to evaluate the density, in the unit of ``mean`` (for example ng/mL).
    mean : float
        Mean, -1e9 to 1e9, same unit.
    sd : float
        Standard deviation, 1e-6 to 1e4, same unit.

    Returns
    -------
    numpy.ndarray
        Density in 1/unit, with the shape of ``x``.
    """
    xs = check_range("x", x, -1e9, 1e9, array=True)
    mu = check_range("mean", mean, -1e9, 1e9)
    sigma = check_range("sd", sd, *SD_RANGE)
    z = (np.asarray(xs, dtype=float) - mu) / sigma
    return np.exp(-0.5 * z * z) / (math.sqrt(2 * math.pi) * sigma)  # scipy.stats.norm.pdf


def t_cdf(t, df: float) -> np.ndarray:
    """Distribution function of Student's t with ``df`` degrees of freedom: ``scipy.stats.t.cdf``.

    Parameters
    ----------
    t : float or array_like
        Value(s) of the t statistic, infinities included.
    df : float
        Degrees of freedom, 1 to 1e7 (need not be whole).

    Returns
    -------
    numpy.ndarray
        :math:`P(T \\le t)`, with the shape of ``t``.
    """
    ts = check_range("t", t, -math.inf, math.inf, array=True, finite=False)
    return _special().stdtr(check_range("df", df, *DF_RANGE, unit="degrees of freedom"), ts)  # scipy.stats.t.cdf


def t_ppf(p: float, df: float) -> float:
    """Quantile of Student's t with ``df`` degrees of freedom: ``scipy.stats.t.ppf``.

    Parameters
    ----------
    p : float
        Probability, 1e-6 to 0.999999.
    df : float
        Degrees of freedom, 1 to 1e7.

    Returns
    -------
    float
        The t value below which a share ``p`` of the distribution lies (2.228 for p = 0.975, df = 10).
    """
    p = check_range("p", p, *P_RANGE)
    return float(
        _special().stdtrit(check_range("df", df, *DF_RANGE, unit="degrees of freedom"), p)
    )  # scipy.stats.t.ppf
