r"""Effect sizes and sample sizes for blood BDNF studies.

Most human BDNF studies compare a blood concentration between two groups (or before and after an
intervention) and report a standardized mean difference. This module turns such a number into
quantities a reader can picture, and asks how many people a study needs to detect it.

Effect sizes
------------
For two normal distributions with a common SD :math:`\sigma` whose means differ by :math:`\Delta`,
Cohen's :math:`d = \Delta / \sigma`. In a sample, Hedges' :math:`g` removes the small-sample bias of
:math:`d` with the factor

.. math::

    g = J\,d, \qquad J = 1 - \frac{3}{4\,(n_1 + n_2) - 9}.

With :math:`\Phi` the standard normal distribution function,

* Cohen's :math:`U_3 = \Phi(d)`: the share of the treated group above the control group's mean;
* the overlapping coefficient :math:`\mathrm{OVL} = 2\,\Phi(-|d|/2)`: the area shared by the two
  density curves;
* the probability of superiority (common-language effect size)
  :math:`\mathrm{PS} = \Phi(d/\sqrt{2})`: the chance that a random treated person has a higher
  value than a random control;
* the difference in the measurement's own unit: :math:`\Delta = g\,\sigma`.

Sample size and power (two-sided test at level :math:`\alpha`)
---------------------------------------------------------------
Normal approximation, two independent groups of :math:`n` people each:

.. math::

    n = 2\left(\frac{z_{1-\alpha/2} + z_{1-\beta}}{d}\right)^2, \qquad
    \text{power} \approx \Phi\!\left(d\sqrt{n/2} - z_{1-\alpha/2}\right)
                       + \Phi\!\left(-d\sqrt{n/2} - z_{1-\alpha/2}\right).

Paired (before/after) design in :math:`n` people, when the two measurements of a person correlate
with coefficient :math:`\rho`: the SD of the differences is :math:`\sigma\sqrt{2(1-\rho)}`, so

.. math::

    d_z = \frac{d}{\sqrt{2(1-\rho)}}, \qquad n = \left(\frac{z_{1-\alpha/2} + z_{1-\beta}}{d_z}\right)^2 .

The *t correction* replaces :math:`z` by Student's :math:`t` quantiles with the test's degrees of
freedom (:math:`2n-2` for two groups, :math:`n-1` for pairs) and takes the smallest :math:`n` whose
power :math:`T_{\nu}(\delta - t_{1-\alpha/2,\nu})` reaches the target, where
:math:`\delta = d\sqrt{n/2}` (two groups) or :math:`d_z\sqrt{n}` (pairs). It reproduces the
published tables of Cohen (1988): 26 per group for :math:`d = 0.8` and 64 for :math:`d = 0.5`
at :math:`\alpha = 0.05` and 80 % power; the plain normal formula gives 25 and 63.

:math:`\Phi`, :math:`\Phi^{-1}` and Student's :math:`t` are those of :mod:`scipy.stats`, through the
range-checked wrappers of :mod:`neurotrophins.models.stats`.
"""

from __future__ import annotations

import math

import numpy as np

from .._validate import check_choice, check_flag, check_range
from .stats import normal_cdf, normal_pdf, normal_ppf, t_cdf, t_ppf

__all__ = [
    "cohens_d",
    "cohens_u3",
    "d_from_percent",
    "difference_in_units",
    "hedges_correction",
    "hedges_g",
    "n_formula",
    "normal_cdf",
    "normal_pdf",
    "normal_ppf",
    "overlap_coefficient",
    "paired_dz",
    "power_paired",
    "power_two_groups",
    "probability_of_superiority",
    "sample_size_paired",
    "sample_size_two_groups",
    "t_cdf",
    "t_ppf",
]

#: Serum BDNF in 259 healthy volunteers (Naegelin et al. 2018): mean and SD, ng/mL.
NAEGELIN_SERUM_MEAN = 32.69
NAEGELIN_SERUM_SD = 8.33

