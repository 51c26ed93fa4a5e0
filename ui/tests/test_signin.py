"""Signing in to a server with authentication on: the UI learns it from a 401, shows its sign-in
page (never the browser's password dialog), keeps the credentials for the tab, and signs out."""

from __future__ import annotations

import requests
from playwright.sync_api import Page, expect

from conftest import AuthServer, open_page, shot
from seed import png


def _seed(server: AuthServer) -> tuple[str, str]:
    """An experiment with one run that has an image artifact, made by the admin: their ids."""
    api = f"{server.url}/api/2.0/mlflow"
    experiment = requests.post(f"{api}/experiments/create", json={"name": "signed-in"}, auth=server.admin, timeout=10)
    experiment.raise_for_status()
    experiment_id = experiment.json()["experiment_id"]
    run = requests.post(
        f"{api}/runs/create",
        json={"experiment_id": experiment_id, "run_name": "private-run"},
        auth=server.admin,
        timeout=10,
    )
    run.raise_for_status()
    run_id = run.json()["run"]["info"]["run_id"]
    upload = requests.put(
        f"{server.url}/api/2.0/mlflow-artifacts/artifacts/{experiment_id}/{run_id}/artifacts/plot.png",
        data=png(32, 20),
        auth=server.admin,
        timeout=10,
    )
    upload.raise_for_status()
    return str(experiment_id), run_id


def test_sign_in_wrong_then_right_then_out(page: Page, auth_server: AuthServer) -> None:
    experiment_id, run_id = _seed(auth_server)
    dialogs: list[str] = []
    page.on("dialog", lambda d: dialogs.append(d.message))
    open_page(page, auth_server.url, f"#/experiments/{experiment_id}")
    form = page.get_by_test_id("signin")
    expect(form).to_be_visible()
    expect(page.get_by_test_id("account")).to_have_count(0)
    shot(page, "signin")

    username, password = auth_server.admin
    form.get_by_label("User name").fill(username)
    form.get_by_label("Password").fill("not-the-password")
    form.get_by_role("button", name="Sign in").click()
    expect(page.get_by_test_id("signin-error")).to_have_text("Wrong user name or password.")
    expect(form.get_by_label("Password")).to_have_value("")

    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign in").click()
    # The page asked for (its URL unchanged) renders, every call now carrying the credentials.
    expect(page.get_by_test_id("runs-table")).to_have_attribute("data-ready", "true")
    expect(page.locator('[data-testid="run-row"]')).to_contain_text(["private-run"])
    expect(page.get_by_test_id("account")).to_contain_text("Signed in as admin")
    shot(page, "signed-in")
    assert page.url.endswith(f"#/experiments/{experiment_id}")
    stored = page.evaluate("() => Object.keys(sessionStorage)")
    assert stored == ["trackline.credentials"]
    assert page.context.cookies([auth_server.url]) == []  # nothing kept beyond the tab

    # An image the browser cannot fetch with the tab's credentials itself is read through the API.
    page.goto(f"{auth_server.url}/#/experiments/{experiment_id}/runs/{run_id}/artifacts/plot.png")
    expect(page.get_by_test_id("image-preview")).to_be_visible()
    page.wait_for_function("document.querySelector('[data-testid=image-preview]').naturalWidth === 32")

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_test_id("signin")).to_be_visible()
    assert page.evaluate("() => sessionStorage.length") == 0
    assert dialogs == []
