"""The dashboard in headless Chromium (README "Dashboard"), against a server that
scripts/browser-test.sh started on a prepared workspace:

    python3 Tests/browser/dashboard_test.py --base http://127.0.0.1:PORT --workspace W --screenshots DIR

Each test loads a view, checks what a person would see, and saves a screenshot. Any error on the
browser's console (a failed request, a script error, a blocked resource) fails the test that
caused it. Prints one line per test, then "browser: N passed, N failed"; exits 1 on a failure.
"""
import argparse
import datetime
import json
import os
import sys
import tempfile
import time
import traceback
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait

MODEL_A = "spy_opt_0dte_hourly"
MODEL_B = "spy_headfake"
WAIT = 20  # seconds any one expectation may take (a debug server answers in milliseconds)


def chrome(profile):
    options = webdriver.ChromeOptions()
    # --no-sandbox: CI runs as root, where Chromium's sandbox refuses to start.
    for arg in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,800",
                f"--user-data-dir={profile}"]:
        options.add_argument(arg)
    options.binary_location = os.environ.get("EDGEHOST_CHROMIUM", "/usr/bin/chromium")
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    service = lambda: Service(os.environ.get("EDGEHOST_CHROMEDRIVER", "/usr/bin/chromedriver"))
    try:
        return webdriver.Chrome(service=service(), options=options)
    except WebDriverException as first:
        # A browser that starts too slowly on a busy machine: one more try, then the error.
        print(f"chromium did not start ({first.msg}); trying once more")
        return webdriver.Chrome(service=service(), options=options)


class Dashboard:
    def __init__(self, base, workspace, screenshots):
        self.base, self.workspace, self.screenshots = base, workspace, screenshots
        self.profile = tempfile.TemporaryDirectory(prefix="edgehost-chromium-")
        self.driver = chrome(self.profile.name)

    def open(self, fragment):
        # A real load each time: from the same page, a new fragment alone would only change the hash.
        self.driver.get("about:blank")
        self.driver.get(f"{self.base}/{fragment}")
        self.wait(lambda d: d.execute_script("return !document.querySelector('main .loading')"), "the view to load")

    def wait(self, condition, what, timeout=WAIT):
        return WebDriverWait(self.driver, timeout, poll_frequency=0.1).until(condition, f"timed out waiting for {what}")

    def all(self, css):
        return self.driver.find_elements(By.CSS_SELECTOR, css)

    def one(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def text(self, css):
        """Read in one script call: live mode redraws on every refresh, so a found element may be gone a moment later."""
        return self.driver.execute_script("return document.querySelector(arguments[0])?.textContent ?? null", css)

    def classes(self, css):
        return self.driver.execute_script("return document.querySelector(arguments[0])?.className ?? null", css) or ""

    def shot(self, name, full_page=False):
        if full_page:
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            width = self.driver.execute_script("return window.outerWidth")
            self.driver.set_window_size(width, min(height + 120, 8000))
        self.driver.save_screenshot(os.path.join(self.screenshots, f"{name}.png"))
        if full_page:
            self.driver.set_window_size(1280, 800)

    def console_errors(self):
        return [entry["message"] for entry in self.driver.get_log("browser") if entry["level"] == "SEVERE"]

    def api(self, path):
        with urllib.request.urlopen(f"{self.base}{path}", timeout=30) as response:
            return json.load(response)

    def write_live_state(self, state):
        """Written whole (temp file, rename), as the live monitor writes it."""
        folder = os.path.join(self.workspace, "live_data", MODEL_A)
        os.makedirs(folder, exist_ok=True)
        fd, temp = tempfile.mkstemp(dir=folder, prefix=".live_state")
        with os.fdopen(fd, "w") as f:
            json.dump(state, f)
        os.replace(temp, os.path.join(folder, "live_state.json"))

    def rendered_images(self, css):
        return self.driver.execute_script(
            "return [...document.querySelectorAll(arguments[0])].map(i => ({src: i.getAttribute('src'), ok: i.complete && i.naturalWidth > 0}))", css)


def now_iso(offset_seconds=0):
    t = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=offset_seconds)
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def live_state(stream_status, decisions):
    return {"model": MODEL_A, "updated_at": now_iso(),
            "health": {"stream_status": stream_status, "data_freshness_seconds": 42, "scoring_latency_ms": 18, "stream_lag_seconds": 1.5},
            "decisions": decisions}


def decision(key, minute, status, stale, probability):
    return {"key": key, "decision_ts": f"2026-12-04T{minute}Z", "action": "call", "probability": probability, "threshold": 0.55,
            "policy_status": status, "policy_reason": "cleared the threshold" if status == "pass" else "below the threshold",
            "stale_flag": stale}


# The tests, in order (the compare and train tests start from the leaderboard's state).

