r"""A teaching model of the GH/IGF-1 axis over one day: pulses, somatostatin, sleep and IGF-1.

The pituitary releases growth hormone (GH) in pulses. Growth hormone-releasing hormone (GHRH)
drives the pulses, somatostatin holds secretion down between them, and ghrelin (and the drugs that
mimic it at the GHS-R1a receptor) adds pulses of its own. In young men the largest pulse comes
early in the night, together with deep slow-wave sleep; both shrink with age (Van Cauter et al.
2000). IGF-1, made mainly in the liver in response to GH, changes slowly and so integrates GH over
many hours. This module turns that picture into a small model a learner can push on.

It is a teaching model, not a fit to data and not a pharmacological model: every output is in
arbitrary units (AU) and is meant to be read relative to a baseline scenario. Nothing here says
anything about doses.

The model
---------
Clock time :math:`t` runs in hours from midnight; sleep starts at 23:00. GH secretion by the
pituitary (AU per hour) is

.. math::

    s(t) = \frac{b + A\,p(t) + A_n\,\phi(a)\,n(t) + H\,r(t)}
                {1 + \kappa\,\sigma\,\bigl[1 - e(t)\bigr]}
           + C\,\frac{b}{1 + \kappa\,\sigma},
    \qquad e(t) = \min\bigl(1,\; p(t) + n(t)\bigr),

where :math:`p(t)` is a train of daytime pulses (Gaussian, peak 1, every :math:`T_p` hours),
:math:`n(t)` the nocturnal pulse (peak 1, an hour after sleep onset), :math:`r(t)` an added
secretagogue pulse (peak 1) and :math:`e(t)` the release envelope: somatostatin is withdrawn while
a natural pulse is under way and restrains secretion in between, an added pulse included.
:math:`b` is the basal secretion, :math:`A` and :math:`A_n` the peaks of a daytime and of the
nocturnal pulse, :math:`H` the size of the secretagogue pulse, :math:`\sigma` the somatostatin tone
relative to baseline and :math:`\kappa` its strength.

The last term is a long-acting GHRH analogue. It adds a steady floor under the day: the
between-pulse secretion :math:`b / (1 + \kappa\sigma)` is raised :math:`(1 + C)`-fold, and the
pulses are left as they are. That is what the one human study of continuous exposure found: one
week after a single injection of CJC-1295, GH pulse frequency and size were unchanged, trough GH
rose about 7.5-fold and mean GH by 46% (Ionescu and Frohman 2006). An earlier version of this model
multiplied every term by a GHRH drive, which scales the pulses as much as the troughs; the human
data reject that. The age factor of the nocturnal pulse is

.. math::

    \phi(a) = \mathrm{SWS}(a) / \mathrm{SWS}(a_\text{young}),

the share of deep slow-wave sleep at age :math:`a` relative to young adulthood, interpolated
linearly between the two group means of Van Cauter et al. (2000): 18.9 % at ages 16-25 (placed at
20.5 years) and 3.4 % at ages 36-50 (placed at 43 years), and held flat outside them (slow-wave
sleep did not fall further into late life). That the nocturnal pulse scales *in proportion* to
slow-wave sleep is an assumption of the model.

GH in blood is cleared by first-order kinetics, and IGF-1 follows a saturating function of GH
slowly:

.. math::

    \frac{dG}{dt} = s(t) - k_G\,G, \qquad k_G = \frac{\ln 2}{t_{1/2}}, \qquad
    \frac{dI}{dt} = \frac{1}{\tau_I}\Bigl(\frac{G}{G + K} - I\Bigr).

The equations are stepped exactly for a piecewise-constant input (step ``DT_H``), from rest, for
``burn_in_days`` days and then for the ``days`` that are returned, so that the returned days are in
the periodic (day-after-day) state.

What the model leaves out: IGF-1 feedback on GHRH, somatostatin and the pituitary; sex and body
composition; the slow further fall of GH from midlife to late life (Van Cauter et al. 2000 report
-43 µg per decade there, with no further fall in slow-wave sleep); tolerance to secretagogues; how a
GHRH analogue's effect builds up and wears off over days; and every pharmacokinetic detail of real
drugs.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .._validate import check_range

# ---------------------------------------------------------------- sourced constants
#: Share of deep slow-wave sleep (% of sleep) at ages 16-25, Van Cauter et al. (2000), 149 men.
SWS_YOUNG_PCT = 18.9
#: Share of deep slow-wave sleep (% of sleep) at ages 36-50, Van Cauter et al. (2000).
SWS_MIDLIFE_PCT = 3.4
#: Ages at which the two group means are placed: the midpoints of 16-25 and 36-50 years.
SWS_AGES = (20.5, 43.0)

# ---------------------------------------------------------------- illustrative constants
#: Time step of the simulation, hours (5 minutes).
DT_H = 5 / 60
#: Interval between daytime GH pulses, hours (illustrative).
PULSE_INTERVAL_H = 3.0
#: Width (standard deviation) of a daytime pulse of GH release, hours (illustrative).
PULSE_SD_H = 0.25
#: Clock time of sleep onset, hours after midnight (illustrative: 23:00).
SLEEP_ONSET_H = 23.0
#: Delay from sleep onset to the peak of the nocturnal, slow-wave-sleep pulse, hours (illustrative).
NIGHT_PULSE_DELAY_H = 1.0
#: Width of the nocturnal pulse, hours (illustrative).
NIGHT_PULSE_SD_H = 0.5
#: Clock time of the added secretagogue pulse, hours after midnight (illustrative: 21:30).
SECRETAGOGUE_TIME_H = 21.5
#: Width of the added secretagogue pulse, hours (illustrative).
SECRETAGOGUE_SD_H = 0.4
#: Basal secretion before somatostatin restraint, AU per hour (illustrative). Between pulses it is
#: restrained to a quarter of this, a trough about 2 % of a daytime GH peak.
BASAL_AU_H = 0.05
#: Peak rate of a daytime pulse, AU per hour (illustrative).
PULSE_AMPLITUDE_AU_H = 1.0
#: Peak rate of the nocturnal pulse in a young adult, AU per hour (illustrative).
NIGHT_PULSE_AMPLITUDE_AU_H = 5.0
#: Strength of somatostatin restraint between pulses at baseline tone (illustrative).
SOMATOSTATIN_STRENGTH = 3.0
#: Half-life of GH in blood, hours (illustrative: minutes, not hours).
GH_HALF_LIFE_H = 0.25
#: Time constant of IGF-1, hours (illustrative: IGF-1 changes over about a day).
IGF1_TAU_H = 24.0
#: GH level (AU) at which IGF-1 production is half its maximum (illustrative).
IGF1_HALF_SATURATION_AU = 0.5

# ---------------------------------------------------------------- allowed ranges
AGE_RANGE = (18.0, 90.0)
ANALOGUE_RANGE = (0.0, 20.0)
SECRETAGOGUE_RANGE = (0.0, 10.0)
SOMATOSTATIN_RANGE = (0.0, 5.0)
DAYS_RANGE = (1, 14)
BURN_IN_RANGE = (0, 60)

#: Fold rise in trough GH one week after one injection of CJC-1295 (Ionescu and Frohman 2006):
#: the analogue scenario raises the model's between-pulse secretion by the same factor.
ANALOGUE_TROUGH_FOLD = 7.5

#: Teaching scenarios: parameters that differ from the baseline (no drug; same age).
SCENARIOS: dict[str, dict[str, float]] = {
    "Baseline": {},
    "Long-acting GHRH analogue": {"ghrh_analogue": ANALOGUE_TROUGH_FOLD - 1.0},
    "Secretagogue pulse": {"secretagogue": 4.0},
    "Both": {"ghrh_analogue": ANALOGUE_TROUGH_FOLD - 1.0, "secretagogue": 4.0},
}


@dataclass(frozen=True)
class AxisDays:
    """The GH/IGF-1 axis over the returned days, sampled every ``DT_H`` hours.

    Attributes
    ----------
    time_h : numpy.ndarray
        Hours from the first returned midnight (0 to ``24 * days``, end excluded).
    secretion : numpy.ndarray
        GH secretion rate, AU per hour.
    gh : numpy.ndarray
        GH concentration in blood, AU.
    igf1 : numpy.ndarray
        IGF-1 concentration, AU (0 to 1 by construction).
    """

    time_h: np.ndarray
    secretion: np.ndarray
    gh: np.ndarray
    igf1: np.ndarray

    @property
    def clock_h(self) -> np.ndarray:
        """Clock time of each sample, hours after midnight (0 to 24)."""
        return np.mod(self.time_h, 24.0)

    @property
    def mean_gh(self) -> float:
        """Mean GH over the returned days, AU."""
        return float(self.gh.mean())

    @property
    def mean_igf1(self) -> float:
        """Mean IGF-1 over the returned days, AU."""
        return float(self.igf1.mean())

    @property
    def night_peak(self) -> float:
        """Highest GH during the first four hours of sleep (23:00 to 03:00), AU."""
        clock = self.clock_h
        night = (clock >= SLEEP_ONSET_H) | (clock < (SLEEP_ONSET_H + 4.0) % 24.0)
        return float(self.gh[night].max())

    @property
    def trough(self) -> float:
        """Lowest GH over the returned days, AU."""
        return float(self.gh.min())


def sws_share_pct(age_years) -> np.ndarray:
    """Share of deep slow-wave sleep (% of sleep) at a given age, from Van Cauter et al. (2000).

    Linear between 18.9 % (ages 16-25, placed at 20.5 years) and 3.4 % (ages 36-50, placed at 43
    years); flat before and after (the study found no further significant fall into late life).

    Parameters
    ----------
    age_years : float or array_like
        Age, 18 to 90 years.
    """
    check_range("age_years", age_years, *AGE_RANGE, unit="years")
    return np.interp(np.asarray(age_years, dtype=float), SWS_AGES, (SWS_YOUNG_PCT, SWS_MIDLIFE_PCT))


def night_pulse_factor(age_years) -> np.ndarray:
    """Size of the nocturnal GH pulse relative to a young adult: SWS(age) / SWS(young), 0 to 1."""
    return sws_share_pct(age_years) / SWS_YOUNG_PCT


def _bump(clock_h: np.ndarray, centre_h: float, sd_h: float) -> np.ndarray:
    """A Gaussian bump of peak 1 on the 24-hour clock (wrapping around midnight)."""
    d = np.mod(clock_h - centre_h + 12.0, 24.0) - 12.0
    return np.exp(-0.5 * (d / sd_h) ** 2)


def _day_shapes() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Clock, daytime pulse train, nocturnal pulse and secretagogue pulse over one day."""
    clock = np.arange(0.0, 24.0, DT_H)
    night_centre = (SLEEP_ONSET_H + NIGHT_PULSE_DELAY_H) % 24.0
    day_times = [
        t
        for t in np.arange(0.0, 24.0, PULSE_INTERVAL_H)
        if abs(((t - night_centre + 12.0) % 24.0) - 12.0) > PULSE_INTERVAL_H / 2
    ]
    pulses = np.sum([_bump(clock, t, PULSE_SD_H) for t in day_times], axis=0)
    night = _bump(clock, night_centre, NIGHT_PULSE_SD_H)
    secretagogue = _bump(clock, SECRETAGOGUE_TIME_H, SECRETAGOGUE_SD_H)
    return clock, pulses, night, secretagogue


