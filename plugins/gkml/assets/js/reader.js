/* Reader controls: text size and colour scheme, remembered between pages (localStorage
   works online and from file://), and the citation copy button. No dependencies. */
(function () {
  "use strict";
  var root = document.documentElement;

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* private mode: setting lasts for this page only */ }
  }

  function mark(attr, value) {
    var buttons = document.querySelectorAll("button[" + attr + "]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute(attr) === value));
    }
  }

  function apply(attr, key, value, fallback) {
    if (value === fallback) { root.removeAttribute(attr); } else { root.setAttribute(attr, value); }
    store(key, value);
    mark(attr, value);
  }

  mark("data-gkml-font", root.getAttribute("data-gkml-font") || "0");
  mark("data-gkml-scheme", root.getAttribute("data-gkml-scheme") || "default");

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button") : null;
    if (!button) { return; }
    if (button.hasAttribute("data-gkml-font")) {
      apply("data-gkml-font", "gkml-font", button.getAttribute("data-gkml-font"), "0");
    } else if (button.hasAttribute("data-gkml-scheme")) {
      apply("data-gkml-scheme", "gkml-scheme", button.getAttribute("data-gkml-scheme"), "default");
    } else if (button.hasAttribute("data-gkml-print")) {
      window.print();
    } else if (button.hasAttribute("data-copy")) {
      var field = document.getElementById(button.getAttribute("data-copy"));
      field.select();
      var done = function () { button.textContent = "已复制"; };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(done, function () { document.execCommand("copy"); done(); });
      } else {
        document.execCommand("copy");
        done();
      }
    }
  });
})();
