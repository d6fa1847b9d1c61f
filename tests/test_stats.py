"""The course's distributions (scipy.stats behind range checks) against printed statistical tables."""

from __future__ import annotations

import math

import numpy as np
import pytest

from neurotrophins.models import stats


@pytest.mark.parametrize(
    ("p", "df", "expected"),
    # Student's t quantiles as printed in standard tables (for example Fisher and Yates, Table III).
    [
        (0.975, 1, 12.706),
        (0.975, 2, 4.303),
        (0.975, 3, 3.182),
        (0.975, 4, 2.776),
        (0.975, 10, 2.228),
        (0.975, 30, 2.042),
        (0.975, 120, 1.980),
        (0.95, 5, 2.015),
        (0.995, 20, 2.845),
        (0.025, 10, -2.228),
    ],
)
def test_t_quantiles_match_the_printed_tables(p, df, expected):
    assert stats.t_ppf(p, df) == pytest.approx(expected, abs=5e-4)


@pytest.mark.parametrize(
    ("p", "z"),
    # Standard normal quantiles as printed in tables: 0.8416, 1.2816, 1.6449, 1.9600, 2.5758.
    [(0.8, 0.8416), (0.9, 1.2816), (0.95, 1.6449), (0.975, 1.9600), (0.995, 2.5758), (0.5, 0.0)],
)
def test_normal_quantiles_and_distribution_function_match_the_printed_tables(p, z):
    assert stats.normal_ppf(p) == pytest.approx(z, abs=5e-5)
    assert float(stats.normal_cdf(z)) == pytest.approx(p, abs=5e-5)


def test_limits_shapes_and_the_cauchy_case():
    assert float(stats.normal_cdf(-np.inf)) == 0.0 and float(stats.normal_cdf(np.inf)) == 1.0
    assert stats.normal_cdf([[0, 1], [2, 3]]).shape == (2, 2)
    assert float(stats.t_cdf(1.0, 1)) == pytest.approx(0.75)  # Cauchy: 1/2 + atan(1)/pi
    assert stats.t_ppf(0.975, 1e6) == pytest.approx(stats.normal_ppf(0.975), abs=1e-5)
    assert float(stats.normal_pdf(30, 30, 8)) == pytest.approx(1 / (8 * math.sqrt(2 * math.pi)))


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: stats.normal_ppf(1.0), "p must be between 1e-06 and 0.999999; got 1"),
        (lambda: stats.t_ppf(0.975, 0.5), "df must be between 1 and 1e+07 degrees of freedom; got 0.5"),
        (lambda: stats.t_cdf(1.0, float("nan")), "df must be between 1 and 1e+07 degrees of freedom; got nan"),
        (lambda: stats.normal_cdf(float("nan")), "x must be between -inf and inf; got nan"),
        (lambda: stats.normal_pdf(0.0, sd=0.0), "sd must be between 1e-06 and 10000; got 0"),
    ],
)
def test_bad_arguments_are_rejected_with_their_name_and_range(call, message):
    with pytest.raises(ValueError, match=message.replace("(", r"\(").replace("+", r"\+")):
        call()


def test_each_function_gives_what_its_scipy_stats_call_gives():
    import scipy.stats

    x = np.linspace(-6, 6, 121)
    for df in (1, 2.5, 4, 11, 30, 1e4):
        np.testing.assert_allclose(stats.t_cdf(x, df), scipy.stats.t.cdf(x, df), rtol=1e-12, atol=1e-15)
        for p in (1e-6, 0.025, 0.5, 0.8, 0.975, 1 - 1e-6):
            assert stats.t_ppf(p, df) == pytest.approx(scipy.stats.t.ppf(p, df), rel=1e-12)
    np.testing.assert_allclose(stats.normal_cdf(x), scipy.stats.norm.cdf(x), rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(stats.normal_pdf(x, 2.0, 3.0), scipy.stats.norm.pdf(x, 2.0, 3.0), rtol=1e-12)
    for p in (1e-6, 0.1, 0.5, 0.975):
        assert stats.normal_ppf(p) == pytest.approx(scipy.stats.norm.ppf(p), rel=1e-12, abs=1e-15)
