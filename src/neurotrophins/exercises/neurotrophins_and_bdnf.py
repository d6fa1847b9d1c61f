"""Checks for the exercises of "Follow BDNF from gene to synapse".

* :func:`life_cycle_order`: the six steps of BDNF's main route, from gene to receptor, in order.
* :func:`mutant_phenotypes`: a predicted phenotype for each of five mutant mice, checked mouse by mouse.
* :func:`adult_born_share`: the neurogenesis teaching model's equation, written by the learner.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from ..checks import Feedback, check_function, check_sequence
from ..models import neurogenesis as ng

__all__ = [
    "LIFE_CYCLE_STEPS",
    "MUTANTS",
    "OUTCOMES",
    "adult_born_share",
    "life_cycle_order",
    "mutant_phenotypes",
]

#: BDNF's main route, from gene to receptor, in order (the exercise shows them shuffled).
LIFE_CYCLE_STEPS = (
    "transcribed from one of the gene's promoters",
    "made as pro-BDNF in the endoplasmic reticulum",
    "cut to mature BDNF by furin or other proconvertases",
    "stored in dense-core granules",
    "released when the neuron is active",
    "binds TrkB on a nearby cell",
)

_WHY_HERE = {
    LIFE_CYCLE_STEPS[0]: "Everything starts in the nucleus: the gene is read from one of its promoters into mRNA.",
    LIFE_CYCLE_STEPS[1]: (
        "The mRNA is translated in the endoplasmic reticulum, and what comes out is the precursor, pro-BDNF, "
        "not yet mature BDNF."
    ),
    LIFE_CYCLE_STEPS[2]: (
        "The cut comes before storage: in Mowla and colleagues' cells pro-BDNF was cut in the trans-Golgi network "
        "or immature secretory vesicles, before the granules mature. Cutting outside the cell, by plasmin, is the "
        "second route, for the pro-BDNF that escapes this cut."
    ),
    LIFE_CYCLE_STEPS[3]: (
        "Storage comes before release: the regulated route keeps BDNF in dense-core granules until the neuron is "
        "active."
    ),
    LIFE_CYCLE_STEPS[4]: "Release needs activity: calcium entering an active neuron makes the granules fuse and empty.",
    LIFE_CYCLE_STEPS[5]: "Binding to TrkB is the last step: it happens outside the cell, after release.",
}


def life_cycle_order(steps: Sequence[str]) -> Feedback:
    """Check a learner's ordering of :data:`LIFE_CYCLE_STEPS`; the first misplaced step is explained."""
    if not isinstance(steps, Sequence) or isinstance(steps, str):
        return Feedback(False, "give the steps as a list of the six texts, in the order you choose.")
    if any(s is Ellipsis for s in steps):
        return Feedback(
            False,
            "the exercise is not completed yet: put the six steps in order and delete the "
            "`raise NotImplementedError` line, then run the cell again.",
        )
    return check_sequence(
        steps,
        LIFE_CYCLE_STEPS,
        explain=_WHY_HERE,
        success=(
            "gene, precursor, cut, storage, release, receptor. Some pro-BDNF leaves this route uncut: it is released "
            "and cut outside the cell, or acts on p75NTR."
        ),
    )


#: The five mutant mice of the exercise, in the order the exercise lists them.
MUTANTS = (
    "no tPA",
    "Met variant knocked in",
    "TrkB PLCγ site mutated",
    "TrkB Shc site mutated",
    "no p75NTR",
)

#: The outcomes a learner chooses from (one is right for no mouse).
OUTCOMES = {
    "A": "the late phase of LTP fails, and adding mature BDNF restores it",
    "B": "BDNF is made in normal amounts, but less is released with activity",
    "C": "hippocampal LTP is impaired, early and late phases alike",
    "D": "NMDA-receptor-dependent LTD is lost; other plasticity is normal",
    "E": "hippocampal LTP is normal",
    "F": "less BDNF is made, so every BDNF-dependent process weakens",
}

_EXPECTED = {
    "no tPA": "A",
    "Met variant knocked in": "B",
    "TrkB PLCγ site mutated": "C",
    "TrkB Shc site mutated": "E",
    "no p75NTR": "D",
}

_RIGHT = {
    "no tPA": "without tPA no plasmin is made, pro-BDNF is not cut at the synapse, and late LTP fails (Pang 2004).",
    "Met variant knocked in": "the knock-in mice made normal amounts of BDNF but secreted it poorly (Chen 2006).",
    "TrkB PLCγ site mutated": "the PLCγ docking site was needed for both early and late LTP (Minichiello 2009).",
    "TrkB Shc site mutated": "the Shc docking site was not needed for hippocampal LTP (Minichiello 2009).",
    "no p75NTR": "pro-BDNF's receptor is gone, and mice lacking p75NTR lost NMDA-receptor-dependent LTD (Lu 2005).",
}

