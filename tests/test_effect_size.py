"""Effect sizes, sample size and power: published reference values, limits, monotonicity, bad input."""

import math

import numpy as np
import pytest

from neurotrophins.data import load
from neurotrophins.models import effect_size as es

# --- effect sizes -----------------------------------------------------------------------------


def test_effect_size_pictures_for_d_of_one_half():
    assert float(es.probability_of_superiority(0.5)) == pytest.approx(0.638, abs=5e-4)
    assert float(es.cohens_u3(0.5)) == pytest.approx(0.691, abs=5e-4)
    assert float(es.overlap_coefficient(0.5)) == pytest.approx(0.803, abs=5e-4)


def test_no_difference_means_full_overlap_and_a_coin_toss():
    assert float(es.cohens_u3(0)) == 0.5
    assert float(es.probability_of_superiority(0)) == 0.5
    assert float(es.overlap_coefficient(0)) == 1.0


def test_pictures_change_monotonically_with_d_and_overlap_is_symmetric():
    d = np.linspace(0, 3, 61)
    assert np.all(np.diff(es.cohens_u3(d)) > 0)
    assert np.all(np.diff(es.probability_of_superiority(d)) > 0)
    assert np.all(np.diff(es.overlap_coefficient(d)) < 0)
    np.testing.assert_allclose(es.overlap_coefficient(-d), es.overlap_coefficient(d))
    np.testing.assert_allclose(es.cohens_u3(-d), 1 - es.cohens_u3(d))


def test_overlap_equals_the_area_under_the_lower_curve():
    x = np.linspace(-12, 14, 40001)
    shared = np.minimum(es.normal_pdf(x, 0, 1), es.normal_pdf(x, 1.3, 1))
    assert np.trapezoid(shared, x) == pytest.approx(float(es.overlap_coefficient(1.3)), abs=1e-6)


def test_hedges_correction_shrinks_small_samples_only():
    assert es.hedges_correction(10, 10) == pytest.approx(1 - 3 / 71)
    assert float(es.hedges_g(0.5, 10, 10)) == pytest.approx(0.5 * (1 - 3 / 71))
    assert es.hedges_correction(5000, 5000) == pytest.approx(1, abs=1e-3)
    sizes = [2, 5, 10, 50, 500]
    factors = [es.hedges_correction(n, n) for n in sizes]
    assert np.all(np.diff(factors) > 0) and all(f < 1 for f in factors)


def test_difference_in_units_and_percent_conversions():
    assert float(es.difference_in_units(0.46, 8.33)) == pytest.approx(3.8318)
    assert es.cohens_d(36.0, 32.0, 8.0) == 0.5
    assert float(es.d_from_percent(20, 25)) == 0.8
    assert float(es.paired_dz(0.8, 0.5)) == pytest.approx(0.8)
    assert float(es.paired_dz(0.8, 0.0)) == pytest.approx(0.8 / math.sqrt(2))
    assert float(es.paired_dz(0.8, 0.9)) > float(es.paired_dz(0.8, 0.5))


# --- sample size and power --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("d", "normal", "t"),
    # Cohen's tables, two-sided alpha 0.05, power 0.80: d 0.5 -> 64 and d 0.8 -> 26 per group. For d 0.2
    # the table prints 393; the exact noncentral-t answer (as in G*Power) and our t correction give 394.
    [(0.8, 25, 26), (0.5, 63, 64), (0.2, 393, 394)],
)
def test_two_group_sample_size_matches_cohens_table(d, normal, t):
    assert es.sample_size_two_groups(d) == normal
    assert es.sample_size_two_groups(d, method="t") == t


def test_unrounded_formula_for_d_of_0_8_is_24_5():
    assert es.n_formula(0.8) == pytest.approx(24.53, abs=0.01)
    assert es.n_formula(0.8, paired=True) == pytest.approx(24.53 / 2, abs=0.01)


def test_sample_size_falls_with_d_and_rises_with_power_and_stricter_alpha():
    ns = [es.sample_size_two_groups(d) for d in (0.2, 0.4, 0.6, 0.8, 1.0)]
    assert np.all(np.diff(ns) < 0)
    assert es.sample_size_two_groups(0.5, power=0.9) > es.sample_size_two_groups(0.5, power=0.8)
    assert es.sample_size_two_groups(0.5, alpha=0.01) > es.sample_size_two_groups(0.5, alpha=0.05)
    assert es.sample_size_two_groups(0.5, power=0.9) == 85  # 2 (1.96 + 1.2816)^2 / 0.25 = 84.06


