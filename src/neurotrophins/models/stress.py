r"""Small helpers for reading the stress, sleep and heat evidence: percent change and effect sizes.

A standardized mean difference (SMD, Hedges' g) says how far apart two group means are in units of
their pooled standard deviation. For two normal distributions with equal spread, the chance that a
randomly chosen member of the first group has a higher value than a randomly chosen member of the
second (the *probability of superiority*, or common-language effect size) is

.. math::

    P = \Phi\!\left(\frac{d}{\sqrt{2}}\right),

where :math:`\Phi` is the standard normal cumulative distribution function. :math:`d = 0` gives
:math:`P = 0.5` (a coin toss).
"""

from __future__ import annotations

import math

import numpy as np

from .._validate import check_range

SMD_RANGE = (-5.0, 5.0)


def probability_of_superiority(d) -> np.ndarray:
    r"""Probability of superiority :math:`\Phi(d/\sqrt{2})` for a standardized mean difference.

    Parameters
    ----------
    d : float or array_like
        Standardized mean difference (SMD or Hedges' g), -5 to 5.

    Returns
    -------
    numpy.ndarray
        Probability between 0 and 1, with the shape of ``d``.
    """
    check_range("d", d, *SMD_RANGE, unit="SD")
    z = np.asarray(d, dtype=float) / math.sqrt(2.0)
    return 0.5 * (1.0 + np.vectorize(math.erf)(z / math.sqrt(2.0)))


def percent_change(before, after) -> np.ndarray:
    """Percent change from ``before`` to ``after``: ``100 * (after - before) / before``.

    Parameters
    ----------
    before : float or array_like
        Starting values, greater than 0 and at most 1e6 (for example ng/mL).
    after : float or array_like
        Final values in the same unit, 0 to 1e6.

    Returns
    -------
    numpy.ndarray
        Percent change, broadcast over the inputs.
    """
    check_range("before", before, 1e-9, 1e6)
    check_range("after", after, 0.0, 1e6)
    b = np.asarray(before, dtype=float)
    return 100.0 * (np.asarray(after, dtype=float) - b) / b
