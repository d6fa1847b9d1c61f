"""Immediate feedback on the exercises a learner completes, one module per chapter.

Each check calls the learner's code (or reads the learner's answer) and returns a
:class:`neurotrophins.checks.Feedback`: a short message that says what to look at, and true only
for a correct answer. A chapter imports its module in the exercise cell::

    from neurotrophins.exercises import neurotrophins_and_bdnf as check
    check.adult_born_share(adult_born_share)
"""
