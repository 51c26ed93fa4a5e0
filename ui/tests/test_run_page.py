"""The run page: info, description, params, metrics, tags, datasets, logged models; charts from
downsampled histories; the artifact browser and its previews; links as MLflow's clients print them."""

from __future__ import annotations

from urllib.parse import parse_qs, urlparse

from playwright.sync_api import Page, expect

from conftest import open_page, shot
from seed import LONG_POINTS, Seeded


def _run_route(seeded: Seeded, name: str, tail: str = "") -> str:
    return f"#/experiments/{seeded.experiment_id}/runs/{seeded.runs[name]}{tail}"


def test_the_link_mlflow_prints_opens_the_run(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, _run_route(seeded, "baseline"))
    expect(page.get_by_test_id("run-name")).to_have_text("baseline")
    info = page.get_by_test_id("run-info")
    expect(info).to_contain_text(seeded.runs["baseline"])
    expect(info).to_contain_text("FINISHED")
    expect(info).to_contain_text("1 h 0 min")
    expect(page.get_by_test_id("params")).to_contain_text("optimizer")
    expect(page.get_by_test_id("params")).to_contain_text("sgd")
    expect(page.get_by_test_id("metrics")).to_contain_text("0.86")
    description = page.get_by_test_id("description")
    expect(description.locator("h4")).to_have_text("Baseline")  # "##" under the page's own headings
    expect(description.locator("strong")).to_have_text("try")
    expect(description.locator("code")).to_have_text("sgd")
    expect(description.locator("a")).to_have_attribute("href", "https://example.org/docs")
    expect(page.get_by_test_id("datasets")).to_contain_text("churn-2026")
    expect(page.get_by_test_id("datasets")).to_contain_text("training")
    expect(page.get_by_test_id("logged-models")).to_contain_text(seeded.logged_model_id)
    shot(page, "run")


def test_edit_tags_and_description(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, _run_route(seeded, "tuned"))
    tags = page.get_by_test_id("tags")
    tags.get_by_role("button", name="Add tag").click()
    tags.get_by_label("Tag key").fill("reviewer")
    tags.get_by_label("Tag value").fill("bob")
    tags.get_by_role("button", name="Save tag").click()
    expect(tags.locator("tr", has_text="reviewer")).to_contain_text("bob")
    tags.get_by_label("Edit tag reviewer").click()
    tags.get_by_label("Tag value").fill("carol")
    tags.get_by_role("button", name="Save tag").click()
    expect(tags.locator("tr", has_text="reviewer")).to_contain_text("carol")
    tags.get_by_label("Delete tag reviewer").click()
    expect(tags.locator("tr", has_text="reviewer")).to_have_count(0)

    page.get_by_role("button", name="Edit description").click()
    page.get_by_label("Description (Markdown)").fill("Tuned with **adam**.")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_test_id("description").locator("strong")).to_have_text("adam")


def test_charts_are_drawn_from_downsampled_histories(page: Page, server_url: str, seeded: Seeded) -> None:
    with page.expect_response(lambda r: "/metrics/downsample" in r.url) as answer:
        open_page(page, server_url, _run_route(seeded, "baseline", "/model-metrics?metrics=grad_norm,loss"))
    series = {s["key"]: s for s in answer.value.json()["series"]}
    long = series["grad_norm"]
    assert long["points"] == LONG_POINTS and long["sampled"] is True
    assert len(long["x"]) <= 4 * 1000 and max(long["y"]) == 50.0  # the spike is kept
    chart = page.locator('[data-metric="grad_norm"] [data-testid="metric-chart"]')
    expect(chart).to_have_attribute("data-drawn", "1")
    expect(page.locator('[data-metric="grad_norm"] h3')).to_contain_text("20,000 points")
    shot(page, "charts")

    with page.expect_response(lambda r: "/metrics/downsample" in r.url and "x_axis=relative" in r.url):
        page.get_by_test_id("x-axis").select_option("relative")
    expect(chart).to_have_attribute("data-drawn", "1")
    page.get_by_test_id("log-scale").check()
    query = parse_qs(urlparse(page.url.replace("#/", "/")).query)
    assert query["x"] == ["relative"] and query["log"] == ["1"]
    expect(page.locator('[data-metric="loss"] [data-testid="metric-chart"]')).to_have_attribute("data-drawn", "1")


def test_artifact_previews(page: Page, server_url: str, seeded: Seeded) -> None:
    base = _run_route(seeded, "baseline", "/artifacts")
    preview = page.get_by_test_id("artifact-preview")

    open_page(page, server_url, f"{base}/notes/readme.txt")
    expect(preview.get_by_test_id("text-preview")).to_contain_text("Training notes.")
    open_page(page, server_url, f"{base}/metrics.json")
    expect(preview.get_by_test_id("text-preview")).to_contain_text('"accuracy": 0.91')
    open_page(page, server_url, f"{base}/config.yaml")
    expect(preview.get_by_test_id("text-preview")).to_contain_text("optimizer: sgd")
    open_page(page, server_url, f"{base}/data/sample.csv")
    table = preview.get_by_test_id("csv-preview")
    expect(table.locator("th")).to_have_text(["age", "plan", "churned"])
    expect(table.locator("tbody tr").nth(1)).to_contain_text("pro, yearly")
    open_page(page, server_url, f"{base}/plots/curve.png")
    image = preview.get_by_test_id("image-preview")
    expect(image).to_be_visible()
    page.wait_for_function("document.querySelector('[data-testid=image-preview]').naturalWidth === 64")
    open_page(page, server_url, f"{base}/model/model.pkl")
    expect(preview).to_contain_text("No preview for this kind of file.")
    download = preview.get_by_role("link", name="Download")
    assert "/api/2.0/trackline/runs/artifact?" in (download.get_attribute("href") or "")
    open_page(page, server_url, f"{base}/model/MLmodel")
    expect(preview.get_by_test_id("mlmodel-preview")).to_contain_text("python_function, sklearn")
    expect(preview.get_by_test_id("mlmodel-preview")).to_contain_text("plan")
    expect(page.locator(".artifact-tree a.active")).to_have_text("MLmodel")
    shot(page, "artifacts")


def test_a_missing_run_id_shows_a_message(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, f"#/experiments/{seeded.experiment_id}/runs/0123456789abcdef")
    expect(page.get_by_test_id("error")).to_contain_text("Run with id=0123456789abcdef not found")
    expect(page.get_by_test_id("error")).to_contain_text("RESOURCE_DOES_NOT_EXIST")
    shot(page, "run-missing")


def test_an_unknown_page_shows_a_message(page: Page, server_url: str) -> None:
    open_page(page, server_url, "#/no/such/page")
    expect(page.get_by_test_id("error")).to_contain_text("There is no page at #/no/such/page")
