/// The web form's script: the idle → submitting → success | error states, the live message
/// counter, server field errors beside their fields, the submission key (a UUID version 7 per
/// message, sent as `submission_id` with every retry of it), and the "track my request" view.
enum WebFormScript {
    static let javascript = #"""
        (function () {
          "use strict";
          const form = document.getElementById("support-form");
          const submit = document.getElementById("submit");
          const success = document.getElementById("success");
          const message = document.getElementById("message");
          const counter = document.getElementById("message-count");
          const fields = ["name", "email", "phone", "subject", "category", "priority", "message"];
          const base = new URL(".", document.baseURI);

          // The message's key: the same on every retry of it, a new one after each accepted
          // message. Its time is the server's when a refused key showed the device's clock is off.
          let clockOffset = 0;
          function newSubmissionID() {
            const bytes = new Uint8Array(16);
            crypto.getRandomValues(bytes);
            let millis = Date.now() + clockOffset;
            for (let i = 5; i >= 0; i--) { bytes[i] = millis % 256; millis = Math.floor(millis / 256); }
            bytes[6] = 0x70 | (bytes[6] & 0x0f);
            bytes[8] = 0x80 | (bytes[8] & 0x3f);
            const hex = Array.from(bytes, function (b) { return b.toString(16).padStart(2, "0"); }).join("");
            return [hex.slice(0, 8), hex.slice(8, 12), hex.slice(12, 16), hex.slice(16, 20), hex.slice(20)].join("-");
          }
          let submissionID = newSubmissionID();

          function updateCounter() { counter.textContent = message.value.length + " / 1000"; }
          message.addEventListener("input", updateCounter);

          function showErrors(errors, general) {
            fields.forEach(function (name) {
              const input = document.getElementById(name);
              const slot = document.getElementById(name + "-error");
              const text = errors[name] || "";
              slot.textContent = text ? label(name) + " " + text + "." : "";
              if (text) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
            });
            document.getElementById("form-error").textContent = general || "";
            const first = fields.find(function (name) { return errors[name]; });
            if (first) { document.getElementById(first).focus(); }
          }
          function label(name) {
            const text = document.querySelector('label[for="' + name + '"]').firstChild.textContent.trim();
            return text.charAt(0).toUpperCase() + text.slice(1);
          }
          function setSubmitting(on) {
            submit.disabled = on;
            submit.classList.toggle("submitting", on);
            submit.querySelector(".label").textContent = on ? "Sending…" : "Send request";
          }

          form.addEventListener("submit", function (event) {
            event.preventDefault();
            send(false);
          });

          async function send(keyRenewed) {
            const body = { submission_id: submissionID };
            fields.concat(["website"]).forEach(function (name) {
              const value = document.getElementById(name).value;
              if (value !== "") { body[name] = value; }
            });
            showErrors({}, "");
            setSubmitting(true);
            try {
              const response = await fetch(new URL("support/submit", base), {
                method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body)
              });
              const reply = await response.json().catch(function () { return {}; });
              if (response.status === 422 && reply.fields && reply.fields.submission_id && !keyRenewed) {
                // The key is dated outside what the server takes (the device's clock is off, or
                // the page is a day old): a new one on the server's clock, sent once more.
                const served = Date.parse(response.headers.get("Date") || "");
                if (!isNaN(served)) { clockOffset = served - Date.now(); }
                submissionID = newSubmissionID();
                return await send(true);
              }
              if (response.ok) {
                submissionID = newSubmissionID();
                document.getElementById("ticket-id").textContent = reply.ticket_id;
                document.getElementById("eta").textContent = "Expected response time: " + reply.estimated_response_time + ".";
                form.hidden = true;
                success.hidden = false;
                success.focus();
              } else if (response.status === 422 && reply.fields) {
                showErrors(reply.fields, reply.fields.submission_id
                  ? "Please reload the page and send your request again." : "Please correct the highlighted fields.");
              } else if (response.status === 429 || response.status === 503) {
                const wait = response.headers.get("Retry-After");
                showErrors({}, (reply.error || "Please try again shortly") + (wait ? " (retry in " + wait + " s)." : "."));
              } else {
                showErrors({}, reply.error || "Something went wrong. Please try again.");
              }
            } catch (failure) {
              showErrors({}, "We could not reach the server. Check your connection and try again.");
            } finally {
              setSubmitting(false);
            }
          }

          document.getElementById("another").addEventListener("click", function () {
            form.reset();
            updateCounter();
            success.hidden = true;
            form.hidden = false;
            document.getElementById("name").focus();
          });

          const views = { form: document.getElementById("form-view"), track: document.getElementById("track-view") };
          function show(view) {
            views.form.hidden = view !== "form";
            views.track.hidden = view !== "track";
            document.getElementById("show-form").setAttribute("aria-pressed", String(view === "form"));
            document.getElementById("show-track").setAttribute("aria-pressed", String(view === "track"));
          }
          document.getElementById("show-form").addEventListener("click", function () { show("form"); });
          document.getElementById("show-track").addEventListener("click", function () { show("track"); });
          document.getElementById("track-this").addEventListener("click", function () {
            document.getElementById("track-id").value = document.getElementById("ticket-id").textContent;
            show("track");
            track();
          });

          async function track() {
            const id = document.getElementById("track-id").value.trim();
            const error = document.getElementById("track-error");
            const result = document.getElementById("track-result");
            error.textContent = "";
            result.hidden = true;
            if (!id) { error.textContent = "Enter the ticket number from your confirmation."; return; }
            try {
              const response = await fetch(new URL("support/ticket/" + encodeURIComponent(id), base));
              if (response.status === 404) { error.textContent = "We could not find that ticket number."; return; }
              const ticket = await response.json();
              if (!response.ok) { error.textContent = ticket.error || "Please try again shortly."; return; }
              document.getElementById("track-status").textContent = ticket.status;
              const list = document.getElementById("track-messages");
              list.replaceChildren();
              ticket.messages.forEach(function (m) {
                const item = document.createElement("li");
                item.textContent = (m.role === "customer" ? "You" : "Support") + ": " + m.content;
                list.appendChild(item);
              });
              result.hidden = false;
            } catch (failure) {
              error.textContent = "We could not reach the server. Check your connection and try again.";
            }
          }
          document.getElementById("track-form").addEventListener("submit", function (event) { event.preventDefault(); track(); });
        })();
        """#
}