#: Standardized differences shown as pictures (U3, overlap, probability of superiority), SD.
D_RANGE = (-5.0, 5.0)
#: Standardized differences in sample-size and power calculations (d, or d_z for pairs), SD: wide
#: enough for any difference and CV the sample-size explorer offers (60% / 5% = 12 SD, d_z up to 38).
DESIGN_D_RANGE = (-50.0, 50.0)
POSITIVE_D_RANGE = (0.01, 50.0)
ALPHA_RANGE = (0.001, 0.2)
POWER_RANGE = (0.5, 0.999)
RHO_RANGE = (-0.99, 0.99)
N_RANGE = (2.0, 1e6)
CONCENTRATION_RANGE = (0.0, 1e4)
SD_RANGE = (1e-6, 1e4)
PERCENT_RANGE = (0.1, 500.0)
CV_RANGE = (0.1, 500.0)
METHODS = ("normal", "t")


# --- effect sizes ------------------------------------------------------------------------------


def hedges_correction(n1: float, n2: float) -> float:
    """Small-sample correction factor J = 1 - 3 / (4 (n1 + n2) - 9) that turns Cohen's d into Hedges' g.

    Parameters
    ----------
    n1, n2 : float
        Group sizes, 2 to 1e6 people each.
    """
    total = check_range("n1", n1, *N_RANGE, unit="people") + check_range("n2", n2, *N_RANGE, unit="people")
    return 1.0 - 3.0 / (4.0 * total - 9.0)


def hedges_g(d, n1: float, n2: float) -> np.ndarray:
    """Hedges' g from Cohen's d and the two group sizes: g = J d."""
    return check_range("d", d, *D_RANGE, unit="SD", array=True) * hedges_correction(n1, n2)


def cohens_d(mean_treated: float, mean_control: float, sd: float) -> float:
    """Cohen's d = (mean_treated - mean_control) / sd, all in the same unit (for example ng/mL)."""
    treated = check_range("mean_treated", mean_treated, *CONCENTRATION_RANGE)
    control = check_range("mean_control", mean_control, *CONCENTRATION_RANGE)
    return (treated - control) / check_range("sd", sd, *SD_RANGE)


def cohens_u3(d) -> np.ndarray:
    r"""Cohen's :math:`U_3 = \Phi(d)`: share of the treated group above the control mean.

    Parameters
    ----------
    d : float or array_like
        Standardized mean difference (Cohen's d or Hedges' g), -5 to 5 SD.
    """
    return normal_cdf(check_range("d", d, *D_RANGE, unit="SD", array=True))


def overlap_coefficient(d) -> np.ndarray:
    r"""Overlapping coefficient :math:`\mathrm{OVL} = 2\,\Phi(-|d|/2)` of two equal-SD normal curves.

    1 when the curves coincide (d = 0); it falls towards 0 as they move apart.
    """
    return 2.0 * normal_cdf(-np.abs(check_range("d", d, *D_RANGE, unit="SD", array=True)) / 2.0)


def probability_of_superiority(d) -> np.ndarray:
    r"""Probability that a random treated person beats a random control, :math:`\Phi(d/\sqrt2)`.

    Also called the common-language effect size. 0.5 means no difference.
    """
    return normal_cdf(check_range("d", d, *D_RANGE, unit="SD", array=True) / math.sqrt(2.0))


def difference_in_units(g, sd: float) -> np.ndarray:
    """Mean difference in the measurement's unit: Delta = g * sd (for example ng/mL of serum BDNF).

    Parameters
    ----------
    g : float or array_like
        Standardized mean difference, -5 to 5 SD.
    sd : float
        Standard deviation of the measurement in its unit, greater than 0.
    """
    return check_range("g", g, *D_RANGE, unit="SD", array=True) * check_range("sd", sd, *SD_RANGE)


