/// The web form's stylesheet: system fonts, visible focus, works in narrow iframes.
enum WebFormStyle {
    static let css = #"""
        :root { --accent: #2457d6; --error: #b3261e; --muted: #5f6368; font-family: system-ui, sans-serif; }
        body { margin: 0; background: #f6f7f9; color: #1f1f1f; }
        main { max-width: 40rem; margin: 0 auto; padding: 1.5rem; }
        nav { display: flex; gap: .5rem; margin-bottom: 1rem; }
        nav button[aria-pressed="true"] { background: var(--accent); color: #fff; }
        h1 { font-size: 1.5rem; }
        .field { display: flex; flex-direction: column; margin-bottom: .9rem; flex: 1; }
        .row { display: flex; gap: 1rem; flex-wrap: wrap; }
        label { font-weight: 600; margin-bottom: .25rem; }
        .optional, .hint { color: var(--muted); font-weight: 400; font-size: .875rem; margin: .2rem 0 0; }
        input, select, textarea { font: inherit; padding: .55rem; border: 1px solid #9aa0a6; border-radius: .375rem; background: #fff; }
        input:focus, select:focus, textarea:focus, button:focus { outline: 3px solid #9bb6f5; outline-offset: 1px; }
        [aria-invalid="true"] { border-color: var(--error); }
        .error { color: var(--error); font-size: .875rem; margin: .2rem 0 0; min-height: 0; }
        .error:empty { display: none; }
        button { font: inherit; padding: .6rem 1.1rem; border-radius: .375rem; border: 1px solid var(--accent); background: #fff; color: var(--accent); cursor: pointer; }
        button[type="submit"] { background: var(--accent); color: #fff; }
        button:disabled { opacity: .6; cursor: progress; }
        .spinner { display: none; width: 1em; height: 1em; margin-right: .5em; vertical-align: -.15em; border: 2px solid #fff; border-right-color: transparent; border-radius: 50%; animation: spin .8s linear infinite; }
        .submitting .spinner { display: inline-block; }
        @keyframes spin { to { transform: rotate(360deg); } }
        .panel { background: #fff; border: 1px solid #dadce0; border-radius: .5rem; padding: 1rem 1.25rem; }
        #success, #track-result { margin-top: 1rem; }
        #form-error { margin-bottom: .75rem; }
        .trap { position: absolute; left: -10000px; width: 1px; height: 1px; overflow: hidden; }
        #track-messages { padding-left: 1.2rem; }
        #track-messages li { margin-bottom: .6rem; white-space: pre-wrap; }
        """#
}