def test_pass_gate_only_toggle_changes_the_rows(ui):
    ui.open("#/leaderboard")
    gates = [row.get_attribute("data-gate") for row in ui.all("#leaderboard tbody tr")]
    assert "pass" in gates and "fail" in gates, f"the prepared leaderboard has both verdicts: {gates}"
    # A failing badge's reasons: on hover (title) and on expand, by keyboard.
    badge = ui.one("#leaderboard tbody tr[data-gate=fail] details.gate summary")
    reasons = badge.get_attribute("title")
    assert "<" in reasons, f"a failing gate's reasons name the budget missed: {reasons!r}"
    badge.send_keys(Keys.ENTER)
    ui.wait(lambda d: badge.find_element(By.XPATH, "..").get_attribute("open") is not None, "the badge to expand")
    assert ui.one("#leaderboard details.gate[open] .reasons").text == reasons
    ui.shot("leaderboard")
    ui.one("#pass-only").click()
    ui.wait(lambda d: all(r.get_attribute("data-gate") == "pass" for r in ui.all("#leaderboard tbody tr")), "only passing rows")
    passing = len(ui.all("#leaderboard tbody tr"))
    assert 0 < passing < len(gates), f"{passing} passing rows of {len(gates)}"
    assert passing == len(ui.api("/leaderboard?top=1000&pass_gate_only=true"))
    ui.shot("leaderboard-pass-gate-only")
    ui.one("#pass-only").click()
    ui.wait(lambda d: len(ui.all("#leaderboard tbody tr")) == len(gates), "every row again")


def test_sorting_by_a_column(ui):
    ui.open("#/leaderboard")
    ui.one("button.sort[data-column=trades]").click()
    trades = [int(r.find_elements(By.CSS_SELECTOR, "td.num")[0].text) for r in ui.all("#leaderboard tbody tr")]
    assert trades == sorted(trades, reverse=True), trades
    assert ui.one("button.sort[data-column=trades]").find_element(By.XPATH, "..").get_attribute("aria-sort") == "descending"
    ui.one("button.sort[data-column=trades]").click()
    trades = [int(r.find_elements(By.CSS_SELECTOR, "td.num")[0].text) for r in ui.all("#leaderboard tbody tr")]
    assert trades == sorted(trades), trades


def test_compare_two_rows_shows_both_rows_plots(ui):
    ui.open("#/leaderboard")
    for model in (MODEL_A, MODEL_B):
        row = next(r for r in ui.all("#leaderboard tbody tr") if r.find_element(By.CSS_SELECTOR, "th").text == model)
        row.find_element(By.CSS_SELECTOR, "input.select").click()
    ui.one("#compare").click()
    ui.wait(lambda d: len(ui.all("#compare-view article.card")) == 2, "two compared configurations")
    css = "main figure.plot img"
    ui.wait(lambda d: len(ui.rendered_images(css)) == 6 and all(i["ok"] for i in ui.rendered_images(css)), "six rendered plots")
    sources = {i["src"] for i in ui.rendered_images(css)}
    for model in (MODEL_A, MODEL_B):
        for plot in ("equity", "drawdown", "hourly_pnl"):
            assert f"/models/{model}/plots/{plot}.svg" in sources, f"{model} {plot} missing from {sources}"
    ui.shot("compare", full_page=True)


def test_training_a_failing_row_needs_a_confirmation_and_a_tag(ui):
    ui.open("#/leaderboard")
    row = next(r for r in ui.all("#leaderboard tbody tr")
               if r.find_element(By.CSS_SELECTOR, "th").text == MODEL_B and r.get_attribute("data-gate") == "fail")
    for box in ui.all("#leaderboard input.select:checked"):
        box.click()
    row.find_element(By.CSS_SELECTOR, "input.select").click()
    ui.one("#train-selection").click()
    dialog = ui.wait(lambda d: d.find_element(By.CSS_SELECTOR, "dialog[open]"), "the confirmation dialog")
    assert "failed the gate" in dialog.text
    # The tag is required: confirming without it leaves the dialog open.
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert ui.all("dialog[open]"), "no tag, no training"
    ui.shot("train-confirmation")
    dialog.find_element(By.CSS_SELECTOR, "input[name=tag]").send_keys("override-browser-test")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    ui.wait(lambda d: "succeeded" in ui.one("#train-status").text, "the training job to succeed", timeout=120)
    jobs = [j for j in ui.api("/jobs") if j["kind"] == "train" and j["model_id"] == MODEL_B]
    request = jobs[0]["request"]
    assert request.get("gate_override") is True and request.get("tag") == "override-browser-test", request


