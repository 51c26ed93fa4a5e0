"""Comparing runs: differences marked, overlaid charts, scatter plot, parallel coordinates."""

from __future__ import annotations

import json
from urllib.parse import quote

from playwright.sync_api import Page, expect

from conftest import open_page, shot
from seed import Seeded


def test_compare_runs(page: Page, server_url: str, seeded: Seeded) -> None:
    runs = [seeded.runs[n] for n in ("baseline", "tuned", "trial-2")]
    route = f"#/compare-runs?runs={quote(json.dumps(runs))}&experiments={quote(json.dumps([seeded.experiment_id]))}"
    open_page(page, server_url, route)
    table = page.get_by_test_id("compare-table")
    expect(table.locator("thead th")).to_have_text(["", "baseline", "tuned", "trial-2"])
    expect(table.locator('tr[data-key="params.lr"]')).to_have_attribute("data-differs", "1")
    expect(table.locator('tr[data-key="params.lr"]')).to_contain_text("0.02")
    expect(table.locator('tr[data-key="metrics.accuracy"]')).to_contain_text("0.88")
    page.get_by_test_id("only-diff").check()
    expect(table.locator('tr[data-key="params.lr"]')).to_be_visible()
    expect(page.locator('[data-metric="accuracy"] [data-testid="metric-chart"]')).to_have_attribute("data-drawn", "1")
    expect(page.get_by_test_id("parallel-line")).to_have_count(3)
    expect(page.get_by_test_id("scatter-point")).to_have_count(2)  # trial-2 has no epochs param
    page.get_by_test_id("select-sx").select_option("params.lr")
    page.get_by_test_id("select-sy").select_option("metrics.loss")
    expect(page.get_by_test_id("scatter")).to_have_attribute("aria-label", "metrics.loss against params.lr")
    expect(page.get_by_test_id("scatter-point")).to_have_count(3)
    shot(page, "compare")


def test_compare_with_an_unknown_run(page: Page, server_url: str, seeded: Seeded) -> None:
    runs = [seeded.runs["baseline"], "feedfacefeedface"]
    open_page(page, server_url, f'#/compare-runs?runs={quote(json.dumps(runs))}&experiments=["{seeded.experiment_id}"]')
    expect(page.get_by_test_id("error")).to_contain_text("feedfacefeedface")