def test_paired_design_needs_fewer_people_the_higher_the_correlation():
    ns = [es.sample_size_paired(0.5, rho) for rho in (0.0, 0.3, 0.5, 0.7, 0.9)]
    assert np.all(np.diff(ns) < 0)
    # with rho = 0.5 the paired d_z equals d, so n pairs = half the per-group n
    assert es.sample_size_paired(0.8, 0.5) == math.ceil(es.n_formula(0.8) / 2)
    assert es.sample_size_paired(0.8, 0.5, method="t") >= es.sample_size_paired(0.8, 0.5)


def test_power_is_alpha_without_an_effect_and_reaches_the_target_at_the_required_n():
    assert float(es.power_two_groups(0.0, 40)) == pytest.approx(0.05)
    assert float(es.power_paired(0.0, 40, 0.6, alpha=0.01)) == pytest.approx(0.01)
    n = es.sample_size_two_groups(0.5)
    assert float(es.power_two_groups(0.5, n)) >= 0.8 > float(es.power_two_groups(0.5, n - 1))
    power = es.power_two_groups(0.5, np.arange(2, 300))
    assert np.all(np.diff(power) > 0) and power[-1] < 1


def test_serum_bdnf_twenty_percent_example_from_the_chapter():
    table = load("key_numbers").set_index("id")
    numbers, spreads = table["value"], table["spread"]
    cv = 100 * spreads["naegelin_serum_mean"] / numbers["naegelin_serum_mean"]
    d = float(es.d_from_percent(20, cv))
    assert round(d, 2) == 0.78
    assert es.sample_size_two_groups(d) == 26
    assert es.sample_size_two_groups(d, method="t") == 27


def test_model_constants_match_the_dataset():
    row = load("key_numbers").set_index("id").loc["naegelin_serum_mean"]
    assert es.NAEGELIN_SERUM_MEAN == row["value"]
    assert es.NAEGELIN_SERUM_SD == row["spread"] and row["spread_kind"] == "sd"


@pytest.mark.parametrize(
    ("call", "name", "text"),
    [
        (lambda: es.sample_size_two_groups(0), "d", "between 0.01 and 50 SD"),
        (lambda: es.sample_size_two_groups(-0.5), "d", "got -0.5 SD"),
        (lambda: es.sample_size_two_groups(0.5, alpha=0.5), "alpha", "between 0.001 and 0.2"),
        (lambda: es.sample_size_two_groups(0.5, power=1.0), "power", "between 0.5 and 0.999"),
        (lambda: es.sample_size_two_groups(0.5, power=float("nan")), "power", "got nan"),
        (lambda: es.sample_size_two_groups(0.5, method="exact"), "method", "'normal', 't'"),
        (lambda: es.sample_size_paired(0.5, rho=1.0), "rho", "between -0.99 and 0.99"),
        (lambda: es.sample_size_paired(30.0, rho=0.9), "d_z", "between 0.01 and 50 SD; got 67.082 SD"),
        (lambda: es.power_two_groups(0.5, 1), "n", "between 2 and 1e+06 people"),
        (lambda: es.hedges_correction(1, 10), "n1", "between 2 and 1e+06 people"),
        (lambda: es.hedges_g(0.5, 10, 0), "n2", "between 2 and 1e+06 people"),
        (lambda: es.cohens_u3(7), "d", "between -5 and 5 SD"),
        (lambda: es.difference_in_units(0.5, 0), "sd", "between 1e-06 and 10000"),
        (lambda: es.d_from_percent(20, 0), "cv_percent", "between 0.1 and 500 %"),
        (lambda: es.d_from_percent(0, 25), "percent_difference", "between 0.1 and 500 %"),
        (lambda: es.cohens_d(30, -1, 8), "mean_control", "between 0 and 10000"),
    ],
)
def test_bad_parameters_are_rejected_with_their_name(call, name, text):
    with pytest.raises(ValueError, match=name) as err:
        call()
    assert text in str(err.value)