_CLOCK, _PULSES, _NIGHT, _SECRETAGOGUE = _day_shapes()


def secretion_core(pulses, night, added, night_factor, ghrh_analogue, secretagogue, somatostatin):
    """s(t) in AU/h; secretion_rate checks the arguments first."""
    pulsatile = (
        BASAL_AU_H
        + PULSE_AMPLITUDE_AU_H * pulses
        + NIGHT_PULSE_AMPLITUDE_AU_H * night_factor * night
        + secretagogue * added
    )
    envelope = np.minimum(1.0, pulses + night)
    restraint = 1.0 + SOMATOSTATIN_STRENGTH * somatostatin * (1.0 - envelope)
    floor = ghrh_analogue * BASAL_AU_H / (1.0 + SOMATOSTATIN_STRENGTH * somatostatin)
    return pulsatile / restraint + floor


def day_shapes() -> dict[str, np.ndarray]:
    """The shapes of one day, every ``DT_H`` hours from midnight, each with a peak of 1 (no unit).

    Returns
    -------
    dict
        ``pulses`` (the daytime pulse train), ``night`` (the nocturnal pulse) and ``added`` (the
        added secretagogue pulse at ``SECRETAGOGUE_TIME_H``).
    """
    return {"pulses": _PULSES.copy(), "night": _NIGHT.copy(), "added": _SECRETAGOGUE.copy()}


