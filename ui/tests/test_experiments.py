"""The experiments list: the default experiment first, search, create, rename, delete, restore."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from conftest import open_page, shot
from seed import Seeded


def test_list_puts_the_default_experiment_first(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, "#/experiments")
    rows = page.get_by_test_id("experiment-row")
    expect(rows.first).to_have_attribute("data-experiment-id", "0")
    expect(page.locator(f'[data-experiment-id="{seeded.experiment_id}"]')).to_contain_text(seeded.experiment_name)
    shot(page, "experiments")
    page.get_by_label("Search experiments by name").fill("demo")
    page.get_by_role("button", name="Search").click()
    expect(rows).to_have_count(1)
    assert "q=demo" in page.url


def test_a_taken_name_shows_the_servers_message(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, "#/experiments")
    page.get_by_label("New experiment name").fill(seeded.experiment_name)
    page.get_by_role("button", name="Create experiment").click()
    error = page.get_by_test_id("create-experiment").get_by_test_id("error")
    expect(error).to_contain_text(f"Experiment(name={seeded.experiment_name}) already exists.")
    expect(error).to_contain_text("RESOURCE_ALREADY_EXISTS")


def test_create_rename_delete_and_restore(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, "#/experiments")
    page.get_by_label("New experiment name").fill("ui-created")
    page.get_by_role("button", name="Create experiment").click()
    expect(page.get_by_test_id("experiment-name")).to_have_text("ui-created")
    expect(page.get_by_text("No runs match.")).to_be_visible()
    experiment_id = page.url.split("#/experiments/")[1].split("?")[0]

    open_page(page, server_url, "#/experiments")
    row = page.locator(f'[data-experiment-id="{experiment_id}"]')
    row.get_by_role("button", name="Rename").click()
    row.get_by_label("Experiment name").fill("ui-renamed")
    row.get_by_role("button", name="Save").click()
    expect(row.get_by_role("link")).to_have_text("ui-renamed")

    row.get_by_role("button", name="Delete").click()
    expect(row).to_have_count(0)
    page.locator("select").first.select_option("deleted")
    expect(row).to_contain_text("ui-renamed")
    row.get_by_role("button", name="Restore").click()
    expect(row).to_have_count(0)
    page.locator("select").first.select_option("active")
    expect(row).to_contain_text("ui-renamed")
