r"""A teaching model of the hypothalamic-pituitary-gonadal (HPG) axis with negative feedback.

The hypothalamus releases gonadotropin-releasing hormone (GnRH) in pulses; the pituitary answers
with luteinizing hormone (LH) and follicle-stimulating hormone (FSH); the gonads answer with
testosterone (testes) or estradiol (ovaries). In the body both gonadotropins act on each gonad (LH on
Leydig and theca cells, FSH on Sertoli and granulosa cells); the model keeps one driver per gonad,
LH for testicular testosterone and FSH for ovarian estradiol. Aromatase turns part of the androgen
into estradiol. Androgen and estradiol feed back and hold GnRH, LH and FSH
down. This module turns that loop into five ordinary differential equations and solves them for
the steady state, so a learner can push on the loop and see which way each hormone moves.

It is a *didactic* model: every constant below is **illustrative**, chosen so that the untreated
steady state is 1 for every hormone and the loop responds in the directions the human studies
report. No constant is fitted to data, and no output is a laboratory value or a dose.

The model
---------
States (all in relative units, r.u.; the untreated steady state of each sex is 1): :math:`G`
(GnRH drive, the pulse-averaged product of pulse frequency and amplitude), :math:`L` (LH),
:math:`F` (FSH), :math:`T` (testosterone made by the gonads) and :math:`E` (estradiol). Inputs:
exogenous androgen :math:`X` (arbitrary units, 1 = the untreated model's own testosterone level),
aromatase activity :math:`r` (fraction of normal, 0 to 1) and gonadal function :math:`c`
(fraction of normal, 0 to 1). Time :math:`t` is in days. With
:math:`\phi(y; K, n) = 1 / (1 + (y/K)^n)`,

.. math::

    \frac{dG}{dt} &= k_G\,\bigl[g\,\phi(T + X; K_A, 1)\,\phi(E; K_{EH}, n) - G\bigr] \\
    \frac{dL}{dt} &= k_L\,\bigl[\ell\,G\,\phi(E; K_{EL}, n) - L\bigr] \\
    \frac{dF}{dt} &= k_F\,\bigl[f\,G\,\phi(E; K_{EF}, n) - F\bigr] \\
    \frac{dT}{dt} &= k_T\,\bigl[c\,L - T\bigr] \\
    \frac{dE}{dt} &= k_E\,\bigl[r\,a\,(T + X) + c\,s\,F - E\bigr]

Androgen acts on the hypothalamus (Hill coefficient 1); estradiol acts on the hypothalamus and the
pituitary (Hill coefficient :math:`n`). In the male the gonads make testosterone and all estradiol
comes from aromatase (:math:`a = 1, s = 0`); in the female most estradiol comes from the ovary under
FSH (:math:`a = 0.1, s = 0.9`). The gains :math:`g, \ell, f` are set so that the untreated steady
state is 1 for every hormone.

The steady state
----------------
Setting the derivatives to zero gives :math:`L, F, T` explicitly from :math:`G` and :math:`E`. For a
fixed :math:`E` the GnRH equation is then a quadratic in :math:`G` with one positive root (closed
form below); the remaining equation for :math:`E` has a right-hand side that falls as :math:`E`
rises, so it has exactly one root, found by bisection (60 halvings, numpy only). One evaluation
takes a few milliseconds, fast enough for a live slider.

What it leaves out: the mid-cycle LH surge (positive feedback), inhibin, binding proteins (free vs
total hormone), the pulses themselves, adrenal androgens, and every difference between people.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np

from .._validate import check_range

#: Order of the state vector used by :func:`derivatives` and :func:`simulate`.
HORMONES = ("gnrh", "lh", "fsh", "testosterone", "estradiol")

#: Allowed ranges of the inputs.
EXOGENOUS_RANGE = (0.0, 5.0)
FRACTION_RANGE = (0.0, 1.0)
SEXES = ("male", "female")


@dataclass(frozen=True)
class FeedbackConstants:
    """Illustrative constants of one sex (dimensionless; rates per day).

    Attributes
    ----------
    k_androgen : float
        Androgen level (r.u.) that halves the hypothalamic GnRH drive (Hill coefficient 1).
    k_estradiol_hypothalamus, k_estradiol_lh, k_estradiol_fsh : float
        Estradiol levels (r.u.) that halve GnRH drive, LH release per unit GnRH, and FSH release.
    hill : float
        Hill coefficient of the estradiol feedback.
    aromatase_share : float
        ``a``: estradiol made by aromatase per unit androgen at full aromatase activity.
    ovarian_share : float
        ``s``: estradiol made by the gonad per unit FSH at full gonadal function.
    rates : tuple of float
        ``k_G, k_L, k_F, k_T, k_E``: first-order rate constants per day (only used for the time
        course and the derivatives; the steady state does not depend on them).
    """

    k_androgen: float
    k_estradiol_hypothalamus: float
    k_estradiol_lh: float
    k_estradiol_fsh: float
    hill: float
    aromatase_share: float
    ovarian_share: float
    rates: tuple[float, float, float, float, float] = (10.0, 5.0, 2.0, 3.0, 3.0)


#: Illustrative constants (not fitted to data). LH and FSH respond alike in the male.
CONSTANTS = {
    "male": FeedbackConstants(1.0, 1.0, 2.0, 2.0, 2.0, aromatase_share=1.0, ovarian_share=0.0),
    "female": FeedbackConstants(4.0, 1.0, 2.0, 1.0, 2.0, aromatase_share=0.1, ovarian_share=0.9),
}


def _phi(y, k: float, n: float):
    """Hill-type inhibition: 1 at ``y = 0``, one half at ``y = k``."""
    return 1.0 / (1.0 + (y / k) ** n)


def _gains(p: FeedbackConstants) -> tuple[float, float, float]:
    """Gains g, l, f that put the untreated steady state (all hormones 1) in place."""
    g = 1.0 / (_phi(1.0, p.k_androgen, 1.0) * _phi(1.0, p.k_estradiol_hypothalamus, p.hill))
    return g, 1.0 / _phi(1.0, p.k_estradiol_lh, p.hill), 1.0 / _phi(1.0, p.k_estradiol_fsh, p.hill)


def _check(exogenous_androgen, aromatase_activity, gonadal_function, sex) -> FeedbackConstants:
    check_range("exogenous_androgen", exogenous_androgen, *EXOGENOUS_RANGE, unit="a.u.")
    check_range("aromatase_activity", aromatase_activity, *FRACTION_RANGE)
    check_range("gonadal_function", gonadal_function, *FRACTION_RANGE)
    if sex not in SEXES:
        raise ValueError(f"sex must be 'male' or 'female'; got {sex!r}")
    return CONSTANTS[sex]


def _given_estradiol(e, x, r, c, p: FeedbackConstants):
    """G, L, F, T and the estradiol production that follow from a fixed estradiol level ``e``.

    For fixed E the GnRH equation reads G (1 + (alpha G + X) / K_A) = beta with alpha = c l phi_L(E)
    and beta = g phi_H(E): a quadratic with one positive root, written in a form that stays exact
    when alpha is 0.
    """
    g, ell, f = _gains(p)
    n = p.hill
    beta = g * _phi(e, p.k_estradiol_hypothalamus, n)
    alpha = c * ell * _phi(e, p.k_estradiol_lh, n)
    b = 1.0 + x / p.k_androgen
    gnrh = 2.0 * beta / (b + np.sqrt(b * b + 4.0 * alpha * beta / p.k_androgen))
    lh = ell * gnrh * _phi(e, p.k_estradiol_lh, n)
    fsh = f * gnrh * _phi(e, p.k_estradiol_fsh, n)
    testosterone = c * lh
    production = r * p.aromatase_share * (testosterone + x) + c * p.ovarian_share * fsh
    return gnrh, lh, fsh, testosterone, production


def steady_state(
    exogenous_androgen=0.0,
    aromatase_activity=1.0,
    gonadal_function=1.0,
    sex: str = "male",
) -> dict[str, np.ndarray]:
    """Steady state of the HPG teaching model.

    Parameters
    ----------
    exogenous_androgen : float or array_like
        Androgen supplied from outside the body, in arbitrary units, 0 to 5 (1 equals the
        untreated model's own testosterone level). Not a dose: it has no link to any product.
    aromatase_activity : float or array_like
        Aromatase activity as a fraction of normal, 0 (fully blocked) to 1 (untreated).
    gonadal_function : float or array_like
        Capacity of the testes or ovaries as a fraction of normal, 0 (none, e.g. after the
        menopause in the female model) to 1 (untreated).
    sex : {"male", "female"}
        Which set of illustrative constants to use.

    Returns
    -------
    dict of numpy.ndarray
        ``gnrh``, ``lh``, ``fsh``, ``testosterone`` (made by the gonads), ``estradiol`` and
        ``total_androgen`` (gonadal plus exogenous), in relative units (untreated steady state = 1),
        broadcast over the array inputs.

    Raises
    ------
    ValueError
        If a parameter is outside its range or ``sex`` is unknown; the message names it.
    """
    p = _check(exogenous_androgen, aromatase_activity, gonadal_function, sex)
    x, r, c = (np.asarray(v, dtype=float) for v in (exogenous_androgen, aromatase_activity, gonadal_function))
    x, r, c = np.broadcast_arrays(x, r, c)
    low = np.zeros(x.shape)
    high = _given_estradiol(low, x, r, c, p)[-1]  # production at E = 0 is the largest possible E
    for _ in range(60):
        mid = 0.5 * (low + high)
        above = _given_estradiol(mid, x, r, c, p)[-1] > mid
        low = np.where(above, mid, low)
        high = np.where(above, high, mid)
    e = 0.5 * (low + high)
    gnrh, lh, fsh, testosterone, _ = _given_estradiol(e, x, r, c, p)
    return {
        "gnrh": gnrh,
        "lh": lh,
        "fsh": fsh,
        "testosterone": testosterone,
        "estradiol": e,
        "total_androgen": testosterone + x,
    }


def percent_of_baseline(
    exogenous_androgen=0.0,
    aromatase_activity=1.0,
    gonadal_function=1.0,
    sex: str = "male",
) -> dict[str, np.ndarray]:
    """Each hormone as a percentage of the untreated steady state of the same sex.

    Parameters and raised errors as in :func:`steady_state`. ``total_androgen`` is expressed
    against the untreated testosterone level. Percentages of a teaching model's own baseline are
    directions and relative sizes, not predictions for a person.
    """
    state = steady_state(exogenous_androgen, aromatase_activity, gonadal_function, sex)
    base = _baseline(sex)
    return {name: 100.0 * value / base[name] for name, value in state.items()}


@cache
def _baseline(sex: str) -> dict[str, float]:
    """The untreated steady state of one sex (computed once); total androgen = own testosterone."""
    base = {name: float(value) for name, value in steady_state(sex=sex).items()}
    base["total_androgen"] = base["testosterone"]
    return base


def derivatives(
    state,
    exogenous_androgen: float = 0.0,
    aromatase_activity: float = 1.0,
    gonadal_function: float = 1.0,
    sex: str = "male",
) -> np.ndarray:
    """Time derivatives of the five states (relative units per day).

    Parameters
    ----------
    state : array_like, shape (5,)
        GnRH, LH, FSH, testosterone, estradiol (order of :data:`HORMONES`), each 0 to 1000 r.u.
    exogenous_androgen, aromatase_activity, gonadal_function, sex
        As in :func:`steady_state` (scalars).

    Returns
    -------
    numpy.ndarray, shape (5,)
        dG/dt, dL/dt, dF/dt, dT/dt, dE/dt.
    """
    p = _check(exogenous_androgen, aromatase_activity, gonadal_function, sex)
    s = np.asarray(state, dtype=float)
    if s.shape != (len(HORMONES),):
        raise ValueError(f"state must hold {len(HORMONES)} values ({', '.join(HORMONES)}); got shape {s.shape}")
    check_range("state", s, 0.0, 1000.0, unit="r.u.")
    return _rates(s, float(exogenous_androgen), float(aromatase_activity), float(gonadal_function), p)


def feedback_targets(state, exogenous, aromatase, gonadal, p: FeedbackConstants) -> np.ndarray:
    """The level each hormone is pulled towards (r.u.); the model's core, called by :func:`derivatives`."""
    gnrh, lh, fsh, testosterone, estradiol = state
    g, ell, f = _gains(p)
    n = p.hill
    androgen = testosterone + exogenous  # the brain senses its own and outside androgen alike
    return np.array(
        [
            g * _phi(androgen, p.k_androgen, 1.0) * _phi(estradiol, p.k_estradiol_hypothalamus, n),
            ell * gnrh * _phi(estradiol, p.k_estradiol_lh, n),
            f * gnrh * _phi(estradiol, p.k_estradiol_fsh, n),
            gonadal * lh,
            aromatase * p.aromatase_share * androgen + gonadal * p.ovarian_share * fsh,
        ]
    )


def _rates(s, x: float, r: float, c: float, p: FeedbackConstants) -> np.ndarray:
    return np.asarray(p.rates) * (feedback_targets(s, x, r, c, p) - s)


def simulate(
    initial,
    days: float = 30.0,
    dt: float = 0.01,
    exogenous_androgen: float = 0.0,
    aromatase_activity: float = 1.0,
    gonadal_function: float = 1.0,
    sex: str = "male",
) -> tuple[np.ndarray, np.ndarray]:
    """Integrate the model from ``initial`` with a fixed-step fourth-order Runge-Kutta scheme.

    Parameters
    ----------
    initial : array_like, shape (5,)
        Starting state, order of :data:`HORMONES`, 0 to 1000 r.u.
    days : float
        Length of the run, 0.1 to 365 days (model time; the rates are illustrative).
    dt : float
        Step, 0.001 to 0.05 days.
    exogenous_androgen, aromatase_activity, gonadal_function, sex
        As in :func:`steady_state` (scalars), held constant during the run.

    Returns
    -------
    times : numpy.ndarray, shape (m,)
        Days from 0 to ``days``.
    states : numpy.ndarray, shape (m, 5)
        The state at each time.
    """
    derivatives(initial, exogenous_androgen, aromatase_activity, gonadal_function, sex)  # validates all
    check_range("days", days, 0.1, 365.0, unit="days")
    check_range("dt", dt, 0.001, 0.05, unit="days")
    p = CONSTANTS[sex]
    args = (float(exogenous_androgen), float(aromatase_activity), float(gonadal_function), p)
    steps = int(round(days / dt))
    out = np.empty((steps + 1, len(HORMONES)))
    s = out[0] = np.asarray(initial, dtype=float)
    for i in range(steps):
        k1 = _rates(s, *args)
        k2 = _rates(s + 0.5 * dt * k1, *args)
        k3 = _rates(s + 0.5 * dt * k2, *args)
        k4 = _rates(s + dt * k3, *args)
        s = out[i + 1] = s + dt / 6.0 * (k1 + 2 * k2 + 2 * k3 + k4)
    return np.linspace(0.0, steps * dt, steps + 1), out


def constants_table():
    """The illustrative constants of both sexes as a small pandas table (for the chapter)."""
    import pandas as pd

    rows = []
    labels = {
        "k_androgen": "Androgen level that halves GnRH drive (r.u.)",
        "k_estradiol_hypothalamus": "Estradiol level that halves GnRH drive (r.u.)",
        "k_estradiol_lh": "Estradiol level that halves LH release (r.u.)",
        "k_estradiol_fsh": "Estradiol level that halves FSH release (r.u.)",
        "hill": "Hill coefficient of estradiol feedback",
        "aromatase_share": "Estradiol from aromatase per unit androgen (a)",
        "ovarian_share": "Estradiol from the gonad per unit FSH (s)",
    }
    for name, label in labels.items():
        rows.append(
            {
                "constant": label,
                "male": getattr(CONSTANTS["male"], name),
                "female": getattr(CONSTANTS["female"], name),
                "source": "illustrative",
            }
        )
    return pd.DataFrame(rows).set_index("constant")