def secretion_rate(
    age_years: float = 60.0,
    ghrh_analogue: float = 0.0,
    secretagogue: float = 0.0,
    somatostatin: float = 1.0,
) -> np.ndarray:
    r"""GH secretion rate :math:`s(t)` over one day (AU per hour), every ``DT_H`` hours from midnight.

    Parameters
    ----------
    age_years : float
        Age, 18 to 90 years; sets the nocturnal pulse through :func:`night_pulse_factor`.
    ghrh_analogue : float
        Steady stimulation by a long-acting GHRH analogue, 0 to 20 (0 = none): the between-pulse
        secretion is raised ``1 + ghrh_analogue``-fold and the pulses are left unchanged. A relative
        size, not a dose.
    secretagogue : float
        Peak rate of an added ghrelin-mimetic (secretagogue) pulse, 0 to 10 AU per hour (0 = none;
        1 = the size of a daytime pulse). A relative size, not a dose.
    somatostatin : float
        Somatostatin tone relative to baseline, 0 to 5 (1 = baseline; 0 = no restraint).

    Returns
    -------
    numpy.ndarray
        Secretion rate in AU per hour, one value per time step of one day (never negative).
    """
    check_range("age_years", age_years, *AGE_RANGE, unit="years")
    check_range("ghrh_analogue", ghrh_analogue, *ANALOGUE_RANGE, unit="x trough secretion")
    check_range("secretagogue", secretagogue, *SECRETAGOGUE_RANGE, unit="AU/h")
    check_range("somatostatin", somatostatin, *SOMATOSTATIN_RANGE, unit="x baseline")
    night_factor = float(night_pulse_factor(age_years))
    return secretion_core(_PULSES, _NIGHT, _SECRETAGOGUE, night_factor, ghrh_analogue, secretagogue, somatostatin)


