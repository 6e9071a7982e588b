"""CAMEO codes for announcing an act rather than doing it.

CAMEO codes a promised act as intent (03: "will provide aid" is 033) and a promised
hostile act as a threat (13: "will impose sanctions" is 1312); verbal acts stay as they are.
"""

from __future__ import annotations

INTENT_ROOTS = {
    "04": "036",
    "05": "032",
    "06": "031",
    "07": "033",
    "08": "035",
    "16": "131",
    "17": "137",
    "18": "1383",
    "19": "1384",
    "20": "138",
}


INTENT_SUBCODES = {
    "061": "0311",
    "062": "0312",
    "063": "0313",
    "064": "0314",
    "071": "0331",
    "072": "0332",
    "073": "0333",
    "074": "0334",
    "162": "1311",
    "163": "1312",
    "161": "1313",
    "164": "134",
    "166": "136",
    "191": "1381",
    "192": "1382",
    "204": "1385",
    "0874": "035",
}


def intent_code(code: str) -> str:
    """Return the CAMEO code for announcing ``code`` rather than doing it.

    CAMEO codes a promised act as intent (03: "will provide aid" is 033) and a promised
    hostile act as a threat (13: "will impose sanctions" is 1312); verbal acts stay.
    """
    if code in INTENT_SUBCODES:
        return INTENT_SUBCODES[code]
    return INTENT_ROOTS.get(code[:2], code)
