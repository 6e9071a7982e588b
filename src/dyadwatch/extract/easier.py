"""Appeals and disapproval between two parties: the model's events of these roots count
from a lower probability than its others (coder 0.18, docs/training.md).

Read from 0.5 to 0.7 on the dev sets and plover-gsr, the model's appeals (02) and
disapproval (11) between two parties were right 62 % of the time (56 of 90), its other
roots 31 % (90 of 287). Asking that the predicate be a verb of saying or a word the lexicon
codes with these roots lost more right events than wrong ones: the mean F1 of the ten
coded sets fell from 0.6613 to 0.6577 (many are reactions told on another verb: "drawing
condemnation from Seoul").
"""

from __future__ import annotations

EASIER_ROOTS = frozenset({"02", "11"})
EASIER_BY = 0.2  # below ``coder.learned_threshold``
EASIER_FLOOR = 0.5  # never below this, unless the user's own threshold is lower


def eased(threshold: float) -> float:
    """The probability an appeal or disapproval between two parties needs, for the coder's
    ``threshold`` (``coder.learned_threshold``).

    Example:
        >>> eased(0.7), eased(0.9), eased(0.3)
        (0.5, 0.7, 0.3)
    """
    return round(min(threshold, max(threshold - EASIER_BY, EASIER_FLOOR)), 6)