def simulate_axis(
    age_years: float = 60.0,
    ghrh_analogue: float = 0.0,
    secretagogue: float = 0.0,
    somatostatin: float = 1.0,
    days: int = 1,
    burn_in_days: int = 10,
) -> AxisDays:
    """Simulate GH and IGF-1 from rest and return the last ``days`` days (the periodic state).

    Parameters
    ----------
    age_years, ghrh_analogue, secretagogue, somatostatin : float
        As in :func:`secretion_rate`; each day repeats the same secretion pattern.
    days : int
        Days to return, 1 to 14.
    burn_in_days : int
        Days simulated first and discarded, 0 to 60. IGF-1 starts from zero and settles with a
        time constant of ``IGF1_TAU_H`` hours, so 10 days leave it within 0.01 % of its periodic
        state.

    Returns
    -------
    AxisDays
        Time, secretion (AU/h), GH (AU) and IGF-1 (AU) over the returned days.

    Raises
    ------
    ValueError
        If a parameter is outside its range; the message names the parameter and the range.
    """
    s_day = secretion_rate(age_years, ghrh_analogue, secretagogue, somatostatin)
    check_range("days", days, *DAYS_RANGE, unit="days")
    check_range("burn_in_days", burn_in_days, *BURN_IN_RANGE, unit="days")
    if int(days) != days or int(burn_in_days) != burn_in_days:
        raise ValueError(f"days and burn_in_days must be whole numbers; got {days} and {burn_in_days}")
    days, burn_in_days = int(days), int(burn_in_days)
    k = math.log(2.0) / GH_HALF_LIFE_H
    a_gh = math.exp(-k * DT_H)  # exact one-step decay of GH
    b_gh = (1.0 - a_gh) / k  # exact gain for a constant secretion over one step
    a_igf = math.exp(-DT_H / IGF1_TAU_H)
    half = IGF1_HALF_SATURATION_AU
    n_day = s_day.size
    total = n_day * (burn_in_days + days)
    s = np.tile(s_day, burn_in_days + days).tolist()
    gh = [0.0] * total
    igf = [0.0] * total
    g = i = 0.0
    for j in range(total):
        gh[j], igf[j] = g, i
        target = g / (g + half)
        g = a_gh * g + b_gh * s[j]
        i = a_igf * i + (1.0 - a_igf) * target
    keep = slice(n_day * burn_in_days, total)
    return AxisDays(
        time_h=np.arange(n_day * days) * DT_H,
        secretion=np.asarray(s[keep]),
        gh=np.asarray(gh[keep]),
        igf1=np.asarray(igf[keep]),
    )


