"""End to end in a real browser: `reelgraph serve` driven through Debian's headless Chromium.

Chromium and its driver come from Debian (`chromium`, `chromium-driver`; .ci/run installs
them). Without them these tests skip outside CI and fail in CI.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from web_data import NAME, PERSON, SCRIPT, filled_store, served

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
# Headless on an offline machine: no sandbox (containers), no GPU, and nothing that phones home.
FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    missing = [str(p) for p in (CHROMIUM, CHROMEDRIVER) if not p.exists()]
    if missing:
        reason = f"{', '.join(missing)} missing (apt-get install chromium chromium-driver)"
        if os.environ.get("CI"):
            pytest.fail(reason)
        pytest.skip(reason)
    # Both paths are given; this also keeps Selenium Manager from looking online for drivers.
    os.environ.setdefault("SE_OFFLINE", "true")
    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in (*FLAGS, f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(str(CHROMEDRIVER)))
    driver.set_page_load_timeout(30)
    yield driver
    driver.quit()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with served(filled_store(tmp_path_factory.mktemp("web-browser"))) as base:
        yield base


def _no_alert(driver: WebDriver) -> bool:
    try:
        driver.switch_to.alert  # noqa: B018 - raises when no alert is open
    except NoAlertPresentException:
        return True
    return False


def test_person_page_then_a_related_person(browser: WebDriver, site: str) -> None:
    browser.get(f"{site}/person/{PERSON}")
    assert browser.find_element(By.TAG_NAME, "h1").text == NAME
    films = browser.find_element(By.ID, "filmography").text
    assert "Ballerina (2023): actor as Ok-ju" in films
    related = browser.find_element(By.ID, "related")
    first = related.find_element(By.TAG_NAME, "li")
    assert "Ballerina (2023) actor / director" in first.text
    first.find_element(By.LINK_TEXT, "Lee Chung-hyun").click()
    assert browser.current_url == f"{site}/person/person:name:lee-chung-hyun"
    assert browser.find_element(By.TAG_NAME, "h1").text == "Lee Chung-hyun"
    assert "The Call (2020): director" in browser.find_element(By.ID, "filmography").text


def test_search_box_with_did_you_mean(browser: WebDriver, site: str) -> None:
    browser.get(f"{site}/")
    box = browser.find_element(By.ID, "q")
    box.send_keys("jeon jongg")
    box.submit()
    assert browser.find_element(By.TAG_NAME, "h1").text == "Results for “jeon jongg”"
    browser.find_element(By.ID, "did-you-mean").find_element(By.LINK_TEXT, NAME).click()
    assert browser.find_element(By.TAG_NAME, "h1").text == NAME


def test_script_in_a_review_shows_as_text_and_never_runs(browser: WebDriver, site: str) -> None:
    browser.get(f"{site}/person/{PERSON}")
    assert _no_alert(browser)
    review = browser.find_element(By.CLASS_NAME, "review")
    assert SCRIPT in review.text
    assert "<b>fierce</b>" in review.text
    assert review.find_element(By.TAG_NAME, "mark").text == NAME
    assert review.find_elements(By.TAG_NAME, "script") == []
    assert review.find_elements(By.TAG_NAME, "b") == []
