#!/usr/bin/env python3
"""Drives the web support form of a running `fte serve` in headless Chromium.

Usage: web_form.py BASE_URL SCREENSHOT_FOLDER

Loads the form, submits it empty and with invalid values (each field shows the server's message),
checks the live message counter and the disabled submit button, submits a valid request whose first
answer is lost (the request reaches the gateway, the page sees a network failure), sends it again
(the same `submission_id`, a UUID version 7), reads the ticket id and tracks it until it shows
status `received`; a new request after that has a new key, and when the device's clock is 10 minutes
fast the page replaces the refused key with one on the server's clock and sends again. Saves a screenshot of each state, prints
one JSON line `{"ticket_id": ..., "screenshots": [...]}` and exits 0; on a failed check it prints
`FAILED: <what>` to standard error and exits 1.

Runs in the virtual environment scripts/setup.sh makes (.local/venv, Selenium) with Debian's
chromium and chromium-driver.
"""

import json
import os
import re
import sys

from selenium import webdriver
from selenium.common.exceptions import TimeoutException, WebDriverException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

CHROMEDRIVER = os.environ.get("FTE_CHROMEDRIVER", "/usr/bin/chromedriver")
CHROMIUM = os.environ.get("FTE_CHROMIUM", "/usr/bin/chromium")
REQUIRED_FIELDS = ["name", "email", "subject", "category", "message"]
UUID = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$")
UUID_V7 = re.compile(r"^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$")
WAIT_SECONDS = 15

# Records every change of the submit button's `disabled` attribute (true: it became disabled),
# so a submission answered within a millisecond still shows whether the button was disabled meanwhile.
WATCH_SUBMIT_BUTTON = """
if (window.submitWatcher) { window.submitWatcher.disconnect(); }
window.submitDisabledChanges = [];
window.submitWatcher = new MutationObserver(function (records) {
  records.forEach(function (r) { window.submitDisabledChanges.push(r.oldValue === null); });
});
window.submitWatcher.observe(document.getElementById("submit"),
  { attributes: true, attributeFilter: ["disabled"], attributeOldValue: true });
"""

# Records the body of every form submission, and when `window.loseNextAnswer` is set, lets the
# next submission reach the gateway but fails it in the page as a dropped connection would.
RECORD_SUBMISSIONS = """
window.submissions = [];
window.loseNextAnswer = false;
const realFetch = window.fetch;
window.fetch = async function (url, options) {
  if (String(url).endsWith("/support/submit")) {
    window.submissions.push(JSON.parse(options.body));
    if (window.loseNextAnswer) {
      window.loseNextAnswer = false;
      await realFetch(url, options);
      throw new TypeError("Failed to fetch");
    }
  }
  return realFetch(url, options);
};
"""


class CheckFailed(Exception):
    """One of the form's expected behaviours did not happen."""


def check(condition, what):
    if not condition:
        raise CheckFailed(what)


class FormSession:
    """One headless Chromium on the form page, with helpers for its fields and states."""

    def __init__(self, base_url, screenshots):
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=900,1300"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
        self.base_url = base_url.rstrip("/") + "/"
        self.screenshots = screenshots
        self.saved = []

    def close(self):
        self.driver.quit()

    def element(self, element_id):
        return self.driver.find_element(By.ID, element_id)

    def text(self, element_id):
        return self.element(element_id).text.strip()

    def wait_for(self, condition, what):
        try:
            return WebDriverWait(self.driver, WAIT_SECONDS).until(lambda _: condition())
        except TimeoutException:
            raise CheckFailed(f"timed out after {WAIT_SECONDS} s waiting for {what}") from None

    def screenshot(self, name):
        path = os.path.join(self.screenshots, name)
        check(self.driver.save_screenshot(path), f"could not save the screenshot {path}")
        self.saved.append(path)

    def fill(self, values):
        """Types each value into its field (clearing it first); `category`/`priority` are selects."""
        for name, value in values.items():
            field = self.element(name)
            if field.tag_name == "select":
                Select(field).select_by_value(value)
            else:
                field.clear()
                field.send_keys(value)

    def submit_and_wait(self, what):
        """Clicks "Send request" and waits until the answer has been shown and the button re-enabled."""
        self.driver.execute_script(WATCH_SUBMIT_BUTTON)
        self.element("submit").click()
        self.wait_for(lambda: self.driver.execute_script("return window.submitDisabledChanges.length >= 2"),
                      f"the answer to {what}")
        changes = self.driver.execute_script("return window.submitDisabledChanges")
        check(changes[0] is True and changes[-1] is False,
              f"the submit button was not disabled while sending {what} (disabled changes: {changes})")

    def submission_ids(self):
        """The `submission_id` of every submission the page sent, in order."""
        return [body.get("submission_id") for body in self.driver.execute_script("return window.submissions")]

    def field_error(self, name):
        """The message beside a field, checking the field is marked invalid exactly when there is one."""
        message = self.text(f"{name}-error")
        invalid = self.element(name).get_attribute("aria-invalid")
        check((invalid == "true") == bool(message),
              f"{name}: aria-invalid is {invalid!r} but the message beside it is {message!r}")
        return message