def d_from_percent(percent_difference, cv_percent: float) -> np.ndarray:
    """Standardized difference of a relative change: d = percent_difference / cv_percent.

    A 20 % difference in a measure whose SD is 25 % of its mean (its coefficient of variation) is
    d = 0.8.

    Parameters
    ----------
    percent_difference : float or array_like
        Difference between the means, in percent of the control mean, 0.1 to 500.
    cv_percent : float
        Between-person SD in percent of the mean (coefficient of variation), 0.1 to 500.
    """
    percent = check_range("percent_difference", percent_difference, *PERCENT_RANGE, unit="%", array=True)
    return percent / check_range("cv_percent", cv_percent, *CV_RANGE, unit="%")


def paired_dz(d, rho: float) -> np.ndarray:
    r"""Standardized difference of a paired design, :math:`d_z = d / \sqrt{2(1-\rho)}`.

    Parameters
    ----------
    d : float or array_like
        Difference in units of the between-person SD, -50 to 50.
    rho : float
        Correlation between a person's two measurements, -0.99 to 0.99.
    """
    d = check_range("d", d, *DESIGN_D_RANGE, unit="SD", array=True)
    return d / math.sqrt(2.0 * (1.0 - check_range("rho", rho, *RHO_RANGE)))


# --- sample size and power ---------------------------------------------------------------------


def _check_design(d, alpha, power, method="normal") -> tuple[float, float, float]:
    """d, alpha and power as floats, each in its range, and a known method."""
    check_choice("method", method, METHODS)
    d = check_range("d", d, *POSITIVE_D_RANGE, unit="SD")
    return d, check_range("alpha", alpha, *ALPHA_RANGE), check_range("power", power, *POWER_RANGE)


def n_formula(d: float, alpha: float = 0.05, power: float = 0.8, paired: bool = False) -> float:
    r"""The unrounded normal-approximation sample size.

    :math:`2((z_{1-\alpha/2} + z_{1-\beta})/d)^2` per group for two groups, or
    :math:`((z_{1-\alpha/2} + z_{1-\beta})/d)^2` pairs when ``paired`` (then pass :math:`d_z`).

    Parameters
    ----------
    d : float
        Standardized difference (d, or d_z for pairs), 0.01 to 50.
    alpha : float
        Two-sided significance level, 0.001 to 0.2.
    power : float
        Wanted power, 1 - beta, 0.5 to 0.999.
    paired : bool
        True for a paired (before/after) design.
    """
    d, alpha, power = _check_design(d, alpha, power)
    z = normal_ppf(1.0 - alpha / 2.0) + normal_ppf(power)
    return (1.0 if check_flag("paired", paired) else 2.0) * (z / d) ** 2


def _power_t(d: float, n: int, alpha: float, paired: bool) -> float:
    df = n - 1 if paired else 2 * n - 2
    delta = d * math.sqrt(n if paired else n / 2.0)
    return t_cdf(delta - t_ppf(1.0 - alpha / 2.0, df), df)


def _smallest_n_t(d: float, alpha: float, power: float, paired: bool) -> int:
    n = max(2 if not paired else 3, math.ceil(n_formula(d, alpha, power, paired)))
    while _power_t(d, n, alpha, paired) < power:
        n += 1
    floor = 3 if paired else 2
    while n > floor and _power_t(d, n - 1, alpha, paired) >= power:
        n -= 1
    return n


def sample_size_two_groups(d: float, alpha: float = 0.05, power: float = 0.8, method: str = "normal") -> int:
    """People needed per group to detect a standardized difference d between two independent groups.

    Parameters
    ----------
    d : float
        Standardized mean difference (Cohen's d), 0.01 to 50.
    alpha : float
        Two-sided significance level, 0.001 to 0.2.
    power : float
        Wanted power (1 - beta), 0.5 to 0.999.
    method : {"normal", "t"}
        "normal": the normal-approximation formula rounded up. "t": the smallest n whose power with
        Student's t quantiles (df = 2n - 2) reaches ``power``; this matches Cohen's (1988) tables.

    Returns
    -------
    int
        People per group (the study needs twice as many in all).
    """
    d, alpha, power = _check_design(d, alpha, power, method)
    if method == "t":
        return _smallest_n_t(d, alpha, power, paired=False)
    return max(2, math.ceil(n_formula(d, alpha, power) - 1e-9))


