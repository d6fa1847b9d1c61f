r"""Effect sizes and sample sizes for blood BDNF studies, with numpy and the standard library only.

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

:math:`\Phi` uses :func:`math.erf`, :math:`\Phi^{-1}` uses :class:`statistics.NormalDist`, and
Student's :math:`t` distribution uses the regularized incomplete beta function (a continued
fraction). No scipy is needed.
"""

from __future__ import annotations

import math
from statistics import NormalDist

import numpy as np

from .._validate import check_range

#: Serum BDNF in 259 healthy volunteers (Naegelin et al. 2018): mean and SD, ng/mL.
NAEGELIN_SERUM_MEAN = 32.69
NAEGELIN_SERUM_SD = 8.33

D_RANGE = (-5.0, 5.0)
POSITIVE_D_RANGE = (0.01, 5.0)
ALPHA_RANGE = (0.001, 0.2)
POWER_RANGE = (0.5, 0.999)
RHO_RANGE = (-0.99, 0.99)
N_RANGE = (2.0, 1e6)
CONCENTRATION_RANGE = (0.0, 1e4)
SD_RANGE = (1e-6, 1e4)
PERCENT_RANGE = (0.1, 500.0)
CV_RANGE = (0.1, 500.0)
METHODS = ("normal", "t")

_STD_NORMAL = NormalDist()
_erf = np.vectorize(math.erf, otypes=[float])


# --- distributions -----------------------------------------------------------------------------


def normal_cdf(x) -> np.ndarray:
    r"""Standard normal distribution function :math:`\Phi(x) = \tfrac12\,(1 + \mathrm{erf}(x/\sqrt2))`.

    Parameters
    ----------
    x : float or array_like
        Any real number (infinities allowed).

    Returns
    -------
    numpy.ndarray
        Probabilities between 0 and 1, with the shape of ``x``.
    """
    return 0.5 * (1.0 + _erf(np.asarray(x, dtype=float) / math.sqrt(2.0)))


def normal_ppf(p: float) -> float:
    r"""Quantile of the standard normal distribution, :math:`\Phi^{-1}(p)`, for 0 < p < 1."""
    check_range("p", p, 1e-12, 1 - 1e-12)
    return _STD_NORMAL.inv_cdf(float(p))


def normal_pdf(x, mean: float = 0.0, sd: float = 1.0) -> np.ndarray:
    """Density of a normal distribution with the given mean and SD, evaluated at ``x``."""
    check_range("sd", sd, *SD_RANGE)
    z = (np.asarray(x, dtype=float) - mean) / sd
    return np.exp(-0.5 * z * z) / (sd * math.sqrt(2.0 * math.pi))


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction of the incomplete beta function (modified Lentz method)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 400):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-15:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    """Regularized incomplete beta function :math:`I_x(a, b)` for 0 <= x <= 1."""
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    log_front = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x) + b * math.log1p(-x)
    front = math.exp(log_front)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_cdf(t: float, df: float) -> float:
    r"""Distribution function of Student's :math:`t` with ``df`` degrees of freedom.

    Uses :math:`P(T \le t) = 1 - \tfrac12 I_{\nu/(\nu+t^2)}(\nu/2, 1/2)` for :math:`t \ge 0`.

    Parameters
    ----------
    t : float
        Any real number.
    df : float
        Degrees of freedom, 1 to 1e7.
    """
    check_range("df", df, 1.0, 1e7)
    t = float(t)
    if math.isinf(t):
        return 1.0 if t > 0 else 0.0
    tail = 0.5 * _betainc(df / 2.0, 0.5, df / (df + t * t))
    return 1.0 - tail if t >= 0 else tail


