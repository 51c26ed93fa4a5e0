"""The model registry: models list, model page with its audit trail, version page with stage
transitions and aliases."""

from __future__ import annotations

from playwright.sync_api import Page, expect

from conftest import open_page, shot
from seed import MODEL, Seeded


def test_models_list(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, "#/models")
    row = page.get_by_test_id("model-row").filter(has_text=MODEL)
    expect(row).to_contain_text("@champion → v1")
    expect(row).to_contain_text("v1 Production")
    shot(page, "models")


def test_model_page_with_its_audit_trail(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, f"#/models/{MODEL}")
    expect(page.get_by_test_id("model-name")).to_have_text(MODEL)
    expect(page.get_by_test_id("description").locator("strong")).to_have_text("churn")
    versions = page.get_by_test_id("versions")
    expect(versions.locator('tr[data-version="1"]')).to_contain_text("Production")
    expect(versions.locator('tr[data-version="1"]')).to_contain_text("@champion")
    expect(versions.locator('tr[data-version="2"]')).to_contain_text(seeded.runs["tuned"])
    trail = page.get_by_test_id("audit-trail")
    moved = trail.locator('li[data-action="TRANSITION_STAGE"]', has_text="Production")
    expect(moved).to_contain_text("moved version 1 from Staging to Production")
    expect(moved).to_contain_text("approved in review 42")
    expect(trail.locator('li[data-action="SET_ALIAS"]')).to_contain_text("set alias @champion on version 1")
    shot(page, "model")


def test_version_page_stage_transition_and_alias_edit(page: Page, server_url: str, seeded: Seeded) -> None:
    open_page(page, server_url, f"#/models/{MODEL}/versions/2")
    expect(page.get_by_test_id("version-title")).to_have_text(f"{MODEL} version 2")
    expect(page.get_by_test_id("source-run")).to_have_text("tuned")
    form = page.get_by_test_id("stage-form")
    form.get_by_label("New stage").select_option("Staging")
    form.get_by_label("Comment").fill("ready for a check")
    form.get_by_role("button", name="Move to Staging").click()
    expect(page.get_by_test_id("current-stage")).to_have_text("Staging")
    trail = page.get_by_test_id("audit-trail")
    expect(trail.locator("li").first).to_contain_text("moved version 2 from None to Staging")
    expect(trail.locator("li").first).to_contain_text("ready for a check")

    aliases = page.get_by_test_id("alias-editor")
    aliases.get_by_label("New alias").fill("challenger")
    aliases.get_by_role("button", name="Set alias").click()
    expect(aliases).to_contain_text("@challenger")
    expect(trail.locator("li").first).to_contain_text("set alias @challenger on version 2")
    shot(page, "version")
    aliases.get_by_label("Remove alias challenger").click()
    expect(aliases).not_to_contain_text("@challenger")
    expect(trail.locator("li").first).to_contain_text("removed alias @challenger")


def test_an_unknown_model_shows_a_message(page: Page, server_url: str) -> None:
    open_page(page, server_url, "#/models/no-such-model")
    expect(page.get_by_test_id("error")).to_contain_text("no-such-model")
