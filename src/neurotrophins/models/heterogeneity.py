r"""Heterogeneity in a random-effects meta-analysis: I², τ², and the prediction interval.

A meta-analysis of :math:`k` studies reports a pooled mean :math:`\hat\mu` with a 95% confidence
interval (CI). The CI says where the *average* effect probably lies. When the studies disagree more
than chance explains, the true effect differs from one setting to the next, and the range in which the
effect of a *new* study (a new population, product or assay) may fall is much wider. This module turns
the numbers a meta-analysis abstract usually reports (estimate, 95% CI, number of studies, I²) into
that range.

Equations
---------
Higgins and Thompson (2002) describe heterogeneity by :math:`I^2`, the share of the total variation
in study estimates that is due to heterogeneity rather than chance. From Cochran's :math:`Q` with
:math:`\mathrm{df} = k - 1`,

.. math::

    I^2 = \max\!\left(0, \frac{Q - \mathrm{df}}{Q}\right).

If every study had the same within-study variance :math:`s^2` (a "typical" study), the
DerSimonian–Laird estimate of the between-study variance :math:`\tau^2` satisfies exactly

.. math::

    I^2 = \frac{\tau^2}{\tau^2 + s^2}
    \quad\Longleftrightarrow\quad
    \tau^2 = s^2\,\frac{I^2}{1 - I^2},

and the random-effects standard error of the pooled mean is
:math:`\mathrm{SE}^2 = (s^2 + \tau^2)/k`. Eliminating :math:`s^2` gives an estimate that needs only
published numbers:

.. math::

    \tau^2 \approx I^2 \, k \, \mathrm{SE}^2, \qquad
    \mathrm{SE} = \frac{\text{upper} - \text{lower}}{2 \times 1.96}.

It is exact for equally precise studies and an approximation otherwise. The 95% prediction interval
of Higgins, Thompson and Spiegelhalter (2009), recommended for routine use by Riley, Higgins and
Deeks (2011), is

.. math::

    \hat\mu \pm t_{k-2,\,0.975}\,\sqrt{\tau^2 + \mathrm{SE}^2},

with :math:`t_{k-2,\,0.975}` the 97.5th percentile of Student's t distribution with :math:`k - 2`
degrees of freedom (so :math:`k \ge 3`). The confidence interval is :math:`\hat\mu \pm 1.96\,\mathrm{SE}`.

The normal and t quantiles are those of :mod:`scipy.stats` (through :mod:`neurotrophins.models.stats`).
"""

from __future__ import annotations

import math

from .._validate import check_range, check_whole
from .stats import normal_ppf
from .stats import t_ppf as student_t_quantile

#: Allowed range of I² (a fraction). I² = 1 would mean zero within-study variance.
I2_RANGE = (0.0, 0.99)
#: Allowed number of studies for a prediction interval (it needs k - 2 >= 1 degrees of freedom).
K_RANGE = (3, 10_000)
#: Allowed coverage of an interval.
LEVEL_RANGE = (0.5, 0.999)
#: Bound on any estimate or interval limit, in the estimate's own units.
VALUE_LIMIT = 1e9

__all__ = [
    "I2_RANGE",
    "K_RANGE",
    "confidence_interval",
    "i_squared",
    "prediction_interval",
    "prediction_interval_core",
    "se_from_ci",
    "student_t_quantile",
    "summarise",
    "tau_squared_from_i_squared",
    "tau_squared_from_summary",
]


def i_squared(q: float, df: int) -> float:
    """I² from Cochran's Q and its degrees of freedom (Higgins and Thompson 2002).

    Parameters
    ----------
    q : float
        Cochran's heterogeneity statistic Q, 0 to 1e9 (no unit).
    df : int
        Degrees of freedom, the number of studies minus one, 1 to 9999.

    Returns
    -------
    float
        :math:`\\max(0, (Q - df)/Q)`, a fraction from 0 to 1 (0 when Q = 0).
    """
    q = check_range("q", q, 0.0, VALUE_LIMIT)
    df = check_whole("df", df, 1, K_RANGE[1] - 1, "degrees of freedom")
    return 0.0 if q == 0 else max(0.0, (q - df) / q)


def tau_squared_from_i_squared(i2: float, typical_variance: float) -> float:
    """Between-study variance τ² implied by I² and the typical within-study variance s².

    Parameters
    ----------
    i2 : float
        I² as a fraction, 0 to 0.99.
    typical_variance : float
        Within-study variance s² of a typical study, greater than 0 and at most 1e9, in the squared
        units of the effect (SD² for a standardised mean difference).

    Returns
    -------
    float
        :math:`\\tau^2 = s^2 I^2 / (1 - I^2)`, in the squared units of the effect.
    """
    i2 = check_range("i2", i2, *I2_RANGE)
    return check_range("typical_variance", typical_variance, 1e-12, VALUE_LIMIT) * i2 / (1.0 - i2)


def tau_squared_from_summary(se: float, k: int, i2: float) -> float:
    """τ² from a pooled standard error, the number of studies and I² (equal-precision approximation).

    With equally precise studies, :math:`\\mathrm{SE}^2 = (s^2 + \\tau^2)/k` and
    :math:`I^2 = \\tau^2/(\\tau^2 + s^2)`, so :math:`\\tau^2 = I^2 k\\,\\mathrm{SE}^2`.

    Parameters
    ----------
    se : float
        Standard error of the pooled (random-effects) mean, greater than 0, in the effect's units.
    k : int
        Number of studies pooled, 3 to 10000.
    i2 : float
        I² as a fraction, 0 to 0.99.

    Returns
    -------
    float
        τ² in the squared units of the effect.
    """
    se = check_range("se", se, 1e-12, VALUE_LIMIT)
    k = check_whole("k", k, *K_RANGE, "studies")
    return check_range("i2", i2, *I2_RANGE) * k * se**2