def scenario_params(name: str, age_years: float = 60.0) -> dict[str, float]:
    """Keyword arguments of :func:`simulate_axis` for one of the teaching ``SCENARIOS``."""
    if name not in SCENARIOS:
        raise ValueError(f"scenario must be one of {', '.join(SCENARIOS)}; got {name!r}")
    return {"age_years": age_years, **SCENARIOS[name]}


def relative_to(result: AxisDays, reference: AxisDays) -> dict[str, float]:
    """Summary measures of ``result`` as percentages of the same measures in ``reference``.

    Returns
    -------
    dict
        ``mean_gh``, ``mean_igf1``, ``night_peak`` and ``trough``, each in % of the reference.
    """
    return {
        "mean_gh": 100.0 * result.mean_gh / reference.mean_gh,
        "mean_igf1": 100.0 * result.mean_igf1 / reference.mean_igf1,
        "night_peak": 100.0 * result.night_peak / reference.night_peak,
        "trough": 100.0 * result.trough / reference.trough,
    }


def compare_scenarios(age_years: float = 60.0) -> dict[str, dict[str, float]]:
    """Every teaching scenario at one age, as % of the baseline scenario at that age."""
    runs = {name: simulate_axis(**scenario_params(name, age_years)) for name in SCENARIOS}
    return {name: relative_to(run, runs["Baseline"]) for name, run in runs.items()}


def parameter_table() -> list[dict[str, object]]:
    """Every parameter of the model with its value, unit and source, for display as a table.

    Returns
    -------
    list of dict
        One dict per parameter with keys ``symbol``, ``meaning``, ``value``, ``unit`` and ``source``
        (a reference key, or "illustrative" for values chosen to make the teaching point).
    """
    rows = [
        ("T_p", "interval between daytime pulses", PULSE_INTERVAL_H, "h", "illustrative"),
        ("", "width (SD) of a daytime pulse", PULSE_SD_H, "h", "illustrative"),
        ("", "sleep onset (clock time)", SLEEP_ONSET_H, "h after midnight", "illustrative"),
        ("", "delay from sleep onset to the nocturnal pulse", NIGHT_PULSE_DELAY_H, "h", "illustrative"),
        ("", "width (SD) of the nocturnal pulse", NIGHT_PULSE_SD_H, "h", "illustrative"),
        ("b", "basal secretion (before somatostatin restraint)", BASAL_AU_H, "AU/h", "illustrative"),
        ("A", "peak of a daytime pulse", PULSE_AMPLITUDE_AU_H, "AU/h", "illustrative"),
        ("A_n", "peak of the nocturnal pulse, young adult", NIGHT_PULSE_AMPLITUDE_AU_H, "AU/h", "illustrative"),
        ("κ", "strength of somatostatin restraint", SOMATOSTATIN_STRENGTH, "none", "illustrative"),
        ("t½", "half-life of GH in blood", GH_HALF_LIFE_H, "h", "illustrative"),
        ("τ_I", "time constant of IGF-1", IGF1_TAU_H, "h", "illustrative"),
        ("K", "GH level giving half-maximal IGF-1 production", IGF1_HALF_SATURATION_AU, "AU", "illustrative"),
        (
            "",
            "slow-wave sleep at ages 16-25 (placed at 20.5 years)",
            SWS_YOUNG_PCT,
            "% of sleep",
            "vancauter2000agerelated",
        ),
        (
            "",
            "slow-wave sleep at ages 36-50 (placed at 43 years)",
            SWS_MIDLIFE_PCT,
            "% of sleep",
            "vancauter2000agerelated",
        ),
        (
            "1 + C",
            "rise in between-pulse secretion in the GHRH-analogue scenario",
            ANALOGUE_TROUGH_FOLD,
            "fold",
            "ionescu2006pulsatile",
        ),
        ("", "clock time of the added secretagogue pulse", SECRETAGOGUE_TIME_H, "h after midnight", "illustrative"),
        ("", "width (SD) of the added secretagogue pulse", SECRETAGOGUE_SD_H, "h", "illustrative"),
    ]
    return [dict(zip(("symbol", "meaning", "value", "unit", "source"), row, strict=True)) for row in rows]
