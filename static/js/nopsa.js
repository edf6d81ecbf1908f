// Nopsa's own script: progressive enhancement only. Every page works without it.
(function () {
  "use strict";

  document.documentElement.classList.add("js");

  // Polite announcements for screen readers, sent by the server with HX-Trigger.
  document.body.addEventListener("nopsa:announce", function (event) {
    var region = document.getElementById("announcer");
    if (!region) return;
    var message = event.detail.message;
    // A repeated message must still change the region to be read out again.
    region.textContent = region.textContent === message ? message + "\u00a0" : message;
  });

  // Keep keyboard focus where the user was working after a fragment is swapped.
  document.body.addEventListener("nopsa:focus", function (event) {
    var element = document.getElementById(event.detail.id);
    if (element) {
      if (!element.hasAttribute("tabindex") && !element.matches("a, button, input, select, textarea")) {
        element.setAttribute("tabindex", "-1");
      }
      element.focus();
    }
  });

  // Cancel buttons of inline editors reload the fragment they came from.
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") return;
    var cancel = event.target.closest && event.target.closest("[data-inline-editor]");
    if (cancel) {
      var link = cancel.querySelector("[data-cancel]");
      if (link) link.click();
    }
  });
})();
