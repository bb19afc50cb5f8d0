"""Rulings inside form XObjects: pdfium gives a form's contents in the form's own space, and the
ruled-table walk carries each form's placement to the page (tests/fixtures/matrix.py's
``qpdf-forms`` and ``qpdf-fitted`` producers check it end to end)."""

from __future__ import annotations

import random

import pytest

from checker.extractors.pdf.rulings import IDENTITY, _box_on_page, _compose


def _apply(m: tuple[float, ...], x: float, y: float) -> tuple[float, float]:
    a, b, c, d, e, f = m
    return a * x + c * y + e, b * x + d * y + f


def test_compose_applies_the_first_matrix_then_the_second() -> None:
    rng = random.Random(5)
    for _ in range(50):
        first = tuple(rng.uniform(-3, 3) for _ in range(6))
        then = tuple(rng.uniform(-3, 3) for _ in range(6))
        x, y = rng.uniform(-100, 100), rng.uniform(-100, 100)
        got = _apply(_compose(first, then), x, y)  # type: ignore[arg-type]
        want = _apply(then, *_apply(first, x, y))
        assert got == pytest.approx(want)
    assert _compose((2.0, 0.0, 0.0, 2.0, 5.0, 7.0), IDENTITY) == (2.0, 0.0, 0.0, 2.0, 5.0, 7.0)


def test_a_box_in_a_turned_and_scaled_form_is_the_box_around_it_on_the_page() -> None:
    # a horizontal ruling 100 pt long and 1 pt thick, in a form turned 90° and scaled by half,
    # placed at (300, 50): on the page it is vertical, 50 pt long and 0.5 pt thick
    turned = (0.0, 0.5, -0.5, 0.0, 300.0, 50.0)
    assert _box_on_page((10.0, 20.0, 110.0, 21.0), turned) == pytest.approx((289.5, 55.0, 290.0, 105.0))
    # a scaled, shifted form (qpdf fitting an A4 page on US Letter)
    fitted = (0.94, 0.0, 0.0, 0.94, 26.0, 0.0)
    assert _box_on_page((0.0, 0.0, 100.0, 10.0), fitted) == pytest.approx((26.0, 0.0, 120.0, 9.4))
