"""The runs table: values, filter (and its errors), server-side sort, columns, nesting, deleted
runs, selection for comparing."""

from __future__ import annotations

import math
import re
from urllib.parse import unquote

from playwright.sync_api import Page, expect

from conftest import open_page, shot
from seed import Seeded


def _open(page: Page, server_url: str, seeded: Seeded, query: str = "") -> Page:
    open_page(page, server_url, f"#/experiments/{seeded.experiment_id}{query}")
    expect(page.get_by_test_id("runs-table")).to_have_attribute("data-ready", "true")
    return page


def _names(page: Page) -> list[str]:
    return [n.strip() for n in page.locator('[data-testid="run-row"] td:nth-child(2) a').all_inner_texts()]


def test_runs_show_their_values(page: Page, server_url: str, seeded: Seeded) -> None:
    _open(page, server_url, seeded)
    expect(page.get_by_test_id("run-count")).to_have_text("3 runs")
    assert _names(page) == ["sweep", "tuned", "baseline"]  # newest first; trials nested under sweep
    baseline = page.locator(f'tr[data-run-id="{seeded.runs["baseline"]}"]')
    final_loss = 0.42 + 2.0 * math.exp(-199 / 40)
    expect(baseline).to_contain_text(str(float(f"{final_loss:.6g}")))
    expect(baseline).to_contain_text("0.86")
    expect(baseline).to_contain_text("FINISHED")
    expect(baseline).to_contain_text("train.py")
    expect(baseline).to_contain_text("alice")
    expect(baseline).to_contain_text("1 h 0 min")
    shot(page, "runs-table")


def test_filter_with_the_search_grammar(page: Page, server_url: str, seeded: Seeded) -> None:
    _open(page, server_url, seeded)
    box = page.get_by_test_id("filter-input")
    box.fill("metrics.accuracy > 0.85 and params.epochs = '10'")
    box.press("Enter")
    expect(page.get_by_test_id("run-count")).to_have_text("2 runs")
    assert sorted(_names(page)) == ["baseline", "tuned"]
    assert "metrics.accuracy > 0.85" in unquote(page.url)
    box.fill("tune")  # plain words search run names
    box.press("Enter")
    expect(page.get_by_test_id("run-count")).to_have_text("1 runs")
    assert _names(page) == ["tuned"]


def test_a_wrong_filter_shows_the_servers_message(page: Page, server_url: str, seeded: Seeded) -> None:
    _open(page, server_url, seeded)
    box = page.get_by_test_id("filter-input")
    box.fill("metrics.accuracy >> 1")
    box.press("Enter")
    error = page.get_by_test_id("filter-error").get_by_test_id("error")
    expect(error).to_contain_text("Invalid filter 'metrics.accuracy >> 1'")
    expect(error).to_contain_text("INVALID_PARAMETER_VALUE")
    shot(page, "runs-table-filter-error")


def test_sort_by_a_metric_on_the_server(page: Page, server_url: str, seeded: Seeded) -> None:
    _open(page, server_url, seeded)
    header = page.locator('thead button[data-column="metrics.accuracy"]')
    header.click()
    expect(header).to_have_text(re.compile("▲"))
    expect(page.locator('[data-testid="run-row"]').first).to_contain_text("sweep")
    assert _names(page) == ["sweep", "baseline", "tuned"]  # 0.8, 0.86, 0.91
    header.click()
    expect(page.locator('[data-testid="run-row"]').first).to_contain_text("tuned")
    assert _names(page) == ["tuned", "baseline", "sweep"]
    assert "metrics.accuracy DESC" in unquote(page.url)


def test_pick_columns(page: Page, server_url: str, seeded: Seeded) -> None:
    _open(page, server_url, seeded)
    page.get_by_test_id("columns-button").click()
    panel = page.get_by_test_id("columns-panel")
    panel.get_by_role("button", name="Clear all").click()
    expect(page.locator('thead button[data-column="metrics.loss"]')).to_have_count(0)
    panel.get_by_label("optimizer").check()
    panel.get_by_label("team").check()
    expect(page.locator('thead button[data-column="params.optimizer"]')).to_be_visible()
    baseline = page.locator(f'tr[data-run-id="{seeded.runs["baseline"]}"]')
    expect(baseline).to_contain_text("sgd")
    expect(baseline).to_contain_text("vision")
    assert "cols=params.optimizer,tags.team" in unquote(page.url)


def test_nested_runs_and_deleted_runs(page: Page, server_url: str, seeded: Seeded) -> None:
    _open(page, server_url, seeded)
    page.get_by_label("Show the 3 child runs of sweep").click()
    expect(page.get_by_test_id("run-row")).to_have_count(6)
    assert _names(page) == ["sweep", "trial-3", "trial-2", "trial-1", "tuned", "baseline"]
    page.get_by_label("Nest child runs").uncheck()
    expect(page.get_by_test_id("run-count")).to_have_text("6 runs")
    page.locator(".toolbar select").first.select_option("deleted")
    expect(page.get_by_test_id("run-count")).to_have_text("1 runs")
    assert _names(page) == ["discarded"]


def test_select_runs_and_compare(page: Page, server_url: str, seeded: Seeded) -> None:
    _open(page, server_url, seeded)
    page.get_by_label("Select baseline").check()
    page.get_by_label("Select tuned").check()
    page.get_by_test_id("compare-button").click()
    expect(page.get_by_role("heading", name="Compare 2 runs")).to_be_visible()
    assert "compare-runs?runs=" in page.url