def sample_size_paired(d: float, rho: float, alpha: float = 0.05, power: float = 0.8, method: str = "normal") -> int:
    """People needed in a paired (before/after) design, measured twice each.

    Parameters
    ----------
    d : float
        Difference in units of the between-person SD, 0.01 to 50 (converted to d_z with ``rho``).
    rho : float
        Correlation between a person's two measurements, -0.99 to 0.99.
    alpha, power, method
        As in :func:`sample_size_two_groups`; with ``method="t"`` the degrees of freedom are n - 1.

    Returns
    -------
    int
        Number of people (pairs of measurements).
    """
    d, alpha, power = _check_design(d, alpha, power, method)
    dz = check_range("d_z", float(paired_dz(d, rho)), *POSITIVE_D_RANGE, unit="SD")
    if method == "t":
        return _smallest_n_t(dz, alpha, power, paired=True)
    return max(2, math.ceil(n_formula(dz, alpha, power, paired=True) - 1e-9))


def power_two_groups(d: float, n, alpha: float = 0.05) -> np.ndarray:
    r"""Power of a two-sided two-group comparison with ``n`` people per group (normal approximation).

    :math:`\Phi(d\sqrt{n/2} - z_{1-\alpha/2}) + \Phi(-d\sqrt{n/2} - z_{1-\alpha/2})`; equals
    :math:`\alpha` when d is 0.

    Parameters
    ----------
    d : float
        Standardized mean difference, -50 to 50.
    n : float or array_like
        People per group, 2 to 1e6.
    alpha : float
        Two-sided significance level, 0.001 to 0.2.
    """
    d = check_range("d", d, *DESIGN_D_RANGE, unit="SD")
    n = check_range("n", n, *N_RANGE, unit="people", array=True)
    z = normal_ppf(1.0 - check_range("alpha", alpha, *ALPHA_RANGE) / 2.0)
    delta = abs(d) * np.sqrt(n / 2.0)
    return normal_cdf(delta - z) + normal_cdf(-delta - z)


def power_paired(d: float, n, rho: float, alpha: float = 0.05) -> np.ndarray:
    r"""Power of a two-sided paired comparison in ``n`` people (normal approximation).

    As :func:`power_two_groups`, with :math:`\delta = d_z\sqrt{n}` and :math:`d_z` from :func:`paired_dz`.

    Parameters
    ----------
    d : float
        Difference in units of the between-person SD, -50 to 50.
    n : float or array_like
        People measured twice, 2 to 1e6.
    rho : float
        Correlation between a person's two measurements, -0.99 to 0.99.
    alpha : float
        Two-sided significance level, 0.001 to 0.2.
    """
    dz = float(paired_dz(check_range("d", d, *DESIGN_D_RANGE, unit="SD"), rho))
    n = check_range("n", n, *N_RANGE, unit="people", array=True)
    z = normal_ppf(1.0 - check_range("alpha", alpha, *ALPHA_RANGE) / 2.0)
    delta = abs(dz) * np.sqrt(n)
    return normal_cdf(delta - z) + normal_cdf(-delta - z)


# --- the chapter's model on the page -----------------------------------------------------------


def people_needed(d: float, alpha: float = 0.05, power: float = 0.8, groups: int = 2) -> float:
    """People per group a two-sided test needs, by the normal approximation (unrounded).

    The equation alone, for the chapter page: :func:`n_formula` checks the arguments and gives the
    same number. ``groups=2`` compares two independent groups; ``groups=1`` is a before/after design
    in one group, and then ``d`` is the paired difference d_z.
    """
    z_alpha = normal_ppf(1.0 - alpha / 2.0)  # where "significant" starts, half of alpha in each tail
    z_power = normal_ppf(power)  # how much further the true effect must sit to get there often enough
    return groups * ((z_alpha + z_power) / d) ** 2