def test_model_page_shows_rendered_plots(ui):
    ui.open(f"#/models/{MODEL_A}")
    css = "#model-plots img"
    ui.wait(lambda d: len(ui.rendered_images(css)) == 5 and all(i["ok"] for i in ui.rendered_images(css)), "five rendered plots")
    profile = ui.api(f"/models/{MODEL_A}/profile")
    assert len(ui.all("#profile table")[0].find_elements(By.CSS_SELECTOR, "tbody tr")) == len(profile["features"])
    report = ui.api(f"/models/{MODEL_A}/report")
    assert len(ui.all("#per-threshold tbody tr")) == len(report["configurations"])
    assert len(ui.all("#per-fold tbody tr")) == sum(len(c["folds"]) for c in report["configurations"])
    assert "promote" in ui.one("#history").text
    ui.shot("model", full_page=True)


def test_registry_page_lists_the_active_model_promotes_and_rolls_back(ui):
    ui.open("#/registry")
    active = f"#registry-models tr[data-model={MODEL_A}] .slot-active"
    assert ui.text(active) == "v1"
    actions = [r.find_element(By.CSS_SELECTOR, "th").text for r in ui.all("#ledger tbody tr")]
    assert actions[:2] == ["register", "promote"], f"newest first: {actions}"
    ui.shot("registry")
    # Promote v2 to active: a confirmation first.
    ui.one(f"tr[data-id='{MODEL_A}@v2'] button[data-slot=active]").click()
    dialog = ui.wait(lambda d: d.find_element(By.CSS_SELECTOR, "dialog[open]"), "the promote confirmation")
    dialog.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("browser test promotion")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    ui.wait(lambda d: ui.text(active) == "v2", "v2 active")
    # Roll back: the reason is required.
    ui.one(f"#registry-models tr[data-model={MODEL_A}] button.rollback").click()
    dialog = ui.wait(lambda d: d.find_element(By.CSS_SELECTOR, "dialog[open]"), "the rollback confirmation")
    assert "from v2 back to v1" in dialog.text, dialog.text
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    assert ui.all("dialog[open]"), "no reason, no rollback"
    dialog.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("browser test rollback")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    ui.wait(lambda d: ui.text(active) == "v1" and ui.text("#ledger tbody tr th") == "rollback", "v1 active again after the rollback")
    ledger = ui.api("/registry/ledger")
    assert [(l["action"], l["reason"], l["actor"]) for l in ledger[-2:]] == \
        [("promote", "browser test promotion", "dashboard"), ("rollback", "browser test rollback", "dashboard")], ledger[-2:]
    ui.shot("registry-rolled-back")


def test_live_mode_shows_changes_without_reload_and_mutes_stale_rows(ui):
    ui.write_live_state(live_state("ok", [
        decision("k-fresh", "15:00:00", "pass", False, 0.61),
        decision("k-stale", "14:00:00", "pass", True, 0.72),
        decision("k-low", "13:00:00", "block", False, 0.41),
    ]))
    ui.open(f"#/live/{MODEL_A}")
    assert ui.one("#nav-live").is_displayed(), "the Live section shows once a model is live"
    ui.wait(lambda d: ui.text("#stream-status") == "ok", "the health banner")
    assert "fresh" in ui.text("#data-freshness") and "18 ms" in ui.text("#scoring-latency"), ui.text("#health")
    stale = ui.classes("#decisions tr[data-key=k-stale]")
    assert "stale" in stale and "favorable" not in stale, f"a stale decision is muted and never favorable, though its policy passed: {stale!r}"
    assert ui.driver.execute_script("return getComputedStyle(document.querySelector('#decisions tr[data-key=k-stale]')).opacity") != "1"
    assert "favorable" in ui.classes("#decisions tr[data-key=k-fresh]")
    assert "favorable" not in ui.classes("#decisions tr[data-key=k-low]")
    assert "stale" in ui.classes("#decision-cards article[data-key=k-stale]")
    ui.shot("live")
    ui.driver.execute_script("window.__sameDocument = true")
    ui.one("#cadence").send_keys("1 s")
    ui.write_live_state(live_state("degraded", [
        decision("k-new", "16:00:00", "pass", False, 0.66),
        decision("k-fresh", "15:00:00", "pass", False, 0.61),
    ]))
    ui.wait(lambda d: ui.text("#stream-status") == "degraded" and ui.text("#decisions tr[data-key=k-new]"), "the rewritten state")
    assert ui.driver.execute_script("return window.__sameDocument === true"), "the page was not reloaded"
    assert "warn" in ui.classes("#health")
    ui.shot("live-updated")


def test_readable_at_a_phones_width(ui):
    ui.driver.set_window_size(390, 844)
    try:
        for fragment, name in (("#/leaderboard", "phone-leaderboard"), (f"#/models/{MODEL_A}", "phone-model")):
            ui.open(fragment)
            width = ui.driver.execute_script("return document.documentElement.scrollWidth")
            inner = ui.driver.execute_script("return window.innerWidth")
            assert width <= inner, f"{fragment}: the page scrolls sideways ({width} > {inner} px); only tables may"
            ui.shot(name)
    finally:
        ui.driver.set_window_size(1280, 800)


