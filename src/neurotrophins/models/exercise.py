r"""A teaching model of serum BDNF during and after one bout of exercise.

What the data say
-----------------
* A single exercise session raises peripheral BDNF by a moderate amount on average: Hedges' g 0.46
  (Szuhany et al. 2015, meta-analysis). A session performed after a training programme raises it a
  little more, g 0.59, and resting BDNF after training is slightly higher than before, g 0.27
  (published journal values of the same meta-analysis).
* The rise is brief: after a maximal test, serum BDNF of sedentary women was back at baseline by the
  30- and 60-minute samples (Nofuji et al. 2012; the recovery is reported only for the maximal
  test), and the brain's share of plasma BDNF fell within an hour of recovery (Rasmussen et al. 2009).
* Intensity matters, but not simply: serum BDNF rose after maximal and moderate tests, and the
  abstract reports a rise only after those two, not after the low (40 % of peak oxygen uptake) test
  (Nofuji et al. 2012);
  30 minutes at 60 % of VO2max gave no significant group rise (Goda et al. 2013), while 20 or 40
  minutes at 60 % or 80 % of heart-rate reserve raised it by about 32 % on average over the four
  exercise conditions, which did not differ from each other (Schmolesky et al. 2013). Longer sessions
  gave larger rises across studies (Dinoff et al. 2017).

The model
---------
BDNF above a person's resting level, :math:`\Delta(t)` in units of the between-person standard
deviation (SD) of serum BDNF, is fed at a constant rate :math:`g` during a bout of length :math:`D`
and cleared by first-order kinetics with rate :math:`k = \ln 2 / t_{1/2}`:

.. math::

    \frac{d\Delta}{dt} = g\,[0 \le t \le D] - k\,\Delta, \qquad \Delta(t) = 0 \text{ for } t < 0,

so that :math:`\Delta(t) = \tfrac{g}{k}(1 - e^{-kt})` during the bout and
:math:`\Delta(t) = \Delta(D)\,e^{-k(t - D)}` after it. The feed grows linearly with intensity above
a threshold :math:`I_0`, :math:`g \propto \max(0, I - I_0)`, and is scaled so that a reference
session (:math:`I_{ref}` = 70 % of peak oxygen uptake for :math:`D_{ref}` = 30 min) ends with
:math:`\Delta = A`, where :math:`A` is the meta-analytic effect of a single session (0.46 SD
untrained, 0.59 SD after training). Trained people also start from a resting level 0.27 SD higher.
In ng/mL, :math:`B(t) = B_0 + \sigma\,(R + \Delta(t))`, with the resting level :math:`B_0` =
32.69 ng/mL and :math:`\sigma` = 8.33 ng/mL of healthy volunteers (Naegelin et al. 2018) and
:math:`R` = 0.27 for trained people, 0 otherwise.

The equation is :func:`bout_rise_core` (short, for the chapter page); the public functions check
their arguments and then call it.

Which parameters rest on data
-----------------------------
From data: :math:`A` (0.46 and 0.59 SD), :math:`R` (0.27 SD), :math:`B_0` and :math:`\sigma`.
Illustrative, chosen to match the qualitative findings above: the half-life (10 min, so that one
eighth of the peak is left 30 min after the bout), the threshold (40 % of peak oxygen uptake), the
linear shape above it, and the reference session. It is a teaching model, not a fit: no study
measured BDNF often enough after exercise to estimate a half-life, and individuals vary widely.
"""

from __future__ import annotations

import math

import numpy as np

from .._validate import check_range
from .effect_size import NAEGELIN_SERUM_MEAN, NAEGELIN_SERUM_SD

#: Resting serum BDNF in 259 healthy volunteers, mean and SD in ng/mL (Naegelin et al. 2018).
RESTING_SERUM_NG_ML = NAEGELIN_SERUM_MEAN
BETWEEN_PERSON_SD_NG_ML = NAEGELIN_SERUM_SD
#: Hedges' g, Szuhany et al. (2015), published journal abstract.
SINGLE_SESSION_G = 0.46
SESSION_AFTER_TRAINING_G = 0.59
RESTING_AFTER_TRAINING_G = 0.27
#: Illustrative: chosen so that the rise has faded by the 30- and 60-min samples after a maximal test (Nofuji 2012).
HALF_LIFE_MIN = 10.0
#: Illustrative: no rise reported at 40 % of peak oxygen uptake (Nofuji et al. 2012).
INTENSITY_THRESHOLD = 0.40
#: Illustrative reference session on which the meta-analytic effect is placed.
REFERENCE_INTENSITY = 0.70
REFERENCE_DURATION_MIN = 30.0

TIME_RANGE = (-120.0, 600.0)
INTENSITY_RANGE = (0.2, 1.0)
DURATION_RANGE = (1.0, 120.0)
HALF_LIFE_RANGE = (2.0, 60.0)


def _check_trained(trained) -> None:
    if not isinstance(trained, (bool, np.bool_)):
        raise ValueError(f"trained must be True or False; got {trained!r}")


def _check(intensity, duration_min, trained, half_life_min) -> None:
    check_range("intensity", intensity, *INTENSITY_RANGE, unit="of peak oxygen uptake")
    check_range("duration_min", duration_min, *DURATION_RANGE, unit="min")
    _check_trained(trained)
    check_range("half_life_min", half_life_min, *HALF_LIFE_RANGE, unit="min")


def _amplitude(trained: bool) -> float:
    """The meta-analytic rise of the reference session: 0.59 SD after training, 0.46 SD otherwise."""
    return SESSION_AFTER_TRAINING_G if trained else SINGLE_SESSION_G