def t_ppf(p: float, df: float) -> float:
    """Quantile of Student's t with ``df`` degrees of freedom, for 0 < p < 1 (bisection)."""
    check_range("p", p, 1e-12, 1 - 1e-12)
    check_range("df", df, 1.0, 1e7)
    lo, hi = -1.0, 1.0
    while t_cdf(lo, df) > p:
        lo *= 2.0
    while t_cdf(hi, df) < p:
        hi *= 2.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if t_cdf(mid, df) < p:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-12 * max(1.0, abs(mid)):
            break
    return 0.5 * (lo + hi)


# --- effect sizes ------------------------------------------------------------------------------


def hedges_correction(n1: float, n2: float) -> float:
    """Small-sample correction factor J = 1 - 3 / (4 (n1 + n2) - 9) that turns Cohen's d into Hedges' g.

    Parameters
    ----------
    n1, n2 : float
        Group sizes, 2 to 1e6 people each.
    """
    check_range("n1", n1, *N_RANGE, unit="people")
    check_range("n2", n2, *N_RANGE, unit="people")
    return 1.0 - 3.0 / (4.0 * (float(n1) + float(n2)) - 9.0)


def hedges_g(d, n1: float, n2: float) -> np.ndarray:
    """Hedges' g from Cohen's d and the two group sizes: g = J d."""
    check_range("d", d, *D_RANGE, unit="SD")
    return np.asarray(d, dtype=float) * hedges_correction(n1, n2)


def cohens_d(mean_treated: float, mean_control: float, sd: float) -> float:
    """Cohen's d = (mean_treated - mean_control) / sd, all in the same unit (for example ng/mL)."""
    check_range("mean_treated", mean_treated, *CONCENTRATION_RANGE)
    check_range("mean_control", mean_control, *CONCENTRATION_RANGE)
    check_range("sd", sd, *SD_RANGE)
    return (float(mean_treated) - float(mean_control)) / float(sd)


def cohens_u3(d) -> np.ndarray:
    r"""Cohen's :math:`U_3 = \Phi(d)`: share of the treated group above the control mean.

    Parameters
    ----------
    d : float or array_like
        Standardized mean difference (Cohen's d or Hedges' g), -5 to 5 SD.
    """
    check_range("d", d, *D_RANGE, unit="SD")
    return normal_cdf(d)


def overlap_coefficient(d) -> np.ndarray:
    r"""Overlapping coefficient :math:`\mathrm{OVL} = 2\,\Phi(-|d|/2)` of two equal-SD normal curves.

    1 when the curves coincide (d = 0); it falls towards 0 as they move apart.
    """
    check_range("d", d, *D_RANGE, unit="SD")
    return 2.0 * normal_cdf(-np.abs(np.asarray(d, dtype=float)) / 2.0)


def probability_of_superiority(d) -> np.ndarray:
    r"""Probability that a random treated person beats a random control, :math:`\Phi(d/\sqrt2)`.

    Also called the common-language effect size. 0.5 means no difference.
    """
    check_range("d", d, *D_RANGE, unit="SD")
    return normal_cdf(np.asarray(d, dtype=float) / math.sqrt(2.0))


def difference_in_units(g, sd: float) -> np.ndarray:
    """Mean difference in the measurement's unit: Delta = g * sd (for example ng/mL of serum BDNF).

    Parameters
    ----------
    g : float or array_like
        Standardized mean difference, -5 to 5 SD.
    sd : float
        Standard deviation of the measurement in its unit, greater than 0.
    """
    check_range("g", g, *D_RANGE, unit="SD")
    check_range("sd", sd, *SD_RANGE)
    return np.asarray(g, dtype=float) * float(sd)


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
    check_range("percent_difference", percent_difference, *PERCENT_RANGE, unit="%")
    check_range("cv_percent", cv_percent, *CV_RANGE, unit="%")
    return np.asarray(percent_difference, dtype=float) / float(cv_percent)


