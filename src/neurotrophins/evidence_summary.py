"""The evidence dataset as tables a reader can count: claims with their references, counts by verdict.

Pure pandas and numpy, no plotting: :mod:`neurotrophins.figures.evidence` draws the evidence map from
:func:`claims_with_references` and :func:`place_claims`, and the synthesis chapter prints
:func:`verdict_table` and :func:`domain_table` and looks claims up by their words with
:func:`find_claims` (the capstone's lookup). Nothing here hard-codes a count: every number comes
from ``data/claims.csv``, ``claim_references.csv`` and ``references.csv``, so the tables stay right as
chapters add claims.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd

from . import data
from ._validate import check_choice, check_range, check_whole
from .references import short_citation

__all__ = [
    "ALL",
    "DOMAINS",
    "GRADES",  # noqa: F822 - read lazily by __getattr__
    "ORIGINS",
    "TOPIC_LABELS",
    "VERDICTS",  # noqa: F822 - read lazily by __getattr__
    "VERDICT_CLASSES",
    "cell_offsets",
    "claims_with_references",
    "domain_table",
    "filter_claims",
    "find_claims",
    "mentions_all",
    "place_claims",
    "verdict_table",
]

#: Word that means "no filter" for the topic and origin filters.
ALL = "all"

#: Readable names of the ``topic`` values of the claims table, in map order (top to bottom).
TOPIC_LABELS = {
    "biology": "Biology",
    "measurement": "Measuring BDNF",
    "exercise": "Exercise",
    "nutrition": "Nutrition",
    "stress-sleep-heat": "Stress, sleep, heat",
    "sex-hormones": "Sex hormones",
    "gh-igf1": "GH and IGF-1",
    "peptides-drugs": "Peptides and drugs",
}

#: The source article's own domains, and the claim topics that belong to each.
DOMAINS = {
    "Foundations (biology, measurement)": ("biology", "measurement"),
    "Exercise": ("exercise",),
    "Diet": ("nutrition",),
    "Sleep, stress and heat": ("stress-sleep-heat",),
    "Hormones and peptides": ("sex-hormones", "gh-igf1", "peptides-drugs"),
}

#: Verdicts grouped into four plain-language classes, from best to worst.
VERDICT_CLASSES = {
    "supported": "holds",
    "partly supported": "holds in part",
    "weak or preliminary": "weak or animal only",
    "animal only": "weak or animal only",
    "unsupported": "fails",
    "contradicted": "fails",
    "unverified": "fails",
}

ORIGINS = ("source article", "course")


def _categories(field: str) -> tuple[str, ...]:
    """The allowed values of a field of the claims table, in the order ``datapackage.json`` gives them."""
    for f in data.schema("claims")["fields"]:
        if f["name"] == field:
            return tuple(f["constraints"]["enum"])
    raise KeyError(f"datapackage.json: the claims table has no field {field!r}")


def __getattr__(name: str) -> tuple[str, ...]:
    """``VERDICTS`` and ``GRADES`` (grades from very low to high), read from ``datapackage.json`` when used.

    They are not read at import, so a ``NEUROTROPHINS_DATA`` folder chosen after the import is honoured.
    """
    if name in ("VERDICTS", "GRADES"):
        return _categories(name[:-1].lower())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def claims_with_references(
    claims: pd.DataFrame | None = None,
    links: pd.DataFrame | None = None,
    refs: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """Every claim with its references as one readable string.

    Parameters
    ----------
    claims, links, refs : pandas.DataFrame, optional
        The ``claims``, ``claim_references`` and ``references`` tables; loaded from ``data/`` when
        omitted (tests pass small tables).

    Returns
    -------
    pandas.DataFrame
        The claims table (same rows and order) plus ``references``: "Author et al. 2021
        (supports); ..." in the order of ``claim_references.csv``, empty if the claim has none.
    """
    claims = data.load("claims") if claims is None else claims
    links = data.load("claim_references") if links is None else links
    refs = data.load("references") if refs is None else refs
    refs = refs.set_index("key", drop=False)
    labels: dict[str, list[str]] = {}
    for row in links.itertuples(index=False):
        labels.setdefault(str(row.claim_id), []).append(f"{short_citation(refs.loc[row.reference])} ({row.relation})")
    out = claims.copy()
    out["references"] = [("; ".join(labels.get(str(i), []))) for i in out["id"]]
    return out


def filter_claims(
    claims: pd.DataFrame,
    topic: str = ALL,
    origin: str = ALL,
    min_grade: str = "very low",
) -> pd.DataFrame:
    """The claims of one topic and origin whose grade is at least ``min_grade``.

    Parameters
    ----------
    claims : pandas.DataFrame
        The claims table (``grade`` an ordered categorical, as :func:`neurotrophins.data.load` gives).
    topic : str
        A ``topic`` value of the claims table, or ``"all"``.
    origin : str
        ``"source article"``, ``"course"`` or ``"all"``.
    min_grade : str
        Lowest grade kept: ``"very low"`` (keeps all), ``"low"``, ``"moderate"`` or ``"high"``.

    Raises
    ------
    ValueError
        If a value is not one of those allowed; the message names the parameter and the choices.
    """
    grades = _categories("grade")
    check_choice("topic", topic, (ALL, *TOPIC_LABELS))
    check_choice("origin", origin, (ALL, *ORIGINS))
    check_choice("min_grade", min_grade, grades)
    keep = pd.Series(True, index=claims.index)
    if topic != ALL:
        keep &= claims["topic"].astype(str) == topic
    if origin != ALL:
        keep &= claims["origin"].astype(str) == origin
    rank = claims["grade"].astype(str).map(grades.index)
    keep &= rank >= grades.index(min_grade)
    return claims[keep]


def mentions_all(texts, words) -> np.ndarray:
    """True for each text that contains every one of ``words``, ignoring upper and lower case.

    Parameters
    ----------
    texts : sequence of str
        The texts to search (for example the ``statement`` column of the claims table).
    words : str or sequence of str
        One word, or several that must all appear (anywhere in the text, in any order).

    Returns
    -------
    numpy.ndarray
        One boolean per text.

    Raises
    ------
    ValueError
        If no word, or an empty word, is given.
    """
    wanted = [words] if isinstance(words, str) else list(words)
    if not wanted or not all(str(w).strip() for w in wanted):
        raise ValueError(f"give at least one non-empty word to look for; got {words!r}")
    wanted = [str(w).strip().lower() for w in wanted]
    return np.array([all(w in str(text).lower() for w in wanted) for text in texts], dtype=bool)


def find_claims(claims: pd.DataFrame, *words: str, topic: str = ALL, origin: str = ALL) -> pd.DataFrame:
    """The claims whose statement or note mentions every one of ``words``, the most certain first.

    The capstone's lookup: ``find_claims(claims, "exercise", "serum")`` lists what the dataset says
    about a claim that uses those words, with its verdict and grade.

    Parameters
    ----------
    claims : pandas.DataFrame
        The claims table, or :func:`claims_with_references` (its ``references`` column is kept).
    *words : str
        Words that must all appear in the statement or the note (case is ignored).
    topic, origin : str
        As in :func:`filter_claims` (``"all"`` by default).

    Returns
    -------
    pandas.DataFrame
        The matching rows, sorted from the highest grade to the lowest and then by id, with the
        columns ``id``, ``origin``, ``topic``, ``statement``, ``verdict``, ``grade``, ``population``,
        ``measure`` (and ``references`` when present). Empty when nothing matches.

    Raises
    ------
    ValueError
        If no word is given, or a filter value is not allowed.
    """
    if not words:
        raise ValueError("give at least one word to look for, for example find_claims(claims, 'exercise', 'serum')")
    kept = filter_claims(claims, topic=topic, origin=origin)
    text = kept["statement"].astype(str) + " " + kept["note"].fillna("").astype(str)
    hits = kept[mentions_all(text.tolist(), words)]
    rank = hits["grade"].astype(str).map(_categories("grade").index)
    hits = hits.assign(_rank=-rank).sort_values(["_rank", "id"]).drop(columns="_rank")
    columns = ["id", "origin", "topic", "statement", "verdict", "grade", "population", "measure", "references"]
    return hits[[c for c in columns if c in hits.columns]].reset_index(drop=True)


def verdict_table(claims: pd.DataFrame, by: str = "topic") -> pd.DataFrame:
    """Counts of claims by ``by`` (rows) and verdict (columns, in schema order), with totals.

    Every verdict and every topic appears, even with a count of zero, so that two tables can be
    compared cell by cell. The last row and column are named ``total``.
    """
    check_choice("by", by, ("topic", "origin", "chapter", "grade", "population", "measure"))
    rows = pd.Categorical(claims[by].astype(str), categories=_row_order(claims, by))
    cols = pd.Categorical(claims["verdict"].astype(str), categories=_categories("verdict"))
    table = pd.crosstab(rows, cols, dropna=False, margins=True, margins_name="total")
    table.index.name, table.columns.name = by, "verdict"
    return table


def _row_order(claims: pd.DataFrame, by: str) -> list[str]:
    if by == "topic":
        return list(TOPIC_LABELS)
    if by == "origin":
        return list(ORIGINS)
    if by == "grade":
        return list(_categories("grade"))
    values = claims[by]
    if isinstance(values.dtype, pd.CategoricalDtype):
        return [str(c) for c in values.cat.categories]
    return sorted(values.astype(str).unique())


def domain_table(claims: pd.DataFrame) -> pd.DataFrame:
    """What holds in each domain of the source article: its claims counted by verdict class.

    Only the source article's claims (``origin == "source article"``) are counted. Rows are the
    domains of :data:`DOMAINS` plus ``total``; columns are ``claims`` and the four classes of
    :data:`VERDICT_CLASSES` ("holds", "holds in part", "weak or animal only", "fails").
    """
    source = claims[claims["origin"].astype(str) == "source article"]
    topic_to_domain = {t: d for d, topics in DOMAINS.items() for t in topics}
    domain = pd.Categorical(source["topic"].astype(str).map(topic_to_domain), categories=list(DOMAINS))
    classes = list(dict.fromkeys(VERDICT_CLASSES.values()))
    verdict_class = pd.Categorical(source["verdict"].astype(str).map(VERDICT_CLASSES), categories=classes)
    table = pd.crosstab(domain, verdict_class, dropna=False, margins=True, margins_name="total")
    table = table.rename(columns={"total": "claims"})
    table = table[["claims", *classes]]
    table.index.name, table.columns.name = "domain", None
    return table


def cell_offsets(n: int, aspect: float = 2.5, span: float = 0.8, max_step: float = 0.22) -> np.ndarray:
    """Offsets that spread ``n`` points over one cell of the map on a regular grid, without overlap.

    The points fill ``k = ceil(sqrt(n * aspect))`` columns (at most ``n``) and ``ceil(n / k)`` rows,
    centred on the cell centre. The step between neighbours is ``dx = min(span / columns, max_step)``
    across and ``dy = min(span / rows, max_step * aspect)`` down, in axis units (the same on-screen
    distance across and down), so every point stays within ``span / 2`` of the centre and no two
    points coincide.

    Parameters
    ----------
    n : int
        Number of points in the cell, 0 to 500.
    aspect : float
        Width of one axis unit across divided by one unit down, on screen (0.1 to 10): wide cells
        get more columns.
    span : float
        Share of the cell the points may use, in axis units (0.1 to 1).
    max_step : float
        Largest step between neighbours, in axis units (0.01 to 1), so a few points stay close.

    Returns
    -------
    numpy.ndarray
        Shape ``(n, 2)``: x and y offsets in axis units, filled row by row from top left.
    """
    n = check_whole("n", n, 0, 500, "points")
    aspect = check_range("aspect", aspect, 0.1, 10)
    span = check_range("span", span, 0.1, 1)
    max_step = check_range("max_step", max_step, 0.01, 1)
    if n == 0:
        return np.zeros((0, 2))
    cols = min(n, math.ceil(math.sqrt(n * aspect)))
    rows = math.ceil(n / cols)
    dx = min(span / cols, max_step)
    dy = min(span / rows, max_step * aspect)
    k = np.arange(n)
    col, row = k % cols, k // cols
    x = (col - (cols - 1) / 2) * dx
    y = ((rows - 1) / 2 - row) * dy
    return np.column_stack([x, y])


def place_claims(claims: pd.DataFrame, aspect: float = 2.5) -> pd.DataFrame:
    """Map positions for every claim: grade across (0 = very low ... 3 = high), topic down.

    Claims that share a topic and a grade are ordered by verdict (schema order) and id, and spread
    over their cell with :func:`cell_offsets`, so no marker hides another.

    Returns
    -------
    pandas.DataFrame
        Same index as ``claims``, columns ``x`` and ``y`` (topic 0 = biology at the top, so y runs
        down: y = -(topic index) + offset).
    """
    if claims.empty:
        return pd.DataFrame({"x": [], "y": []}, index=claims.index, dtype=float)
    grade_idx = _codes(claims["grade"], _categories("grade"))
    topic_idx = _codes(claims["topic"], tuple(TOPIC_LABELS))
    verdict_idx = _codes(claims["verdict"], _categories("verdict"))
    ids = claims["id"].astype(str).to_numpy()
    order = np.lexsort((ids, verdict_idx, topic_idx, grade_idx))
    x = np.empty(len(claims))
    y = np.empty(len(claims))
    cell = grade_idx[order] * len(TOPIC_LABELS) + topic_idx[order]
    starts = np.flatnonzero(np.r_[True, cell[1:] != cell[:-1]])
    for begin, end in zip(starts, np.r_[starts[1:], len(cell)], strict=True):
        members = order[begin:end]
        off = cell_offsets(len(members), aspect=aspect)
        x[members] = grade_idx[members] + off[:, 0]
        y[members] = -topic_idx[members] + off[:, 1]
    return pd.DataFrame({"x": x, "y": y}, index=claims.index).round(4)


def _codes(values: pd.Series, categories: tuple[str, ...]) -> np.ndarray:
    """Position of each value in ``categories``; ValueError naming an unknown value."""
    lookup = {c: i for i, c in enumerate(categories)}
    try:
        return np.array([lookup[v] for v in values.astype(str)], dtype=int)
    except KeyError as exc:
        raise ValueError(f"{values.name}: {exc.args[0]!r} is not one of {', '.join(categories)}") from None