_WRONG = {
    "no tPA": {
        "C": "close, but tPA matters only where the late, protein-synthesis-dependent phase needs mature BDNF "
        "made by plasmin; the trouble is the late phase.",
        "F": "the neurons still make pro-BDNF; what is missing is the enzyme chain that cuts it outside the cell.",
        "D": "tPA acts on the route that makes mature BDNF, the LTP side; LTD is p75NTR's side.",
    },
    "Met variant knocked in": {
        "F": "a common belief, but the knock-in mice made normal amounts of BDNF; the variant impairs its sorting "
        "into granules and so its release with activity.",
        "C": "the variant changes the pro-domain and how BDNF is sorted for release, not TrkB itself.",
    },
    "TrkB PLCγ site mutated": {
        "A": "late LTP does fail, but so does early LTP: the PLCγ site was needed for both phases.",
        "E": "that is the Shc site; the PLCγ site was the one LTP needed.",
    },
    "TrkB Shc site mutated": {
        "C": "a fair guess, since Shc links TrkB to the MAP kinase route, but mutating the Shc site left "
        "hippocampal LTP intact; the PLCγ site was the one LTP needed.",
    },
    "no p75NTR": {
        "C": "p75NTR is pro-BDNF's receptor, not mature BDNF's: losing it hit LTD, the weakening side of "
        "plasticity, and left other forms normal.",
        "E": "LTP was indeed unaffected, but one form of plasticity did change: which one does pro-BDNF act on?",
    },
}

_HINT = {
    "no tPA": "tPA makes plasmin, and plasmin cuts pro-BDNF outside the cell: which phase of LTP needs that?",
    "Met variant knocked in": "the Met variant sits in the pro-domain: does it change how much BDNF is made, or "
    "how it is sorted and released?",
    "TrkB PLCγ site mutated": "this is one of TrkB's three signalling routes; it turned out to be the one LTP needs.",
    "TrkB Shc site mutated": "compare with the PLCγ site: only one of the two docking sites was needed for LTP.",
    "no p75NTR": "p75NTR is the receptor of pro-BDNF: which direction of plasticity does pro-BDNF push?",
}


def mutant_phenotypes(predictions: Mapping[str, str]) -> Feedback:
    """Check a predicted outcome (a letter of :data:`OUTCOMES`) for each of the :data:`MUTANTS`, mouse by mouse."""
    if not isinstance(predictions, Mapping):
        return Feedback(False, "give your predictions as a dict: mouse -> letter, as in the cell.")
    missing = [m for m in MUTANTS if m not in predictions]
    if missing:
        return Feedback(False, f"predict every mouse; missing: {', '.join(missing)}.")
    if any(predictions[m] is Ellipsis for m in MUTANTS):
        return Feedback(
            False,
            "the exercise is not completed yet: replace each ... with a letter and delete the "
            "`raise NotImplementedError` line, then run the cell again.",
        )
    letters = {m: str(predictions[m]).strip().upper() for m in MUTANTS}
    unknown = [m for m, letter in letters.items() if letter not in OUTCOMES]
    if unknown:
        return Feedback(False, f"use one of the letters {', '.join(OUTCOMES)} for {', '.join(unknown)}.")
    verdicts = []
    for mouse in MUTANTS:
        chosen = letters[mouse]
        if chosen == _EXPECTED[mouse]:
            verdicts.append(f"{mouse}: right, {_RIGHT[mouse]}")
        else:
            verdicts.append(f"{mouse}: not {chosen}; {_WRONG[mouse].get(chosen, _HINT[mouse])}")
    right = sum(letters[m] == _EXPECTED[m] for m in MUTANTS)
    if right == len(MUTANTS):
        return Feedback(True, "all five right. " + " | ".join(verdicts))
    return Feedback(False, f"{right} of {len(MUTANTS)} right. " + " | ".join(verdicts))


def adult_born_share(function) -> Feedback:
    """Compare a learner's version of the neurogenesis model's equation with the course's."""
    cases = [
        dict(age_years=80.0, turnover_per_year=0.0175, renewing_fraction=1 / 3, onset_age_years=18.0),
        dict(
            age_years=np.array([10.0, 18.0, 50.0, 100.0]),
            turnover_per_year=0.01,
            renewing_fraction=0.5,
            onset_age_years=18.0,
        ),
        dict(age_years=40.0, turnover_per_year=0.0, renewing_fraction=1 / 3, onset_age_years=18.0),
    ]
    hints = [
        (
            lambda got, want, case: np.any(np.asarray(got) < 0),
            "the share is negative somewhere: before the onset "
            "age nobody is adult-born, so the elapsed time must not go below zero (np.clip or np.maximum).",
        ),
        (
            lambda got, want, case: np.allclose(got, np.asarray(want) / case["renewing_fraction"]),
            "your curve rises towards 1, not towards the renewing fraction: multiply by renewing_fraction.",
        ),
        (
            lambda got, want, case: np.allclose(
                np.asarray(got),
                case["renewing_fraction"]
                * np.exp(
                    -case["turnover_per_year"]
                    * np.clip(np.asarray(case["age_years"]) - case["onset_age_years"], 0, None)
                ),
            ),
            "your curve starts at the renewing fraction and falls: the share born so far is 1 - exp(-r t), "
            "not exp(-r t).",
        ),
    ]
    return check_function(
        function,
        ng.adult_born_share,
        cases,
        hints=hints,
        success="your equation gives the course's curve, before and after the onset age.",
    )