def paired_dz(d, rho: float) -> np.ndarray:
    r"""Standardized difference of a paired design, :math:`d_z = d / \sqrt{2(1-\rho)}`.

    Parameters
    ----------
    d : float or array_like
        Difference in units of the between-person SD, -5 to 5.
    rho : float
        Correlation between a person's two measurements, -0.99 to 0.99.
    """
    check_range("d", d, *D_RANGE, unit="SD")
    check_range("rho", rho, *RHO_RANGE)
    return np.asarray(d, dtype=float) / math.sqrt(2.0 * (1.0 - float(rho)))


# --- sample size and power ---------------------------------------------------------------------


def _check_design(d, alpha, power=None, method="normal"):
    check_range("d", d, *POSITIVE_D_RANGE, unit="SD")
    check_range("alpha", alpha, *ALPHA_RANGE)
    if power is not None:
        check_range("power", power, *POWER_RANGE)
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}; got {method!r}")


def n_formula(d: float, alpha: float = 0.05, power: float = 0.8, paired: bool = False) -> float:
    r"""The unrounded normal-approximation sample size.

    :math:`2((z_{1-\alpha/2} + z_{1-\beta})/d)^2` per group for two groups, or
    :math:`((z_{1-\alpha/2} + z_{1-\beta})/d)^2` pairs when ``paired`` (then pass :math:`d_z`).

    Parameters
    ----------
    d : float
        Standardized difference (d, or d_z for pairs), 0.01 to 5.
    alpha : float
        Two-sided significance level, 0.001 to 0.2.
    power : float
        Wanted power, 1 - beta, 0.5 to 0.999.
    paired : bool
        True for a paired (before/after) design.
    """
    _check_design(d, alpha, power)
    z = normal_ppf(1.0 - alpha / 2.0) + normal_ppf(power)
    return (1.0 if paired else 2.0) * (z / float(d)) ** 2


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
        Standardized mean difference (Cohen's d), 0.01 to 5.
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
    _check_design(d, alpha, power, method)
    if method == "t":
        return _smallest_n_t(float(d), alpha, power, paired=False)
    return max(2, math.ceil(n_formula(d, alpha, power) - 1e-9))


def sample_size_paired(d: float, rho: float, alpha: float = 0.05, power: float = 0.8, method: str = "normal") -> int:
    """People needed in a paired (before/after) design, measured twice each.

    Parameters
    ----------
    d : float
        Difference in units of the between-person SD, 0.01 to 5 (converted to d_z with ``rho``).
    rho : float
        Correlation between a person's two measurements, -0.99 to 0.99.
    alpha, power, method
        As in :func:`sample_size_two_groups`; with ``method="t"`` the degrees of freedom are n - 1.

    Returns
    -------
    int
        Number of people (pairs of measurements).
    """
    _check_design(d, alpha, power, method)
    dz = float(paired_dz(d, rho))
    check_range("d_z", dz, *POSITIVE_D_RANGE, unit="SD")
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
        Standardized mean difference, -5 to 5.
    n : float or array_like
        People per group, 2 to 1e6.
    alpha : float
        Two-sided significance level, 0.001 to 0.2.
    """
    check_range("d", d, *D_RANGE, unit="SD")
    check_range("n", n, *N_RANGE, unit="people")
    check_range("alpha", alpha, *ALPHA_RANGE)
    z = normal_ppf(1.0 - alpha / 2.0)
    delta = abs(float(d)) * np.sqrt(np.asarray(n, dtype=float) / 2.0)
    return normal_cdf(delta - z) + normal_cdf(-delta - z)


def power_paired(d: float, n, rho: float, alpha: float = 0.05) -> np.ndarray:
    r"""Power of a two-sided paired comparison in ``n`` people (normal approximation), with
    :math:`\delta = d_z\sqrt{n}`."""
    dz = float(paired_dz(d, rho))
    check_range("n", n, *N_RANGE, unit="people")
    check_range("alpha", alpha, *ALPHA_RANGE)
    z = normal_ppf(1.0 - alpha / 2.0)
    delta = abs(dz) * np.sqrt(np.asarray(n, dtype=float))
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
