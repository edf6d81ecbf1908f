// Staff session timeout warning (WCAG 2.2.1): two minutes before a logged-in session would end,
// say so and offer to continue it; typing counts as activity, so text being written is never
// lost to the idle timeout. The server decides (nopsa/sessions.py); this only keeps the user
// informed. Tabs share the time of the last activity through localStorage.
(function () {
  "use strict";
  var box = document.getElementById("session-timeout");
  if (!box) return;
  var idle = Number(box.dataset.idleSeconds) * 1000;
  var warn = Number(box.dataset.warnSeconds) * 1000;
  var absoluteEnd = Date.now() + Number(box.dataset.absoluteSeconds) * 1000;
  var text = box.querySelector("[data-session-text]");
  var keep = box.querySelector("[data-session-continue]");
  var login = box.querySelector("[data-session-login]");
  var KEY = "nopsa-session-seen";
  var lastSeen = 0;
  var lastPing = Date.now();
  var shown = "";

  function touch() {
    lastSeen = Date.now();
    try { window.localStorage.setItem(KEY, String(lastSeen)); } catch (e) { /* private mode */ }
  }
  function seen() {
    var shared = 0;
    try { shared = Number(window.localStorage.getItem(KEY) || 0); } catch (e) { /* private mode */ }
    return Math.max(lastSeen, shared);
  }
  function ping() {
    lastPing = Date.now();
    return fetch(box.dataset.keepaliveUrl, { credentials: "same-origin", redirect: "manual" })
      .then(function (response) {
        if (response.status === 204) { touch(); check(); } else { show("ended"); }
      })
      .catch(function () { /* offline: the next check tells */ });
  }
  function show(state) {
    if (state === shown) return;
    shown = state;
    box.hidden = state === "";
    keep.hidden = state !== "idle";
    login.hidden = state !== "ended";
    // The paragraph is role="alert": a new text is read out once, focus stays where it is.
    text.textContent = state ? box.dataset["text" + state.charAt(0).toUpperCase() + state.slice(1)] : "";
  }
  function check() {
    var now = Date.now();
    var idleEnd = seen() + idle;
    var end = Math.min(idleEnd, absoluteEnd);
    if (now >= end) show("ended");
    else if (end - now <= warn) show(end === absoluteEnd ? "absolute" : "idle");
    else show("");
  }

  touch();
  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful) touch();
  });
  // Typing sends nothing to the server: tell it now and then that the user is there.
  document.addEventListener("input", function () {
    if (shown !== "ended" && Date.now() - lastPing > 5 * 60 * 1000) ping();
  });
  keep.addEventListener("click", ping);
  window.setInterval(check, 5000);
})();
