r"""A teaching model of neuron exchange in the adult human hippocampus.

Spalding et al. (2013) dated hippocampal neurons with the carbon-14 released by nuclear bomb tests.
Their estimate: about one third of hippocampal neurons belong to a *renewing fraction*, within which
about 1.75 % of neurons are exchanged each year (about 700 new neurons per hippocampus per day).
Sorrells et al. (2018) found no young neurons in adult hippocampi, which corresponds to a turnover
close to zero. This module turns those two readings into numbers a learner can compare.

The model
---------
Neurons in the renewing fraction :math:`f` are replaced at a constant relative rate :math:`r` per
year from an onset age :math:`a_0`; the rest never turn over. The share of all neurons born after
:math:`a_0` is then

.. math::

    A(a) = f\,\bigl(1 - e^{-r\,(a - a_0)}\bigr), \qquad a \ge a_0,

and :math:`A(a) = 0` before the onset. It is a simplification of Spalding's fitted scenarios
(which also let the rate decline modestly with age), kept because every parameter maps to a number a
paper reports. It is a teaching model, not a fit.
"""

from __future__ import annotations

import numpy as np

from .._validate import check_range

#: Turnover within the renewing fraction reported by Spalding et al. (2013), per year.
SPALDING_TURNOVER_PER_YEAR = 0.0175
#: Share of hippocampal neurons that Spalding et al. (2013) found to be subject to exchange.
SPALDING_RENEWING_FRACTION = 1 / 3
#: New neurons per hippocampus per day in adults, Spalding et al. (2013).
SPALDING_NEURONS_PER_DAY = 700

AGE_RANGE = (0.0, 120.0)
TURNOVER_RANGE = (0.0, 0.10)
FRACTION_RANGE = (0.0, 1.0)


def adult_born_share(age_years, turnover_per_year, renewing_fraction, onset_age_years):
    """Share of neurons born after the onset age: f * (1 - exp(-r * (age - onset))), and 0 before it.

    The model's equation alone; adult_born_fraction checks the arguments and then calls it.
    """
    elapsed = np.clip(np.asarray(age_years, dtype=float) - onset_age_years, 0.0, None)
    return renewing_fraction * (1.0 - np.exp(-turnover_per_year * elapsed))


def adult_born_fraction(
    age_years,
    turnover_per_year: float = SPALDING_TURNOVER_PER_YEAR,
    renewing_fraction: float = SPALDING_RENEWING_FRACTION,
    onset_age_years: float = 18.0,
) -> np.ndarray:
    """Share of hippocampal neurons born after ``onset_age_years``.

    Parameters
    ----------
    age_years : float or array_like
        Age in years, 0 to 120.
    turnover_per_year : float
        Relative exchange rate within the renewing fraction, per year, 0 to 0.10
        (Spalding et al. 2013: 0.0175; Sorrells et al. 2018 found no young neurons: about 0).
    renewing_fraction : float
        Share of neurons that take part in exchange, 0 to 1 (Spalding et al. 2013: about 1/3).
    onset_age_years : float
        Age from which neurons are counted as adult-born, 0 to 120 years.

    Returns
    -------
    numpy.ndarray
        Share of neurons (0 to 1) with the shape of ``age_years``.

    Raises
    ------
    ValueError
        If a parameter is outside its range; the message names the parameter.
    """
    ages = check_range("age_years", age_years, *AGE_RANGE, unit="years", array=True)
    turnover = check_range("turnover_per_year", turnover_per_year, *TURNOVER_RANGE, unit="per year")
    fraction = check_range("renewing_fraction", renewing_fraction, *FRACTION_RANGE)
    onset = check_range("onset_age_years", onset_age_years, *AGE_RANGE, unit="years")
    return adult_born_share(ages, turnover, fraction, onset)


def implied_renewing_pool(
    neurons_per_day: float = SPALDING_NEURONS_PER_DAY,
    turnover_per_year: float = SPALDING_TURNOVER_PER_YEAR,
) -> float:
    """Size of the renewing pool implied by a daily birth count and a yearly turnover.

    If ``neurons_per_day`` new neurons replace a share ``turnover_per_year`` of the pool each year,
    the pool holds ``neurons_per_day * 365.25 / turnover_per_year`` neurons.

    Parameters
    ----------
    neurons_per_day : float
        New neurons per hippocampus per day, 1 to 1e6.
    turnover_per_year : float
        Yearly relative turnover, greater than 0 and at most 0.10.

    Returns
    -------
    float
        Number of neurons in the renewing pool of one hippocampus.
    """
    per_day = check_range("neurons_per_day", neurons_per_day, 1.0, 1e6, unit="neurons per day")
    return (
        per_day * 365.25 / check_range("turnover_per_year", turnover_per_year, 1e-6, TURNOVER_RANGE[1], unit="per year")
    )
