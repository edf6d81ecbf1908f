// Live workshop screens: apply note upserts from polls, count the timer down, ride out a
// lost connection.
// Everything the server sends is plain HTML; this file only places it.
(function () {
  "use strict";

  var newNotes = 0;
  var announceTimer = null;
  var lastSaid = 0;
  var announcer = document.getElementById("announcer");
  if (announcer && window.MutationObserver) {
    new MutationObserver(function () { lastSaid = Date.now(); }).observe(announcer, {
      childList: true, characterData: true, subtree: true
    });
  }

  // Never over something said a moment ago (a new step, the answer to the user's own
  // action): the count waits until that has been read.
  function announceNewNotes() {
    if (newNotes && Date.now() - lastSaid < 3000) {
      announceTimer = window.setTimeout(announceNewNotes, 3000);
      return;
    }
    var texts = document.getElementById("live-texts");
    var template = (texts && texts.dataset.newNotes) || "New notes: {n}";
    if (announcer && newNotes) announcer.textContent = template.replace("{n}", newNotes);
    newNotes = 0;
    announceTimer = null;
  }

  function applyTemplates(root) {
    root.querySelectorAll("template[data-upsert]").forEach(function (tpl) {
      var list = document.getElementById(tpl.dataset.upsert);
      if (list) {
        Array.prototype.slice.call(tpl.content.children).forEach(function (item) {
          var existing = item.id ? document.getElementById(item.id) : null;
          if (existing) {
            // Do not overwrite a note that its author is editing right now.
            if (!existing.classList.contains("note--editing")) existing.replaceWith(item);
          } else {
            list.appendChild(item);
            newNotes += 1;
          }
          if (window.htmx) window.htmx.process(item);
        });
      }
      tpl.remove();
    });
    root.querySelectorAll("template[data-remove]").forEach(function (tpl) {
      tpl.dataset.remove.split(" ").forEach(function (id) {
        var element = id && document.getElementById(id);
        if (element) element.remove();
      });
      tpl.remove();
    });
    // Counts shown beside a list follow it ("Notes (3)" in the cockpit).
    document.querySelectorAll("[data-count-of]").forEach(function (counter) {
      var list = document.getElementById(counter.dataset.countOf);
      if (list) counter.textContent = String(list.children.length);
    });
    if (newNotes && !announceTimer) {
      // Tell screen-reader users about new notes now and then, never on every poll.
      announceTimer = window.setTimeout(announceNewNotes, 8000);
    }
  }

  // A new step (or the workshop's end) is announced: notes still waiting to be counted
  // belong to the step that was left and are not announced on the new one.
  document.body.addEventListener("nopsa:announce", function (event) {
    if (!event.detail || !event.detail.step) return;
    newNotes = 0;
    if (announceTimer) window.clearTimeout(announceTimer);
    announceTimer = null;
  });

  document.body.addEventListener("htmx:afterSettle", function () {
    applyTemplates(document);
  });

  document.body.addEventListener("nopsa:note-sent", function () {
    var textarea = document.querySelector("#note-form-region textarea");
    if (textarea) {
      textarea.value = "";
      textarea.focus();
    }
  });

  // Themes: ticks and a typed theme name are kept over polls; a done grouping clears what it
  // grouped (what was ticked or typed while it was on its way stays).
  document.body.addEventListener("nopsa:grouped", function (event) {
    var detail = event.detail || {};
    var grouped = detail.notes || [];
    document.querySelectorAll('input[name="notes"]').forEach(function (box) {
      if (grouped.indexOf(box.value) !== -1) box.checked = false;
    });
    var name = document.getElementById("group-name");
    if (name && name.value.trim() === (detail.name || "")) name.value = "";
  });

  // A user's own action is answered before a poll may redraw around it. A redraw while the
  // action is on its way would replace the form it came from, and htmx then drops the answer
  // on the floor: its message, its error, the clearing of what was sent. So a poll that began
  // before the latest action was answered is not drawn; the answer asks for a fresh poll
  // (nopsa:poll-now), and a poll not drawn leaves its marker, so nothing is missed. An action
  // that hangs holds the redraws back for ACTION_HOLD_MS at most.
  var ACTION_HOLD_MS = 10000;
  var actionsOnTheirWay = [];  // when each was sent
  var actionsAnswered = 0;

  function holdingRedraws() {
    var now = Date.now();
    return actionsOnTheirWay.some(function (sentAt) { return now - sentAt < ACTION_HOLD_MS; });
  }

  // beforeSend: only requests that really go out (a cancelled one would hold polls back).
  document.body.addEventListener("htmx:beforeSend", function (event) {
    var detail = event.detail || {};
    var xhr = detail.xhr;
    if (!xhr || !detail.elt) return;
    if (detail.elt.id === "live-poller") {
      xhr.nopsaAnsweredBefore = actionsAnswered;
      return;
    }
    var sentAt = Date.now();
    actionsOnTheirWay.push(sentAt);
    // readyState 4 (reached once) comes before htmx reads the answer, so the poll that the
    // answer asks for already counts as begun after it.
    xhr.addEventListener("readystatechange", function () {
      if (xhr.readyState !== 4) return;
      actionsOnTheirWay.splice(actionsOnTheirWay.indexOf(sentAt), 1);
      actionsAnswered += 1;
    });
  });

  document.body.addEventListener("htmx:beforeSwap", function (event) {
    var detail = event.detail || {};
    var xhr = detail.xhr;
    var source = (detail.requestConfig && detail.requestConfig.elt) || detail.elt;
    if (!xhr || !source || source.id !== "live-poller") return;
    if (holdingRedraws() || xhr.nopsaAnsweredBefore !== actionsAnswered) {
      detail.shouldSwap = false;
    }
  });

  // Connection: when a poll or a post fails (no network, or the server answers 5xx while, say,
  // the database restarts), say so politely, poll less often for a while, and recover by
  // itself. htmx swaps nothing on an error, so what was typed stays in its field; a note form
  // that failed is sent again once the server answers (the same client id: never twice).
  var failures = 0;
  var nextTryAt = 0;
  var resendFormId = null;
  var MAX_BACKOFF_MS = 15000;

  function pollInterval() {
    var poller = document.getElementById("live-poller");
    var match = poller && /every (\d+)ms/.exec(poller.getAttribute("hx-trigger") || "");
    return match ? Number(match[1]) : 1000;
  }

  function setConnectionStatus(key) {
    var region = document.getElementById("connection-status");
    if (!region) return;
    var text = key ? region.dataset[key] || "" : "";
    if (region.textContent !== text) region.textContent = text;
    region.classList.toggle("connection-status--lost", key === "lost");
  }

  function isConnectionFailure(event) {
    if (event.type === "htmx:sendError" || event.type === "htmx:timeout") return true;
    var xhr = event.detail && event.detail.xhr;
    return Boolean(xhr) && (xhr.status === 0 || xhr.status >= 500);
  }

  function connectionLost(event) {
    if (!isConnectionFailure(event)) return;
    failures += 1;
    nextTryAt = Date.now() + Math.min(MAX_BACKOFF_MS, pollInterval() * Math.pow(2, failures - 1));
    var form = event.detail && event.detail.elt && event.detail.elt.closest
      ? event.detail.elt.closest("form[data-resend]") : null;
    if (form && form.id) resendFormId = form.id;
    setConnectionStatus("lost");
  }

  ["htmx:sendError", "htmx:timeout", "htmx:responseError"].forEach(function (name) {
    document.body.addEventListener(name, connectionLost);
  });

  // While backing off, polls are skipped (a user's own post is never held back).
  document.body.addEventListener("htmx:beforeRequest", function (event) {
    var elt = event.detail && event.detail.elt;
    if (failures && elt && elt.id === "live-poller" && Date.now() < nextTryAt) {
      event.preventDefault();
    }
  });

  document.body.addEventListener("htmx:afterRequest", function (event) {
    if (!failures || !event.detail || !event.detail.successful) return;
    failures = 0;
    nextTryAt = 0;
    setConnectionStatus("back");
    window.setTimeout(function () { if (!failures) setConnectionStatus(null); }, 6000);
    var form = resendFormId && document.getElementById(resendFormId);
    resendFormId = null;
    if (form && window.htmx) window.htmx.trigger(form, "submit");
  });

  // Timer: the server keeps the end time; the browser only counts down to it.
  function pad(n) { return (n < 10 ? "0" : "") + n; }
  function format(seconds) {
    var h = Math.floor(seconds / 3600), m = Math.floor((seconds % 3600) / 60), s = seconds % 60;
    return h ? h + ":" + pad(m) + ":" + pad(s) : m + ":" + pad(s);
  }
  function tick() {
    document.querySelectorAll(".timer[data-ends-at]").forEach(function (timer) {
      var ends = timer.dataset.endsAt;
      var value = timer.querySelector(".timer__value");
      if (!ends || !value) return;
      if (!timer.dataset.skew) {
        timer.dataset.skew = String(Date.parse(timer.dataset.serverNow) - Date.now());
      }
      var now = Date.now() + Number(timer.dataset.skew || 0);
      var left = Math.max(0, Math.round((Date.parse(ends) - now) / 1000));
      value.textContent = format(left);
      timer.classList.toggle("timer--over", left === 0);
    });
  }
  window.setInterval(tick, 1000);
  document.addEventListener("DOMContentLoaded", function () { applyTemplates(document); tick(); });
})();
