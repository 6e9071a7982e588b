"""The report stage: one self-contained HTML file of signals, timelines, network and events."""

from __future__ import annotations

from dyadwatch.report.html import ReportOptions, build_report, report_data, write_report

__all__ = ["ReportOptions", "build_report", "report_data", "write_report"]
