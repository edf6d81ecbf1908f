// Cases pages: progressive enhancement only (the forms work without it).
(function () {
  "use strict";
  // Removing a whole case, path or map asks first.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (form.matches && form.matches("form[data-confirm]")) {
      if (!window.confirm(form.getAttribute("data-confirm"))) event.preventDefault();
    }
  });
})();