def test_a_change_on_a_server_with_a_token_asks_for_it_once(ui):
    """Against the server started with EDGEHOST_API_TOKEN: the first promote gets 401 and the
    dashboard asks for the token; a wrong one is refused and nothing changes; the right one is
    kept for the tab, so the rollback that follows asks nothing. The expected 401s (the two
    tries with the wrong token, the first try before the right one) are the only console errors
    allowed."""
    ui.driver.get("about:blank")
    ui.driver.get(f"{ui.token_base}/#/registry")
    ui.wait(lambda d: d.execute_script("return !document.querySelector('main .loading')"), "the view to load")
    active = f"#registry-models tr[data-model={MODEL_A}] .slot-active"
    before = ui.text(active)
    other = "v2" if before == "v1" else "v1"

    def promote(token):
        ui.one(f"tr[data-id='{MODEL_A}@{other}'] button[data-slot=active]").click()
        dialog = ui.wait(lambda d: d.find_element(By.CSS_SELECTOR, "dialog[open]"), "the promote confirmation")
        dialog.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("token test")
        dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
        prompt = ui.wait(lambda d: next((e for e in d.find_elements(By.CSS_SELECTOR, "dialog[open]") if "API token" in e.text), None),
                         "the token prompt")
        ui.shot("token-prompt")
        prompt.find_element(By.CSS_SELECTOR, "input[name=token]").send_keys(token)
        prompt.find_element(By.CSS_SELECTOR, "button[type=submit]").click()

    promote("not-the-token")
    ui.wait(lambda d: "refused" in d.find_element(By.TAG_NAME, "body").text, "the refusal")
    assert ui.text(active) == before, "a refused token changes nothing"
    ui.driver.get("about:blank")
    ui.driver.get(f"{ui.token_base}/#/registry")
    ui.wait(lambda d: d.execute_script("return !document.querySelector('main .loading')"), "the view to load")
    promote(ui.token)
    ui.wait(lambda d: ui.text(active) == other, f"{other} active")
    ui.one(f"#registry-models tr[data-model={MODEL_A}] button.rollback").click()
    dialog = ui.wait(lambda d: d.find_element(By.CSS_SELECTOR, "dialog[open]"), "the rollback confirmation")
    dialog.find_element(By.CSS_SELECTOR, "input[name=reason]").send_keys("token test rollback")
    dialog.find_element(By.CSS_SELECTOR, "button[type=submit]").click()
    ui.wait(lambda d: ui.text(active) == before, f"{before} active again, without a second prompt")
    assert not [e for e in ui.all("dialog[open]") if "API token" in e.text]
    errors = ui.console_errors()
    unexpected = [e for e in errors if " 401 " not in e and "(Unauthorized)" not in e]
    assert len(errors) - len(unexpected) <= 3 and not unexpected, errors
    ui.shot("token-accepted")


TESTS = [test_pass_gate_only_toggle_changes_the_rows, test_sorting_by_a_column, test_compare_two_rows_shows_both_rows_plots,
         test_training_a_failing_row_needs_a_confirmation_and_a_tag, test_model_page_shows_rendered_plots,
         test_registry_page_lists_the_active_model_promotes_and_rolls_back, test_live_mode_shows_changes_without_reload_and_mutes_stale_rows,
         test_readable_at_a_phones_width, test_a_change_on_a_server_with_a_token_asks_for_it_once]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--screenshots", required=True)
    parser.add_argument("--token-base", required=True, help="a server on the same workspace started with EDGEHOST_API_TOKEN")
    parser.add_argument("--token", required=True)
    args = parser.parse_args()
    os.makedirs(args.screenshots, exist_ok=True)
    started = time.monotonic()
    ui = Dashboard(args.base, args.workspace, args.screenshots)
    ui.token_base, ui.token = args.token_base, args.token
    passed = failed = 0
    try:
        for test in TESTS:
            t0 = time.monotonic()
            try:
                test(ui)
                errors = ui.console_errors()
                assert not errors, f"console errors: {errors}"
                passed += 1
                print(f"PASS {test.__name__} ({time.monotonic() - t0:.1f} s)")
            except Exception:
                failed += 1
                print(f"FAIL {test.__name__}\n{traceback.format_exc()}")
                print(f"  console: {ui.console_errors()}")
                ui.shot(f"FAILED-{test.__name__}")
    finally:
        ui.driver.quit()
        ui.profile.cleanup()
    print(f"screenshots in {args.screenshots}; {time.monotonic() - started:.1f} s")
    print(f"browser: {passed} passed, {failed} failed")
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
