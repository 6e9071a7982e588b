"""Analysis stage: dyad series, signals, reactions and networks over stored events."""
