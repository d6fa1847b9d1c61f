"""The build-time tools that keep pages light: MathML instead of MathJax, Font Awesome cut to the icons used."""

from __future__ import annotations

import pytest

from neurotrophins.build.sphinx.icons import needed_codepoints, prune_stylesheet, used_icons
from neurotrophins.build.sphinx.mathml import MathConversionError, to_mathml

CSS = (
    '.fa-bars:before,.fa-navicon:before{content:"\\f0c9"}.fa-github:before{content:"\\f09b"}'
    '.fa-rocket:before{content:"\\f135"}.fa-lg{font-size:1.25em}'
)


def test_a_formula_becomes_mathml_with_its_tex_as_text_alternative():
    markup = to_mathml(r"\frac{g}{k}(1 - e^{-kt})", display=False)
    assert markup.startswith('<math alttext="\\frac{g}{k}(1 - e^{-kt})"')
    assert "<mfrac>" in markup and 'display="inline"' in markup


def test_the_text_alternative_escapes_markup():
    assert 'alttext="a &lt; b &amp; &quot;c&quot;"' in to_mathml('a < b & "c"', display=True)


def test_a_formula_that_cannot_be_converted_names_the_page_and_line():
    with pytest.raises(MathConversionError, match=r"book/x\.md:12: cannot convert the formula 'x\^'"):
        to_mathml("x^", display=False, where="book/x.md:12")
    with pytest.raises(MathConversionError, match=r"book/x\.md:3: .* unknown \\unknowncmd"):
        to_mathml(r"\unknowncmd x", display=False, where="book/x.md:3")


def test_unused_icon_rules_are_pruned_and_aliases_kept():
    pruned = prune_stylesheet(CSS, {"navicon", "github"})
    assert ".fa-bars:before,.fa-navicon:before" in pruned and ".fa-github:before" in pruned
    assert "fa-rocket" not in pruned and ".fa-lg{font-size:1.25em}" in pruned


def test_needed_glyphs_include_those_other_stylesheets_draw():
    other = '.toggle-button::after{font-family:"Font Awesome 6 Free";content:"\\f078"}'
    assert needed_codepoints([CSS, other], {"github", "unknown"}) == {0xF09B, 0xF078}


def test_icons_are_found_in_pages_and_scripts_but_not_in_font_awesomes_own(tmp_path):
    (tmp_path / "_static" / "scripts").mkdir(parents=True)
    (tmp_path / "a.html").write_text('<i class="fa-solid fa-bars"></i><p>no-fa-here</p>')
    (tmp_path / "_static" / "theme.js").write_text('icon.classList.add("fa-sun")')
    (tmp_path / "_static" / "scripts" / "fontawesome.js").write_text('"fa-rocket"')
    assert used_icons(tmp_path) == {"solid", "bars", "sun"}
