"""SIGKILL a real run at points spread over ingest, coding and writing; the resumed store
equals an uninterrupted one, and no finished shard is coded twice.
"""

from __future__ import annotations

import json
import signal
import sys
from pathlib import Path

import pytest

from .harness import Kill, ids, integrity, kill_and_resume, write_news_corpus

N_FILES, PER_FILE, SHARD = 24, 250, 50
FAKE_KILLS = [
    Kill("ingest", 1),
    Kill("coding", 3),
    Kill("writing", 2),
    Kill("coding", 6),
    Kill("ingest", 3),
    Kill("writing", 4),
]
REAL_FILES, REAL_PER_FILE, REAL_SHARD = 8, 20, 5
REAL_KILLS = [
    Kill("coding", 2),
    Kill("writing", 1),
    Kill("ingest", 1),
    Kill("coding", 3),
    Kill("writing", 1),
]


def worker(corpus: Path, db: Path) -> list[str]:
    return [
        *(sys.executable, "-m", "tests.reliability.worker", str(corpus), "--db", str(db)),
        *("--shard", str(SHARD), "--pause", "0.02"),
    ]


def cli_run(corpus: Path, db: Path) -> list[str]:
    return [
        *(sys.executable, "-m", "dyadwatch", "run", str(corpus), "--db", str(db)),
        *("--set", f"runner.shard_articles={REAL_SHARD}"),
    ]


def check_same_store(killed_db: Path, clean_db: Path, n_articles: int) -> None:
    assert integrity(killed_db) == integrity(clean_db)
    assert integrity(killed_db)["orphans"] == 0
    killed_ids, clean_ids = ids(killed_db), ids(clean_db)
    assert killed_ids == clean_ids
    assert len(killed_ids[0]) == n_articles
    assert len(killed_ids[1]) == len(set(killed_ids[1])) > 0


@pytest.mark.slow
def test_kill_resume_fake_stage_survives_six_sigkills(tmp_path: Path) -> None:
    corpus = write_news_corpus(tmp_path / "corpus", n_files=N_FILES, per_file=PER_FILE)
    db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    killed, final, recorded = kill_and_resume(worker(corpus, db), db, FAKE_KILLS, per_file=PER_FILE)
    assert [a.returncode for a in killed] == [-signal.SIGKILL] * len(FAKE_KILLS)
    assert 0 < killed[-1].files_done < N_FILES
    summary = json.loads(final.stdout)
    n_shards = N_FILES * PER_FILE // SHARD
    # Every shard was recorded exactly once over all attempts: none was coded again
    # after it finished, and the last run skipped the files merged before it.
    assert recorded + summary["shards"] == n_shards
    assert summary["files_skipped"] == killed[-1].files_done
    calls = sum(line.startswith("coding ") for a in [*killed, final] for line in a.stderr)
    assert n_shards <= calls <= n_shards + len(FAKE_KILLS)
    clean = kill_and_resume(worker(corpus, clean_db), clean_db, [], per_file=PER_FILE)[1]
    assert clean.returncode == 0
    check_same_store(db, clean_db, N_FILES * PER_FILE)


@pytest.mark.slow
def test_kill_resume_real_coder_cli_survives_five_sigkills(tmp_path: Path) -> None:
    corpus = write_news_corpus(tmp_path / "corpus", n_files=REAL_FILES, per_file=REAL_PER_FILE)
    db, clean_db = tmp_path / "killed.duckdb", tmp_path / "clean.duckdb"
    killed, final, recorded = kill_and_resume(
        cli_run(corpus, db), db, REAL_KILLS, per_file=REAL_PER_FILE
    )
    assert [a.returncode for a in killed] == [-signal.SIGKILL] * len(REAL_KILLS)
    assert final.returncode == 0, final.stderr
    done = killed[-1].files_done
    assert 0 < done < REAL_FILES
    assert f"{REAL_FILES - done} files coded, {done} already done" in final.stdout
    assert recorded <= REAL_FILES * REAL_PER_FILE // REAL_SHARD
    clean = kill_and_resume(cli_run(corpus, clean_db), clean_db, [], per_file=REAL_PER_FILE)[1]
    assert clean.returncode == 0
    check_same_store(db, clean_db, REAL_FILES * REAL_PER_FILE)
