/* The search page in a browser older than gkml-search.js's syntax: its patterns' \p{...} (Chromium
   before 64: Chrome 49, the last on Windows XP, and old 360 and QQ browser cores) make the whole
   script a syntax error, so it never shows its note that the browser is too old. Loaded after it,
   in syntax every browser reads: the note is shown unless gkml-search.js ran. */
(function () {
  "use strict";
  if (window.GKML_SEARCH_RAN || !document.querySelector) { return; }
  var note = document.querySelector("[data-gkml-unsupported]");
  if (note) { note.removeAttribute("hidden"); }
})();
