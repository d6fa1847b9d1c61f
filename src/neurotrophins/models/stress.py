r"""Small helpers for reading the stress, sleep and heat evidence: percent change and effect sizes.

A standardized mean difference (SMD, Hedges' g) says how far apart two group means are in units of
their pooled standard deviation. The chance that a randomly chosen member of the first group has a
higher value than a randomly chosen member of the second is the *probability of superiority*,
:math:`\Phi(d/\sqrt{2})`; it is :func:`neurotrophins.models.effect_size.probability_of_superiority`,
imported here for the chapter.
"""

from __future__ import annotations

import numpy as np

from .._validate import check_range
from .effect_size import probability_of_superiority

__all__ = ["percent_change", "probability_of_superiority"]


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
    b = check_range("before", before, 1e-9, 1e6, array=True)
    return 100.0 * (check_range("after", after, 0.0, 1e6, array=True) - b) / b
