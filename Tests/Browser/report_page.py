#!/usr/bin/env python3
"""Opens an `fte report --html` page in headless Chromium and checks that it renders.

Usage: report_page.py REPORT_HTML SCREENSHOT_PNG

Loads the file, collects the browser's console (any SEVERE entry, such as a script error or a
resource that failed to load, fails the check), requires the headings of every section, at least
`--min-charts` SVG charts (default 4) that were laid out with a non-zero size and hold drawn bars
(every bar at least 1 px each way),
and no horizontal overflow of the page at 900 px. Saves a full-height screenshot, prints one JSON
line `{"charts": N, "sections": [...], "screenshot": PATH}` and exits 0; on a failed check it
prints `FAILED: <what>` to standard error and exits 1.

Runs in the virtual environment scripts/setup.sh makes (.local/venv, Selenium) with Debian's
chromium and chromium-driver.
"""

import argparse
import json
import os
import pathlib
import sys

from selenium import webdriver
from selenium.common.exceptions import WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

CHROMEDRIVER = os.environ.get("FTE_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("FTE_CHROMIUM", "/usr/bin/chromium")
SECTIONS = ["Summary", "Volume", "Sentiment", "Outcomes", "First response", "Knowledge gaps", "Model usage"]


class CheckFailed(Exception):
    """The page does not render as it should."""


def check(condition, what):
    if not condition:
        raise CheckFailed(what)


def inspect(driver, page, screenshot, min_charts):
    driver.get(page.as_uri())
    check(driver.title.startswith("fte report: "), f"page title is {driver.title!r}")
    headings = [h.text.strip() for h in driver.find_elements(By.TAG_NAME, "h2")]
    for section in SECTIONS:
        check(section in headings, f"no {section!r} section (headings: {headings})")
    charts = driver.find_elements(By.CSS_SELECTOR, "svg.chart")
    check(len(charts) >= min_charts, f"{len(charts)} charts, expected at least {min_charts}")
    for chart in charts:
        size = chart.size
        name = chart.get_attribute("id")
        check(size["width"] > 100 and size["height"] > 50, f"chart {name} laid out at {size}")
        bars = chart.find_elements(By.CSS_SELECTOR, "rect.bar")
        check(bars, f"chart {name} has no bars")
        # A bar with a count is drawn big enough to see (a zero-height bar renders nothing).
        for bar in bars:
            box = driver.execute_script("const b = arguments[0].getBBox(); return [b.width, b.height]", bar)
            check(box[0] >= 1 and box[1] >= 1, f"chart {name}: a bar is drawn {box[0]:.1f} x {box[1]:.1f} px")
        check(chart.find_elements(By.TAG_NAME, "title"), f"chart {name} has no accessible title")
        fill = driver.execute_script("return getComputedStyle(arguments[0]).fill", bars[0])
        check(fill and fill not in ("none", "rgb(0, 0, 0)"), f"chart {name}: bars are not coloured ({fill})")
    overflow = driver.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    check(overflow <= 1, f"the page is {overflow} px wider than the window")
    errors = [entry for entry in driver.get_log("browser") if entry.get("level") == "SEVERE"]
    check(not errors, f"console errors: {errors}")
    height = driver.execute_script("return document.documentElement.scrollHeight")
    driver.set_window_size(900, min(max(height, 800), 8000))
    check(driver.save_screenshot(str(screenshot)), f"could not save the screenshot {screenshot}")
    return {"charts": len(charts), "sections": headings, "screenshot": str(screenshot)}


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report")
    parser.add_argument("screenshot")
    parser.add_argument("--min-charts", type=int, default=4)
    arguments = parser.parse_args()
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=900,1300"]:
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    try:
        result = inspect(driver, pathlib.Path(arguments.report).resolve(), arguments.screenshot, arguments.min_charts)
    except (CheckFailed, WebDriverException) as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        return 1
    finally:
        driver.quit()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
