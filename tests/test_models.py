"""The neurogenesis teaching model: shape, limits, monotonicity and argument checks."""

import numpy as np
import pytest

from neurotrophins.data import load
from neurotrophins.models import neurogenesis as ng


def test_nothing_is_adult_born_before_the_onset_age():
    ages = np.arange(0, 18.5, 0.5)
    assert np.all(ng.adult_born_fraction(ages, onset_age_years=18) == 0)


def test_share_rises_with_age_and_never_exceeds_the_renewing_fraction():
    ages = np.linspace(18, 120, 500)
    share = ng.adult_born_fraction(ages, 0.05, 0.4)
    assert np.all(np.diff(share) > 0)
    assert share.max() < 0.4
    assert ng.adult_born_fraction(120, 0.1, 0.4) == pytest.approx(0.4 * (1 - np.exp(-0.1 * 102)))


def test_share_increases_with_turnover_and_with_the_renewing_fraction():
    rates = np.linspace(0, 0.1, 21)
    shares = [float(ng.adult_born_fraction(60, r)) for r in rates]
    assert shares[0] == 0 and np.all(np.diff(shares) > 0)
    fractions = np.linspace(0, 1, 11)
    shares = [float(ng.adult_born_fraction(60, 0.02, f)) for f in fractions]
    assert np.all(np.diff(shares) > 0)


def test_spalding_reading_at_80_is_about_22_percent():
    # f (1 - exp(-r (80 - 18))) with f = 1/3, r = 0.0175
    assert float(ng.adult_born_fraction(80)) == pytest.approx((1 / 3) * (1 - np.exp(-0.0175 * 62)))
    assert round(float(ng.adult_born_fraction(80)), 2) == 0.22


def test_output_keeps_the_shape_of_the_ages():
    ages = np.array([[20, 30], [40, 50]])
    assert ng.adult_born_fraction(ages).shape == (2, 2)


@pytest.mark.parametrize(
    ("kwargs", "name", "range_text"),
    [
        ({"age_years": -1}, "age_years", "between 0 and 120 years"),
        ({"age_years": [30, 130]}, "age_years", "between 0 and 120 years"),
        ({"age_years": float("nan")}, "age_years", "got nan"),
        ({"age_years": 30, "turnover_per_year": 0.5}, "turnover_per_year", "between 0 and 0.1 per year"),
        ({"age_years": 30, "turnover_per_year": -0.01}, "turnover_per_year", "got -0.01"),
        ({"age_years": 30, "renewing_fraction": 1.5}, "renewing_fraction", "between 0 and 1"),
        ({"age_years": 30, "onset_age_years": 200}, "onset_age_years", "between 0 and 120 years"),
    ],
)
def test_bad_parameters_are_rejected_with_their_name_and_range(kwargs, name, range_text):
    with pytest.raises(ValueError, match=name) as err:
        ng.adult_born_fraction(**kwargs)
    assert range_text in str(err.value)


def test_implied_renewing_pool():
    assert ng.implied_renewing_pool(700, 0.0175) == pytest.approx(700 * 365.25 / 0.0175)
    with pytest.raises(ValueError, match="turnover_per_year"):
        ng.implied_renewing_pool(700, 0)
    with pytest.raises(ValueError, match="neurons_per_day"):
        ng.implied_renewing_pool(0, 0.0175)


def test_model_defaults_match_the_dataset():
    numbers = load("key_numbers").set_index("id")["value"]
    assert ng.SPALDING_TURNOVER_PER_YEAR == numbers["hippocampus_turnover_per_year"]
    assert ng.SPALDING_NEURONS_PER_DAY == numbers["hippocampus_new_neurons_per_day"]
    assert round(ng.SPALDING_RENEWING_FRACTION, 4) == numbers["hippocampus_renewing_fraction"]