def idle_form(session):
    session.driver.get(session.base_url)
    session.wait_for(lambda: session.element("support-form").is_displayed(), "the form")
    session.driver.execute_script(RECORD_SUBMISSIONS)
    check(session.driver.title == "Contact support", f"page title is {session.driver.title!r}")
    for name in REQUIRED_FIELDS + ["phone", "priority"]:
        labels = session.driver.find_elements(By.CSS_SELECTOR, f'label[for="{name}"]')
        check(labels and labels[0].text.strip(), f"the {name} field has no visible label")
        check(session.field_error(name) == "", f"{name} shows an error before anything was submitted")
    check(session.text("message-count") == "0 / 1000", f"the counter starts at {session.text('message-count')!r}")
    session.screenshot("1-idle.png")


def empty_submission(session):
    session.submit_and_wait("the empty form")
    for name in REQUIRED_FIELDS:
        message = session.field_error(name)
        check(message.endswith("is required."), f"{name} shows {message!r}, not the server's 'is required'")
    check(session.field_error("phone") == "", "the optional phone field shows an error")
    check(session.text("form-error") == "Please correct the highlighted fields.",
          f"the form-level message is {session.text('form-error')!r}")
    active = session.driver.switch_to.active_element.get_attribute("id")
    check(active == "name", f"focus is on {active!r}, not on the first invalid field")
    session.screenshot("2-empty-errors.png")


def invalid_submission(session):
    session.fill({"name": "J", "email": "not-an-address", "subject": "Cannot export my board",
                  "category": "technical", "message": "short"})
    session.submit_and_wait("the invalid form")
    expected = {"name": "Your name must be at least 2 characters.",
                "email": "E-mail must be a valid e-mail address, like name@example.com.",
                "message": "Message must be at least 10 characters."}
    for name, text in expected.items():
        message = session.field_error(name)
        check(message == text, f"{name} shows {message!r}, expected {text!r}")
    for name in ["subject", "category"]:
        check(session.field_error(name) == "", f"{name} still shows an error after it was corrected")
    session.screenshot("3-invalid.png")


def live_counter(session):
    text = "The CSV export button does nothing when I click it on the Roadmap board."
    session.fill({"message": text})
    counter = session.text("message-count")
    check(counter == f"{len(text)} / 1000", f"the counter shows {counter!r} for a {len(text)}-character message")