def se_from_ci(ci_low: float, ci_high: float, level: float = 0.95) -> float:
    """Standard error recovered from a symmetric confidence interval: (upper - lower) / (2 z).

    Parameters
    ----------
    ci_low, ci_high : float
        Interval limits in the effect's units, -1e9 to 1e9; ``ci_high`` must exceed ``ci_low``.
    level : float
        Coverage of the interval, 0.5 to 0.999 (0.95 for a 95% CI, z = 1.96).
    """
    ci_low = check_range("ci_low", ci_low, -VALUE_LIMIT, VALUE_LIMIT)
    ci_high = check_range("ci_high", ci_high, -VALUE_LIMIT, VALUE_LIMIT)
    level = check_range("level", level, *LEVEL_RANGE)
    if not ci_high > ci_low:
        raise ValueError(f"ci_high must be greater than ci_low; got {ci_low:g} to {ci_high:g}")
    return (ci_high - ci_low) / (2.0 * normal_ppf(0.5 + level / 2.0))


def confidence_interval(mean: float, se: float, level: float = 0.95) -> tuple[float, float]:
    """Normal-theory confidence interval of the pooled mean: mean ± z · SE.

    Parameters
    ----------
    mean : float
        Pooled estimate, -1e9 to 1e9, in the effect's units.
    se : float
        Its standard error, greater than 0.
    level : float
        Coverage, 0.5 to 0.999.
    """
    mean = check_range("mean", mean, -VALUE_LIMIT, VALUE_LIMIT)
    se = check_range("se", se, 1e-12, VALUE_LIMIT)
    half = normal_ppf(0.5 + check_range("level", level, *LEVEL_RANGE) / 2.0) * se
    return mean - half, mean + half


def prediction_interval_core(mean: float, se: float, tau_squared: float, t_quantile: float) -> tuple[float, float]:
    """The prediction interval's equation, without argument checks (:func:`prediction_interval` checks them).

    A new study's true effect varies around the pooled mean with the between-study variance τ², and
    the pooled mean is itself uncertain with variance SE²; the two variances add. Student's t
    quantile (k - 2 degrees of freedom, passed in) widens the interval when studies are few.
    """
    spread = math.sqrt(tau_squared + se**2)
    half_width = t_quantile * spread
    return mean - half_width, mean + half_width


def prediction_interval(mean: float, se: float, tau_squared: float, k: int, level: float = 0.95) -> tuple[float, float]:
    """Prediction interval for the true effect in a new study (Higgins, Thompson, Spiegelhalter 2009).

    .. math:: \\hat\\mu \\pm t_{k-2,\\,(1+\\text{level})/2}\\,\\sqrt{\\tau^2 + \\mathrm{SE}^2}

    Parameters
    ----------
    mean : float
        Pooled random-effects estimate, -1e9 to 1e9, in the effect's units.
    se : float
        Its standard error, greater than 0.
    tau_squared : float
        Between-study variance, 0 to 1e9, in the squared units of the effect.
    k : int
        Number of studies, 3 to 10000 (the t distribution has k - 2 degrees of freedom).
    level : float
        Coverage, 0.5 to 0.999.

    Returns
    -------
    tuple of float
        Lower and upper limits, in the effect's units.
    """
    mean = check_range("mean", mean, -VALUE_LIMIT, VALUE_LIMIT)
    se = check_range("se", se, 1e-12, VALUE_LIMIT)
    tau_squared = check_range("tau_squared", tau_squared, 0.0, VALUE_LIMIT)
    k = check_whole("k", k, *K_RANGE, "studies")
    level = check_range("level", level, *LEVEL_RANGE)
    t_quantile = student_t_quantile(0.5 + level / 2.0, k - 2)
    return prediction_interval_core(mean, se, tau_squared, t_quantile)


def summarise(mean: float, ci_low: float, ci_high: float, k: int, i2: float) -> dict[str, float]:
    """From a meta-analysis abstract (estimate, 95% CI, k, I²) to its τ and 95% prediction interval.

    Parameters
    ----------
    mean : float
        Pooled estimate, in the effect's units.
    ci_low, ci_high : float
        Its 95% confidence interval.
    k : int
        Number of studies, 3 to 10000.
    i2 : float
        I² as a fraction, 0 to 0.99.

    Returns
    -------
    dict
        ``se``, ``tau_squared``, ``tau``, ``ci_low``, ``ci_high`` (recomputed as mean ± 1.96 SE),
        ``pi_low``, ``pi_high`` and ``t`` (the t quantile used), all floats in the effect's units.
    """
    se = se_from_ci(ci_low, ci_high)
    tau2 = tau_squared_from_summary(se, k, i2)
    ci = confidence_interval(mean, se)
    pi = prediction_interval(mean, se, tau2, k)
    return {
        "se": se,
        "tau_squared": tau2,
        "tau": math.sqrt(tau2),
        "ci_low": ci[0],
        "ci_high": ci[1],
        "pi_low": pi[0],
        "pi_high": pi[1],
        "t": student_t_quantile(0.975, check_whole("k", k, *K_RANGE, "studies") - 2),
    }
