"""Tools that build the course (``pip install neurotrophins[build]``); learners never import them.

* :mod:`.sphinx`: the Sphinx extension that keeps the book self-contained and brings the dataset,
  the instructor pages and the glossary into it (``sphinx.extra_extensions`` in ``_config.yml``);
* :mod:`.toc` and :mod:`.lessons`: the chapters of ``_toc.yml`` and each chapter's lesson plan;
* :mod:`.executed`: the executed notebooks the book build wrote;
* :mod:`.slides`, :mod:`.downloads`, :mod:`.colab`, :mod:`.bib`, :mod:`.linkcheck`: lecture decks,
  learner downloads, the Colab setup cell, ``references.bib`` and the offline link check.

Nothing under :mod:`neurotrophins` outside this sub-package imports from it.
"""