def valid_submission(session):
    session.fill({"name": "Jane Doe", "email": "jane.doe@example.com", "phone": "+14155550100", "priority": "high"})
    session.driver.execute_script("window.loseNextAnswer = true;")
    session.submit_and_wait("the valid form, its answer lost")
    lost = "We could not reach the server. Check your connection and try again."
    check(session.text("form-error") == lost, f"after a lost answer the form says {session.text('form-error')!r}")
    check(session.element("support-form").is_displayed(), "the form is gone after a lost answer")
    # From here the device's clock is 10 minutes fast: the key made for the next request is
    # refused, and the page makes a new one on the server's clock (next_request_has_a_new_key).
    session.driver.execute_script("const realNow = Date.now; Date.now = function () { return realNow() + 600000; };")
    session.submit_and_wait("the valid form again")
    keys = session.submission_ids()
    check(len(keys) == 4, f"the page sent {len(keys)} submissions, expected 4")
    check(all(key and UUID_V7.match(key) for key in keys), f"not every submission had a UUIDv7 submission_id: {keys}")
    check(len(set(keys)) == 1, f"the retries of one message did not keep its key: {keys}")
    session.wait_for(lambda: session.element("success").is_displayed(), "the success panel")
    check(not session.element("support-form").is_displayed(), "the form is still shown beside the success panel")
    ticket_id = session.text("ticket-id")
    check(UUID.match(ticket_id), f"the ticket number {ticket_id!r} is not a UUID")
    check(session.text("eta").startswith("Expected response time: "), f"the ETA line is {session.text('eta')!r}")
    session.screenshot("4-success.png")
    return ticket_id


def tracking(session, ticket_id):
    session.element("track-this").click()
    session.wait_for(lambda: session.element("track-result").is_displayed(), "the ticket status")
    check(not session.element("form-view").is_displayed(), "the form view is still shown while tracking")
    check(session.element("show-track").get_attribute("aria-pressed") == "true", "'Track my request' is not pressed")
    check(session.element("track-id").get_attribute("value") == ticket_id, "the tracked ticket number is not ours")
    check(session.text("track-error") == "", f"tracking shows the error {session.text('track-error')!r}")
    status = session.text("track-status")
    check(status == "received", f"the status is {status!r}, expected 'received'")
    session.screenshot("5-tracking.png")


def key_millis(key):
    return int(key.replace("-", "")[:12], 16)


def next_request_has_a_new_key(session):
    """The next request has a new key; made on a clock 10 minutes fast, it is refused, and the page
    sends again at once with a key on the server's clock (then shows the empty fields' errors)."""
    session.element("show-form").click()
    session.element("another").click()
    session.wait_for(lambda: session.element("support-form").is_displayed(), "the form for another request")
    session.submit_and_wait("the next, empty request")
    session.wait_for(lambda: len(session.submission_ids()) == 6
                     and session.text("form-error") == "Please correct the highlighted fields.",
                     "the empty request, sent again with a new key")
    keys = session.submission_ids()
    check(all(UUID_V7.match(key or "") for key in keys[4:]), f"the next request's keys are not UUIDv7s: {keys}")
    check(len(set(keys[3:])) == 3, f"the request after an accepted one did not get a new key: {keys}")
    ahead = key_millis(keys[4]) - key_millis(keys[5])
    check(540_000 < ahead < 660_000, f"the renewed key is not on the server's clock ({ahead} ms apart): {keys}")


def main(arguments):
    if len(arguments) != 2:
        print("usage: web_form.py BASE_URL SCREENSHOT_FOLDER", file=sys.stderr)
        return 2
    base_url, screenshots = arguments
    os.makedirs(screenshots, exist_ok=True)
    try:
        session = FormSession(base_url, screenshots)
    except WebDriverException as error:
        print(f"FAILED: cannot start headless Chromium ({CHROMIUM}, {CHROMEDRIVER}): {error.msg}", file=sys.stderr)
        return 1
    try:
        idle_form(session)
        empty_submission(session)
        invalid_submission(session)
        live_counter(session)
        ticket_id = valid_submission(session)
        tracking(session, ticket_id)
        next_request_has_a_new_key(session)
    except (CheckFailed, WebDriverException) as error:
        failed = os.path.join(screenshots, "failed.png")
        try:
            session.driver.save_screenshot(failed)
        except WebDriverException:
            failed = "none, the browser is gone"
        detail = error.msg if isinstance(error, WebDriverException) else error
        print(f"FAILED: {detail} (screenshot of the page: {failed})", file=sys.stderr)
        return 1
    finally:
        session.close()
    print(json.dumps({"ticket_id": ticket_id, "screenshots": session.saved}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
