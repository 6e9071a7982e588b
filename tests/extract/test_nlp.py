"""The coding pipeline: the settings it is built with reach its components."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyadwatch.config import CoderSettings
from dyadwatch.extract import build_nlp
from dyadwatch.geo import PlaceGazetteer


@pytest.mark.issue(16)
def test_nlp_cache_dir_setting_keeps_the_place_index_there(tmp_path: Path) -> None:
    nlp = build_nlp(CoderSettings(kind="rules", cache_dir=str(tmp_path)))
    assert [p.name.split("-")[0] for p in tmp_path.glob("*.pickle")] == ["placenames"]
    component = nlp.get_pipe("dyadwatch_events")
    assert getattr(component, "places", None) is PlaceGazetteer.load(cache_dir=tmp_path)