def bout_rise_core(time_min, intensity, duration_min, amplitude_sd, half_life_min):
    """Serum BDNF above the resting level, in SD units, at each time (no argument checks)."""
    k = np.log(2) / half_life_min  # clearance rate per minute, from the half-life
    gain = max(0.0, intensity - INTENSITY_THRESHOLD) / (REFERENCE_INTENSITY - INTENSITY_THRESHOLD)
    ceiling = amplitude_sd * gain / (1 - np.exp(-k * REFERENCE_DURATION_MIN))  # g/k: where a long bout levels off
    t = np.asarray(time_min, dtype=float)
    during = ceiling * (1 - np.exp(-k * np.clip(t, 0.0, duration_min)))  # climbs towards the ceiling
    peak = ceiling * (1 - np.exp(-k * duration_min))  # the rise at the end of the bout
    after = peak * np.exp(-k * np.clip(t - duration_min, 0.0, None))  # halves every half-life
    return np.where(t < 0, 0.0, np.where(t <= duration_min, during, after))


def peak_rise_sd(
    intensity: float = REFERENCE_INTENSITY,
    duration_min: float = REFERENCE_DURATION_MIN,
    trained: bool = False,
    half_life_min: float = HALF_LIFE_MIN,
) -> float:
    r"""Rise of serum BDNF at the end of a bout, in between-person SD units.

    .. math::

        \Delta(D) = A\,\frac{\max(0, I - I_0)}{I_{ref} - I_0}\,
                    \frac{1 - e^{-kD}}{1 - e^{-k D_{ref}}}, \qquad k = \ln 2 / t_{1/2}.

    Parameters
    ----------
    intensity : float
        Exercise intensity as a fraction of peak oxygen uptake, 0.2 to 1.0.
    duration_min : float
        Length of the bout in minutes, 1 to 120.
    trained : bool
        ``True`` after a regular training programme (effect 0.59 SD instead of 0.46 SD).
    half_life_min : float
        Half-life of the rise after the bout in minutes, 2 to 60 (illustrative, default 10).

    Returns
    -------
    float
        :math:`\Delta(D)`, the rise above the person's resting level, in SD units (0 or more).

    Raises
    ------
    ValueError
        If a parameter is outside its range; the message names the parameter.
    """
    _check(intensity, duration_min, trained, half_life_min)
    return float(bout_rise_core(duration_min, intensity, duration_min, _amplitude(trained), half_life_min))


def bout_rise_sd(
    time_min,
    intensity: float = REFERENCE_INTENSITY,
    duration_min: float = REFERENCE_DURATION_MIN,
    trained: bool = False,
    half_life_min: float = HALF_LIFE_MIN,
) -> np.ndarray:
    r"""Serum BDNF above the resting level over time, in between-person SD units.

    The bout starts at :math:`t = 0` and ends at :math:`t = D`. Before the bout :math:`\Delta = 0`;
    during it :math:`\Delta` rises towards :math:`g/k`; after it :math:`\Delta` halves every
    ``half_life_min`` minutes (see the module docstring for the equation).

    Parameters
    ----------
    time_min : float or array_like
        Time from the start of the bout in minutes, -120 to 600.
    intensity, duration_min, trained, half_life_min
        As in :func:`peak_rise_sd`.

    Returns
    -------
    numpy.ndarray
        :math:`\Delta(t)` in SD units, with the shape of ``time_min``.
    """
    check_range("time_min", time_min, *TIME_RANGE, unit="min")
    _check(intensity, duration_min, trained, half_life_min)
    return bout_rise_core(time_min, intensity, duration_min, _amplitude(trained), half_life_min)


def resting_level_ng_ml(trained: bool = False) -> float:
    """Resting serum BDNF in ng/mL: 32.69, plus 0.27 SD (8.33 ng/mL each) after training."""
    _check_trained(trained)
    return RESTING_SERUM_NG_ML + (RESTING_AFTER_TRAINING_G * BETWEEN_PERSON_SD_NG_ML if trained else 0.0)


def serum_bdnf_ng_ml(
    time_min,
    intensity: float = REFERENCE_INTENSITY,
    duration_min: float = REFERENCE_DURATION_MIN,
    trained: bool = False,
    half_life_min: float = HALF_LIFE_MIN,
) -> np.ndarray:
    r"""Serum BDNF in ng/mL over time: :math:`B(t) = B_0 + \sigma\,(R + \Delta(t))`.

    Parameters
    ----------
    time_min, intensity, duration_min, trained, half_life_min
        As in :func:`bout_rise_sd`.

    Returns
    -------
    numpy.ndarray
        Serum BDNF in ng/mL, with the shape of ``time_min``. The translation from SD units to
        ng/mL uses one cohort's spread (8.33 ng/mL) and is only indicative.
    """
    rise = bout_rise_sd(time_min, intensity, duration_min, trained, half_life_min)
    return resting_level_ng_ml(trained) + BETWEEN_PERSON_SD_NG_ML * rise


def minutes_to_fraction_left(fraction: float, half_life_min: float = HALF_LIFE_MIN) -> float:
    r"""Minutes after the bout until a share ``fraction`` of the end-of-bout rise is left.

    :math:`t = t_{1/2}\,\log_2(1/f)`.

    Parameters
    ----------
    fraction : float
        Share of the rise still present, greater than 0 and at most 1.
    half_life_min : float
        Half-life in minutes, 2 to 60.
    """
    check_range("fraction", fraction, 1e-9, 1.0)
    check_range("half_life_min", half_life_min, *HALF_LIFE_RANGE, unit="min")
    return float(half_life_min) * math.log2(1.0 / float(fraction))
