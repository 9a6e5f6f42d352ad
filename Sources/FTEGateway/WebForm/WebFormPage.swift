/// The web support form served at `GET /`: one self-contained page (HTML, CSS and plain
/// JavaScript, no framework), embeddable in an iframe. It posts JSON to `/support/submit`,
/// shows the server's field errors beside the fields, and has a "track my request" view that
/// reads `/support/ticket/{id}`. Without JavaScript the fields still validate in the browser.
enum WebFormPage {
    static let html = #"""
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>Contact support</title>
        <style>
        \#(WebFormStyle.css)
        </style>
        </head>
        <body>
        <main>
          <nav aria-label="Support views">
            <button type="button" id="show-form" aria-pressed="true">New request</button>
            <button type="button" id="show-track" aria-pressed="false">Track my request</button>
          </nav>

          <section id="form-view" aria-labelledby="form-title">
            <h1 id="form-title">How can we help?</h1>
            <form id="support-form" novalidate>
              <div class="field">
                <label for="name">Your name</label>
                <input id="name" name="name" autocomplete="name" required minlength="2" maxlength="100" aria-describedby="name-error">
                <p class="error" id="name-error" role="alert"></p>
              </div>
              <div class="field">
                <label for="email">E-mail</label>
                <input id="email" name="email" type="email" autocomplete="email" required aria-describedby="email-error">
                <p class="error" id="email-error" role="alert"></p>
              </div>
              <div class="field">
                <label for="phone">WhatsApp number <span class="optional">(optional, e.g. +14155550100)</span></label>
                <input id="phone" name="phone" type="tel" autocomplete="tel" aria-describedby="phone-error">
                <p class="error" id="phone-error" role="alert"></p>
              </div>
              <div class="field">
                <label for="subject">Subject</label>
                <input id="subject" name="subject" required minlength="5" maxlength="200" aria-describedby="subject-error">
                <p class="error" id="subject-error" role="alert"></p>
              </div>
              <div class="row">
                <div class="field">
                  <label for="category">Category</label>
                  <select id="category" name="category" required aria-describedby="category-error">
                    <option value="">Choose…</option>
                    <option value="general">General question</option>
                    <option value="technical">Technical support</option>
                    <option value="billing">Billing</option>
                    <option value="bug_report">Bug report</option>
                    <option value="feedback">Feedback</option>
                  </select>
                  <p class="error" id="category-error" role="alert"></p>
                </div>
                <div class="field">
                  <label for="priority">Priority</label>
                  <select id="priority" name="priority" aria-describedby="priority-error">
                    <option value="low">Low</option>
                    <option value="medium" selected>Medium</option>
                    <option value="high">High</option>
                  </select>
                  <p class="error" id="priority-error" role="alert"></p>
                </div>
              </div>
              <div class="field">
                <label for="message">Message</label>
                <textarea id="message" name="message" rows="6" required minlength="10" maxlength="1000" aria-describedby="message-count message-error"></textarea>
                <p class="hint" id="message-count" aria-live="polite">0 / 1000</p>
                <p class="error" id="message-error" role="alert"></p>
              </div>
              <div class="trap" aria-hidden="true">
                <label for="website">Leave this empty</label>
                <input id="website" name="website" tabindex="-1" autocomplete="off">
              </div>
              <p class="error" id="form-error" role="alert"></p>
              <button type="submit" id="submit"><span class="spinner" aria-hidden="true"></span><span class="label">Send request</span></button>
            </form>
            <div id="success" class="panel" hidden tabindex="-1">
              <h2>Thank you, we have your request</h2>
              <p>Your ticket number is <strong id="ticket-id"></strong>.</p>
              <p id="eta"></p>
              <button type="button" id="track-this">Track this request</button>
              <button type="button" id="another">Submit another request</button>
            </div>
          </section>

          <section id="track-view" aria-labelledby="track-title" hidden>
            <h1 id="track-title">Track my request</h1>
            <form id="track-form">
              <div class="field">
                <label for="track-id">Ticket number</label>
                <input id="track-id" name="ticket" required aria-describedby="track-error">
                <p class="error" id="track-error" role="alert"></p>
              </div>
              <button type="submit">Show status</button>
            </form>
            <div id="track-result" class="panel" hidden aria-live="polite">
              <p>Status: <strong id="track-status"></strong></p>
              <ol id="track-messages"></ol>
            </div>
          </section>
        </main>
        <script>
        \#(WebFormScript.javascript)
        </script>
        </body>
        </html>
        """#
}
