"""Event dates read from sentences, relative to the article date."""

from __future__ import annotations

import datetime

import pytest

from dyadwatch.extract.when import event_date
from dyadwatch.records import DatePrecision

THURSDAY = datetime.date(2024, 3, 14)
DAY, MONTH, YEAR, ARTICLE = (
    DatePrecision.DAY,
    DatePrecision.MONTH,
    DatePrecision.YEAR,
    DatePrecision.ARTICLE,
)


@pytest.mark.parametrize(
    ("sentence", "expected", "precision"),
    [
        ("The ministers met on Tuesday.", "2024-03-12", DAY),
        ("The ministers met on Thursday.", "2024-03-14", DAY),
        ("The ministers met on Friday.", "2024-03-08", DAY),
        ("The envoy said Monday that talks had stalled.", "2024-03-11", DAY),
        ("He met the president last Thursday.", "2024-03-07", DAY),
        ("Russia said on Tuesday it will retaliate.", "2024-03-12", DAY),
        ("The talks collapsed yesterday.", "2024-03-13", DAY),
        ("The ministry said today that troops had withdrawn.", "2024-03-14", DAY),
        ("Drones hit the port last night.", "2024-03-13", DAY),
        ("Troops crossed the border two days ago.", "2024-03-12", DAY),
        ("On 3 November the army shelled the town.", "2023-11-03", DAY),
        ("The treaty was signed on November 3, 2023.", "2023-11-03", DAY),
        ("The treaty was signed on 3rd of November 2022.", "2022-11-03", DAY),
        ("The statement was dated 2023-11-03.", "2023-11-03", DAY),
        ("The vote on December 30 was disputed.", "2023-12-30", DAY),
        ("The ceasefire of March 2 held.", "2024-03-02", DAY),
        ("On Tuesday, March 12, the leaders spoke.", "2024-03-12", DAY),
        ("Exports fell last month.", "2024-02-01", MONTH),
        # A month or year containing the article date keeps the article date (#10).
        ("Talks resumed earlier this month.", "2024-03-14", MONTH),
        ("The leaders met in March.", "2024-03-14", MONTH),
        ("The talks began in 2024.", "2024-03-14", YEAR),
        ("The leaders met in June.", "2023-06-01", MONTH),
        ("The leaders met last March.", "2023-03-01", MONTH),
        ("The leaders met in May 2022.", "2022-05-01", MONTH),
        ("Relations soured three months ago.", "2023-12-01", MONTH),
        ("The deal was signed in 2019.", "2019-01-01", YEAR),
        ("Relations froze in early 2021.", "2021-01-01", YEAR),
        ("Trade grew last year.", "2023-01-01", YEAR),
        ("Russia, which invaded in 2022, shelled the city on Monday.", "2024-03-11", DAY),
        ("The two sides met last week.", "2024-03-14", ARTICLE),
        ("The two sides will meet next week.", "2024-03-14", ARTICLE),
        ("The president will visit Beijing on Friday.", "2024-03-14", ARTICLE),
        ("On Friday, the ministers will meet in Geneva.", "2024-03-14", ARTICLE),
        ("The summit is due to open on 20 March.", "2024-03-14", ARTICLE),
        ("Ministers are to meet on June 20.", "2024-03-14", ARTICLE),
        ("Talks are planned for next month.", "2024-03-14", ARTICLE),
        ("Elections will be held in 2026.", "2024-03-14", ARTICLE),
        ("Leaders meet tomorrow.", "2024-03-14", ARTICLE),
        ("May said the talks had failed.", "2024-03-14", ARTICLE),
        ("Protesters may march again.", "2024-03-14", ARTICLE),
        ("The 2019 election was disputed.", "2024-03-14", ARTICLE),
        ("Iraq has hosted talks since April 2021.", "2024-03-14", ARTICLE),
        ("Ties have been frozen since 2016.", "2024-03-14", ARTICLE),
        ("The border stayed closed until March.", "2024-03-14", ARTICLE),
        ("They met on February 30.", "2024-03-14", ARTICLE),
        ("Officials met to discuss trade.", "2024-03-14", ARTICLE),
        # Digits to str.isdigit but not to int (found by the coder fuzz test).
        ("Russia condemned it on March ².", "2024-03-14", ARTICLE),
        ("They met ³ days ago, in ²⁰²³.", "2024-03-14", ARTICLE),
    ],
)
def test_when_event_date(sentence: str, expected: str, precision: DatePrecision) -> None:
    assert event_date(sentence, article_date=THURSDAY) == (
        datetime.date.fromisoformat(expected),
        precision,
    )


def test_when_year_boundary_counts_back() -> None:
    got = event_date("They met on Saturday.", article_date=datetime.date(2024, 1, 2))
    assert got == (datetime.date(2023, 12, 30), DAY)
