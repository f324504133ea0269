/* Reader controls: text size, colour scheme and the 关怀版 layout, remembered between pages (localStorage
   works online and from file://), the citation copy button, the print button and the
   print-only footer (page address and print date). No dependencies, no inline handlers
   (the pages' Content-Security-Policy forbids them). */
(function () {
  "use strict";
  var root = document.documentElement;
  var SETTINGS = {
    "data-gkml-font": { key: "gkml-font", fallback: "0", label: "字号", names: { "0": "标准", "1": "大", "2": "特大" } },
    "data-gkml-scheme": { key: "gkml-scheme", fallback: "default", label: "配色", names: { "default": "默认", "eyecare": "护眼", "contrast": "高对比" } },
    "data-gkml-care": { key: "gkml-care", fallback: "0", label: "版式", names: { "0": "标准版", "1": "关怀版" } }
  };

  function store(key, value) {
    try { localStorage.setItem(key, value); } catch (e) { /* storage blocked: the setting lasts for this page only */ }
  }

  function announce(text) {
    var status = document.querySelector("[data-gkml-status]");
    if (!status) { return; }
    status.textContent = "";
    window.setTimeout(function () { status.textContent = text; }, 50);
  }

  function mark(attr, value) {
    var buttons = document.querySelectorAll("button[" + attr + "]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].setAttribute("aria-pressed", String(buttons[i].getAttribute(attr) === value));
    }
  }

  function apply(attr, value) {
    var setting = SETTINGS[attr];
    if (!Object.prototype.hasOwnProperty.call(setting.names, value)) { value = setting.fallback; }
    if (value === setting.fallback) { root.removeAttribute(attr); } else { root.setAttribute(attr, value); }
    store(setting.key, value);
    mark(attr, value);
    announce(setting.label + "已设为" + setting.names[value]);
  }

  for (var attr in SETTINGS) {
    if (Object.prototype.hasOwnProperty.call(SETTINGS, attr)) {
      mark(attr, root.getAttribute(attr) || SETTINGS[attr].fallback);
    }
  }

  /* Another tab changed a setting: follow it. */
  window.addEventListener("storage", function (event) {
    for (var a in SETTINGS) {
      if (Object.prototype.hasOwnProperty.call(SETTINGS, a) && event.key === SETTINGS[a].key) {
        var v = event.newValue || SETTINGS[a].fallback;
        if (v === SETTINGS[a].fallback) { root.removeAttribute(a); } else { root.setAttribute(a, v); }
        mark(a, v);
      }
    }
  });

  function copy(button) {
    var field = document.getElementById(button.getAttribute("data-copy"));
    if (!field) { return; }
    var status = document.getElementById(button.getAttribute("data-copy") + "-status");
    function say(text) {
      if (status) { status.textContent = text; } else { announce(text); }
    }
    function fallback() {
      field.focus();
      field.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      say(ok ? "已复制到剪贴板" : "已选中引用文字，请按 Ctrl+C（或 ⌘+C）复制");
    }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { say("已复制到剪贴板"); }, fallback);
    } else {
      fallback();
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("button") : null;
    if (!button) { return; }
    if (button.hasAttribute("data-gkml-font")) {
      apply("data-gkml-font", button.getAttribute("data-gkml-font"));
    } else if (button.hasAttribute("data-gkml-scheme")) {
      apply("data-gkml-scheme", button.getAttribute("data-gkml-scheme"));
    } else if (button.hasAttribute("data-gkml-care")) {
      apply("data-gkml-care", button.getAttribute("data-gkml-care"));
    } else if (button.hasAttribute("data-gkml-print")) {
      window.print();
    } else if (button.hasAttribute("data-copy")) {
      copy(button);
    }
  });

  /* Print: a footer with the page's address and the date it was printed. */
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  /* the page's online address: a copy opened from file:// names the site's page (its canonical link) */
  function pageAddress() {
    var canonical = document.querySelector('link[rel="canonical"]');
    return location.protocol === "file:" && canonical ? canonical.href : location.href;
  }
  /* a reader copies it from paper: 检索?q=安全, not q=%E5%AE%89%E5%85%A8; what a sheet shows as nothing or
     turns (a space, a control, a bidi control or mark: %E2%80%AE would print the rest backwards) stays encoded */
  function readable(address) {
    try {
      return decodeURI(address).replace(/[\s\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g,
                                        encodeURIComponent);
    } catch (e) { return address; /* not UTF-8 */ }
  }
  /* Paper cannot be clicked: each attachment and body link that leads off the page carries its whole
     address for print.css to print after it (a relative href alone finds nothing) */
  function linkAddresses() {
    var base = pageAddress();
    var here = base.split("#")[0];
    var found = document.querySelectorAll(".gkml-attachments a[href], .gkml-body a[href]");
    for (var i = 0; i < found.length; i++) {
      var address;
      try { address = new URL(found[i].getAttribute("href"), base).href; } catch (e) { continue; }
      if (!/^https?:/.test(address) || address.split("#")[0] === here) { continue; }
      found[i].setAttribute("data-gkml-address", readable(address));
    }
  }
  var builtLine = null;  /* the build's footer line: where to find the page when it has no online address */
  function printFooter() {
    var footer = document.querySelector(".gkml-print-footer");
    if (!footer) {
      footer = document.createElement("div");
      footer.className = "gkml-print-footer";
      footer.setAttribute("aria-hidden", "true");
      (document.getElementById("gkml-main") || document.body).appendChild(footer);
    }
    if (builtLine === null) { builtLine = footer.textContent; }
    var address = pageAddress();
    /* a file:// address (a copy without site_url) is no use on paper: the build's line says where to look */
    var where = /^https?:/.test(address) || !builtLine ? "本页网址：" + readable(address) : builtLine;
    var now = new Date();
    footer.textContent = where + "　打印日期：" + now.getFullYear() + "年" +
      (now.getMonth() + 1) + "月" + now.getDate() + "日 " + pad(now.getHours()) + ":" + pad(now.getMinutes());
  }
  printFooter();
  linkAddresses();
  window.addEventListener("beforeprint", printFooter);

  /* Paper cannot unfold a <details>: print.css shows a folded one's text where the browser knows
     ::details-content; older browsers get it opened for the print and folded again after. */
  var unfolded = [];
  window.addEventListener("beforeprint", function () {
    var folded = document.querySelectorAll("details:not([open])");
    for (var i = 0; i < folded.length; i++) { folded[i].open = true; unfolded.push(folded[i]); }
  });
  window.addEventListener("afterprint", function () {
    while (unfolded.length) { unfolded.pop().open = false; }
  });
  if (window.matchMedia) {
    var query = window.matchMedia("print");
    var onChange = function (q) { if (q.matches) { printFooter(); } };
    if (query.addEventListener) { query.addEventListener("change", onChange); } else if (query.addListener) { query.addListener(onChange); }
  }
})();
